//! One saved entry: every prompt with its answer, scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::App;
use crate::journal::Entry;

pub fn render(app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    let Some(entry) = &app.entry else {
        frame.render_widget(Paragraph::new(Span::styled("Opening…", theme::dim())), area);
        return;
    };
    let lines = page_lines(app, entry, area.width);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}

/// Rows of a page that scrolls inside the body.
pub fn page_height(body: Rect) -> u16 {
    body.height
}

/// The whole entry, wrapped to `width`: the view draws it and the App clamps its
/// scroll with the same lines, so the two always agree.
pub fn page_lines(app: &App, entry: &Entry, width: u16) -> Vec<Line<'static>> {
    let step = app
        .content
        .step(&entry.step_id)
        .map(|s| format!("Step {} · {}", s.number, s.title))
        .unwrap_or_default();
    let mut lines = vec![
        Line::from(Span::styled(entry.exercise_title.clone(), theme::heading())),
        Line::from(Span::styled(step, theme::dim())),
        Line::from(Span::styled(
            entry.created_at.format("%A %-d %B %Y, %H:%M").to_string(),
            theme::dim(),
        )),
    ];
    for answer in &entry.answers {
        lines.push(Line::default());
        for l in super::wrap(&answer.label, width) {
            lines.push(Line::from(Span::styled(l, theme::heading())));
        }
        lines.extend(super::answer::lines(answer, &entry.answers, width));
    }
    lines
}
