//! Rating again each feeling named earlier: the feelings, each with its first
//! strength and the new one (and the change), and a scale for the one selected.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

use super::cursor_list;
use super::scale::Scale;
use crate::app::Msg;
use crate::app::answer::rerate::RerateDraft;
use crate::content::ScaleSpec;
use crate::journal::{Felt, difference};
use crate::keys::{self, Context};
use crate::ui::theme;

/// `rows` are the feelings named in the earlier prompt, as it stands.
pub fn render(frame: &mut Frame, area: Rect, spec: &ScaleSpec, rows: &[Felt], draft: &RerateDraft) {
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(
                    "No feeling was named earlier, so there is nothing to rate again. {} goes back to name one; {} skips this.",
                    keys::label(Context::Rerate, &Msg::PrevPrompt),
                    keys::label(Context::Rerate, &Msg::NextPrompt),
                ),
                theme::dim(),
            ))
            .wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let cursor = draft.cursor.min(rows.len() - 1);
    // The list takes what it needs, up to half the room; the scale keeps four rows.
    let list_rows = u16::try_from(rows.len())
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(6).max(1));
    let [list, _, ask, scale] = Layout::vertical([
        Constraint::Length(list_rows),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let items = rows
        .iter()
        .map(|f| ListItem::new(Line::from(row(f, draft.rating(f), spec.max))))
        .collect();
    cursor_list(frame, list, items, Some(cursor));
    let selected = &rows[cursor];
    // What Enter does, which the status bar has no room for.
    let enter = keys::label(Context::Rerate, &Msg::Open);
    let aside = if cursor + 1 < rows.len() {
        format!("  {enter}: next feeling.")
    } else {
        format!("  {enter} goes on.")
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!("How strong is {} now?", selected.name()),
                theme::heading(),
            ),
            Span::styled(aside, theme::dim()),
        ])),
        ask,
    );
    frame.render_widget(
        Scale {
            spec,
            value: draft.rating(selected),
            before: selected.intensity,
        },
        scale,
    );
}

/// "anxious   first 7 of 10 · now 4 (−3)"
fn row(felt: &Felt, now: Option<i64>, max: i64) -> Vec<Span<'static>> {
    let first = match felt.intensity {
        Some(i) => format!("first {i} of {max}"),
        None => "first not rated".to_string(),
    };
    let now = match (felt.intensity, now) {
        (Some(b), Some(a)) => Span::styled(
            format!(" · now {a} ({})", difference(b, a)),
            theme::accent(),
        ),
        (None, Some(a)) => Span::styled(format!(" · now {a}"), theme::accent()),
        (_, None) => Span::styled(" · now not set".to_string(), theme::dim()),
    };
    vec![
        Span::raw(format!("{}  ", felt.name())),
        Span::styled(first, theme::dim()),
        now,
    ]
}
