//! The text field's pure model: text, cursor, undo history and wrap cache, changed
//! only through explicit `Edit`s. No terminal types: the app's keymap sends edits.

mod edit;
mod glyph;
mod history;
mod layout;
mod motion;
mod rope;
mod visible;
mod wrap;

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::ops::Range;

pub use edit::{Change, Edit};
pub(crate) use glyph::display as display_glyph;
pub(crate) use glyph::width as glyph_width;
use history::{Group, History, Op};
pub(crate) use layout::Layout;
pub(crate) use rope::Text;
pub use visible::{Glyph, Visible, VisibleRow, top_row, visible_rows};
pub(crate) use wrap::Span;

/// A text field: its text (lines separated by '\n'), cursor, undo history and
/// wrap cache. See `Edit` for what changes it.
pub struct TextField {
    text: Text,
    /// Byte offset, always on a grapheme boundary.
    cursor: usize,
    single_line: bool,
    /// The display column Up/Down aim for, kept across a run of them.
    goal: Option<usize>,
    history: History,
    /// Visual rows at the width last asked for, kept up to date by every edit.
    /// A cell because the view, which only reads the field, fills it.
    layout: RefCell<Option<Layout>>,
}

impl TextField {
    pub fn new(single_line: bool) -> Self {
        TextField {
            text: Text::default(),
            cursor: 0,
            single_line,
            goal: None,
            history: History::default(),
            layout: RefCell::new(None),
        }
    }

    /// A field holding `text` with the cursor on logical line `row` at char `col`,
    /// both clamped to the text (and back to a grapheme boundary).
    pub fn from_text(text: &str, row: usize, col: usize, single_line: bool) -> Self {
        let text = normalize(text, false);
        let at = offset_of(&text, row, col);
        let text = match text {
            text if single_line && text.contains('\n') => Cow::Owned(text.replace('\n', " ")),
            text => text,
        };
        let mut field = TextField::new(single_line);
        field.text = Text::new(&text);
        field.cursor = field.text.floor_boundary(at);
        field
    }

    /// Applies one edit. `width` is the field's wrap width as last drawn (0 when
    /// unknown: no wrapping); only moves use it.
    pub fn apply(&mut self, edit: Edit, width: u16) -> Change {
        let width = usize::from(width);
        let at = self.cursor;
        match edit {
            Edit::InsertChar('\n' | '\r') | Edit::Newline if self.single_line => Change::NONE,
            Edit::InsertChar('\n' | '\r') | Edit::Newline => {
                self.replace(at, at, "\n".into(), Group::Typing)
            }
            Edit::InsertChar(c) => self.replace(at, at, c.to_string(), Group::Typing),
            Edit::Paste(pasted) => {
                let pasted = match normalize(&pasted, self.single_line) {
                    Cow::Borrowed(_) => pasted,
                    Cow::Owned(s) => s,
                };
                self.replace(at, at, pasted, Group::Alone)
            }
            Edit::DeleteBack => {
                let from = self.text.prev_boundary(at);
                self.replace(from, at, String::new(), Group::DeleteBack)
            }
            Edit::DeleteForward => {
                let to = self.text.next_boundary(at);
                self.replace(at, to, String::new(), Group::DeleteForward)
            }
            Edit::DeleteWordBack => {
                let from = motion::word_left(&self.text, at);
                self.replace(from, at, String::new(), Group::Alone)
            }
            Edit::DeleteWordForward => {
                let to = motion::word_right(&self.text, at);
                self.replace(at, to, String::new(), Group::Alone)
            }
            Edit::DeleteToLineStart => {
                let start = motion::line_start(&self.text, at);
                let from = if start == at {
                    self.text.prev_boundary(at)
                } else {
                    start
                };
                self.replace(from, at, String::new(), Group::Alone)
            }
            Edit::DeleteToLineEnd => {
                let end = motion::line_end(&self.text, at);
                let to = if end == at {
                    self.text.next_boundary(at)
                } else {
                    end
                };
                self.replace(at, to, String::new(), Group::Alone)
            }
            Edit::Undo => self.undo(),
            Edit::Redo => self.redo(),
            Edit::Up | Edit::Down => {
                let to = self.vertical(edit == Edit::Down, width);
                self.move_to(to, true)
            }
            _ => {
                let to = self.target(&edit, width);
                self.move_to(to, false)
            }
        }
    }

