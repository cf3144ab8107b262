//! Each Edit on its own: what it does to the text and the cursor, written as
//! text with '|' where the cursor is, before and after.

use super::common::{after, field, line, marked, typed};
use attune::textfield::{Change, Edit, TextField};

use Edit::*;

fn check(start: &str, width: u16, edits: &[Edit], want: &str) {
    let mut f = field(start);
    assert_eq!(
        after(&mut f, width, edits),
        want,
        "from {start:?} with {edits:?}"
    );
    assert!(f.cache_is_consistent());
}

#[test]
fn typing_inserts_at_the_cursor() {
    check("ab|cd", 0, &typed("XY"), "abXY|cd");
    check("|", 0, &typed("héllo"), "héllo|");
    check("a|", 0, &[InsertChar('\u{301}')], "a\u{301}|");
    check("a|b", 0, &[InsertChar('\t')], "a\t|b");
}

#[test]
fn newline_splits_the_line() {
    check("ab|cd", 0, &[Newline], "ab\n|cd");
    check("ab|cd", 0, &[InsertChar('\n')], "ab\n|cd");
    check("ab|cd", 0, &[InsertChar('\r')], "ab\n|cd");
}

#[test]
fn paste_normalises_line_ends() {
    check("a|b", 0, &[Paste("1\r\n2\r3\n4".into())], "a1\n2\n3\n4|b");
    check("a|b", 0, &[Paste(String::new())], "a|b");
}

#[test]
fn delete_back_and_forward_take_one_grapheme() {
    check("ab|c", 0, &[DeleteBack], "a|c");
    check("|abc", 0, &[DeleteBack], "|abc");
    check("ab|c", 0, &[DeleteForward], "ab|");
    check("abc|", 0, &[DeleteForward], "abc|");
    check("xe\u{301}|y", 0, &[DeleteBack], "x|y");
    check("x|👨‍👩‍👧y", 0, &[DeleteForward], "x|y");
    check("x🇫🇷|🇩🇪", 0, &[DeleteBack], "x|🇩🇪");
    check("a\n|b", 0, &[DeleteBack], "a|b");
    check("a|\nb", 0, &[DeleteForward], "a|b");
}

#[test]
fn delete_words() {
    check("one two three|", 0, &[DeleteWordBack], "one two |");
    check("one two  |", 0, &[DeleteWordBack], "one |");
    check("one, two|", 0, &[DeleteWordBack], "one, |");
    check("|one two", 0, &[DeleteWordForward], "| two");
    check("one| two", 0, &[DeleteWordForward], "one|");
    check("one\n|two", 0, &[DeleteWordBack], "one|two");
    check("one  \n  |two", 0, &[DeleteWordBack], "one  \n|two");
    check("one|\ntwo", 0, &[DeleteWordForward], "one|two");
}

#[test]
fn delete_to_line_start_and_end_act_on_the_logical_line() {
    let long = "alpha beta gamma delta epsilon";
    // At width 10 the line wraps, but Ctrl-U and Ctrl-K still take the whole logical line.
    check(
        &format!("x\n{}|{}\ny", &long[..12], &long[12..]),
        10,
        &[DeleteToLineStart],
        &format!("x\n|{}\ny", &long[12..]),
    );
    check(
        &format!("x\n{}|{}\ny", &long[..12], &long[12..]),
        10,
        &[DeleteToLineEnd],
        &format!("x\n{}|\ny", &long[..12]),
    );
    // At the start or end of the line they take the newline.
    check("ab\n|cd", 0, &[DeleteToLineStart], "ab|cd");
    check("ab|\ncd", 0, &[DeleteToLineEnd], "ab|cd");
    check("|ab", 0, &[DeleteToLineStart], "|ab");
    check("ab|", 0, &[DeleteToLineEnd], "ab|");
}

#[test]
fn left_and_right_move_by_grapheme() {
    check("e\u{301}|x", 0, &[Left], "|e\u{301}x");
    check("|e\u{301}x", 0, &[Right], "e\u{301}|x");
    check("|👨‍👩‍👧x", 0, &[Right], "👨‍👩‍👧|x");
    check("|漢字", 0, &[Right], "漢|字");
    check("a\n|b", 0, &[Left], "a|\nb");
    check("a|\nb", 0, &[Right], "a\n|b");
    check("|a", 0, &[Left], "|a");
    check("a|", 0, &[Right], "a|");
}

#[test]
fn word_moves() {
    check("one two| three", 0, &[WordLeft], "one |two three");
    check("one two |three", 0, &[WordLeft], "one |two three");
    check("one |two three", 0, &[WordRight], "one two| three");
    check("one| two three", 0, &[WordRight], "one two| three");
    check("one\n|two", 0, &[WordLeft], "one|\ntwo");
    check("one|\ntwo", 0, &[WordRight], "one\n|two");
    check("café| x", 0, &[WordLeft], "|café x");
    check("cafe\u{301}| x", 0, &[WordLeft], "|cafe\u{301} x");
}

#[test]
fn top_and_bottom() {
    check("ab\ncd|ef\ngh", 0, &[Top], "|ab\ncdef\ngh");
    check("ab\ncd|ef\ngh", 0, &[Bottom], "ab\ncdef\ngh|");
}

