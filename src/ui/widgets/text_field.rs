//! A text field drawn: the visible rows glyph by glyph at the columns the model
//! computed, the cursor cell reversed, a wrapped placeholder when it is empty.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::textfield::{TextField, Visible, visible_rows};

/// A field as a ratatui widget. `draw` returns the top row used, for the app to
/// keep as its next scroll hint; as a `Widget` that value is dropped.
#[derive(Clone, Debug)]
pub struct Field<'a> {
    field: &'a TextField,
    placeholder: &'a str,
    scroll: usize,
    show_cursor: bool,
    style: Style,
    placeholder_style: Style,
    cursor_style: Style,
}

impl<'a> Field<'a> {
    pub fn new(field: &'a TextField) -> Self {
        Field {
            field,
            placeholder: "",
            scroll: 0,
            show_cursor: true,
            style: Style::default(),
            placeholder_style: Style::default().add_modifier(Modifier::DIM | Modifier::ITALIC),
            cursor_style: Style::default().add_modifier(Modifier::REVERSED),
        }
    }

    /// Shown, word-wrapped, while the field is empty.
    pub fn placeholder(mut self, text: &'a str) -> Self {
        self.placeholder = text;
        self
    }

    /// The top row to start from (what the last `draw` returned).
    pub fn scroll(mut self, hint: usize) -> Self {
        self.scroll = hint;
        self
    }

    /// Whether to show the cursor (off for a field that is not being typed in).
    pub fn show_cursor(mut self, show: bool) -> Self {
        self.show_cursor = show;
        self
    }

    pub fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    pub fn placeholder_style(mut self, style: Style) -> Self {
        self.placeholder_style = style;
        self
    }

    pub fn cursor_style(mut self, style: Style) -> Self {
        self.cursor_style = style;
        self
    }

    /// Draws the field into `area` and returns the top visual row used.
    pub fn draw(self, area: Rect, buf: &mut Buffer) -> usize {
        let area = area.intersection(buf.area);
        buf.set_style(area, self.style);
        if self.field.is_empty() && !self.placeholder.is_empty() {
            self.draw_placeholder(area, buf);
            return 0;
        }
        let visible = visible_rows(self.field, area.width, area.height, self.scroll);
        draw_rows(&visible, area, buf, self.style);
        if let Some((x, y)) = visible.cursor.filter(|_| self.show_cursor)
            && let Some(cell) = buf.cell_mut((area.x + x, area.y + y))
        {
            cell.set_style(self.cursor_style);
        }
        visible.top
    }

    /// The placeholder, after the cursor's reversed space when the cursor shows.
    fn draw_placeholder(&self, area: Rect, buf: &mut Buffer) {
        let text = if self.show_cursor {
            format!(" {}", self.placeholder)
        } else {
            self.placeholder.to_string()
        };
        let placeholder = TextField::from_text(&text, 0, 0, false);
        let visible = visible_rows(&placeholder, area.width, area.height, 0);
        draw_rows(
            &visible,
            area,
            buf,
            self.style.patch(self.placeholder_style),
        );
        if self.show_cursor
            && let Some(cell) = buf.cell_mut((area.x, area.y))
        {
            // A plain reversed space: not dimmed or slanted like the text after it.
            cell.modifier = Modifier::empty();
            cell.set_style(self.style.patch(self.cursor_style));
        }
    }
}

impl Widget for Field<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }
}

/// Paints rows glyph by glyph at the columns the wrap computed, so the buffer
/// never re-measures (and never disagrees about) what the model laid out.
pub fn draw_rows(visible: &Visible, area: Rect, buf: &mut Buffer, style: Style) {
    for (row, y) in visible.rows.iter().zip(area.y..area.bottom()) {
        for glyph in &row.glyphs {
            let x = area.x.saturating_add(glyph.x);
            let Some(symbol) = row.text.get(glyph.range.clone()) else {
                continue;
            };
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_symbol(symbol).set_style(style);
            }
            // Cells hidden under a wide glyph are reset, as ratatui's own text does.
            for hidden in 1..glyph.width {
                if let Some(cell) = buf.cell_mut((x.saturating_add(hidden), y)) {
                    cell.reset();
                }
            }
        }
    }
}
