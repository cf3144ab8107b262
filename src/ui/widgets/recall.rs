//! A recall: an earlier answer shown read-only, so it stays in view. What doesn't
//! fit is never dropped silently: the last row says how much more there is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::{Laid, Msg};
use crate::keys::{self, Context};
use crate::ui::theme;

/// The recall in view above the next answer. `text` is None while nothing has been
/// written there yet. `on_page_before`: the whole of it is on the page just before
/// (a recall prompt's), not on the prompts it came from.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    text: Option<&str>,
    on_page_before: bool,
) {
    let block = Block::bordered()
        .border_style(theme::dim())
        .title(format!(" {title} "));
    let inner = block.inner(area);
    let mut body = lines(text, inner.width);
    let room = usize::from(inner.height);
    if body.len() > room && room > 0 {
        let hidden = body.len() - (room - 1);
        body.truncate(room - 1);
        body.push(Line::from(Span::styled(
            if on_page_before {
                format!(
                    "… +{hidden} more lines ({} to read it all)",
                    keys::label(Context::Recall, &Msg::PrevPrompt)
                )
            } else {
                format!(
                    "… +{hidden} more lines ({} back to them)",
                    keys::label(Context::Recall, &Msg::PrevPrompt)
                )
            },
            theme::dim(),
        )));
    }
    frame.render_widget(Paragraph::new(body).block(block), area);
}

/// A recall prompt: the earlier answer on a page of its own, as tall as it needs
/// (up to the area), scrolled by `scroll`; what is above or below is said.
pub fn render_page(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    text: Option<&str>,
    scroll: u16,
) -> Laid {
    let block = Block::bordered()
        .border_style(theme::dim())
        .title(format!(" {title} "));
    let body = lines(text, area.width.saturating_sub(2));
    let height = u16::try_from(body.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let boxed = Rect { height, ..area };
    let inner = block.inner(boxed);
    frame.render_widget(block, boxed);
    crate::ui::page(frame, inner, &body, scroll)
}

fn lines(text: Option<&str>, width: u16) -> Vec<Line<'static>> {
    match text {
        Some(text) if !text.trim().is_empty() => crate::ui::wrap(text, width)
            .into_iter()
            .map(Line::from)
            .collect(),
        _ => crate::ui::wrap(
            "Nothing was written there yet. That's fine; go on whenever you like.",
            width,
        )
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme::dim())))
        .collect(),
    }
}

/// How many rows a recall of `text` needs inside its border at `width`.
pub fn rows(text: Option<&str>, width: u16) -> usize {
    crate::ui::wrap(text.unwrap_or(" "), width.saturating_sub(2)).len()
}
