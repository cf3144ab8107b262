//! A draft is never deleted without the person's say: drafts a content pack can't
//! open are kept, shown, exported and only discarded when asked (and undoably);
//! answers to renamed prompts ride along; an edit's draft stays reachable, even when
//! its entry is deleted. Flows by key sequence on a real store.

mod support;

use attune::app::{App, Boot, Effect, HomeItem, Msg, Screen};
use attune::journal::AnswerValue;
use attune::keys::Context;
use attune::session::{SavedAnswer, SavedDraft, Session};
use crossterm::event::KeyCode::*;
use support::*;

/// A session whose only draft belongs to an exercise the built-in pack doesn't have.
fn foreign_draft() -> SavedDraft {
    SavedDraft {
        step_id: "recognize".into(),
        exercise_id: "old-exercise".into(),
        prompt: 1,
        editing: None,
        editing_uid: None,
        touched: true,
        answers: [(
            "what".to_string(),
            SavedAnswer::Text {
                text: "words from another pack".into(),
                row: 0,
                col: 5,
            },
        )]
        .into_iter()
        .collect(),
    }
}

fn booted(session: Session) -> App {
    App::new(
        content(),
        Boot {
            welcomed: true,
            session: Some(session),
            ..Boot::default()
        },
    )
}

#[test]
fn a_draft_the_pack_cant_open_is_read_exported_and_discarded_only_when_asked() {
    let mut session = Session::empty();
    session.drafts.push(foreign_draft());
    let mut app = booted(session);
    let at = app
        .home_items()
        .iter()
        .position(|i| *i == HomeItem::Kept)
        .unwrap();
    let home = screen_text(&app, 80, 24);
    assert!(
        home.contains("A draft from an exercise this pack doesn't have"),
        "{home}"
    );
    for _ in 0..at {
        press(&mut app, key(Down));
    }
    press(&mut app, key(Enter));
    assert_eq!(app.screen, Screen::Kept { selected: 0 });
    assert!(screen_text(&app, 80, 24).contains("old-exercise"));
    press(&mut app, key(Enter));
    assert_eq!(app.context(), Context::KeptDraft);
    assert!(screen_text(&app, 80, 24).contains("words from another pack"));
    assert_eq!(
        press(&mut app, key(Char('x'))),
        [Effect::ExportDrafts(
            vec![foreign_draft()],
            Default::default()
        )]
    );
    // Carrying on is not possible: its exercise isn't here.
    press(&mut app, key(Char('c')));
    assert!(
        app.notice
            .as_deref()
            .unwrap_or_default()
            .contains("doesn't have")
    );
    // Discard asks; n keeps it.
    press(&mut app, key(Char('d')));
    assert_eq!(app.context(), Context::Confirm);
    assert!(screen_text(&app, 80, 24).contains("Discard the draft"));
    press(&mut app, key(Char('n')));
    assert_eq!(app.kept.len(), 1);
    // y discards, u brings it back, and the session always says what is kept.
    press(&mut app, key(Char('d')));
    let effects = press(&mut app, key(Char('y')));
    assert!(app.kept.is_empty());
    assert!(matches!(effects.as_slice(), [Effect::SaveSession(s)] if s.kept.is_empty()));
    let effects = press(&mut app, key(Char('u')));
    assert_eq!(app.kept, [foreign_draft()]);
    assert!(matches!(effects.as_slice(), [Effect::SaveSession(s)] if s.kept == [foreign_draft()]));
}

