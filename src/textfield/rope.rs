//! The text itself: a rope (O(log n) edits anywhere, even in one 10 MB line), the
//! count that makes `is_blank` O(1), and grapheme boundaries read from its chunks.

use std::borrow::Cow;

use ropey::Rope;
use unicode_segmentation::{GraphemeCursor, GraphemeIncomplete};

#[derive(Clone, Default)]
pub struct Text {
    rope: Rope,
    /// Chars that are not whitespace; kept as edits go, so blankness costs nothing.
    nonblank: usize,
}

/// Chars of `s` that are not whitespace, counted a byte at a time: only the lead
/// bytes that can start a non-ASCII space (U+0085...U+3000) need decoding.
fn nonblank(s: &str) -> usize {
    let mut n = 0;
    for (i, b) in s.bytes().enumerate() {
        n += match b {
            b'\t'..=b'\r' | b' ' | 0x80..=0xbf => 0,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => usize::from(
                !s.get(i..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_whitespace),
            ),
            _ => 1,
        };
    }
    n
}

impl Text {
    pub fn new(s: &str) -> Self {
        Text {
            rope: Rope::from_str(s),
            nonblank: nonblank(s),
        }
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    pub fn len(&self) -> usize {
        self.rope.len_bytes()
    }

    pub fn is_blank(&self) -> bool {
        self.nonblank == 0
    }

    /// Replaces bytes `at..end` (on char boundaries) with `with`; returns what was removed.
    pub fn replace(&mut self, at: usize, end: usize, with: &str) -> String {
        let len = self.len();
        let (at, end) = (at.min(len), end.min(len).max(at.min(len)));
        let first = self.rope.byte_to_char(at);
        let last = self.rope.byte_to_char(end);
        // Clamped above, so these cannot fail; if one did, the count stays true.
        let mut removed = self.slice(at, end);
        if end > at && self.rope.try_remove(first..last).is_ok() {
            self.nonblank = self.nonblank.saturating_sub(nonblank(&removed));
        } else {
            removed.clear();
        }
        if !with.is_empty() && self.rope.try_insert(first, with).is_ok() {
            self.nonblank += nonblank(with);
        }
        removed
    }

    /// Bytes `at..end` as a String (clamped to the text).
    pub fn slice(&self, at: usize, end: usize) -> String {
        let len = self.len();
        let (at, end) = (at.min(len), end.min(len));
        if at >= end {
            return String::new();
        }
        self.rope
            .get_byte_slice(at..end)
            .map(String::from)
            .unwrap_or_default()
    }

    /// The char starting at byte `at`, if any.
    pub fn char_at(&self, at: usize) -> Option<char> {
        let i = self.rope.try_byte_to_char(at).ok()?;
        self.rope.get_char(i)
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.rope.get_byte(at)
    }

    /// The grapheme boundary after `at` (the text's length at the end).
    pub fn next_boundary(&self, at: usize) -> usize {
        let len = self.len();
        if at >= len {
            return len;
        }
        // ASCII followed by ASCII (or the end) is a boundary, CR LF aside: the fast path.
        if let Some(b) = self.byte(at)
            && b.is_ascii()
            && b != b'\r'
            && self.byte(at + 1).is_none_or(|n| n.is_ascii())
        {
            return at + 1;
        }
        let mut cursor = GraphemeCursor::new(at, len, true);
        let (mut chunk, mut start, _, _) = self.rope.chunk_at_byte(at);
        loop {
            match cursor.next_boundary(chunk, start) {
                Ok(Some(b)) => return b,
                Ok(None) => return len,
                Err(GraphemeIncomplete::NextChunk) => {
                    start += chunk.len();
                    match self.rope.get_chunk_at_byte(start) {
                        Some((c, s, _, _)) if s == start && start < len => chunk = c,
                        _ => return len,
                    }
                }
                Err(GraphemeIncomplete::PreContext(n)) if self.provide_context(&mut cursor, n) => {}
                Err(_) => return self.next_char(at),
            }
        }
    }

    /// The grapheme boundary before `at` (0 at the start).
    pub fn prev_boundary(&self, at: usize) -> usize {
        let at = at.min(self.len());
        if at == 0 {
            return 0;
        }
        // ASCII after ASCII (or the start) is a grapheme of its own, CR LF aside.
        if let Some(b) = self.byte(at - 1)
            && b.is_ascii()
            && (at == 1
                || self
                    .byte(at - 2)
                    .is_some_and(|p| p.is_ascii() && p != b'\r'))
        {
            return at - 1;
        }
        let mut cursor = GraphemeCursor::new(at, self.len(), true);
        let (mut chunk, mut start, _, _) = self.rope.chunk_at_byte(at - 1);
        loop {
            match cursor.prev_boundary(chunk, start) {
                Ok(Some(b)) => return b,
                Ok(None) => return 0,
                Err(GraphemeIncomplete::PrevChunk) if start > 0 => {
                    let (c, s, _, _) = self.rope.chunk_at_byte(start - 1);
                    (chunk, start) = (c, s);
                }
                Err(GraphemeIncomplete::PreContext(n)) if self.provide_context(&mut cursor, n) => {}
                Err(_) => return self.prev_char(at),
            }
        }
    }

    /// Whether `at` is a grapheme boundary.
    pub fn is_boundary(&self, at: usize) -> bool {
        let len = self.len();
        if at == 0 || at == len {
            return true;
        }
        if at > len || self.byte(at).is_some_and(|b| (0x80..0xc0).contains(&b)) {
            return false;
        }
        let mut cursor = GraphemeCursor::new(at, len, true);
        let (chunk, start, _, _) = self.rope.chunk_at_byte(at);
        loop {
            match cursor.is_boundary(chunk, start) {
                Ok(b) => return b,
                Err(GraphemeIncomplete::PreContext(n)) if self.provide_context(&mut cursor, n) => {}
                Err(_) => return true,
            }
        }
    }

    /// `at` moved forward to a grapheme boundary if it is inside a grapheme.
    pub fn ceil_boundary(&self, at: usize) -> usize {
        if self.is_boundary(at) {
            at
        } else {
            self.next_boundary(self.prev_boundary(self.char_start(at)))
        }
    }

    /// `at` moved back to a grapheme boundary if it is inside a grapheme.
    pub fn floor_boundary(&self, at: usize) -> usize {
        if self.is_boundary(at) {
            at
        } else {
            self.prev_boundary(self.char_start(at))
        }
    }

    /// The start of the char holding byte `at` (clamped to the text), so that a
    /// grapheme cursor is never asked about the middle of a char.
    fn char_start(&self, at: usize) -> usize {
        let at = at.min(self.len());
        self.rope.char_to_byte(self.rope.byte_to_char(at))
    }

    /// Hands the cursor the chunk that ends at byte `end`; false if there is none
    /// (then the caller falls back rather than ask again forever).
    fn provide_context(&self, cursor: &mut GraphemeCursor, end: usize) -> bool {
        if end == 0 || end > self.len() {
            return false;
        }
        let (chunk, start, _, _) = self.rope.chunk_at_byte(end - 1);
        match chunk.get(..end - start) {
            Some(text) => {
                cursor.provide_context(text, start);
                true
            }
            None => false,
        }
    }

    fn next_char(&self, at: usize) -> usize {
        let i = self.rope.byte_to_char(at);
        self.rope.char_to_byte((i + 1).min(self.rope.len_chars()))
    }

    fn prev_char(&self, at: usize) -> usize {
        let i = self.rope.byte_to_char(at);
        self.rope.char_to_byte(i.saturating_sub(1))
    }

    /// The graphemes of bytes `at..end`, `at` being a boundary.
    pub fn graphemes(&self, at: usize, end: usize) -> Graphemes<'_> {
        let end = end.min(self.len());
        let at = at.min(end);
        let (chunk, start, _, _) = self.rope.chunk_at_byte(at);
        Graphemes {
            text: self,
            chunk,
            chunk_start: start,
            at,
            end,
        }
    }
}

