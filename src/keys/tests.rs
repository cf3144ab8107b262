//! The keymap's matching rules and labels, case by case.

use super::*;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn shift_never_matters_for_characters_but_does_for_arrows() {
    let shifted_q = key(KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(map(Context::Home, shifted_q), Some(Msg::Help));
    let shift_up = key(KeyCode::Up, KeyModifiers::SHIFT);
    assert_eq!(map(Context::Ladder, shift_up), Some(Msg::MoveUp));
    assert_eq!(
        map(Context::Ladder, key(KeyCode::Up, KeyModifiers::NONE)),
        Some(Msg::Up)
    );
}

#[test]
fn letters_are_commands_only_where_nothing_is_typed() {
    let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(map(Context::Home, q), Some(Msg::Quit));
    assert_eq!(
        map(Context::Text, q),
        Some(Msg::Edit(Edit::InsertChar('q')))
    );
    // Ctrl with a letter never types it.
    let ctrl_q = key(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert_eq!(map(Context::Text, ctrl_q), None);
    // Ctrl-U deletes to the line's start (not an undo, as in some editors).
    let ctrl_u = key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(
        map(Context::Text, ctrl_u),
        Some(Msg::Edit(Edit::DeleteToLineStart))
    );
}

#[test]
fn the_unlock_field_types_every_letter_and_enter_unlocks() {
    let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(
        map(Context::Unlock, q),
        Some(Msg::Edit(Edit::InsertChar('q')))
    );
    let enter = key(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(map(Context::Unlock, enter), Some(Msg::Open));
    let f1 = key(KeyCode::F(1), KeyModifiers::NONE);
    assert_eq!(map(Context::Unlock, f1), Some(Msg::Help));
    assert_eq!(map(Context::UnlockHelp, f1), Some(Msg::Back));
    let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(map(Context::Unlock, ctrl_c), Some(Msg::Quit));
}

#[test]
fn two_quick_escs_still_mean_back_and_releases_do_nothing() {
    let alt_esc = key(KeyCode::Esc, KeyModifiers::ALT);
    assert_eq!(map(Context::Step, alt_esc), Some(Msg::Back));
    let mut release = key(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(map(Context::Home, release), None);
}

#[test]
fn labels_and_hints_come_from_the_bindings() {
    assert_eq!(label(Context::Entry, &Msg::EditEntry), "e");
    assert_eq!(label(Context::Scale, &Msg::Digit(3)), "0-9");
    assert_eq!(label_everywhere(&Msg::Quit), "Ctrl-C");
    let hints: Vec<String> = hints(Context::Home).into_iter().map(|(h, _)| h).collect();
    assert!(hints.contains(&"↑↓ move".to_string()), "{hints:?}");
    assert_eq!(hints.last().map(String::as_str), Some("F1 help"));
}
