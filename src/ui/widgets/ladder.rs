//! The ladder: ordered items with their own ratings; or, while one is being
//! written, a small form with a field per line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{cursor_list, line_editor};
use crate::app::Msg;
use crate::app::answer::ladder::{LadderDraft, LadderEdit};
use crate::content::LadderSpec;
use crate::ui::theme;

/// The ladder, or the form of the item being written (returning its field's size).
pub fn render(
    frame: &mut Frame,
    area: Rect,
    spec: &LadderSpec,
    draft: &LadderDraft,
) -> Option<(u16, u16)> {
    if let Some(edit) = &draft.editing {
        return Some(form(frame, area, spec, edit));
    }
    let [list, _, legend] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(area);
    if draft.items.is_empty() {
        let text = format!(
            "No {}s yet. Press {} (or {}) to add the first one.",
            spec.item,
            key(&Msg::Add),
            key(&Msg::Open)
        );
        frame.render_widget(Paragraph::new(Span::styled(text, theme::dim())), list);
    } else {
        let width = usize::from(list.width.saturating_sub(2));
        let rows = draft
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let rating = item
                    .rating
                    .map_or_else(|| "not rated".to_string(), |r| format!("{r}"));
                let head = format!("{:>2}. {}", i + 1, item.text);
                let gap = width.saturating_sub(head.width() + rating.width()).max(2);
                let mut lines = vec![Line::from(format!("{head}{}{rating}", " ".repeat(gap)))];
                let extra: Vec<String> = spec
                    .fields
                    .iter()
                    .zip(&item.fields)
                    .filter(|(_, v)| !v.trim().is_empty())
                    .map(|(n, v)| format!("{n}: {v}"))
                    .collect();
                if !extra.is_empty() {
                    lines.push(Line::from(Span::styled(
                        format!("    {}", extra.join(" · ")),
                        theme::dim(),
                    )));
                }
                ListItem::new(lines)
            })
            .collect();
        cursor_list(frame, list, rows, Some(draft.cursor));
    }
    let r = &spec.rating;
    let legend_text = vec![
        Line::from(Span::styled(
            format!(
                "Rating: {} = {}, {} = {}.",
                r.min, r.min_label, r.max, r.max_label
            ),
            theme::dim(),
        )),
        Line::from(Span::styled(
            format!(
                "{}{} or {} rate · {}/{} move · {} delete",
                key(&Msg::Decrease),
                key(&Msg::Increase),
                key(&Msg::Digit(0)),
                key(&Msg::MoveUp),
                key(&Msg::MoveDown),
                key(&Msg::Delete)
            ),
            theme::dim(),
        )),
    ];
    frame.render_widget(Paragraph::new(legend_text), legend);
    None
}

/// The form for one item; returns the size of the field being typed in.
fn key(msg: &Msg) -> String {
    crate::keys::label(crate::keys::Context::Ladder, msg)
}

fn form(frame: &mut Frame, area: Rect, spec: &LadderSpec, edit: &LadderEdit) -> (u16, u16) {
    let title = match edit.index {
        Some(i) => format!("Editing {} {}", spec.item, i + 1),
        None => format!("A new {}", spec.item),
    };
    let mut constraints = vec![Constraint::Length(1)];
    constraints.extend(edit.inputs.iter().map(|_| Constraint::Length(3)));
    constraints.push(Constraint::Fill(1));
    let rows = Layout::vertical(constraints).split(area);
    let mut typing = (0, 0);
    frame.render_widget(
        Paragraph::new(Span::styled(title, crate::ui::theme::heading())),
        rows[0],
    );
    for (i, input) in edit.inputs.iter().enumerate() {
        let name = if i == 0 {
            spec.item.clone()
        } else {
            spec.fields.get(i - 1).cloned().unwrap_or_default()
        };
        let size = line_editor(frame, rows[i + 1], input, &name, i == edit.field);
        if i == edit.field {
            typing = size;
        }
    }
    typing
}
