//! The few styles attune uses. Mostly bold, dim and reverse, with one calm accent,
//! so it reads well on any terminal palette.

use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::style::{Color, Modifier, Style};

/// Off when the person set NO_COLOR (no-color.org); set once at start.
static COLOR: AtomicBool = AtomicBool::new(true);

pub fn set_color(on: bool) {
    COLOR.store(on, Ordering::Relaxed);
}

pub fn accent() -> Style {
    if COLOR.load(Ordering::Relaxed) {
        Style::default().fg(Color::Cyan)
    } else {
        Style::default()
    }
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
