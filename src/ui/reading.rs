//! A read-only page of a step (e.g. therapy approaches explained), scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme;
use crate::app::{App, Laid};

pub fn render(
    app: &App,
    step: usize,
    exercise: usize,
    scroll: u16,
    frame: &mut Frame,
    area: Rect,
) -> Laid {
    super::page(
        frame,
        area,
        &page_lines(app, step, exercise, area.width),
        scroll,
    )
}

pub fn page_lines(app: &App, step: usize, exercise: usize, width: u16) -> Vec<Line<'static>> {
    let Some(ex) = app.content.exercise_at(step, exercise) else {
        return vec![];
    };
    let mut lines = vec![Line::from(Span::styled(ex.title.clone(), theme::heading()))];
    for l in super::wrap(&ex.purpose, width) {
        lines.push(Line::from(Span::styled(l, theme::dim())));
    }
    lines.push(Line::default());
    // A line starting with "## " is a small heading; the rest is reflowed prose.
    for block in ex.reading.split("\n\n") {
        if let Some(heading) = block.trim().strip_prefix("## ") {
            lines.push(Line::from(Span::styled(
                heading.to_string(),
                theme::heading(),
            )));
        } else {
            lines.extend(
                super::wrap(&super::reflow(block), width)
                    .into_iter()
                    .map(Line::from),
            );
            lines.push(Line::default());
        }
    }
    for l in super::wrap(&ex.about, width) {
        lines.push(Line::from(Span::styled(l, theme::dim())));
    }
    lines
}
