//! Choice and checklist widgets: a list of options with a cursor and marks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::ListItem;

use super::{cursor_list, line_editor};
use crate::app::answer::choice::ChoiceDraft;
use crate::app::answer::multi::MultiDraft;

pub fn render_choice(frame: &mut Frame, area: Rect, options: &[String], draft: &ChoiceDraft) {
    let rows = options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            ListItem::new(format!(
                "{} {o}",
                if draft.chosen == Some(i) {
                    "(•)"
                } else {
                    "( )"
                }
            ))
        })
        .collect();
    cursor_list(frame, area, rows, Some(draft.cursor));
}

/// A checklist, and its "something else" line; returns that line's size when typing in it.
pub fn render_multi(
    frame: &mut Frame,
    area: Rect,
    options: &[String],
    draft: &MultiDraft,
) -> Option<(u16, u16)> {
    let (list_area, other_area) = match &draft.other {
        Some(_) => {
            let [list, other] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(area);
            (list, Some(other))
        }
        None => (area, None),
    };
    // A row longer than the list is cut with "…" (past the cursor's mark).
    let room = usize::from(list_area.width).saturating_sub(2);
    let row = |t: bool, text: &str| {
        let mark = if t { "[x]" } else { "[ ]" };
        ListItem::new(crate::ui::truncate(&format!("{mark} {text}"), room))
    };
    let rows = options
        .iter()
        .zip(&draft.ticked)
        .map(|(o, t)| row(*t, o))
        .chain(draft.own.iter().map(|(item, t)| row(*t, item)))
        .collect();
    let cursor = (!draft.on_other()).then_some(draft.cursor);
    cursor_list(frame, list_area, rows, cursor);
    if let (Some(editor), Some(area)) = (&draft.other, other_area) {
        let key = |context, msg| crate::keys::label(context, &msg);
        let title = if draft.on_other() {
            &format!(
                "Something else: {} adds it to the list",
                key(crate::keys::Context::MultiOther, crate::app::Msg::Add)
            )
        } else {
            &format!(
                "Something {}: {} to write",
                if draft.own.is_empty() { "else" } else { "more" },
                key(crate::keys::Context::Multi, crate::app::Msg::Down)
            )
        };
        let size = line_editor(frame, area, editor, title, draft.on_other());
        return draft.on_other().then_some(size);
    }
    None
}
