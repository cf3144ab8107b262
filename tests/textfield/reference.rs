//! A naive reference field: a String and a byte cursor, every rule recomputed
//! from the whole text on every call, with the wrap written word by word.
#![allow(dead_code)]

use attune::textfield::Edit;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub fn hidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{61c}'
        | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

pub fn is_space(g: &str) -> bool {
    let mut chars = g.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            c == ' '
                || c == '\t'
                || (c.is_whitespace()
                    && !hidden(c)
                    && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
        }
        _ => false,
    }
}

/// Cells of grapheme `g` at column `col`.
pub fn cells(g: &str, col: usize) -> usize {
    match g.as_bytes() {
        [b'\t'] => 4 - col % 4,
        [b'\n'] => 0,
        [b] if *b < 0x20 || *b == 0x7f => 2,
        _ if g.chars().any(hidden) => 1,
        _ => (g.width()
            + g.chars()
                .filter(|c| matches!(c, '\u{ff9e}' | '\u{ff9f}'))
                .count())
        .max(1),
    }
}

/// A visual row: bytes start..end, `hard` when a '\n' follows (not counted in end).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub hard: bool,
}

/// Rows of the whole text; width 0 means logical lines.
pub fn rows(text: &str, width: usize) -> Vec<Row> {
    let mut out = Vec::new();
    let mut base = 0;
    for line in text.split('\n') {
        let hard = base + line.len() < text.len();
        let first = out.len();
        if width == 0 {
            out.push(Row {
                start: base,
                end: base + line.len(),
                hard,
            });
        } else {
            wrap_line(line, base, width, &mut out);
        }
        if out.len() > first
            && let Some(last) = out.last_mut()
        {
            last.hard = hard;
        }
        base += line.len() + 1;
    }
    out
}

