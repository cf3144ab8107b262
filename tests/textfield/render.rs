//! Drawing through ratatui: a wrapped field with its cursor, the placeholder,
//! stand-ins for wide and control characters, and scrolling.

use attune::textfield::{Edit, TextField};
use attune::ui::widgets::text_field::Field;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};

fn reversed(buf: &mut Buffer, x: u16, y: u16) {
    buf[(x, y)].set_style(Style::default().add_modifier(Modifier::REVERSED));
}

#[test]
fn a_wrapped_field_with_its_cursor() {
    // The cursor on the 'b' of "brown", which the wrap moved to the second row.
    let field = TextField::from_text("The quick brown fox jumps", 0, 10, false);
    let mut terminal = Terminal::new(TestBackend::new(10, 3)).expect("a test terminal");
    let mut top = None;
    terminal
        .draw(|frame| top = Some(Field::new(&field).draw(frame.area(), frame.buffer_mut())))
        .expect("drawn");
    let mut want = Buffer::with_lines(["The quick ", "brown fox ", "jumps     "]);
    reversed(&mut want, 0, 1);
    terminal.backend().assert_buffer(&want);
    assert_eq!(top, Some(0));
}

#[test]
fn the_cursor_after_the_text_is_a_reversed_space() {
    let mut field = TextField::from_text("one two", 0, 0, false);
    field.apply(Edit::Bottom, 6);
    let area = Rect::new(0, 0, 6, 2);
    let mut buf = Buffer::empty(area);
    Field::new(&field).draw(area, &mut buf);
    let mut want = Buffer::with_lines(["one   ", "two   "]);
    reversed(&mut want, 3, 1);
    assert_eq!(buf, want);
}

#[test]
fn an_empty_field_shows_its_placeholder_wrapped() {
    let field = TextField::new(false);
    let area = Rect::new(0, 0, 10, 3);
    let mut buf = Buffer::empty(area);
    Field::new(&field)
        .placeholder("Write here what happened")
        .draw(area, &mut buf);
    let mut want = Buffer::with_lines([" Write    ", "here what ", "happened  "]);
    let dim = Style::default().add_modifier(Modifier::DIM | Modifier::ITALIC);
    for (y, len) in [(0u16, 7u16), (1, 10), (2, 8)] {
        want.set_style(Rect::new(0, y, len, 1), dim);
    }
    want[(0, 0)].set_style(Style::reset().add_modifier(Modifier::REVERSED));
    assert_eq!(buf, want);
    // Without a cursor (a field not being typed in) the placeholder starts at once.
    let mut buf = Buffer::empty(area);
    Field::new(&field)
        .placeholder("Write here")
        .show_cursor(false)
        .draw(area, &mut buf);
    assert_eq!(buf[(0, 0)].symbol(), "W");
}

#[test]
fn wide_and_control_characters_are_drawn_safely() {
    let field = TextField::from_text("a\u{1b}漢\u{202e}b", 0, 0, false);
    let area = Rect::new(0, 0, 8, 1);
    let mut buf = Buffer::empty(area);
    Field::new(&field).show_cursor(false).draw(area, &mut buf);
    let symbols: Vec<&str> = (0..8).map(|x| buf[(x, 0)].symbol()).collect();
    assert_eq!(symbols, ["a", "^", "[", "漢", " ", "\u{fffd}", "b", " "]);
}

#[test]
fn draw_returns_the_scroll_for_the_next_frame() {
    let text = (0..10)
        .map(|i| format!("row {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut field = TextField::from_text(&text, 0, 0, false);
    field.apply(Edit::Bottom, 8);
    let area = Rect::new(0, 0, 8, 3);
    let mut buf = Buffer::empty(area);
    let top = Field::new(&field).scroll(0).draw(area, &mut buf);
    assert_eq!(top, 7);
    assert_eq!(buf, {
        let mut want = Buffer::with_lines(["row 7   ", "row 8   ", "row 9   "]);
        reversed(&mut want, 5, 2);
        want
    });
    // Moving up inside the view keeps the top row where it was.
    field.apply(Edit::Up, 8);
    let mut buf = Buffer::empty(area);
    assert_eq!(Field::new(&field).scroll(top).draw(area, &mut buf), 7);
    assert_eq!(
        buf.cell(Position::new(5, 1)).map(|c| c.modifier),
        Some(Modifier::REVERSED)
    );
}

#[test]
fn a_box_that_grows_shows_the_start_again() {
    // A one-line answer that wrapped onto a second row while its box was one row
    // high scrolled to that row; once the box has grown to fit both rows, both show.
    let mut field = TextField::from_text("", 0, 0, false);
    for c in "keep one foot out the door".chars() {
        field.apply(Edit::InsertChar(c), 16);
    }
    let mut buf = Buffer::empty(Rect::new(0, 0, 16, 1));
    let top = Field::new(&field)
        .scroll(0)
        .draw(Rect::new(0, 0, 16, 1), &mut buf);
    assert_eq!(top, 1, "one row high: the cursor's row");
    let area = Rect::new(0, 0, 16, 2);
    let mut buf = Buffer::empty(area);
    assert_eq!(Field::new(&field).scroll(top).draw(area, &mut buf), 0);
    let first: String = (0..16)
        .map(|x| buf.cell(Position::new(x, 0)).unwrap().symbol().to_string())
        .collect();
    assert!(first.starts_with("keep one foot"), "{first:?}");
}
