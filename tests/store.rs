//! Store tests on a real SQLite file in a temp dir: migrations, entries, the session,
//! the lock, permissions, and files that must be refused without being touched.

mod support;

use std::os::unix::fs::PermissionsExt;

use attune::app::Msg;
use attune::journal::{Answer, AnswerValue, LadderItem, NewEntry};
use attune::store::{OpenError, Store, schema_version};
use chrono::DateTime;
use crossterm::event::KeyCode::*;
use support::*;

fn new_entry(exercise: &str, text: &str) -> NewEntry {
    let answer = |id: &str, value, pair: Option<&str>| Answer {
        prompt_id: id.into(),
        label: format!("Label of {id}"),
        value,
        pair: pair.map(str::to_string),
    };
    NewEntry {
        step_id: "recognize".into(),
        exercise_id: exercise.into(),
        exercise_title: "Pattern log".into(),
        answers: vec![
            answer("situation", AnswerValue::Text(text.into()), None),
            answer(
                "before",
                AnswerValue::Scale {
                    value: 7,
                    min: 0,
                    max: 10,
                },
                Some("distress"),
            ),
            answer("underneath", AnswerValue::Skipped, None),
            answer("okay", AnswerValue::Choice("I'm not sure".into()), None),
            answer(
                "moves",
                AnswerValue::Multi {
                    chosen: vec!["Going quiet".into(), "Joking".into()],
                    other: "sulking".into(),
                },
                None,
            ),
            answer(
                "feeling",
                AnswerValue::Feeling {
                    family: "Sad".into(),
                    word: "lonely".into(),
                    intensity: Some(6),
                    max: 10,
                    sensation: Some("heavy chest".into()),
                },
                None,
            ),
            answer(
                "ladder",
                AnswerValue::Ladder {
                    item: "rung".into(),
                    fields: vec!["with whom".into()],
                    items: vec![
                        LadderItem {
                            text: "Share a preference".into(),
                            rating: Some(10),
                            fields: vec!["Jo".into()],
                        },
                        LadderItem {
                            text: "Say I missed you".into(),
                            rating: None,
                            fields: vec![String::new()],
                        },
                    ],
                    min: 0,
                    max: 100,
                },
                None,
            ),
            answer(
                "after",
                AnswerValue::Scale {
                    value: 4,
                    min: 0,
                    max: 10,
                },
                Some("distress"),
            ),
        ],
    }
}

#[test]
fn a_fresh_journal_is_migrated_private_and_crash_safe() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested/attune");
    let store = Store::open(&data).unwrap();
    assert_eq!(store.user_version().unwrap(), schema_version());
    assert_eq!(store.synchronous().unwrap(), 2, "synchronous=FULL");
    assert_eq!(
        std::fs::metadata(&data).unwrap().permissions().mode() & 0o777,
        0o700
    );
    assert_eq!(
        std::fs::metadata(store.db_path())
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    store.save_session(&support::app().session()).unwrap();
    for side in ["attune.db-wal", "attune.db-shm", "attune.lock"] {
        let mode = std::fs::metadata(data.join(side))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "{side}");
    }
    drop(store);
    let conn = rusqlite::Connection::open(data.join("attune.db")).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn reopening_does_not_migrate_twice_or_lose_anything() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .commit_entry_at(&new_entry("pattern-log", "kept"), None, now())
        .unwrap();
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.user_version().unwrap(), schema_version());
    assert_eq!(store.list_entries().unwrap().len(), 1);
}

#[test]
fn entries_round_trip_with_every_kind_of_answer_and_unicode() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let text = "Line one\nlíne twö 🌱 日本語 مرحبا\n\n  indented";
    let entry = new_entry("pattern-log", text);
    let id = store.commit_entry_at(&entry, None, now()).unwrap();
    let back = store.entry(id).unwrap().expect("entry");
    assert_eq!(back.answers, entry.answers);
    assert_eq!(back.exercise_id, "pattern-log");
    assert_eq!(back.created_at, now());
    assert!(store.entry(id + 100).unwrap().is_none());
}

