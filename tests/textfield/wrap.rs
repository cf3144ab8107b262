//! Word wrap rules, as the model's rows and as the view shows them, and how the
//! view scrolls to keep the cursor in sight.

use super::common::{field, rows};
use attune::textfield::{Edit, TextField, visible_rows};

fn wrapped(text: &str, width: u16) -> Vec<String> {
    rows(&TextField::from_text(text, 0, 0, false), width)
}

/// What the view draws for each row of `text` at `width`.
fn shown(text: &str, width: u16) -> Vec<String> {
    let f = TextField::from_text(text, 0, 0, false);
    visible_rows(&f, width, 100, 0)
        .rows
        .into_iter()
        .map(|r| r.text)
        .collect()
}

#[test]
fn breaks_after_spaces_which_hang() {
    assert_eq!(wrapped("hello world", 5), ["hello ", "world"]);
    assert_eq!(wrapped("hello   world", 7), ["hello   ", "world"]);
    assert_eq!(wrapped("a b c d", 3), ["a b ", "c d"]);
    assert_eq!(wrapped("one two three", 20), ["one two three"]);
    // Hanging spaces are not drawn past the edge.
    assert_eq!(shown("hello   world", 7), ["hello  ", "world"]);
}

#[test]
fn no_row_starts_with_a_space_from_a_break() {
    let text = "it was the best of times,  it was the worst of times ,   it was";
    for width in 1..30 {
        let f = TextField::from_text(text, 0, 0, false);
        for (i, row) in rows(&f, width).iter().enumerate() {
            assert!(i == 0 || !row.starts_with(' '), "width {width}: {row:?}");
        }
    }
    // Indentation at the start of a line is text, not a break.
    assert_eq!(wrapped("  indented words", 10), ["  indented ", "words"]);
}

#[test]
fn long_words_break_between_graphemes() {
    assert_eq!(wrapped("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    assert_eq!(wrapped("ab abcdefghij", 4), ["ab ", "abcd", "efgh", "ij"]);
    assert_eq!(
        wrapped("e\u{301}e\u{301}e\u{301}", 2),
        ["e\u{301}e\u{301}", "e\u{301}"]
    );
}

#[test]
fn wide_glyphs_are_never_split() {
    assert_eq!(wrapped("漢字漢字", 5), ["漢字", "漢字"]);
    assert_eq!(wrapped("a漢字", 4), ["a漢", "字"]);
    // Too wide for the row at all: alone on its row.
    assert_eq!(wrapped("漢字", 1), ["漢", "字"]);
    assert_eq!(shown("漢字", 1), ["", ""]);
}

#[test]
fn emoji_and_combining_sequences_stay_whole() {
    let family = "👨‍👩‍👧";
    assert_eq!(
        wrapped(&format!("{family}{family}{family}"), 4),
        [format!("{family}{family}"), family.to_string()]
    );
    assert_eq!(wrapped("🇫🇷🇩🇪🇮🇹", 2), ["🇫🇷", "🇩🇪", "🇮🇹"]);
    assert_eq!(wrapped("ne\u{301}e\u{301}", 2), ["ne\u{301}", "e\u{301}"]);
}

#[test]
fn tabs_expand_to_the_next_multiple_of_four() {
    assert_eq!(shown("\tx", 20), ["    x"]);
    assert_eq!(shown("ab\tx", 20), ["ab  x"]);
    assert_eq!(shown("abcd\tx", 20), ["abcd    x"]);
    // A tab is whitespace: a row may break after it.
    assert_eq!(wrapped("abc\tdefgh", 6), ["abc\t", "defgh"]);
}

#[test]
fn control_and_bidi_characters_are_shown_substituted() {
    assert_eq!(shown("a\u{1b}[31mb", 20), ["a^[[31mb"]);
    assert_eq!(shown("x\u{0}\u{7f}y", 20), ["x^@^?y"]);
    assert_eq!(shown("x\u{9b}y", 20), ["x\u{fffd}y"]);
    assert_eq!(
        shown("abc\u{202e}def\u{2066}g\u{2069}", 20),
        ["abc\u{fffd}def\u{fffd}g\u{fffd}"]
    );
    assert_eq!(shown("a\u{2028}b", 20), ["a\u{fffd}b"]);
    // A lone combining mark sits on a dotted circle rather than on its neighbour.
    assert_eq!(shown("\u{301}x", 20), ["\u{25cc}\u{301}x"]);
    // The stand-in's width counts for wrapping: ^[ takes two cells.
    assert_eq!(wrapped("ab\u{1b}cd", 4), ["ab\u{1b}", "cd"]);
    // The text itself keeps them.
    let f = TextField::from_text("a\u{1b}\u{202e}b", 0, 0, false);
    assert_eq!(f.text(), "a\u{1b}\u{202e}b");
    for row in visible_rows(&f, 20, 5, 0).rows {
        assert!(
            !row.text
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c))
        );
    }
}

#[test]
fn empty_lines_and_trailing_newline_are_rows() {
    assert_eq!(wrapped("", 5), [""]);
    assert_eq!(wrapped("a\n\nb\n", 5), ["a", "", "b", ""]);
}

#[test]
fn visible_rows_scroll_the_least_to_show_the_cursor() {
    let text = (0..20)
        .map(|i| format!("line {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut f = TextField::from_text(&text, 10, 0, false);
    // The hint already shows the cursor: kept.
    assert_eq!(visible_rows(&f, 20, 5, 8).top, 8);
    // Cursor below: scrolled just enough that it is the last row.
    assert_eq!(visible_rows(&f, 20, 5, 0).top, 6);
    // Cursor above: it becomes the top row.
    assert_eq!(visible_rows(&f, 20, 5, 15).top, 10);
    let v = visible_rows(&f, 20, 5, 8);
    assert_eq!(v.rows.len(), 5);
    assert_eq!(v.rows[0].text, "line 8");
    assert_eq!(v.cursor, Some((0, 2)));
    assert_eq!(v.total, 20);
    f.apply(Edit::Bottom, 20);
    let v = visible_rows(&f, 20, 5, 8);
    assert_eq!((v.top, v.cursor), (15, Some((7, 4))));
}

#[test]
fn the_cursor_stays_inside_the_area() {
    // After a full row the cursor would be one past the edge: it is kept on the last column.
    let f = field("abcde|");
    assert_eq!(visible_rows(&f, 5, 2, 0).cursor, Some((4, 0)));
    let f = field("hello|   world");
    assert_eq!(visible_rows(&f, 5, 2, 0).cursor, Some((4, 0)));
    let f = field("hello   |world");
    assert_eq!(visible_rows(&f, 5, 2, 0).cursor, Some((0, 1)));
    let f = field("|");
    assert_eq!(visible_rows(&f, 5, 2, 0).cursor, Some((0, 0)));
}
