//! Greedy word wrap, streamed from any row start: the one rule that both the
//! cursor's Up/Down and the view use, so what moves is what is drawn.

use std::ops::ControlFlow;

use super::glyph::{self, Kind};
use super::rope::Text;

/// One visual row: `len` bytes from `start`, counting the '\n' of a `hard` row
/// (the last row of its logical line, except the text's very last row).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub len: usize,
    pub hard: bool,
}

impl Span {
    pub fn end(&self) -> usize {
        self.start + self.len
    }
}

/// The rules, applied grapheme by grapheme:
/// - rows break only after whitespace, before the next word; the spaces at a break
///   hang at the end of the row (they may overflow it), so no row starts with one;
/// - a word wider than the row breaks between graphemes; a grapheme is never split,
///   so a glyph wider than the whole row sits alone on it;
/// - '\n' ends the row.
///
/// Each row depends only on where it starts and the text after that, which is
/// what lets an edit rewrap from just before it and stop once rows line up again.
/// `start` must be a row start. `sink` sees every row and may stop the walk.
pub fn wrap_from(
    text: &Text,
    start: usize,
    width: usize,
    sink: impl FnMut(Span) -> ControlFlow<()>,
) {
    let mut wrapper = Wrapper {
        width: width.max(1),
        row: start,
        col: 0,
        brk: None,
        after_space: false,
        sink,
    };
    let end = text.len();
    let mut at = start;
    while at < end {
        let (chunk, chunk_start, _, _) = text.rope().chunk_at_byte(at);
        let bytes = chunk.as_bytes();
        // ASCII followed by ASCII is a whole grapheme (CR LF aside): most text
        // goes through here a byte at a time, without grapheme segmentation.
        let mut i = at - chunk_start;
        while let (Some(&b), Some(&n)) = (bytes.get(i), bytes.get(i + 1)) {
            if !b.is_ascii() || !n.is_ascii() || b == b'\r' {
                break;
            }
            if wrapper.ascii(chunk_start + i, b).is_break() {
                return;
            }
            i += 1;
        }
        at = chunk_start + i;
        if at >= end {
            break;
        }
        let next = text.next_boundary(at);
        let flow = match chunk.get(i..next - chunk_start) {
            Some(g) => wrapper.grapheme(at, g),
            None => wrapper.grapheme(at, &text.slice(at, next)),
        };
        if flow.is_break() {
            return;
        }
        at = next;
    }
    let last = Span {
        start: wrapper.row,
        len: end - wrapper.row,
        hard: false,
    };
    let _ = (wrapper.sink)(last);
}

struct Wrapper<F> {
    width: usize,
    /// Where the current row starts, and the column reached in it.
    row: usize,
    col: usize,
    /// Where the last word after a space started in this row, and its column.
    brk: Option<(usize, usize)>,
    after_space: bool,
    sink: F,
}

impl<F: FnMut(Span) -> ControlFlow<()>> Wrapper<F> {
    fn ascii(&mut self, at: usize, b: u8) -> ControlFlow<()> {
        let (kind, w) = match b {
            b'\n' => (Kind::Newline, 0),
            b' ' => (Kind::Space, 1),
            b'\t' => (Kind::Space, glyph::TAB_STOP - self.col % glyph::TAB_STOP),
            0..=0x1f | 0x7f => (Kind::Other, 2),
            _ => (Kind::Other, 1),
        };
        self.step(at, 1, kind, w)
    }

    fn grapheme(&mut self, at: usize, g: &str) -> ControlFlow<()> {
        let w = glyph::width(g, self.col);
        self.step(at, g.len(), glyph::kind(g), w)
    }

    fn step(&mut self, at: usize, len: usize, kind: Kind, w: usize) -> ControlFlow<()> {
        match kind {
            Kind::Newline => {
                self.emit(at + len, true)?;
                (self.col, self.brk, self.after_space) = (0, None, false);
            }
            Kind::Space => {
                self.col += w;
                self.after_space = true;
            }
            Kind::Other => {
                if self.after_space && at > self.row {
                    self.brk = Some((at, self.col));
                }
                self.after_space = false;
                if self.col + w > self.width && at > self.row {
                    self.overflow(at, w)?;
                }
                self.col += w;
            }
        }
        ControlFlow::Continue(())
    }

    /// A word's grapheme `at` does not fit: break before the word if a space came
    /// earlier in the row, and before this grapheme if the word alone is too wide.
    fn overflow(&mut self, at: usize, w: usize) -> ControlFlow<()> {
        if let Some((b, b_col)) = self.brk.take().filter(|(b, _)| *b > self.row) {
            self.emit(b, false)?;
            self.col -= b_col;
            if self.col + w <= self.width || at <= self.row {
                return ControlFlow::Continue(());
            }
        }
        self.emit(at, false)?;
        self.col = 0;
        ControlFlow::Continue(())
    }

    fn emit(&mut self, end: usize, hard: bool) -> ControlFlow<()> {
        let span = Span {
            start: self.row,
            len: end - self.row,
            hard,
        };
        self.row = end;
        (self.sink)(span)
    }
}