#[test]
fn a_run_with_another_pack_changes_nothing_in_a_draft_it_cant_open() {
    let mut h = Harness::new();
    h.keys(&[Enter, Down, Down, Down, Enter, Enter]);
    h.type_text("a thought record draft");
    h.send(Msg::Tick);
    let before = h.store.load_session().unwrap().unwrap().drafts;
    // A pack without the thought record: its draft is kept, saved back as it came,
    // and is there again when the pack that has it comes back.
    let mut pack = content();
    pack.steps[3].exercises.retain(|e| e.id != "thought-record");
    let (boot, _) = attune::runtime::boot(&h.store, Default::default());
    let mut other = App::new(pack, boot);
    for effect in other.update(Msg::Down) {
        if let Effect::SaveSession(s) = effect {
            h.store.save_session(&s).unwrap();
        }
    }
    other.update(Msg::Tick);
    h.store.save_session(&other.session()).unwrap();
    let after = h.store.load_session().unwrap().unwrap();
    assert_eq!(after.kept, before, "kept byte for byte");
    let h = h.relaunch();
    assert_eq!(
        h.app
            .find_draft("challenge-beliefs", "thought-record")
            .map(|d| d.answered()),
        Some(1)
    );
}

#[test]
fn answers_to_prompts_the_pack_renamed_are_kept_and_saved_with_the_entry() {
    let mut session = Session::empty();
    let mut draft = thought_record().session().drafts.remove(0);
    draft.answers.insert(
        "old-prompt".into(),
        SavedAnswer::Text {
            text: "an answer to a prompt that was renamed".into(),
            row: 0,
            col: 0,
        },
    );
    // And one whose kind changed: a number where the pack now asks for words.
    draft
        .answers
        .insert("situation".into(), SavedAnswer::Scale { value: 4 });
    draft.touched = true;
    session.drafts.push(draft.clone());
    let mut app = booted(session);
    let saved = app.session().drafts.remove(0);
    assert!(
        saved.answers.contains_key("old-prompt"),
        "kept in the session"
    );
    assert_eq!(
        saved.answers.get("situation"),
        Some(&SavedAnswer::Scale { value: 4 })
    );
    // Both ride into the entry, named for what they were.
    press(&mut app, key(Char('c')));
    goto(&mut app, "save");
    // The save page shows every answer in full, scrolling to the end if need be.
    lay_out(&mut app);
    press_all(&mut app, &[PageDown; 5]);
    assert!(screen_text(&app, 80, 24).contains("From an earlier version"));
    let effects = press(&mut app, key(Enter));
    let Some(Effect::CommitEntry { entry, .. }) = effects.first() else {
        panic!("{effects:?}")
    };
    let kept: Vec<_> = entry
        .answers
        .iter()
        .filter(|a| a.label.starts_with("From an earlier version"))
        .map(|a| a.value.clone())
        .collect();
    assert_eq!(
        kept,
        [
            AnswerValue::Text("an answer to a prompt that was renamed".into()),
            AnswerValue::Text("4".into())
        ]
    );
}

/// A journal with one entry, open in the entry view with an unsaved edit.
fn editing() -> (Harness, i64) {
    let mut h = Harness::new();
    h.keys(&[Enter, Down, Down, Down, Enter, Enter]);
    h.type_text("the first version");
    h.goto("save");
    h.keys(&[Enter, Esc, Esc, Char('r'), Enter]);
    let id = h.app.entry.as_ref().expect("open").id;
    h.keys(&[Char('e')]);
    h.type_text(" and a change");
    h.keys(&[Esc]);
    assert_eq!(h.app.screen, Screen::Entry { id, scroll: 0 });
    (h, id)
}

#[test]
fn an_edit_kept_as_a_draft_is_reachable_from_the_entry_and_from_continue() {
    let (mut h, id) = editing();
    assert!(screen_text(&h.app, 80, 24).contains("unsaved changes to this entry"));
    h.keys(&[Esc, Esc]);
    let home = screen_text(&h.app, 80, 24);
    assert!(home.contains("changes to Thought record"), "{home}");
    let mut h = h.relaunch();
    h.keys(&[Char('c')]);
    assert_eq!(field_text(&h.app), "the first version and a change");
    h.goto("save");
    h.keys(&[Enter]);
    assert_eq!(h.app.screen, Screen::Entry { id, scroll: 0 });
    let entry = h.app.entry.as_ref().expect("reloaded");
    assert_eq!(
        entry.answers[0].value,
        AnswerValue::Text("the first version and a change".into())
    );
    assert_eq!(h.store.list_entries().unwrap().len(), 1);
}

