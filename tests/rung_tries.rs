//! A rung's tries are read from the entries of the exercises whose rung prompts
//! picked it, each entry once with its answers to the three prompts that make a try
//! (the rung, how uncomfortable it was, how it went). Whatever those entries hold —
//! answers missing, skipped, of another kind, given twice by an import, one prompt
//! serving as two, entries deleted, several at one instant — the tries must be what
//! joining the answers once for each prompt gives, as the ladder always read them.

use attune::content::{RungSource, RungSpec};
use attune::journal::{Answer, AnswerValue, RungTry};
use attune::store::{Export, ExportedEntry, Store};
use chrono::{DateTime, FixedOffset, TimeZone};
use proptest::prelude::*;
use std::path::Path;

/// The prompts an entry may answer: the three a try is made of, and another.
const PROMPTS: [&str; 4] = ["rung", "actual", "how", "other"];

fn source(actual: Option<&str>, how: Option<&str>) -> RungSource {
    RungSource {
        step: "trust".into(),
        exercise: "step-taken".into(),
        prompt: "rung".into(),
        spec: RungSpec {
            step: "trust".into(),
            exercise: "ladder".into(),
            prompt: "ladder".into(),
            expected: None,
            actual: actual.map(str::to_string),
            how: how.map(str::to_string),
        },
    }
}

/// The tries as the ladder read them until now: one join of the answers for each of
/// the three prompts, then oldest first.
fn joined(dir: &Path, s: &RungSource) -> Vec<RungTry> {
    let conn = rusqlite::Connection::open(dir.join("attune.db")).unwrap();
    let none = String::new();
    let mut stmt = conn
        .prepare(
            "SELECT e.created_at, r.data, act.number, how.label, how.text
             FROM entries e
             JOIN answers r ON r.entry_id = e.id AND r.prompt_id = ?3 AND r.kind = 'rung'
             LEFT JOIN answers act ON act.entry_id = e.id AND act.prompt_id = ?4 AND act.kind = 'scale'
             LEFT JOIN answers how ON how.entry_id = e.id AND how.prompt_id = ?5
             WHERE e.step_id = ?1 AND e.exercise_id = ?2 AND e.deleted_at IS NULL
             ORDER BY e.created_unix DESC, e.id DESC",
        )
        .unwrap();
    let mut tries: Vec<RungTry> = stmt
        .query_map(
            rusqlite::params![
                s.step,
                s.exercise,
                s.prompt,
                s.spec.actual.as_ref().unwrap_or(&none),
                s.spec.how.as_ref().unwrap_or(&none)
            ],
            |r| {
                let at: String = r.get(0)?;
                let data: String = r.get(1)?;
                let how = match (
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ) {
                    (Some(label), Some(text)) if !text.trim().is_empty() => {
                        Some(format!("{} {text}", label.trim()))
                    }
                    _ => None,
                };
                Ok((at, data, r.get::<_, Option<i64>>(2)?, how))
            },
        )
        .unwrap()
        .map(|row| row.unwrap())
        .filter_map(|(at, data, actual, how)| {
            match serde_json::from_str::<AnswerValue>(&data).unwrap() {
                AnswerValue::Rung { text, rating, max } => Some(RungTry {
                    rung: text,
                    on: DateTime::parse_from_rfc3339(&at).unwrap(),
                    expected: rating,
                    actual,
                    max,
                    how,
                }),
                _ => None,
            }
        })
        .collect();
    tries.sort_by_key(|t| t.on);
    tries
}

/// A try as something that sorts, to compare two lists as sets with repeats (the
/// order of one entry's tries among themselves is not the join's to promise).
fn key(
    t: &RungTry,
) -> (
    DateTime<FixedOffset>,
    String,
    Option<i64>,
    Option<i64>,
    i64,
    Option<String>,
) {
    (
        t.on,
        t.rung.clone(),
        t.expected,
        t.actual,
        t.max,
        t.how.clone(),
    )
}

#[derive(Debug, Clone)]
struct Made {
    /// (prompt, what the answer is): 0 rung, 1 scale, 2 text, 3 blank text, 4 skipped.
    answers: Vec<(usize, usize, u8)>,
    exercise: bool,
    minutes: u32,
    zone: usize,
    deleted: bool,
}