/// A forward walk over graphemes that borrows from the rope's chunks; only a
/// grapheme straddling two chunks is copied.
pub struct Graphemes<'a> {
    text: &'a Text,
    chunk: &'a str,
    chunk_start: usize,
    at: usize,
    end: usize,
}

impl<'a> Iterator for Graphemes<'a> {
    /// The grapheme's first byte, and the grapheme.
    type Item = (usize, Cow<'a, str>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.end {
            return None;
        }
        if self.at >= self.chunk_start + self.chunk.len() {
            let (chunk, start, _, _) = self.text.rope.chunk_at_byte(self.at);
            (self.chunk, self.chunk_start) = (chunk, start);
        }
        let at = self.at;
        let i = at - self.chunk_start;
        let bytes = self.chunk.as_bytes();
        // The common case, ASCII followed by ASCII inside one chunk, needs no cursor.
        let fast = matches!((bytes.get(i), bytes.get(i + 1)),
            (Some(b), Some(n)) if b.is_ascii() && *b != b'\r' && n.is_ascii());
        let next = if fast {
            at + 1
        } else {
            self.text.next_boundary(at).min(self.end).max(at + 1)
        };
        self.at = next;
        let grapheme = match self.chunk.get(i..next - self.chunk_start) {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(self.text.slice(at, next)),
        };
        Some((at, grapheme))
    }
}
