//! Journals and exports made by earlier versions of attune open and read as they
//! did. `fixtures/journals/v7-one-feeling.db` was made by attune at schema 7 (one
//! feeling per answer), by hand in a terminal: a feelings check-in (Scared: anxious,
//! 7 of 10; "Tight chest"), a thought record (Sad: hurt, 6 of 10; belief 80 → 40;
//! the feeling now 3 of 10, a plain scale then), and a check-in left half done with
//! Happy › relieved › 5 picked. `fixtures/exports/v7.json` is the golden export as
//! schema 7 wrote it.

mod support;

use attune::journal::{AnswerValue, Entry};
use attune::keys::Context;
use attune::store::{Export, Filter, Store};
use crossterm::event::KeyCode::*;
use support::*;

const V7_JOURNAL: &[u8] = include_bytes!("fixtures/journals/v7-one-feeling.db");

fn v7_journal() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("attune.db");
    std::fs::write(&db, V7_JOURNAL).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    Harness::open(dir)
}

fn entry(store: &Store, exercise: &str) -> Entry {
    let found = store
        .list_entries()
        .unwrap()
        .into_iter()
        .find(|e| e.exercise_id == exercise)
        .unwrap_or_else(|| panic!("no {exercise} entry"));
    store.entry(found.id).unwrap().unwrap()
}

fn answer(entry: &Entry, prompt: &str) -> AnswerValue {
    entry
        .answers
        .iter()
        .find(|a| a.prompt_id == prompt)
        .unwrap_or_else(|| panic!("no {prompt}"))
        .value
        .clone()
}

#[test]
fn a_journal_of_single_feelings_opens_and_reads_as_it_did() {
    let h = v7_journal();
    assert_eq!(h.store.list_entries().unwrap().len(), 2);
    let check_in = entry(&h.store, "feelings-check-in");
    assert_eq!(
        answer(&check_in, "feeling"),
        AnswerValue::one_feeling("Scared", "anxious", Some(7), 10, None)
    );
    assert_eq!(
        answer(&check_in, "body"),
        AnswerValue::Text("Tight chest".into())
    );
    let record = entry(&h.store, "thought-record");
    assert_eq!(
        answer(&record, "feelings"),
        AnswerValue::one_feeling("Sad", "hurt", Some(6), 10, None)
    );
    // The feeling rated again was a plain scale then, and still reads as one.
    assert_eq!(
        answer(&record, "feeling-now"),
        AnswerValue::Scale {
            value: 3,
            min: 0,
            max: 10
        }
    );
    assert_eq!(
        answer(&record, "belief-after"),
        AnswerValue::Scale {
            value: 40,
            min: 0,
            max: 100
        }
    );
    // Its words read the same in Review's list and are found by search.
    let found = h
        .store
        .find_entries(
            &Filter {
                words: "anxious".into(),
                ..Filter::default()
            },
            0,
            10,
        )
        .unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.rows[0].exercise_id, "feelings-check-in");
    // Insights draws both feelings.
    let since = chrono::DateTime::parse_from_rfc3339("2000-01-01T00:00:00+00:00").unwrap();
    let points = h.store.insights(since).unwrap().feelings;
    let words: Vec<(&str, i64)> = points
        .iter()
        .map(|p| (p.word.as_str(), p.percent))
        .collect();
    assert_eq!(words, [("anxious", 70), ("hurt", 60)]);
}

#[test]
fn the_migration_rewrites_every_feelings_answer_to_the_new_shape_and_nothing_else() {
    let h = v7_journal();
    let conn = rusqlite::Connection::open_with_flags(
        h.dir.path().join("attune.db"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, attune::store::schema_version());
    let rows: Vec<(String, String, i64)> = conn
        .prepare("SELECT data, text, number FROM answers WHERE kind = 'feelings' ORDER BY entry_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 2);
    let (data, text, number) = &rows[0];
    let json: serde_json::Value = serde_json::from_str(data).unwrap();
    assert_eq!(json["value"]["felt"][0]["word"], "anxious");
    assert_eq!(json["value"]["felt"][0]["intensity"], 7);
    assert_eq!(json["value"]["max"], 10);
    assert!(json["value"].get("family").is_none(), "{json}");
    assert_eq!(text, "Scared: anxious, 7 of 10");
    assert_eq!(*number, 7);
    // Scales and texts are as they were.
    let scales: i64 = conn
        .query_row(
            "SELECT count(*) FROM answers WHERE kind = 'scale' AND data IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(scales, 3);
}

#[test]
fn a_half_picked_feeling_in_the_session_comes_back_and_takes_another() {
    let mut h = v7_journal();
    assert_eq!(h.app.context(), Context::FeelingsIntensity);
    let shown = screen_text(&h.app, 80, 24);
    assert!(
        shown.contains("So far: Happy › relieved › 5 of 10"),
        "{shown}"
    );
    // Kept, then a second feeling named beside it.
    h.keys(&[Enter]);
    assert_eq!(h.app.context(), Context::FeelingsMore);
    h.keys(&[Down, Enter, Enter, Enter, Char('4'), Enter]);
    let shown = screen_text(&h.app, 80, 24);
    assert!(shown.contains("Named: relieved 5 · "), "{shown}");
    h.keys(&[Enter]);
    h.goto("save");
    h.keys(&[Enter]);
    let h = h.relaunch();
    let check_ins: Vec<Entry> = h
        .store
        .list_entries()
        .unwrap()
        .into_iter()
        .filter(|e| e.exercise_id == "feelings-check-in")
        .map(|e| h.store.entry(e.id).unwrap().unwrap())
        .collect();
    assert_eq!(check_ins.len(), 2);
    let newest = check_ins
        .iter()
        .max_by_key(|e| e.id)
        .expect("the new check-in");
    let AnswerValue::Feeling(f) = answer(newest, "feeling") else {
        panic!("{newest:?}")
    };
    let named: Vec<(&str, Option<i64>)> = f
        .felt
        .iter()
        .map(|f| (f.family.as_str(), f.intensity))
        .collect();
    assert_eq!(named, [("Happy", Some(5)), ("Sad", Some(4))]);
}

#[test]
fn an_export_made_before_several_feelings_imports_as_the_same_entries() {
    let old = include_str!("fixtures/exports/v7.json");
    assert!(old.contains("\"schema_version\": 7"));
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store
        .import(&Export::parse(old.as_bytes()).unwrap())
        .unwrap();
    let again = store.export(&Filter::default()).unwrap();
    // The golden export is what this version writes for the same journal.
    assert_eq!(
        attune::export::json(&again).unwrap(),
        include_str!("golden/export.json")
    );
}
