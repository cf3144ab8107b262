//! Undo and redo: how edits group into steps, what a step restores, and that
//! the history stays bounded.

use super::common::{after, field, marked, typed};
use attune::textfield::{Change, Edit, TextField};

use Edit::*;

#[test]
fn typing_groups_by_word() {
    let mut f = field("|");
    after(&mut f, 0, &typed("hello big world"));
    assert_eq!(after(&mut f, 0, &[Undo]), "hello big |");
    assert_eq!(after(&mut f, 0, &[Undo]), "hello |");
    assert_eq!(after(&mut f, 0, &[Undo]), "|");
    assert_eq!(f.apply(Undo, 0), Change::NONE);
    assert_eq!(after(&mut f, 0, &[Redo, Redo]), "hello big |");
    assert_eq!(after(&mut f, 0, &[Redo]), "hello big world|");
}

#[test]
fn newlines_end_a_word_like_spaces() {
    let mut f = field("|");
    after(&mut f, 0, &typed("ab\ncd"));
    assert_eq!(after(&mut f, 0, &[Undo]), "ab\n|");
    assert_eq!(after(&mut f, 0, &[Undo]), "|");
}

#[test]
fn a_move_ends_the_group() {
    let mut f = field("|");
    after(
        &mut f,
        0,
        &[
            InsertChar('a'),
            InsertChar('b'),
            Left,
            Right,
            InsertChar('c'),
        ],
    );
    assert_eq!(after(&mut f, 0, &[Undo]), "ab|");
    assert_eq!(after(&mut f, 0, &[Undo]), "|");
}

#[test]
fn runs_of_deletes_are_one_step() {
    let mut f = field("one two|");
    after(&mut f, 0, &[DeleteBack, DeleteBack, DeleteBack, DeleteBack]);
    assert_eq!(marked(&f), "one|");
    assert_eq!(after(&mut f, 0, &[Undo]), "one two|");
    let mut f = field("o|ne two");
    after(&mut f, 0, &[DeleteForward, DeleteForward, DeleteBack]);
    assert_eq!(marked(&f), "| two");
    // Backspace after deletes is a different run.
    assert_eq!(after(&mut f, 0, &[Undo]), "o| two");
    assert_eq!(after(&mut f, 0, &[Undo]), "o|ne two");
}

#[test]
fn paste_and_bigger_deletes_are_steps_of_their_own() {
    let mut f = field("a|");
    after(&mut f, 0, &[Paste("pasted text".into()), InsertChar('x')]);
    assert_eq!(after(&mut f, 0, &[Undo]), "apasted text|");
    assert_eq!(after(&mut f, 0, &[Undo]), "a|");
    let mut f = field("one two three|");
    after(
        &mut f,
        0,
        &[DeleteWordBack, DeleteWordBack, DeleteToLineStart],
    );
    assert_eq!(marked(&f), "|");
    assert_eq!(after(&mut f, 0, &[Undo]), "one |");
    assert_eq!(after(&mut f, 0, &[Undo]), "one two |");
    assert_eq!(after(&mut f, 0, &[Undo]), "one two three|");
}

#[test]
fn undo_puts_the_cursor_back() {
    let mut f = field("ab|cd");
    after(&mut f, 0, &[Bottom, InsertChar('x'), Top]);
    assert_eq!(after(&mut f, 0, &[Undo]), "abcd|");
    assert_eq!(after(&mut f, 0, &[Redo]), "abcdx|");
}

#[test]
fn a_new_edit_clears_redo() {
    let mut f = field("|");
    after(&mut f, 0, &typed("ab "));
    after(&mut f, 0, &[Undo, InsertChar('z')]);
    assert_eq!(f.apply(Redo, 0), Change::NONE);
    assert_eq!(marked(&f), "z|");
}

#[test]
fn undo_keeps_the_wrap_cache_right() {
    let mut f = field("alpha beta gamma delta|");
    after(
        &mut f,
        7,
        &[
            Paste(" one two three four".into()),
            WordLeft,
            Newline,
            Undo,
            Undo,
        ],
    );
    assert!(f.cache_is_consistent());
    assert_eq!(marked(&f), "alpha beta gamma delta|");
}

#[test]
fn history_is_bounded() {
    let mut f = TextField::new(false);
    for i in 0..10_050 {
        f.apply(Paste(format!("{} ", i % 10)), 0);
    }
    for _ in 0..10_100 {
        f.apply(Undo, 0);
    }
    // The oldest steps were dropped: the first 50 pastes can no longer be undone.
    assert_eq!(f.len(), 100);
}
