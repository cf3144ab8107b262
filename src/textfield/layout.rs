//! The wrap cache: every visual row's length at one width, in chunks summed by a
//! Fenwick tree: a row is found by byte or by index in O(log n), and rows are
//! replaced in O(log n) plus the rows replaced (O(chunks) when a chunk splits).

use std::ops::ControlFlow;

use super::rope::Text;
use super::wrap::{Span, wrap_from};

/// Rows per chunk when chunks are (re)built; a chunk is split past twice this.
const CHUNK: usize = 128;
/// A chunk smaller than this is merged with a neighbour.
const SMALL: usize = 16;

/// One row as stored: the place is implied by the lengths of the rows before it,
/// so an edit never shifts what comes after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Row {
    len: usize,
    hard: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Sum {
    bytes: usize,
    rows: usize,
}

impl Sum {
    fn of(rows: &[Row]) -> Sum {
        Sum {
            bytes: rows.iter().map(|r| r.len).sum(),
            rows: rows.len(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Layout {
    width: usize,
    chunks: Vec<Vec<Row>>,
    /// 1-based Fenwick tree over the chunks' sums.
    tree: Vec<Sum>,
}

/// A row found in the layout: its index among all visual rows, and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub index: usize,
    pub span: Span,
}

impl Layout {
    /// Wraps the whole text: O(n), done once per width.
    pub fn build(text: &Text, width: usize) -> Layout {
        let mut rows = Vec::new();
        wrap_from(text, 0, width, |s| {
            rows.push(Row {
                len: s.len,
                hard: s.hard,
            });
            ControlFlow::Continue(())
        });
        let mut layout = Layout {
            width,
            chunks: rows.chunks(CHUNK).map(<[Row]>::to_vec).collect(),
            tree: Vec::new(),
        };
        layout.rebuild_tree();
        layout
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// Visual rows in the whole text (at least 1).
    pub fn rows(&self) -> usize {
        self.total().rows
    }

    fn total(&self) -> Sum {
        self.prefix(self.chunks.len())
    }

    /// The row holding byte `at`: the one with start <= at < start + len, where a
    /// hard row's len counts its '\n'; the end of the text is on the last row.
    pub fn row_at_byte(&self, at: usize) -> Found {
        let (chunk, before) = self.find(|s| s.bytes, at);
        let mut start = before.bytes;
        let rows = self.chunks.get(chunk).map_or(&[][..], Vec::as_slice);
        for (i, row) in rows.iter().enumerate() {
            if at < start + row.len {
                return self.found(before.rows + i, start, *row);
            }
            start += row.len;
        }
        self.last_row()
    }

    /// Row `index`, or the last row past the end.
    pub fn row(&self, index: usize) -> Found {
        let (chunk, before) = self.find(|s| s.rows, index);
        match self
            .chunks
            .get(chunk)
            .and_then(|c| c.get(index - before.rows))
        {
            Some(row) => {
                let skipped = &self.chunks[chunk][..index - before.rows];
                let start = before.bytes + skipped.iter().map(|r| r.len).sum::<usize>();
                self.found(index, start, *row)
            }
            None => self.last_row(),
        }
    }

    /// Rows from `index` on, each O(1) after the first.
    pub fn rows_from(&self, index: usize) -> impl Iterator<Item = Found> + '_ {
        let first = self.row(index.min(self.rows().saturating_sub(1)));
        let (chunk, before) = self.find(|s| s.rows, first.index);
        let offset = first.index - before.rows;
        let mut start = first.span.start;
        let mut index = first.index;
        self.chunks
            .iter()
            .skip(chunk)
            .enumerate()
            .flat_map(move |(i, c)| c.get(if i == 0 { offset } else { 0 }..).unwrap_or_default())
            .map(move |row| {
                let found = Found {
                    index,
                    span: Span {
                        start,
                        len: row.len,
                        hard: row.hard,
                    },
                };
                (start, index) = (start + row.len, index + 1);
                found
            })
    }

    fn found(&self, index: usize, start: usize, row: Row) -> Found {
        Found {
            index,
            span: Span {
                start,
                len: row.len,
                hard: row.hard,
            },
        }
    }

    fn last_row(&self) -> Found {
        let total = self.total();
        let last = self.chunks.last().and_then(|c| c.last()).copied();
        let row = last.unwrap_or(Row {
            len: 0,
            hard: false,
        });
        self.found(total.rows.saturating_sub(1), total.bytes - row.len, row)
    }

    /// After bytes `at..at + removed` became `inserted` bytes in `text`: rewrap from
    /// two rows before the edit until a new row starts where an old one did.
    pub fn update(&mut self, text: &Text, at: usize, removed: usize, inserted: usize) {
        // The row of the grapheme just before the edit (which the edit may extend);
        // a row's break depends on at most the two rows after it.
        let first = self
            .row_at_byte(at.saturating_sub(1))
            .index
            .saturating_sub(2);
        let start = self.row(first).span.start;
        let (old_end, new_end) = (at + removed, at + inserted);
        let mut rows = Vec::new();
        let mut last = self.rows();
        // The old rows, walked alongside the new ones to spot where they line up.
        let mut old = self.rows_from(first).peekable();
        wrap_from(text, start, self.width, |span| {
            rows.push(Row {
                len: span.len,
                hard: span.hard,
            });
            let next = span.end();
            if next >= new_end && (next < text.len() || span.hard) {
                let same = next - new_end + old_end;
                while old.next_if(|r| r.span.start < same).is_some() {}
                if let Some(found) = old.peek().filter(|r| r.span.start == same) {
                    last = found.index;
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        });
        drop(old);
        self.splice(first, last, rows);
    }

    /// Replaces rows `first..last` with `rows`.
    fn splice(&mut self, first: usize, last: usize, rows: Vec<Row>) {
        let (ci, oi) = self.locate(first);
        let (cj, oj) = self.locate(last);
        if ci == cj && ci < self.chunks.len() {
            let old = Sum::of(&self.chunks[ci]);
            self.chunks[ci].splice(oi..oj, rows);
            let len = self.chunks[ci].len();
            let small_ok = len >= SMALL || (self.chunks.len() == 1 && len > 0);
            if small_ok && len <= 2 * CHUNK {
                self.update_tree(ci, old, Sum::of(&self.chunks[ci]));
                return;
            }
            let merged = self.chunks.remove(ci);
            self.merge_around(ci, merged);
        } else {
            let mut merged: Vec<Row> = Vec::new();
            let cj = cj.min(self.chunks.len().saturating_sub(1));
            if let Some(head) = self.chunks.get(ci).and_then(|c| c.get(..oi)) {
                merged.extend_from_slice(head);
            }
            merged.extend(rows);
            if let Some(tail) = self.chunks.get(cj).and_then(|c| c.get(oj..)) {
                merged.extend_from_slice(tail);
            }
            self.chunks.drain(ci.min(cj)..=cj);
            self.merge_around(ci, merged);
        }
        self.rebuild_tree();
    }

    /// Puts `rows` back at chunk `at`, joined with a small neighbour, re-chunked.
    fn merge_around(&mut self, at: usize, mut rows: Vec<Row>) {
        let mut at = at;
        if rows.len() < SMALL {
            if at < self.chunks.len() {
                rows.extend(self.chunks.remove(at));
            } else if at > 0 {
                at -= 1;
                let mut prev = self.chunks.remove(at);
                prev.extend(rows);
                rows = prev;
            }
        }
        if rows.is_empty() && self.chunks.is_empty() {
            rows.push(Row {
                len: 0,
                hard: false,
            });
        }
        let pieces: Vec<Vec<Row>> = rows.chunks(CHUNK).map(<[Row]>::to_vec).collect();
        self.chunks.splice(at..at, pieces);
    }

    /// (chunk, offset in it) of row `index`; the end of the last chunk past the end.
    fn locate(&self, index: usize) -> (usize, usize) {
        let (chunk, before) = self.find(|s| s.rows, index);
        if chunk >= self.chunks.len() {
            let last = self.chunks.len().saturating_sub(1);
            return (last, self.chunks.get(last).map_or(0, Vec::len));
        }
        (chunk, index - before.rows)
    }

    /// The first chunk whose running total of `key` passes `target`, and the sum
    /// of the chunks before it (`chunks.len()` if none passes).
    fn find(&self, key: impl Fn(&Sum) -> usize, target: usize) -> (usize, Sum) {
        let n = self.chunks.len();
        let mut pos = 0;
        let mut acc = Sum::default();
        let mut step = if n == 0 { 0 } else { 1 << n.ilog2() };
        while step > 0 {
            let next = pos + step;
            if next <= n {
                let with = Sum {
                    bytes: acc.bytes + self.tree[next].bytes,
                    rows: acc.rows + self.tree[next].rows,
                };
                if key(&with) <= target {
                    (pos, acc) = (next, with);
                }
            }
            step >>= 1;
        }
        (pos, acc)
    }

    fn prefix(&self, mut i: usize) -> Sum {
        let mut acc = Sum::default();
        while i > 0 {
            acc.bytes += self.tree[i].bytes;
            acc.rows += self.tree[i].rows;
            i &= i - 1;
        }
        acc
    }

    fn update_tree(&mut self, chunk: usize, old: Sum, new: Sum) {
        let mut i = chunk + 1;
        while i < self.tree.len() {
            let t = &mut self.tree[i];
            t.bytes = t.bytes - old.bytes + new.bytes;
            t.rows = t.rows - old.rows + new.rows;
            i += i & i.wrapping_neg();
        }
    }

    fn rebuild_tree(&mut self) {
        let n = self.chunks.len();
        self.tree = vec![Sum::default(); n + 1];
        for (i, chunk) in self.chunks.iter().enumerate() {
            let s = Sum::of(chunk);
            let t = &mut self.tree[i + 1];
            t.bytes += s.bytes;
            t.rows += s.rows;
            let parent = (i + 1) + ((i + 1) & (i + 1).wrapping_neg());
            if parent <= n {
                let child = self.tree[i + 1];
                self.tree[parent].bytes += child.bytes;
                self.tree[parent].rows += child.rows;
            }
        }
    }

    /// Every row, for tests that compare the cache with a wrap from scratch.
    pub fn spans(&self) -> Vec<Span> {
        self.rows_from(0).map(|f| f.span).collect()
    }
}