#[test]
fn entries_are_listed_newest_first_across_time_zones() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    // 10:00 in Tokyo is earlier than 09:00 in London on the same day.
    let a = store
        .commit_entry_at(
            &new_entry("pattern-log", "a"),
            None,
            at("2026-11-20T09:00:00+00:00"),
        )
        .unwrap();
    let b = store
        .commit_entry_at(
            &new_entry("pattern-log", "b"),
            None,
            at("2026-11-20T10:00:00+09:00"),
        )
        .unwrap();
    let c = store
        .commit_entry_at(
            &new_entry("pattern-log", "c"),
            None,
            at("2026-11-21T08:00:00+00:00"),
        )
        .unwrap();
    let ids: Vec<i64> = store.list_entries().unwrap().iter().map(|e| e.id).collect();
    assert_eq!(ids, vec![c, a, b]);
}

#[test]
fn activity_counts_runs_per_exercise_with_the_latest_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    store
        .commit_entry_at(
            &new_entry("pattern-log", "a"),
            None,
            at("2026-11-20T09:00:00+00:00"),
        )
        .unwrap();
    store
        .commit_entry_at(
            &new_entry("pattern-log", "b"),
            None,
            at("2026-11-22T09:00:00+00:00"),
        )
        .unwrap();
    store
        .commit_entry_at(
            &new_entry("impact", "c"),
            None,
            at("2026-11-21T09:00:00+00:00"),
        )
        .unwrap();
    let mut activity = store.activity().unwrap();
    activity.sort_by(|x, y| x.exercise_id.cmp(&y.exercise_id));
    assert_eq!(activity.len(), 2);
    assert_eq!(
        (activity[1].exercise_id.as_str(), activity[1].times),
        ("pattern-log", 2)
    );
    assert_eq!(activity[1].last_at, at("2026-11-22T09:00:00+00:00"));
}

#[test]
fn a_saved_session_reopens_on_the_same_screen_prompt_and_drafts() {
    let mut h = Harness::new();
    h.keys(&[Enter, Down, Down, Down, Enter, Enter]);
    h.type_text("Alex didn't reply.\nI told myself I didn't care.");
    h.keys(&[Tab, Enter, Down, Enter, Char('6')]);
    h.goto("thinking-traps");
    h.keys(&[Char(' '), Down, Down]);
    h.goto("automatic-thoughts");
    h.type_text("Nobody can be counted");
    h.send(Msg::Tick);
    let before = h.app.session();
    let screen = h.app.screen.clone();

    let h = h.relaunch();
    assert_eq!(h.app.screen, screen);
    assert_eq!(h.app.session(), before);
    assert_eq!(field_text(&h.app), "Nobody can be counted");
}

#[test]
fn a_tick_saves_text_typed_without_a_prompt_change() {
    let mut h = Harness::new();
    h.keys(&[Enter, Enter, Enter]);
    h.type_text("only typed, nothing else");
    h.send(Msg::Tick);
    let h = h.relaunch();
    assert_eq!(field_text(&h.app), "only typed, nothing else");
}

#[test]
fn a_finished_exercise_is_in_review_and_its_draft_is_gone() {
    let mut h = Harness::new();
    h.keys(&[Enter, Down, Down, Down, Enter, Enter]);
    h.type_text("Situation text");
    h.goto("save");
    h.keys(&[Enter]);
    assert!(
        h.app
            .notice
            .as_deref()
            .unwrap_or_default()
            .starts_with("Saved")
    );
    assert_eq!(h.app.activity.len(), 1);
    h.keys(&[Esc, Char('r')]);
    assert_eq!(h.app.review.rows.len(), 1);
    h.keys(&[Enter]);
    let entry = h.app.entry.clone().expect("entry loaded");
    assert_eq!(
        entry.answers[0].value,
        AnswerValue::Text("Situation text".into())
    );
    assert_eq!(entry.answers.len(), 11);

    let h = h.relaunch();
    assert!(
        h.app.drafts.is_empty(),
        "no draft comes back after the entry was saved"
    );
    assert_eq!(
        h.app.entry.as_ref().map(|e| e.id),
        Some(entry.id),
        "reopens on the same entry"
    );
}

#[test]
fn the_welcome_is_shown_once() {
    let mut h = Harness::new();
    assert_eq!(h.app.screen, attune::app::Screen::Welcome);
    h.keys(&[Enter]);
    let h = h.relaunch();
    assert_eq!(h.app.screen, attune::app::Screen::Home { selected: 0 });
}