    /// Where a horizontal move goes.
    fn target(&mut self, edit: &Edit, width: usize) -> usize {
        let at = self.cursor;
        let row = match edit {
            Edit::LineStart | Edit::LineEnd => self.visual_row(width),
            _ => Span {
                start: at,
                len: 0,
                hard: false,
            },
        };
        let text = &self.text;
        match edit {
            Edit::Left => text.prev_boundary(at),
            Edit::Right => text.next_boundary(at),
            Edit::WordLeft => motion::word_left(text, at),
            Edit::WordRight => motion::word_right(text, at),
            Edit::Top => 0,
            Edit::Bottom => text.len(),
            // Pressed again where it already is, it goes on to the logical line's end.
            Edit::LineStart if row.start == at => motion::line_start(text, at),
            Edit::LineStart => row.start,
            Edit::LineEnd => match motion::row_end(text, row) {
                end if end == at => motion::line_end(text, at),
                end => end,
            },
            _ => at,
        }
    }

    /// The visual row of the cursor at `width` (its logical line at width 0).
    fn visual_row(&mut self, width: usize) -> Span {
        if width == 0 {
            return motion::line_span(&self.text, self.cursor);
        }
        let at = self.cursor;
        self.layout_at(width).row_at_byte(at).span
    }

    /// Up or Down by one visual row, aiming at the goal column. Past the first
    /// row Up goes to the start of the text, past the last Down to its end.
    fn vertical(&mut self, down: bool, width: usize) -> usize {
        let at = self.cursor;
        let (row, neighbour) = self.rows_around(down, width);
        let Some(target) = neighbour else {
            self.goal = None;
            return if down { self.text.len() } else { 0 };
        };
        let goal = match self.goal {
            Some(goal) => goal,
            None => motion::col_of(&self.text, row.start, at),
        };
        self.goal = Some(goal);
        motion::at_col(&self.text, target, goal)
    }

    /// The cursor's visual row and the one below (or above) it, if any; with no
    /// width, logical lines.
    fn rows_around(&mut self, down: bool, width: usize) -> (Span, Option<Span>) {
        let at = self.cursor;
        if width == 0 {
            let row = motion::line_span(&self.text, at);
            let next = match down {
                true if row.hard => Some(row.end()),
                false if row.start > 0 => Some(row.start - 1),
                _ => None,
            };
            return (row, next.map(|n| motion::line_span(&self.text, n)));
        }
        let layout = self.layout_at(width);
        let found = layout.row_at_byte(at);
        let next = match down {
            true if found.index + 1 < layout.rows() => Some(found.index + 1),
            false if found.index > 0 => Some(found.index - 1),
            _ => None,
        };
        (found.span, next.map(|n| layout.row(n).span))
    }

    fn move_to(&mut self, to: usize, keep_goal: bool) -> Change {
        self.history.close();
        if !keep_goal {
            self.goal = None;
        }
        let moved = to != self.cursor;
        self.cursor = to;
        Change {
            text: false,
            cursor: moved,
        }
    }

    /// The one way the text changes: bytes `from..to` become `with`, recorded for undo.
    fn replace(&mut self, from: usize, to: usize, with: String, group: Group) -> Change {
        if from >= to && with.is_empty() {
            self.history.close();
            return Change::NONE;
        }
        let before = self.cursor;
        let removed = self.splice(from, to, &with);
        self.cursor = self.text.ceil_boundary(from + with.len());
        self.goal = None;
        let op = Op {
            at: from,
            removed,
            inserted: with,
        };
        self.history.record(op, group, before, self.cursor);
        Change {
            text: true,
            cursor: self.cursor != before,
        }
    }

    /// Changes the text and the wrap cache, nothing else.
    fn splice(&mut self, from: usize, to: usize, with: &str) -> String {
        let removed = self.text.replace(from, to, with);
        if let Some(layout) = self.layout.get_mut() {
            layout.update(&self.text, from, removed.len(), with.len());
        }
        removed
    }

    fn undo(&mut self) -> Change {
        let Some(step) = self.history.take_undo() else {
            return Change::NONE;
        };
        let op = &step.op;
        self.splice(op.at, op.at + op.inserted.len(), &op.removed);
        let change = self.restore(step.before);
        self.history.undone(step);
        change
    }

    fn redo(&mut self) -> Change {
        let Some(step) = self.history.take_redo() else {
            return Change::NONE;
        };
        let op = &step.op;
        self.splice(op.at, op.at + op.removed.len(), &op.inserted);
        let change = self.restore(step.after);
        self.history.redone(step);
        change
    }

    fn restore(&mut self, cursor: usize) -> Change {
        let before = self.cursor;
        self.cursor = self.text.ceil_boundary(cursor.min(self.text.len()));
        self.goal = None;
        Change {
            text: true,
            cursor: self.cursor != before,
        }
    }

