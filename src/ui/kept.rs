//! Drafts kept without being opened (their exercise is not in this content pack, or
//! another draft of it is in progress): a list, and one draft read in full.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph, Wrap};

use super::theme;
use super::widgets::cursor_list;
use crate::app::{App, Laid};
use crate::session::SavedDraft;

pub fn render_list(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let [head, note, _, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled("Drafts kept for you", theme::heading())),
        head,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            "These drafts can't be opened as exercises here, so attune keeps them as they \
             are. Read them, export them, or discard one you no longer want.",
            theme::dim(),
        ))
        .wrap(Wrap { trim: true }),
        note,
    );
    if app.kept.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("No drafts are kept here now.", theme::dim())),
            list,
        );
        return;
    }
    let width = usize::from(list.width.saturating_sub(2));
    let items = app
        .kept
        .iter()
        .map(|d| {
            let text = format!("{}  ·  {}", title(app, d), first_words(d));
            ListItem::new(super::truncate(&text, width))
        })
        .collect();
    cursor_list(frame, list, items, Some(selected));
}

pub fn render_draft(app: &App, index: usize, scroll: u16, frame: &mut Frame, area: Rect) -> Laid {
    let Some(draft) = app.kept.get(index) else {
        return Laid::default();
    };
    let key = super::memo_key(("kept", index, area.width, fingerprint(draft)));
    let lines = super::page_memo(key, || page_lines(app, draft, area.width));
    super::page(frame, area, &lines, scroll)
}

/// The whole draft wrapped to `width` (the App clamps its scroll with the same lines).
pub fn page_lines(app: &App, draft: &SavedDraft, width: u16) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(Span::styled(title(app, draft), theme::heading())),
        Line::from(Span::styled(where_from(app, draft), theme::dim())),
    ];
    let exercise = app
        .content
        .exercise(&draft.step_id, &draft.exercise_id)
        .map(|(_, e)| e);
    for (id, answer) in &draft.answers {
        let label = exercise
            .and_then(|e| e.prompts.iter().find(|p| &p.id == id))
            .map_or(id.as_str(), |p| p.label.as_str());
        lines.push(Line::default());
        for l in super::wrap(label, width) {
            lines.push(Line::from(Span::styled(l, theme::heading())));
        }
        for l in super::wrap(&answer.words(), width) {
            lines.push(Line::from(l));
        }
    }
    lines
}

/// What tells one kept draft from another, without reading all its words: ids, and
/// each answer's kind and size (a text's length, its first and last characters).
fn fingerprint(draft: &SavedDraft) -> u64 {
    use crate::session::SavedAnswer;
    let parts: Vec<(&str, usize, Option<char>, Option<char>)> = draft
        .answers
        .iter()
        .map(|(id, a)| match a {
            SavedAnswer::Text { text, .. } => (
                id.as_str(),
                text.len(),
                text.chars().next(),
                text.chars().next_back(),
            ),
            other => (id.as_str(), other.words().len(), None, None),
        })
        .collect();
    super::memo_key((&draft.step_id, &draft.exercise_id, draft.editing, parts))
}

fn title(app: &App, draft: &SavedDraft) -> String {
    app.content
        .exercise(&draft.step_id, &draft.exercise_id)
        .map_or_else(|| draft.exercise_id.clone(), |(_, e)| e.title.clone())
}

fn where_from(app: &App, draft: &SavedDraft) -> String {
    match app.content.exercise(&draft.step_id, &draft.exercise_id) {
        Some((step, _)) => format!(
            "A second draft of this exercise, from {}. {} carries it on once the other is saved.",
            step.label(),
            crate::keys::label(crate::keys::Context::KeptDraft, &crate::app::Msg::Continue)
        ),
        None => format!(
            "From \"{}\" in step \"{}\", which this content pack doesn't have.",
            draft.exercise_id, draft.step_id
        ),
    }
}

fn first_words(draft: &SavedDraft) -> String {
    draft
        .answers
        .values()
        .map(|a| a.words())
        .find(|w| !w.trim().is_empty())
        .map(|w| w.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "(nothing written yet)".to_string())
}