#[test]
fn a_second_instance_on_the_same_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Store::open(dir.path()).unwrap();
    match Store::open(dir.path()) {
        Err(e @ OpenError::Locked { .. }) => {
            let message = e.to_string();
            assert!(message.contains("already open"), "{message}");
            assert!(
                message.contains(&std::process::id().to_string()),
                "names the process: {message}"
            );
        }
        other => panic!("expected Locked, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn the_lock_is_released_when_the_store_closes() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    Store::open(dir.path()).expect("opens again");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("attune.db");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 31 % 251) as u8).collect();
    std::fs::write(&file, &garbage).unwrap();
    match Store::open(dir.path()) {
        Err(e @ OpenError::NotADatabase { .. }) => {
            assert!(e.to_string().contains("attune.db"), "{e}")
        }
        other => panic!("expected NotADatabase, got {:?}", other.map(|_| ())),
    }
    assert_eq!(std::fs::read(&file).unwrap(), garbage);
}

#[test]
fn a_journal_from_a_newer_attune_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("attune.db");
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE future (x); PRAGMA user_version = 99; PRAGMA application_id = {};",
            attune::store::APPLICATION_ID
        ))
        .unwrap();
    }
    let before = std::fs::read(&file).unwrap();
    match Store::open(dir.path()) {
        Err(e @ OpenError::TooNew { found: 99, .. }) => {
            assert!(e.to_string().contains("newer attune"), "{e}")
        }
        other => panic!("expected TooNew, got {:?}", other.map(|_| ())),
    }
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

fn now() -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-28T14:03:00+01:00").unwrap()
}

#[test]
fn a_version_1_journal_is_migrated_forward_keeping_its_entries() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("attune.db");
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute_batch(include_str!("../src/store/schema_v1.sql"))
            .unwrap();
        conn.execute_batch(
            "INSERT INTO entries VALUES (1, 'recognize', 'pattern-log', 'Pattern log', '2026-11-01T10:00:00+00:00', 1793527200, '2026-11-01T10:00:00+00:00');
             INSERT INTO answers VALUES (1, 0, 'situation', 'What happened?', 'text', 'old words', NULL, NULL, NULL);
             INSERT INTO answers VALUES (1, 1, 'urge-strength', 'How strong?', 'scale', NULL, 6, 0, 10);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.user_version().unwrap(), schema_version());
    let entry = store.entry(1).unwrap().expect("kept");
    assert_eq!(
        entry.answers[0].value,
        AnswerValue::Text("old words".into())
    );
    assert_eq!(
        entry.answers[1].value,
        AnswerValue::Scale {
            value: 6,
            min: 0,
            max: 10
        }
    );
}

#[test]
fn the_latest_answer_of_a_linked_exercise_is_found_for_recall() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store
            .latest_answer("recognize", "pattern-log", "situation")
            .unwrap(),
        None
    );
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    store
        .commit_entry_at(
            &new_entry("pattern-log", "older"),
            None,
            at("2026-11-20T09:00:00+00:00"),
        )
        .unwrap();
    store
        .commit_entry_at(
            &new_entry("pattern-log", "newer"),
            None,
            at("2026-11-22T09:00:00+00:00"),
        )
        .unwrap();
    let (when, text) = store
        .latest_answer("recognize", "pattern-log", "situation")
        .unwrap()
        .expect("found");
    assert_eq!(
        (when, text.as_str()),
        (at("2026-11-22T09:00:00+00:00"), "newer")
    );
    let (_, ladder) = store
        .latest_answer("recognize", "pattern-log", "ladder")
        .unwrap()
        .expect("found");
    assert_eq!(
        ladder,
        "Share a preference (10 of 100); with whom: Jo\nSay I missed you"
    );
    assert_eq!(
        store
            .latest_answer("recognize", "pattern-log", "underneath")
            .unwrap(),
        None,
        "skipped answers are not recalled"
    );
}

#[test]
fn steps_marked_done_are_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.mark_step_done("recognize", true).unwrap();
    store.mark_step_done("build-trust", true).unwrap();
    store.mark_step_done("build-trust", false).unwrap();
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.done_steps().unwrap(), vec!["recognize".to_string()]);
}

#[test]
fn privacy_problems_name_loosened_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    assert!(
        store.privacy_problems().is_empty(),
        "{:?}",
        store.privacy_problems()
    );
    std::fs::set_permissions(store.db_path(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let problems = store.privacy_problems();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].contains("attune.db") && problems[0].contains("chmod 600"),
        "{problems:?}"
    );
}
