//! Text and line answers: a ratatui-textarea editor, word-wrapped, with the
//! prompt's example as placeholder.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::app::Msg;

pub type Editor = Box<TextArea<'static>>;

pub fn editor(placeholder: &str, text: &str, row: usize, col: usize) -> Editor {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(Style::default());
    area.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    area.set_placeholder_text(placeholder.to_string());
    area.set_placeholder_style(Style::default().add_modifier(Modifier::DIM | Modifier::ITALIC));
    area.move_cursor(CursorMove::Jump(clamp_u16(row), clamp_u16(col)));
    Box::new(area)
}

/// An editor with the cursor at the end of its text.
pub fn editor_at_end(placeholder: &str, text: &str) -> Editor {
    let mut area = editor(placeholder, text, 0, 0);
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

pub fn text_of(area: &TextArea) -> String {
    area.lines().join("\n")
}

pub fn is_blank(area: &TextArea) -> bool {
    area.lines().iter().all(|l| l.trim().is_empty())
}

/// Typing and pasting into an editor. A single-line editor turns newlines into spaces.
pub fn apply(area: &mut TextArea, single_line: bool, msg: Msg) -> bool {
    match msg {
        Msg::Edit(key) if single_line && is_newline(&key) => false,
        Msg::Edit(key) => area.input(key),
        Msg::Paste(text) => {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            let text = if single_line {
                text.replace('\n', " ")
            } else {
                text
            };
            area.insert_str(text)
        }
        _ => false,
    }
}

fn is_newline(key: &KeyEvent) -> bool {
    key.code == KeyCode::Enter
        || (key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('m' | 'j')))
}

fn clamp_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}
