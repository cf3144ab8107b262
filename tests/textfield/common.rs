//! Test helpers: fields written with '|' where the cursor is, and back, and the
//! text of each visual row.
#![allow(dead_code)]

use attune::textfield::{Edit, TextField};

/// A multi-line field from text with one '|' marking the cursor.
pub fn field(marked: &str) -> TextField {
    build(marked, false)
}

/// A single-line field from text with one '|' marking the cursor.
pub fn line(marked: &str) -> TextField {
    build(marked, true)
}

fn build(marked: &str, single_line: bool) -> TextField {
    let at = marked.find('|').expect("a '|' marks the cursor");
    let before = &marked[..at];
    let row = before.matches('\n').count();
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    TextField::from_text(&marked.replacen('|', "", 1), row, col, single_line)
}

/// The field's text with '|' where the cursor is.
pub fn marked(field: &TextField) -> String {
    let text = field.text();
    let at = field.cursor_byte();
    format!("{}|{}", &text[..at], &text[at..])
}

/// Applies edits at `width` and returns the result, marked.
pub fn after(field: &mut TextField, width: u16, edits: &[Edit]) -> String {
    for edit in edits {
        field.apply(edit.clone(), width);
    }
    marked(field)
}

/// The text of each visual row at `width`.
pub fn rows(field: &TextField, width: u16) -> Vec<String> {
    let text = field.text();
    field
        .row_ranges(width)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

pub fn typed(text: &str) -> Vec<Edit> {
    text.chars().map(Edit::InsertChar).collect()
}
