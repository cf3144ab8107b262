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
                AnswerValue::one_feeling("Sad", "lonely", Some(6), 10, Some("heavy chest")),
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
    // Not whole pages, so it cannot be an encrypted journal either.
    let garbage: Vec<u8> = (0..8000u32).map(|i| (i * 31 % 251) as u8).collect();
    std::fs::write(&file, &garbage).unwrap();
    match Store::open(dir.path()) {
        Err(e @ OpenError::NotADatabase { .. }) => {
            assert!(e.to_string().contains("attune.db"), "{e}")
        }
        other => panic!("expected NotADatabase, got {:?}", other.map(|_| ())),
    }
    assert_eq!(std::fs::read(&file).unwrap(), garbage);
    // Whole pages of noise look like an encrypted journal: asked for a passphrase,
    // and still never touched.
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 31 % 251) as u8).collect();
    std::fs::write(&file, &garbage).unwrap();
    match Store::open(dir.path()) {
        Err(e @ OpenError::Encrypted { .. }) => {
            assert!(e.to_string().contains("not an attune journal"), "{e}")
        }
        other => panic!("expected Encrypted, got {:?}", other.map(|_| ())),
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

/// The search index as schemas 3 to 6 declared it (kept until 7).
const INDEX_V6: &str = "DROP TABLE entries_fts;
     CREATE VIRTUAL TABLE entries_fts USING fts5 (text, content = '', contentless_delete = 1,
         detail = 'none', tokenize = 'unicode61 remove_diacritics 2');";

/// What the search index holds: every (word, entry) pair, read through fts5vocab.
fn index_words(file: &std::path::Path) -> std::collections::BTreeSet<(String, i64)> {
    let conn = rusqlite::Connection::open(file).unwrap();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE temp.held USING fts5vocab(main, entries_fts, instance)",
    )
    .unwrap();
    let mut stmt = conn.prepare("SELECT term, doc FROM temp.held").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Each search's count and first page of entry ids.
fn searches(store: &Store, queries: &[String]) -> Vec<(usize, Vec<i64>)> {
    queries
        .iter()
        .map(|words| {
            let filter = attune::store::Filter {
                words: words.clone(),
                ..Default::default()
            };
            let page = store.find_entries(&filter, 0, 100).unwrap();
            (page.total, page.rows.iter().map(|r| r.id).collect())
        })
        .collect()
}

#[test]
fn the_index_made_again_with_prefixes_finds_what_it_found_before() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("attune.db");
    Store::open(dir.path()).unwrap().close().unwrap();
    // A journal as schema 6 wrote it: the index as schema 6 declared it, filled by
    // the store's own writes (the same code as schema 6's).
    rusqlite::Connection::open(&file)
        .unwrap()
        .execute_batch(INDEX_V6)
        .unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let at = |minutes: i64| now() + chrono::Duration::minutes(minutes);
    let mut ids = Vec::new();
    // Every kind of answer (text, two scales, skipped, choice, multi, feelings, a
    // ladder), with other words and numbers in each entry.
    for (i, text) in [
        "Walked by the harbour with Sam",
        "Crème brûlée, Straße; l'été 42",
    ]
    .into_iter()
    .enumerate()
    {
        let mut entry = new_entry("pattern-log", text);
        entry.answers[1].value = AnswerValue::Scale {
            value: 3 + i as i64,
            min: 0,
            max: 10,
        };
        ids.push(store.commit_entry_at(&entry, None, at(i as i64)).unwrap());
    }
    // Nothing but skipped answers; an empty text and an empty multiple choice.
    let mut blank = new_entry("pattern-log", "");
    for a in &mut blank.answers {
        a.value = AnswerValue::Skipped;
    }
    ids.push(store.commit_entry_at(&blank, None, at(10)).unwrap());
    let mut empty = new_entry("pattern-log", "");
    empty.answers[4].value = AnswerValue::Multi {
        chosen: Vec::new(),
        other: String::new(),
    };
    ids.push(store.commit_entry_at(&empty, None, at(11)).unwrap());
    // Edited: its first words are no longer in the index.
    let edited = store
        .commit_entry_at(&new_entry("pattern-log", "draft words"), None, at(12))
        .unwrap();
    store
        .update_entry_at(
            edited,
            None,
            &new_entry("pattern-log", "final words"),
            None,
            at(13),
        )
        .unwrap();
    // Deleted, not yet purged: in the index, never found.
    let mut gone = new_entry("pattern-log", "zanzibar lonely");
    gone.answers[7].value = AnswerValue::Scale {
        value: 9,
        min: 0,
        max: 10,
    };
    let gone = store.commit_entry_at(&gone, None, at(14)).unwrap();
    assert!(store.delete_entry(gone).unwrap());

    // Every word the index holds, the first one, two and three letters of each, and
    // a few of several words.
    let before = index_words(&file);
    let mut queries: std::collections::BTreeSet<String> = before
        .iter()
        .flat_map(|(term, _)| {
            let chars: Vec<char> = term.chars().collect();
            (1..=3.min(chars.len()))
                .map(move |n| chars[..n].iter().collect())
                .chain([term.clone()])
        })
        .collect();
    queries.extend(
        [
            "lonely 7",
            "sam 3",
            "creme straße",
            "s h",
            "draft",
            "zanzibar",
            "9",
        ]
        .map(String::from),
    );
    let queries: Vec<String> = queries.into_iter().collect();
    let found = searches(&store, &queries);
    let trigger = |conn: &rusqlite::Connection| -> String {
        conn.query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'entries_fts_forget'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let trigger_before = trigger(&rusqlite::Connection::open(&file).unwrap());
    store.close().unwrap();
    rusqlite::Connection::open(&file)
        .unwrap()
        .execute_batch("PRAGMA user_version = 6;")
        .unwrap();

    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.user_version().unwrap(), schema_version());
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        let index: String = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'entries_fts'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(index.contains("prefix = '1 2'"), "{index}");
        assert_eq!(trigger(&conn), trigger_before);
    }
    // The same words of the same entries, the deleted one's included.
    assert_eq!(index_words(&file), before);
    assert!(before.contains(&("zanzibar".to_string(), gone)));
    assert!(before.contains(&("9".to_string(), gone)));
    assert!(
        before.contains(&("4".to_string(), ids[1])),
        "a scale's number"
    );
    assert!(!before.iter().any(|(_, doc)| *doc == ids[2]));
    assert!(!before.iter().any(|(w, _)| w == "draft"));
    assert_eq!(searches(&store, &queries), found);
    // Searches found something before, and never the deleted entry.
    let at = |q: &str| &found[queries.iter().position(|x| x == q).unwrap()];
    assert_eq!(at("l").0, 4);
    assert_eq!(at("lonely 7").1, vec![edited, ids[3]]);
    assert_eq!(at("creme straße").1, vec![ids[1]]);
    assert_eq!(at("final").1, vec![edited]);
    assert_eq!(at("zanzibar").0, 0);
    assert_eq!(at("draft").0, 0);
    // Purged, its words leave the index (the trigger still names it).
    assert_eq!(store.purge_deleted().unwrap(), 1);
    store.close().unwrap();
    let after = index_words(&file);
    assert!(!after.iter().any(|(_, doc)| *doc == gone));
    assert_eq!(
        after,
        before.into_iter().filter(|(_, doc)| *doc != gone).collect()
    );
}
