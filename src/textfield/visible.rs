//! What of a text field is on screen: the visible rows around the cursor, found
//! through the wrap cache without walking the text. Pure data; the ui draws it.

use std::ops::Range;

use super::{Span, Text, TextField, display_glyph, glyph_width};

/// The part of a field that is on screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Visible {
    /// The top visual row used: the scroll hint to pass to the next draw.
    pub top: usize,
    /// Visual rows in the whole text at this width.
    pub total: usize,
    /// The rows on screen, top first (at most the height).
    pub rows: Vec<VisibleRow>,
    /// The cursor's (column, row) inside the area.
    pub cursor: Option<(u16, u16)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisibleRow {
    /// What is drawn, left to right: stand-ins for hidden characters, tabs as
    /// spaces, clipped to the width (spaces hanging past it are not drawn).
    pub text: String,
    /// Each symbol drawn, in order.
    pub glyphs: Vec<Glyph>,
    /// The cursor's column if it is on this row. Past the right edge (after a
    /// full row, or on spaces hanging there) it stays in the last column.
    pub cursor: Option<u16>,
}

/// One symbol of a row: its column, the cells it covers, its bytes in the row's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glyph {
    pub x: u16,
    pub width: u16,
    pub range: Range<usize>,
}

/// The rows of `field` on screen in a `width` x `height` area. The top row is
/// `scroll_hint`, moved the least that brings the cursor's row into view.
/// O(height x width) once the field's wrap cache is at this width (the first
/// call at a new width builds it: O(text)).
pub fn visible_rows(field: &TextField, width: u16, height: u16, scroll_hint: usize) -> Visible {
    if width == 0 || height == 0 {
        return Visible {
            top: scroll_hint,
            ..Visible::default()
        };
    }
    let cursor = field.cursor_byte();
    field.with_layout(usize::from(width), |text, layout| {
        let at = layout.row_at_byte(cursor).index;
        let height = usize::from(height);
        let top = nearest_top(at, height, scroll_hint, layout.rows());
        let rows: Vec<VisibleRow> = layout
            .rows_from(top)
            .take(height)
            .map(|found| visible_row(text, found.span, width, cursor))
            .collect();
        let cursor = rows
            .iter()
            .zip(0u16..)
            .find_map(|(r, y)| Some((r.cursor?, y)));
        Visible {
            top,
            total: layout.rows(),
            rows,
            cursor,
        }
    })
}

/// The top visual row to show in a `width` x `height` area: `scroll_hint`, moved the
/// least that brings the cursor's row into view (what [`visible_rows`] uses).
pub fn top_row(field: &TextField, width: u16, height: u16, scroll_hint: usize) -> usize {
    if width == 0 || height == 0 {
        return scroll_hint;
    }
    let cursor = field.cursor_byte();
    field.with_layout(usize::from(width), |_, layout| {
        nearest_top(
            layout.row_at_byte(cursor).index,
            usize::from(height),
            scroll_hint,
            layout.rows(),
        )
    })
}

/// The top row nearest `hint` that shows the cursor's row, and never leaves rows
/// empty below the text while rows above it are hidden (a box that has grown, or a
/// window made taller, shows the start again).
fn nearest_top(cursor_row: usize, height: usize, hint: usize, total: usize) -> usize {
    let top = if cursor_row < hint {
        cursor_row
    } else if cursor_row >= hint.saturating_add(height) {
        cursor_row + 1 - height
    } else {
        hint
    };
    top.min(total.saturating_sub(height))
}

/// One row as drawn. Stops reading at the right edge: O(width).
fn visible_row(text: &Text, span: Span, width: u16, cursor: usize) -> VisibleRow {
    let width = usize::from(width);
    let content_end = span.end() - usize::from(span.hard);
    // A row holds its start up to (not including) its end; a line's last row
    // also holds the line's end, where the cursor sits after the last character.
    let owns_end = span.hard || span.end() >= text.len();
    let here =
        cursor >= span.start && (cursor < content_end || (owns_end && cursor == content_end));
    // Room for a usual row up front; a giant area grows as it fills.
    let mut row = VisibleRow {
        text: String::with_capacity(width.min(256)),
        glyphs: Vec::with_capacity(width.min(256)),
        cursor: None,
    };
    let mut col = 0;
    let mut cursor_col = None;
    for (p, g) in text.graphemes(span.start, content_end) {
        if p == cursor {
            cursor_col = Some(col);
        }
        let w = glyph_width(&g, col);
        if col + w <= width {
            let mut x = col;
            display_glyph(&g, col, &mut row.text, |from, to, cells| {
                row.glyphs.push(Glyph {
                    x: clamp_u16(x),
                    width: clamp_u16(cells),
                    range: from..to,
                });
                x += cells;
            });
        }
        col += w;
        if col >= width {
            break;
        }
    }
    if here {
        row.cursor = Some(clamp_u16(cursor_col.unwrap_or(col).min(width - 1)));
    }
    row
}

fn clamp_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}