    /// The wrap cache at `width` (> 0), rebuilt if it was for another width.
    fn layout_at(&mut self, width: usize) -> &Layout {
        let slot = self.layout.get_mut();
        if slot.as_ref().is_some_and(|l| l.width() != width) {
            *slot = None;
        }
        slot.get_or_insert_with(|| Layout::build(&self.text, width))
    }

    /// Runs `f` with the text and its wrap cache at `width` (> 0), for the view.
    pub(crate) fn with_layout<R>(&self, width: usize, f: impl FnOnce(&Text, &Layout) -> R) -> R {
        match self.layout.try_borrow_mut() {
            Ok(mut slot) => {
                if slot.as_ref().is_some_and(|l| l.width() != width) {
                    *slot = None;
                }
                f(
                    &self.text,
                    slot.get_or_insert_with(|| Layout::build(&self.text, width)),
                )
            }
            // Only reachable from inside `f`; never worth a panic.
            Err(_) => f(&self.text, &Layout::build(&self.text, width)),
        }
    }

    /// The whole text, lines joined by '\n'. O(n): for saving, not per key.
    pub fn text(&self) -> String {
        self.text.rope().to_string()
    }

    /// The text as borrowed pieces, to stream it without one big copy.
    pub fn chunks(&self) -> impl Iterator<Item = &str> {
        self.text.rope().chunks()
    }

    /// (logical line, char index in that line) of the cursor.
    pub fn cursor(&self) -> (usize, usize) {
        let rope = self.text.rope();
        let line = rope.try_byte_to_line(self.cursor).unwrap_or(0);
        let chars = rope.try_byte_to_char(self.cursor).unwrap_or(0);
        (
            line,
            chars.saturating_sub(rope.try_line_to_char(line).unwrap_or(0)),
        )
    }

    /// The cursor as a byte offset into `text()`.
    pub fn cursor_byte(&self) -> usize {
        self.cursor
    }

    /// Whether the text is empty or only whitespace. O(1).
    pub fn is_blank(&self) -> bool {
        self.text.is_blank()
    }

    pub fn is_empty(&self) -> bool {
        self.text.len() == 0
    }

    /// Logical lines: one more than the number of '\n'.
    pub fn line_count(&self) -> usize {
        self.text.rope().len_lines()
    }

    /// Length of the text in bytes (UTF-8).
    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_single_line(&self) -> bool {
        self.single_line
    }

    /// Byte ranges of every visual row at `width` (> 0), without their '\n'.
    /// O(n): for tests and tools, not per key.
    pub fn row_ranges(&self, width: u16) -> Vec<Range<usize>> {
        self.with_layout(usize::from(width.max(1)), |_, layout| {
            let spans = layout.spans();
            spans
                .iter()
                .map(|s| s.start..s.end() - usize::from(s.hard))
                .collect()
        })
    }

    /// Whether the wrap cache, kept up to date edit by edit, equals a wrap from
    /// scratch (true when there is no cache). For tests.
    #[doc(hidden)]
    pub fn cache_is_consistent(&self) -> bool {
        match self.layout.try_borrow() {
            Ok(slot) => slot.as_ref().is_none_or(|layout| {
                layout.spans() == Layout::build(&self.text, layout.width()).spans()
            }),
            Err(_) => false,
        }
    }
}

impl Clone for TextField {
    fn clone(&self) -> Self {
        TextField {
            text: self.text.clone(),
            cursor: self.cursor,
            single_line: self.single_line,
            goal: self.goal,
            history: self.history.clone(),
            // Copying the rows is cheaper than wrapping again; mid-draw there is none.
            layout: RefCell::new(self.layout.try_borrow().ok().and_then(|l| l.clone())),
        }
    }
}

impl fmt::Debug for TextField {
    // The text may be megabytes: show its size and the cursor, not the text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TextField")
            .field("len", &self.len())
            .field("lines", &self.line_count())
            .field("cursor", &self.cursor())
            .field("single_line", &self.single_line)
            .finish_non_exhaustive()
    }
}

/// \r\n and \r become \n; in a single-line field, newlines become spaces.
fn normalize(s: &str, single_line: bool) -> Cow<'_, str> {
    let mut s = Cow::Borrowed(s);
    if s.contains('\r') {
        s = Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"));
    }
    if single_line && s.contains('\n') {
        s = Cow::Owned(s.replace('\n', " "));
    }
    s
}

/// Byte offset of char `col` on line `row`, both clamped.
fn offset_of(text: &str, row: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 0..row {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    let line = text[start..].split('\n').next().unwrap_or("");
    start + line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
}
