//! The few styles attune uses. Mostly bold, dim and reverse, with one calm accent,
//! so it reads well on any terminal palette.

use ratatui::style::{Color, Modifier, Style};

/// The one colour. Under NO_COLOR (no-color.org) crossterm leaves colours out of
/// what it writes, so nothing here needs to ask.
pub fn accent() -> Style {
    Style::default().fg(Color::Cyan)
}

pub fn heading() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::default().add_modifier(Modifier::DIM)
}

pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

pub fn bar() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

/// Problems that need reading: the accent, bold.
pub fn warning() -> Style {
    accent().add_modifier(Modifier::BOLD)
}
