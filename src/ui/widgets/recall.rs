//! A recall: an earlier answer shown read-only, so it stays in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::ui::theme;

/// `text` is None while nothing has been written there yet.
pub fn render(frame: &mut Frame, area: Rect, title: &str, text: Option<&str>) {
    let block = Block::bordered()
        .border_style(theme::dim())
        .title(format!(" {title} "));
    let body: Vec<Line> = match text {
        Some(text) if !text.trim().is_empty() => text
            .split('\n')
            .map(|l| Line::from(l.to_string()))
            .collect(),
        _ => vec![Line::from(Span::styled(
            "Nothing was written there yet. That's fine; go on whenever you like.",
            theme::dim(),
        ))],
    };
    frame.render_widget(
        Paragraph::new(body).block(block).wrap(Wrap { trim: false }),
        area,
    );
}
