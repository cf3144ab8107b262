//! Home's "done N times, last on …" comes from a summary the store keeps up to date
//! with every write (schema v5). Whatever happens to entries — new ones at any time,
//! deletes, undos, purges, edits, imports, a journal from before the summary — it
//! must say exactly what counting every entry says.

use attune::journal::{Answer, AnswerValue, NewEntry};
use attune::store::Store;
use chrono::{DateTime, FixedOffset, TimeZone};
use proptest::prelude::*;
use std::path::Path;

/// (step, exercise, times, newest created_at) counted the slow way, from the file.
fn counted(dir: &Path) -> Vec<(String, String, i64, String)> {
    let conn = rusqlite::Connection::open(dir.join("attune.db")).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT step_id, exercise_id, count(*),
                    (SELECT e2.created_at FROM entries e2
                     WHERE e2.step_id = e.step_id AND e2.exercise_id = e.exercise_id
                       AND e2.deleted_at IS NULL
                     ORDER BY e2.created_unix DESC, e2.id DESC LIMIT 1)
             FROM entries e WHERE deleted_at IS NULL
             GROUP BY step_id, exercise_id ORDER BY step_id, exercise_id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn summarized(store: &Store) -> Vec<(String, String, i64, String)> {
    store
        .activity()
        .unwrap()
        .into_iter()
        .map(|a| {
            (
                a.step_id,
                a.exercise_id,
                a.times as i64,
                a.last_at.to_rfc3339(),
            )
        })
        .collect()
}

fn entry(exercise: usize) -> NewEntry {
    let (step, ex) = [
        ("recognize", "pattern-log"),
        ("recognize", "impact"),
        ("trust", "ladder"),
    ][exercise % 3];
    NewEntry {
        step_id: step.into(),
        exercise_id: ex.into(),
        exercise_title: ex.into(),
        answers: vec![Answer {
            prompt_id: "what".into(),
            label: "What happened?".into(),
            value: AnswerValue::Text(format!("words for {ex}")),
            pair: None,
        }],
    }
}

/// A time within a few days, in one of three offsets (the newest is by the instant,
/// not by the text).
fn when(minutes: u32, zone: usize) -> DateTime<FixedOffset> {
    let offset = [-10 * 3600, 0, 13 * 3600][zone % 3];
    FixedOffset::east_opt(offset)
        .unwrap()
        .timestamp_opt(1_795_000_000 + i64::from(minutes) * 60, 0)
        .unwrap()
}

/// An export file with entries of an exercise out of time order (an hour apart,
/// and two at the same instant, where the later id is the newer), and one of the
/// next exercise in another offset.
fn import_file(n: usize, exercise: usize, minutes: u32) -> attune::store::Export {
    let one = |k: u32, exercise: usize, minutes: u32| {
        let e = entry(exercise);
        let at = when(minutes, exercise).to_rfc3339();
        attune::store::ExportedEntry {
            uid: format!("imported-{n}-{k}"),
            step_id: e.step_id,
            exercise_id: e.exercise_id,
            exercise_title: e.exercise_title,
            created_at: at.clone(),
            updated_at: at,
            answers: e.answers,
            history: Vec::new(),
        }
    };
    attune::store::Export::of_entries(vec![
        one(0, exercise, minutes + 60),
        one(1, exercise, minutes),
        one(2, exercise + 1, minutes + 30),
        one(3, exercise, minutes + 60),
    ])
}

#[derive(Debug, Clone)]
enum Op {
    Add {
        exercise: usize,
        minutes: u32,
        zone: usize,
    },
    Delete(usize),
    Undo(usize),
    Purge,
    Edit(usize),
    /// Import a file of entries (new ones, and one already there).
    Import {
        exercise: usize,
        minutes: u32,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, 0..3000u32, 0..3usize)
            .prop_map(|(exercise, minutes, zone)| Op::Add { exercise, minutes, zone }),
        2 => (0..40usize).prop_map(Op::Delete),
        1 => (0..40usize).prop_map(Op::Undo),
        1 => Just(Op::Purge),
        1 => (0..40usize).prop_map(Op::Edit),
        1 => (0..3usize, 0..3000u32).prop_map(|(exercise, minutes)| Op::Import { exercise, minutes }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_summary_always_says_what_counting_says(ops in proptest::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let mut ids: Vec<i64> = Vec::new();
        let mut imported = 0;
        for op in ops {
            match op {
                Op::Add { exercise, minutes, zone } => {
                    ids.push(store.commit_entry_at(&entry(exercise), None, when(minutes, zone)).unwrap());
                }
                Op::Delete(i) if !ids.is_empty() => {
                    store.delete_entry(ids[i % ids.len()]).unwrap();
                }
                Op::Undo(i) if !ids.is_empty() => {
                    store.undelete_entry(ids[i % ids.len()]).unwrap();
                }
                Op::Purge => {
                    store.purge_deleted().unwrap();
                }
                Op::Import { exercise, minutes } => {
                    imported += 1;
                    let file = import_file(imported, exercise, minutes);
                    store.import(&file).unwrap();
                    // Twice is the same as once.
                    store.import(&file).unwrap();
                }
                Op::Edit(i) if !ids.is_empty() => {
                    let id = ids[i % ids.len()];
                    store.update_entry_at(id, None, &entry(id as usize), None, when(5000, 1)).unwrap();
                }
                _ => {}
            }
            prop_assert_eq!(summarized(&store), counted(dir.path()));
        }
    }
}

#[test]
fn a_journal_from_before_the_summary_gets_it_filled() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        for (i, minutes) in [30, 10, 20, 40].into_iter().enumerate() {
            store
                .commit_entry_at(&entry(i), None, when(minutes, i))
                .unwrap();
        }
        let gone = store.commit_entry_at(&entry(0), None, when(99, 0)).unwrap();
        store.delete_entry(gone).unwrap();
        store.close().unwrap();
    }
    // As a journal written by the version before the summary (schema 4).
    rusqlite::Connection::open(dir.path().join("attune.db"))
        .unwrap()
        .execute_batch("DROP TABLE activity; PRAGMA user_version = 4;")
        .unwrap();
    let store = Store::open(dir.path()).unwrap();
    let summary = summarized(&store);
    assert_eq!(summary.len(), 3);
    assert_eq!(summary, counted(dir.path()));
    // pattern-log: twice (the deleted one is not counted), last at minute 40.
    assert_eq!(summary[0].1, "impact");
    let pattern = summary.iter().find(|s| s.1 == "pattern-log").unwrap();
    assert_eq!(pattern.2, 2);
    assert_eq!(pattern.3, when(40, 0).to_rfc3339());
}