/// Greedy, by words: a word is non-spaces then the spaces after it (which hang).
/// A row takes whole words while each word's non-space part ends within the
/// width; a first word that does not fit is cut between graphemes.
fn wrap_line(line: &str, base: usize, width: usize, out: &mut Vec<Row>) {
    let gs: Vec<(usize, &str)> = line.grapheme_indices(true).collect();
    let end_of = |i: usize| gs.get(i).map_or(line.len(), |g| g.0);
    let mut i = 0;
    loop {
        let (mut j, mut col) = (i, 0);
        while j < gs.len() {
            let mut k = j;
            while k < gs.len() && !is_space(gs[k].1) {
                k += 1;
            }
            let word: usize = gs[j..k].iter().map(|g| cells(g.1, 0)).sum();
            if col + word > width && j > i {
                break;
            }
            if col + word > width && k > j {
                // The first word does not fit: as many graphemes as do, at least one.
                let mut x = j;
                while x < k && (x == j || col + cells(gs[x].1, 0) <= width) {
                    col += cells(gs[x].1, 0);
                    x += 1;
                }
                if x < k {
                    j = x;
                    break;
                }
                // One glyph too wide for any row: alone, with its spaces hanging.
                j = k;
                while j < gs.len() && is_space(gs[j].1) {
                    col += cells(gs[j].1, col);
                    j += 1;
                }
                continue;
            }
            col += word;
            j = k;
            while j < gs.len() && is_space(gs[j].1) {
                col += cells(gs[j].1, col);
                j += 1;
            }
        }
        out.push(Row {
            start: base + end_of(i),
            end: base + end_of(j),
            hard: false,
        });
        if j >= gs.len() {
            return;
        }
        i = j;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    Typing,
    Back,
    Forward,
    Alone,
}

#[derive(Clone, Debug)]
struct Step {
    before: (String, usize),
    after_cursor: usize,
    after_text: String,
}

#[derive(Clone, Debug)]
pub struct Reference {
    pub text: String,
    pub cursor: usize,
    single: bool,
    goal: Option<usize>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The open group, and where its last edit was (typing: where it ended).
    open: Option<(Group, usize, bool)>,
}

pub fn bounds(text: &str) -> Vec<usize> {
    let mut b: Vec<usize> = text.grapheme_indices(true).map(|g| g.0).collect();
    b.push(text.len());
    b
}

impl Reference {
    pub fn new(text: &str, row: usize, col: usize, single: bool) -> Self {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let lines: Vec<&str> = text.split('\n').collect();
        let row = row.min(lines.len() - 1);
        let start: usize = lines[..row].iter().map(|l| l.len() + 1).sum();
        let line = lines[row];
        let at = start + line.char_indices().nth(col).map_or(line.len(), |c| c.0);
        let text = if single {
            text.replace('\n', " ")
        } else {
            text
        };
        let cursor = *bounds(&text).iter().rfind(|b| **b <= at).unwrap_or(&0);
        Reference {
            text,
            cursor,
            single,
            goal: None,
            undo: vec![],
            redo: vec![],
            open: None,
        }
    }

    fn prev(&self, at: usize) -> usize {
        bounds(&self.text)
            .into_iter()
            .rfind(|b| *b < at)
            .unwrap_or(0)
    }

    fn next(&self, at: usize) -> usize {
        bounds(&self.text)
            .into_iter()
            .find(|b| *b > at)
            .unwrap_or(self.text.len())
    }

    fn ceil(&self, at: usize) -> usize {
        bounds(&self.text)
            .into_iter()
            .find(|b| *b >= at)
            .unwrap_or(self.text.len())
    }

    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i)
    }

    fn is_word(g: &str) -> bool {
        g.chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    }

    fn word_right(&self, at: usize) -> usize {
        let mut seen = false;
        for (p, g) in self.text[at..].grapheme_indices(true) {
            let p = p + at;
            if g == "\n" {
                return if p == at { p + 1 } else { p };
            }
            if seen && !Self::is_word(g) {
                return p;
            }
            seen |= Self::is_word(g);
        }
        self.text.len()
    }

    fn word_left(&self, at: usize) -> usize {
        let mut pos = at;
        let mut seen = false;
        for (p, g) in self.text[..at].grapheme_indices(true).rev() {
            if g.starts_with('\n') {
                return if pos == at { p } else { pos };
            }
            if seen && !Self::is_word(g) {
                return pos;
            }
            seen |= Self::is_word(g);
            pos = p;
        }
        0
    }

    pub fn apply(&mut self, edit: &Edit, width: usize) {
        let at = self.cursor;
        match edit {
            Edit::InsertChar('\n' | '\r') | Edit::Newline if self.single => {}
            Edit::InsertChar('\n' | '\r') | Edit::Newline => {
                self.replace(at, at, "\n", Group::Typing)
            }
            Edit::InsertChar(c) => self.replace(at, at, &c.to_string(), Group::Typing),
            Edit::Paste(s) => {
                let mut s = s.replace("\r\n", "\n").replace('\r', "\n");
                if self.single {
                    s = s.replace('\n', " ");
                }
                self.replace(at, at, &s, Group::Alone)
            }
            Edit::DeleteBack => self.replace(self.prev(at), at, "", Group::Back),
            Edit::DeleteForward => self.replace(at, self.next(at), "", Group::Forward),
            Edit::DeleteWordBack => self.replace(self.word_left(at), at, "", Group::Alone),
            Edit::DeleteWordForward => self.replace(at, self.word_right(at), "", Group::Alone),
            Edit::DeleteToLineStart => {
                let s = self.line_start(at);
                let from = if s == at { self.prev(at) } else { s };
                self.replace(from, at, "", Group::Alone)
            }
            Edit::DeleteToLineEnd => {
                let e = self.line_end(at);
                let to = if e == at { self.next(at) } else { e };
                self.replace(at, to, "", Group::Alone)
            }
            Edit::Undo => self.undo(),
            Edit::Redo => self.redo(),
            Edit::Up | Edit::Down => {
                self.open = None;
                self.cursor = self.vertical(matches!(edit, Edit::Down), width);
            }
            _ => {
                self.open = None;
                self.goal = None;
                self.cursor = self.target(edit, width);
            }
        }
    }

    fn target(&self, edit: &Edit, width: usize) -> usize {
        let at = self.cursor;
        let row = self.row_of(width);
        match edit {
            Edit::Left => self.prev(at),
            Edit::Right => self.next(at),
            Edit::WordLeft => self.word_left(at),
            Edit::WordRight => self.word_right(at),
            Edit::Top => 0,
            Edit::Bottom => self.text.len(),
            Edit::LineStart if row.start == at => self.line_start(at),
            Edit::LineStart => row.start,
            Edit::LineEnd => match self.row_end(row) {
                e if e == at => self.line_end(at),
                e => e,
            },
            _ => at,
        }
    }

    fn row_index(&self, rows: &[Row]) -> usize {
        let at = self.cursor;
        rows.iter()
            .position(|r| {
                r.start <= at && (at < r.end || (r.hard || r.end == self.text.len()) && at == r.end)
            })
            .unwrap_or(rows.len() - 1)
    }

    fn row_of(&self, width: usize) -> Row {
        let rows = rows(&self.text, width);
        rows[self.row_index(&rows)]
    }

    fn row_last(&self, row: Row) -> usize {
        if row.hard || row.end >= self.text.len() {
            row.end
        } else {
            self.prev(row.end).max(row.start)
        }
    }

    fn row_end(&self, row: Row) -> usize {
        if row.hard || row.end >= self.text.len() {
            return row.end;
        }
        let text = &self.text[row.start..row.end];
        let last_word = text.grapheme_indices(true).rfind(|g| !is_space(g.1));
        let after = last_word.map_or(row.start, |g| row.start + g.0 + g.1.len());
        if after > row.start && after < row.end {
            after
        } else {
            self.row_last(row)
        }
    }

    fn vertical(&mut self, down: bool, width: usize) -> usize {
        let rows = rows(&self.text, width);
        let r = self.row_index(&rows);
        let target = if down {
            rows.get(r + 1)
        } else {
            r.checked_sub(1).and_then(|i| rows.get(i))
        };
        let Some(target) = target.copied() else {
            self.goal = None;
            return if down { self.text.len() } else { 0 };
        };
        let goal = *self.goal.get_or_insert_with(|| {
            let row = &self.text[rows[r].start..self.cursor];
            row.graphemes(true).fold(0, |col, g| col + cells(g, col))
        });
        let last = self.row_last(target);
        let mut col = 0;
        for (p, g) in self.text[target.start..last].grapheme_indices(true) {
            let w = cells(g, col);
            if col + w > goal {
                return target.start + p;
            }
            col += w;
        }
        last
    }

    fn replace(&mut self, from: usize, to: usize, with: &str, group: Group) {
        if from >= to && with.is_empty() {
            self.open = None;
            return;
        }
        let before = (self.text.clone(), self.cursor);
        self.text.replace_range(from..to, with);
        self.cursor = self.ceil(from + with.len());
        self.goal = None;
        let joins = match (self.open, group) {
            (Some((Group::Typing, end, ws)), Group::Typing) => {
                end == from && (!ws || with.starts_with(char::is_whitespace))
            }
            (Some((Group::Back, last, _)), Group::Back) => to == last,
            (Some((Group::Forward, last, _)), Group::Forward) => from == last,
            _ => false,
        };
        self.redo.clear();
        if joins && let Some(step) = self.undo.last_mut() {
            step.after_cursor = self.cursor;
        } else {
            self.undo.push(Step {
                before,
                after_cursor: self.cursor,
                after_text: String::new(),
            });
        }
        self.open = match group {
            Group::Typing => Some((
                group,
                from + with.len(),
                with.ends_with(char::is_whitespace),
            )),
            Group::Alone => None,
            _ => Some((group, from, false)),
        };
    }

    fn undo(&mut self) {
        self.open = None;
        if let Some(mut step) = self.undo.pop() {
            step.after_text = std::mem::replace(&mut self.text, step.before.0.clone());
            self.cursor = self.ceil(step.before.1.min(self.text.len()));
            self.goal = None;
            self.redo.push(step);
        }
    }

    fn redo(&mut self) {
        self.open = None;
        if let Some(step) = self.redo.pop() {
            self.text = step.after_text.clone();
            self.cursor = self.ceil(step.after_cursor.min(self.text.len()));
            self.goal = None;
            self.undo.push(step);
        }
    }
}
