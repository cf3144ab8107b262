//! Text and line answers: attune's own text field (crate::textfield), changed only by
//! explicit edits from the keymap, with the example shown while it is empty and the
//! scroll position kept as data.

use crate::app::Msg;
use crate::textfield::{Edit, TextField, top_row};

/// A field being typed in.
#[derive(Debug, Clone)]
pub struct Editor {
    pub field: TextField,
    /// What shows while it is empty (the prompt's example).
    pub placeholder: String,
    /// The top visual row shown; kept so the view scrolls only when the cursor leaves.
    pub scroll: usize,
}

impl Default for Editor {
    /// An empty one-line field with no example.
    fn default() -> Editor {
        editor("", "", 0, 0, true)
    }
}

/// A field holding `text`, the cursor on line `row` at char `col` (both clamped).
pub fn editor(placeholder: &str, text: &str, row: usize, col: usize, single_line: bool) -> Editor {
    Editor {
        field: TextField::from_text(text, row, col, single_line),
        placeholder: placeholder.to_string(),
        scroll: 0,
    }
}

/// A field with the cursor at the end of its text.
pub fn editor_at_end(placeholder: &str, text: &str, single_line: bool) -> Editor {
    let row = text.split('\n').count().saturating_sub(1);
    let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count());
    editor(placeholder, text, row, col, single_line)
}

pub fn text_of(editor: &Editor) -> String {
    editor.field.text()
}

pub fn is_blank(editor: &Editor) -> bool {
    editor.field.is_blank()
}

/// An edit or a paste, at the size the field was last laid out (width 0: not yet
/// drawn, so no wrapping). Returns whether the text changed or the cursor moved.
pub fn apply(editor: &mut Editor, msg: Msg, size: (u16, u16)) -> (bool, bool) {
    let edit = match msg {
        Msg::Edit(edit) => edit,
        Msg::Paste(text) => Edit::Paste(text),
        _ => return (false, false),
    };
    let change = editor.field.apply(edit, size.0);
    if change.any() && size.1 > 0 {
        editor.scroll = top_row(&editor.field, size.0, size.1, editor.scroll);
    }
    (change.text, change.cursor)
}