#[test]
fn home_and_end_go_to_the_visual_row_then_the_logical_line() {
    // Rows at width 9: "alpha " "beta " "gamma"
    let start = "alpha be|ta gamma";
    check(start, 9, &[LineStart], "alpha |beta gamma");
    check(start, 9, &[LineStart, LineStart], "|alpha beta gamma");
    check(start, 9, &[LineEnd], "alpha beta| gamma");
    check(start, 9, &[LineEnd, LineEnd], "alpha beta gamma|");
    // Without a width they act on the logical line at once.
    check(start, 0, &[LineStart], "|alpha beta gamma");
    check(start, 0, &[LineEnd], "alpha beta gamma|");
    check("ab\nc|d\nef", 0, &[LineStart], "ab\n|cd\nef");
    check("ab\nc|d\nef", 0, &[LineEnd], "ab\ncd|\nef");
}

#[test]
fn up_and_down_move_by_visual_row_keeping_the_column() {
    // Rows at width 9: "alpha " "beta " "gamma"
    let start = "alpha beta ga|mma";
    check(start, 9, &[Up], "alpha be|ta gamma");
    check(start, 9, &[Up, Up], "al|pha beta gamma");
    check(start, 9, &[Up, Up, Up], "|alpha beta gamma");
    check(start, 9, &[Down], "alpha beta gamma|");
    // The goal column survives a shorter row in between.
    check(
        "abcdefgh|\nab\nabcdefghij",
        0,
        &[Down],
        "abcdefgh\nab|\nabcdefghij",
    );
    check(
        "abcdefgh|\nab\nabcdefghij",
        0,
        &[Down, Down],
        "abcdefgh\nab\nabcdefgh|ij",
    );
    // Any other move forgets it.
    check(
        "abcdefgh|\nab\nabcdefghij",
        0,
        &[Down, Left, Down],
        "abcdefgh\nab\na|bcdefghij",
    );
}

#[test]
fn up_and_down_count_display_columns() {
    // A wide glyph under the goal column puts the cursor before it.
    check("abc|\n漢字漢", 0, &[Down], "abc\n漢|字漢");
    check("ab|\n漢字漢", 0, &[Down], "ab\n漢|字漢");
    check("漢字|\nabcdef", 0, &[Down], "漢字\nabcd|ef");
    check("\tx|\nabcdefgh", 0, &[Down], "\tx\nabcde|fgh");
}

#[test]
fn up_and_down_stay_on_soft_rows() {
    // "aaaa bbbb" at width 5: rows "aaaa " and "bbbb"; from the end of row 2 Up goes
    // to the last place on row 1 (before its hanging space), not past it.
    check("aaaa bb|bb", 5, &[Up], "aa|aa bbbb");
    check("aaaa bbbb|", 5, &[Up], "aaaa| bbbb");
    // A long word broken between graphemes: rows "abcde" "fghij" "k".
    check("abcdefghij|k", 5, &[Up], "abcde|fghijk");
    check("abcdefghijk|", 5, &[Up], "abcdef|ghijk");
}

#[test]
fn single_line_fields() {
    let mut f = line("ab|cd");
    assert_eq!(f.apply(Newline, 0), Change::NONE);
    assert_eq!(f.apply(InsertChar('\n'), 0), Change::NONE);
    assert_eq!(after(&mut f, 0, &[Paste("x\r\ny\nz".into())]), "abx y z|cd");
    assert_eq!(f.line_count(), 1);
    let f = TextField::from_text("one\ntwo", 1, 1, true);
    assert_eq!(marked(&f), "one t|wo");
}

#[test]
fn from_text_clamps() {
    assert_eq!(
        marked(&TextField::from_text("ab\ncd", 9, 9, false)),
        "ab\ncd|"
    );
    assert_eq!(
        marked(&TextField::from_text("ab\ncd", 0, 9, false)),
        "ab|\ncd"
    );
    assert_eq!(marked(&TextField::from_text("", 3, 3, false)), "|");
    // Inside a grapheme: back to its start.
    assert_eq!(
        marked(&TextField::from_text("e\u{301}x", 0, 1, false)),
        "|e\u{301}x"
    );
    assert_eq!(
        marked(&TextField::from_text("a\r\nb", 1, 1, false)),
        "a\nb|"
    );
}

#[test]
fn change_reports_what_happened() {
    let mut f = field("ab|");
    assert_eq!(
        f.apply(InsertChar('c'), 0),
        Change {
            text: true,
            cursor: true
        }
    );
    assert_eq!(
        f.apply(Left, 0),
        Change {
            text: false,
            cursor: true
        }
    );
    assert_eq!(
        f.apply(DeleteForward, 0),
        Change {
            text: true,
            cursor: false
        }
    );
    assert_eq!(f.apply(DeleteForward, 0), Change::NONE);
    assert_eq!(f.apply(Right, 0), Change::NONE);
    assert_eq!(f.apply(Redo, 0), Change::NONE);
}

#[test]
fn accessors() {
    let mut f = field("  \n\t|");
    assert!(f.is_blank());
    assert_eq!(f.line_count(), 2);
    assert_eq!(f.len(), 4);
    assert_eq!(f.cursor(), (1, 1));
    f.apply(InsertChar('é'), 0);
    assert!(!f.is_blank());
    assert_eq!(f.cursor(), (1, 2));
    assert_eq!(f.len(), 6);
    assert_eq!(f.chunks().collect::<String>(), f.text());
    f.apply(DeleteBack, 0);
    assert!(f.is_blank());
    assert!(TextField::new(false).is_empty());
}
