//! Writes made while the start-up check runs: they wait for it, keep their order,
//! and what the check's passing tidies never touches what the person did meanwhile.
//! On a real journal in a temporary folder, with the real background check.

use super::Shared;
use super::checks::{Checks, poll};
use super::effects::perform;
use crate::app::{App, Boot, Effect, Msg};
use crate::journal::{Answer, AnswerValue, NewEntry};
use crate::session::{SavedScreen, Session};
use crate::store::Store;

/// A pattern log entry of these words (the searcher's tests use it too).
pub(super) fn entry(words: &str) -> NewEntry {
    NewEntry {
        step_id: "recognize".into(),
        exercise_id: "pattern-log".into(),
        exercise_title: "Pattern log".into(),
        answers: vec![Answer {
            prompt_id: "situation".into(),
            label: "What happened?".into(),
            value: AnswerValue::Text(words.into()),
            pair: None,
        }],
    }
}

fn shared(store: Store) -> Shared {
    let content = crate::content::builtin().expect("content");
    Shared {
        checks: Checks::start(store.dir(), None),
        app: App::new(content, Boot::default()),
        store: Some(store),
        terminal: None,
        writer: super::writer::Writer::none(),
        searcher: super::searcher::Searcher::none(),
    }
}

fn run(state: &mut Shared, effect: Effect) -> Vec<Msg> {
    let content = state.app.content.clone();
    perform(&mut state.store, &mut state.checks, &content, effect)
}

#[test]
fn an_entry_deleted_while_the_check_runs_can_still_be_brought_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let session = Session::empty();
    // One deleted by a session that ended without closing (purged at the start),
    // and one the person deletes now, while the check still runs.
    let old = store
        .commit_entry(&entry("left deleted"), &session)
        .unwrap();
    store.delete_entry(old).unwrap();
    let id = store.commit_entry(&entry("deleted now"), &session).unwrap();
    let mut state = shared(store);
    assert!(state.checks.pending(), "the check has not answered yet");
    assert!(run(&mut state, Effect::DeleteEntry(id)).is_empty());
    // The check's news is taken in: the old deleted entry goes, this one stays.
    let _ = poll(&mut state);
    let _ = poll(&mut state);
    let replies = run(&mut state, Effect::UndeleteEntry(id));
    assert!(replies.is_empty(), "brought back: {replies:?}");
    let store = state.store.as_ref().unwrap();
    assert!(store.entry(id).unwrap().is_some());
    assert!(
        store.entry(old).unwrap().is_none(),
        "the old one was purged"
    );
}

#[test]
fn a_save_that_waited_for_the_check_never_overwrites_a_newer_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut state = shared(store);
    assert!(state.checks.pending());
    let older = Session::empty();
    let newer = Session {
        screen: SavedScreen::Home { selected: 3 },
        ..Session::empty()
    };
    // The save waits for the check; the commit that follows carries a newer session.
    assert!(run(&mut state, Effect::SaveSession(older)).is_empty());
    let replies = run(
        &mut state,
        Effect::CommitEntry {
            entry: entry("saved"),
            session: newer.clone(),
        },
    );
    assert!(
        matches!(replies.as_slice(), [Msg::EntrySaved(_)]),
        "{replies:?}"
    );
    let _ = poll(&mut state);
    let saved = state.store.as_ref().unwrap().load_session().unwrap();
    assert_eq!(saved, Some(newer));
}
