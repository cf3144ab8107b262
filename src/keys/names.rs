//! Keys as a person reads them: "Ctrl-U", "↑ / k", "Shift-Tab", the way they are
//! written in the status bar, in help and in every sentence on screen.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Binding, Key};

/// A person-readable name for the keys of a binding, e.g. "↑ / k".
pub fn key_names(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(|k| key_name(*k))
        .collect::<Vec<_>>()
        .join(" / ")
}

pub fn key_name(key: Key) -> String {
    let (code, mods) = match key {
        Key::Code(code, mods) => (code, mods),
        Key::Digit => return "0-9".to_string(),
        Key::AnyChar => return "letters".to_string(),
    };
    let name = match code {
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::Delete => "Delete".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    // Ctrl-W, not Ctrl-w: that is how letters are written on keys and in manuals.
    let name = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if !mods.is_empty() => c.to_uppercase().to_string(),
        _ => name,
    };
    let mut prefix = String::new();
    for (m, word) in [
        (KeyModifiers::CONTROL, "Ctrl-"),
        (KeyModifiers::ALT, "Alt-"),
        (KeyModifiers::SHIFT, "Shift-"),
    ] {
        if mods.contains(m) {
            prefix.push_str(word);
        }
    }
    format!("{prefix}{name}")
}
