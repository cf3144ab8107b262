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
            &format!("{}: {}", line.who, line.how),
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
    let checked = crisis::LINES
        .iter()
        .map(|l| l.checked)
        .max()
        .unwrap_or_default();
    lines.push(Line::from(Span::styled(
        format!("  (details last checked {checked})"),
        theme::dim(),
    )));
    lines.push(Line::default());
    for l in super::wrap(crisis::NOT_THERAPY, width) {
        lines.push(Line::from(Span::styled(l, theme::dim())));
    }
    lines.push(Line::default());

    let context = context_of(app, under);
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

/// The keys shown are those of the screen help was opened from.
fn context_of(app: &App, under: &Screen) -> Context {
    match under {
        Screen::Welcome => Context::Welcome,
        Screen::Home { .. } => Context::Home,
        Screen::Step { .. } => Context::Step,
        Screen::Exercise { step, exercise } => app.exercise_context(*step, *exercise),
        Screen::Review { .. } => Context::Review,
        Screen::Entry { .. } => Context::Entry,
        Screen::Help { .. } => Context::Help,
    }
}
