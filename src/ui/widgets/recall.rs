//! A recall: an earlier answer shown read-only, so it stays in view. What doesn't
//! fit is never dropped silently: the last row says how much more there is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::ui::theme;

/// `text` is None while nothing has been written there yet.
pub fn render(frame: &mut Frame, area: Rect, title: &str, text: Option<&str>) {
    let block = Block::bordered()
        .border_style(theme::dim())
        .title(format!(" {title} "));
    let inner = block.inner(area);
    let mut body: Vec<Line> = match text {
        Some(text) if !text.trim().is_empty() => crate::ui::wrap(text, inner.width)
            .into_iter()
            .map(Line::from)
            .collect(),
        _ => crate::ui::wrap(
            "Nothing was written there yet. That's fine; go on whenever you like.",
            inner.width,
        )
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme::dim())))
        .collect(),
    };
    let room = usize::from(inner.height);
    if body.len() > room && room > 0 {
        let hidden = body.len() - (room - 1);
        body.truncate(room - 1);
        body.push(Line::from(Span::styled(
            format!("… +{hidden} more lines"),
            theme::dim(),
        )));
    }
    frame.render_widget(Paragraph::new(body).block(block), area);
}

/// How many rows a recall of `text` needs inside its border at `width`.
pub fn rows(text: Option<&str>, width: u16) -> usize {
    crate::ui::wrap(text.unwrap_or(" "), width.saturating_sub(2)).len()
}