#[test]
fn an_edit_whose_entry_was_deleted_is_saved_as_a_new_entry() {
    let (mut h, id) = editing();
    let old_uid = h.store.entry(id).unwrap().unwrap().uid;
    h.keys(&[Char('d')]);
    let asked = screen_text(&h.app, 80, 24);
    assert!(asked.contains("Delete Thought record?"), "{asked}");
    assert!(
        asked.contains("unsaved changes to it stay as a draft"),
        "{asked}"
    );
    h.keys(&[Char('y')]);
    assert_eq!(h.store.list_entries().unwrap().len(), 0);
    // Gone for good, and its row id taken by another entry since.
    h.store.purge_deleted().unwrap();
    let other = text_entry("pattern-log", "someone else's words");
    let reused = h
        .store
        .commit_entry_at(&other, None, chrono::Local::now().fixed_offset())
        .unwrap();
    assert_eq!(reused, id, "SQLite reuses the row id");
    let mut h = h.relaunch();
    h.keys(&[Esc, Char('c')]);
    assert_eq!(field_text(&h.app), "the first version and a change");
    h.goto("save");
    h.keys(&[Enter]);
    assert!(
        h.app
            .notice
            .as_deref()
            .unwrap_or_default()
            .contains("saved as a new entry")
    );
    assert_eq!(
        h.store.entry(reused).unwrap().unwrap().answers[0].value,
        AnswerValue::Text("someone else's words".into()),
        "the entry that reused the row id is untouched"
    );
    let entries = h.store.list_entries().unwrap();
    assert_eq!(entries.len(), 2);
    let Screen::Entry { id: shown, .. } = h.app.screen else {
        panic!("{:?}", h.app.screen)
    };
    let saved = h.store.entry(shown).unwrap().unwrap();
    assert_ne!(saved.uid, old_uid);
    assert_eq!(
        saved.answers[0].value,
        AnswerValue::Text("the first version and a change".into())
    );
    assert!(h.app.drafts.is_empty());
}

#[test]
fn an_edit_and_the_session_without_its_draft_are_saved_together() {
    let (mut h, id) = editing();
    h.keys(&[Char('e')]);
    h.goto("save");
    // The write the App asks for carries both, so one transaction does both.
    let effects = h.app.update(Msg::Open);
    let Some(Effect::UpdateEntry {
        id: edited,
        session,
        ..
    }) = effects.first()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(*edited, id);
    assert!(
        session.drafts.is_empty(),
        "the session saved with it has no draft"
    );
    let Effect::UpdateEntry {
        id,
        uid,
        entry,
        session,
    } = effects[0].clone()
    else {
        unreachable!()
    };
    h.store
        .update_entry(id, uid.as_deref(), &entry, &session)
        .unwrap();
    let stored = h.store.load_session().unwrap().unwrap();
    assert!(stored.drafts.is_empty());
    assert_eq!(h.store.entry(id).unwrap().unwrap().history.len(), 1);
}

#[test]
fn merging_drafts_never_loses_a_word() {
    let older = foreign_draft();
    let mut newer = older.clone();
    newer.answers.insert(
        "what".into(),
        SavedAnswer::Text {
            text: "words from another pack, and more".into(),
            row: 0,
            col: 0,
        },
    );
    let mut different = older.clone();
    different.answers.insert(
        "what".into(),
        SavedAnswer::Text {
            text: "other words".into(),
            row: 0,
            col: 0,
        },
    );
    let mut session = Session::empty();
    session.drafts.push(older.clone());
    assert_eq!(
        session.merge(vec![older.clone()]),
        0,
        "a repeat adds nothing"
    );
    assert_eq!(session.merge(vec![newer.clone()]), 1);
    assert_eq!(
        session.drafts,
        [newer.clone()],
        "a later version takes its place"
    );
    assert_eq!(
        session.merge(vec![older]),
        0,
        "an earlier version adds nothing"
    );
    assert_eq!(session.merge(vec![different.clone()]), 1);
    assert_eq!(session.drafts, [newer]);
    assert_eq!(session.kept, [different], "different words are kept beside");
}
