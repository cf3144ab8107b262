//! Help: where to get help now, then the keys of the screen underneath.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::{App, Screen};
use crate::crisis;
use crate::keys::{self, Context};

pub fn render(app: &App, under: &Screen, scroll: u16, frame: &mut Frame, area: Rect) {
    let lines = page_lines(app, under, area.width);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}

pub fn page_lines(app: &App, under: &Screen, width: u16) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        "If you need help now",
        theme::heading(),
    ))];
    for line in crisis::LINES {
        for (i, l) in super::wrap(
            &format!("{}: {} (checked {})", line.who, line.how, line.checked),
            width.saturating_sub(2),
        )
        .into_iter()
        .enumerate()
        {
            let l = if i == 0 {
                format!("• {l}")
            } else {
                format!("  {l}")
            };
            lines.push(Line::from(l));
        }
    }
    for line in &app.settings.crisis_lines {
        let text = if line.checked.is_empty() {
            format!("{}: {} (your own line)", line.who, line.how)
        } else {
            format!(
                "{}: {} (your own line, checked {})",
                line.who, line.how, line.checked
            )
        };
        for (i, l) in super::wrap(&text, width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            lines.push(Line::from(if i == 0 {
                format!("• {l}")
            } else {
                format!("  {l}")
            }));
        }
    }
    lines.push(Line::default());
    for l in super::wrap(crisis::NOT_THERAPY, width) {
        lines.push(Line::from(Span::styled(l, theme::dim())));
    }
    lines.push(Line::default());

    let context = app.context_of(under);
    lines.push(Line::from(Span::styled(
        "Keys on this screen",
        theme::heading(),
    )));
    if context == Context::Text {
        lines.push(Line::from(
            "  Enter starts a new line; your answer wraps as you type.",
        ));
    }
    let mut seen = Vec::new();
    for binding in keys::bindings(context) {
        if binding.keys.is_empty() || seen.contains(&binding.does) && binding.contexts.is_empty() {
            continue;
        }
        seen.push(binding.does);
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {:<16}", keys::key_names(binding)),
                theme::accent(),
            ),
            Span::raw(binding.does),
        ]));
    }
    lines
}
