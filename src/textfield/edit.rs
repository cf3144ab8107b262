//! The vocabulary between the app's keymap and the model: the edits a field
//! accepts and what each one did.

/// Everything that can happen to a field; nothing else changes its text.
///
/// The rule for "line": moves follow what is seen, edits follow the text.
/// With a wrap width, LineStart/LineEnd (Home/End) go to the start/end of the
/// visual row, and pressed again there to the start/end of the logical line;
/// Up/Down go by visual row. The Delete* edits act on logical lines and words
/// only, so Ctrl-U/Ctrl-K remove the same text however wide the window is, as
/// in a shell. With width 0 (not drawn yet) every move is logical.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// A typed character; '\n' and '\r' act as `Newline`.
    InsertChar(char),
    /// Pasted text, one undo step: \r\n and \r become \n; in a single-line
    /// field newlines become spaces.
    Paste(String),
    /// Splits the line; ignored in a single-line field.
    Newline,
    /// The grapheme before the cursor (at a line start: the newline).
    DeleteBack,
    /// The grapheme after the cursor (at a line end: the newline).
    DeleteForward,
    /// To the start of the word before the cursor; at a line start, the newline.
    DeleteWordBack,
    /// To the end of the word after the cursor; at a line end, the newline.
    DeleteWordForward,
    /// To the start of the logical line; at its start, the newline before it.
    DeleteToLineStart,
    /// To the end of the logical line; at its end, the newline after it.
    DeleteToLineEnd,
    /// One grapheme back (an emoji sequence or a letter with its accents).
    Left,
    Right,
    /// To the start of the word before; never past a line start.
    WordLeft,
    /// To the end of the word after; never past a line end.
    WordRight,
    LineStart,
    LineEnd,
    /// The start of the text.
    Top,
    /// The end of the text.
    Bottom,
    /// One visual row up, at the same display column; on the first row, to the
    /// start of the text.
    Up,
    /// One visual row down; on the last row, to the end of the text.
    Down,
    /// Undoes a step: a typed word (with the spaces after it), a run of
    /// backspaces or of deletes, a paste, or a word or line delete.
    Undo,
    Redo,
}

/// What an edit did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub text: bool,
    pub cursor: bool,
}

impl Change {
    pub const NONE: Change = Change {
        text: false,
        cursor: false,
    };

    pub fn any(self) -> bool {
        self.text || self.cursor
    }
}
