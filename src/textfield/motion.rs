//! Where the cursor goes: word and logical-line targets from the text alone, and
//! the visual targets (row start and end, Up/Down) from a row of the wrap cache.

use super::glyph::{self, Kind};
use super::rope::Text;
use super::wrap::Span;

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn starts_word(g: &str) -> bool {
    g.chars().next().is_some_and(is_word)
}

/// The end of the next word. A line end stops it: from there it steps over the
/// newline only, so word moves and deletes never swallow line breaks unseen.
pub fn word_right(text: &Text, at: usize) -> usize {
    let mut seen_word = false;
    for (p, g) in text.graphemes(at, text.len()) {
        if g == "\n" {
            return if p == at { p + 1 } else { p };
        }
        let word = starts_word(&g);
        if seen_word && !word {
            return p;
        }
        seen_word |= word;
    }
    text.len()
}

/// The start of the word before `at`; a line start stops it as in `word_right`.
pub fn word_left(text: &Text, at: usize) -> usize {
    let mut pos = at;
    let mut seen_word = false;
    while pos > 0 {
        let p = text.prev_boundary(pos);
        let c = text.char_at(p);
        if c == Some('\n') {
            return if pos == at { p } else { pos };
        }
        let word = c.is_some_and(is_word);
        if seen_word && !word {
            return pos;
        }
        seen_word |= word;
        pos = p;
    }
    0
}

pub fn line_start(text: &Text, at: usize) -> usize {
    let rope = text.rope();
    let line = rope.try_byte_to_line(at).unwrap_or(0);
    rope.try_line_to_byte(line).unwrap_or(0)
}

/// The end of `at`'s logical line (before its '\n').
pub fn line_end(text: &Text, at: usize) -> usize {
    let rope = text.rope();
    let line = rope.try_byte_to_line(at).unwrap_or(0);
    match rope.try_line_to_byte(line + 1) {
        Ok(next) if line + 1 < rope.len_lines() => next - 1,
        _ => text.len(),
    }
}

/// The logical line holding `at` as a row: what Up/Down use with no wrap width.
pub fn line_span(text: &Text, at: usize) -> Span {
    let start = line_start(text, at);
    let end = line_end(text, at);
    let hard = end < text.len();
    Span {
        start,
        len: end - start + usize::from(hard),
        hard,
    }
}

/// The last place the cursor can take on a row. A soft row's end is the next
/// row's start, so a soft row ends before its last grapheme.
pub fn row_last(text: &Text, span: Span) -> usize {
    if span.hard {
        span.end() - 1
    } else if span.end() >= text.len() {
        text.len()
    } else {
        text.prev_boundary(span.end()).max(span.start)
    }
}

/// Where End goes on a row: after its last word, before any spaces that hang
/// there (or before the last grapheme of a word broken across rows).
pub fn row_end(text: &Text, span: Span) -> usize {
    if span.hard || span.end() >= text.len() {
        return row_last(text, span);
    }
    let mut after_word = span.start;
    for (p, g) in text.graphemes(span.start, span.end()) {
        if glyph::kind(&g) == Kind::Other {
            after_word = p + g.len();
        }
    }
    if after_word > span.start && after_word < span.end() {
        after_word
    } else {
        row_last(text, span)
    }
}

/// The display column of `at` in the row starting at `start`.
pub fn col_of(text: &Text, start: usize, at: usize) -> usize {
    let mut col = 0;
    for (_, g) in text.graphemes(start, at) {
        col += glyph::width(&g, col);
    }
    col
}

/// The place on a row nearest to column `goal` without passing it (a wide glyph
/// under the goal column puts the cursor before it).
pub fn at_col(text: &Text, span: Span, goal: usize) -> usize {
    let last = row_last(text, span);
    let mut col = 0;
    for (p, g) in text.graphemes(span.start, last) {
        let w = glyph::width(&g, col);
        if col + w > goal {
            return p;
        }
        col += w;
    }
    last
}