fn made() -> impl Strategy<Value = Made> {
    (
        prop::collection::vec((0..4usize, 0..5usize, 0..4u8), 0..7),
        prop::bool::weighted(0.85),
        0..6u32,
        0..3usize,
        prop::bool::weighted(0.15),
    )
        .prop_map(|(answers, exercise, minutes, zone, deleted)| Made {
            answers,
            exercise,
            minutes,
            zone,
            deleted,
        })
}

fn entry(n: usize, m: &Made) -> ExportedEntry {
    let offset = [-10 * 3600, 0, 13 * 3600][m.zone];
    // Few distinct minutes: several entries at one instant, in different offsets.
    let at = FixedOffset::east_opt(offset)
        .unwrap()
        .timestamp_opt(1_795_000_000 + i64::from(m.minutes) * 60, 0)
        .unwrap()
        .to_rfc3339();
    let answers = m
        .answers
        .iter()
        .map(|&(prompt, kind, v)| Answer {
            prompt_id: PROMPTS[prompt].into(),
            label: format!(" label {prompt} "),
            value: match kind {
                0 => AnswerValue::Rung {
                    text: format!("rung {v}"),
                    rating: (v > 0).then_some(i64::from(v) * 10),
                    max: 100,
                },
                1 => AnswerValue::Scale {
                    value: i64::from(v),
                    min: 0,
                    max: 10,
                },
                2 => AnswerValue::Text(format!("it went {v}")),
                3 => AnswerValue::Text("  ".into()),
                _ => AnswerValue::Skipped,
            },
            pair: None,
        })
        .collect();
    ExportedEntry {
        uid: format!("uid-{n}"),
        step_id: "trust".into(),
        exercise_id: if m.exercise { "step-taken" } else { "other" }.into(),
        exercise_title: "A step taken".into(),
        created_at: at.clone(),
        updated_at: at,
        answers,
        history: Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_tries_are_what_joining_each_prompt_gives(
        entries in prop::collection::vec(made(), 0..14),
        spec in 0..5usize,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let file = Export::of_entries(entries.iter().enumerate().map(|(n, m)| entry(n, m)).collect());
        store.import(&file).unwrap();
        for (n, m) in entries.iter().enumerate() {
            if m.deleted {
                store.delete_entry(n as i64 + 1).unwrap();
            }
        }
        // Both other prompts, neither, one, or one prompt as both.
        let s = [
            source(Some("actual"), Some("how")),
            source(None, None),
            source(Some("actual"), None),
            source(None, Some("how")),
            source(Some("actual"), Some("actual")),
        ][spec].clone();
        let read = store.rung_tries(std::slice::from_ref(&s)).unwrap();
        let want = joined(dir.path(), &s);
        // Oldest first, as the join's were.
        prop_assert!(read.windows(2).all(|w| w[0].on <= w[1].on));
        let mut read: Vec<_> = read.iter().map(key).collect();
        let mut want: Vec<_> = want.iter().map(key).collect();
        read.sort();
        want.sort();
        prop_assert_eq!(read, want);
    }
}

#[test]
fn an_entry_with_two_answers_to_a_prompt_gives_a_try_for_each_pair() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let m = Made {
        // Two rungs, two discomforts, one way it went.
        answers: vec![(0, 0, 1), (0, 0, 2), (1, 1, 3), (1, 1, 4), (2, 2, 5)],
        exercise: true,
        minutes: 0,
        zone: 0,
        deleted: false,
    };
    store
        .import(&Export::of_entries(vec![entry(0, &m)]))
        .unwrap();
    let s = source(Some("actual"), Some("how"));
    let read = store.rung_tries(std::slice::from_ref(&s)).unwrap();
    assert_eq!(read.len(), 4);
    let mut read: Vec<_> = read.iter().map(key).collect();
    let mut want: Vec<_> = joined(dir.path(), &s).iter().map(key).collect();
    read.sort();
    want.sort();
    assert_eq!(read, want);
    assert_eq!(read[0].5.as_deref(), Some("label 2 it went 5"));
}
