//! Insights' "Beliefs" from a real journal (a SQLite file in a temp dir): each thing
//! a scale rates (content's `of`) is followed by its words across runs and weeks.

mod support;

use attune::journal::{Answer, AnswerValue, NewEntry};
use attune::store::Store;
use chrono::{DateTime, FixedOffset};

fn at(when: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(when).unwrap()
}

fn answer(id: &str, value: AnswerValue) -> Answer {
    Answer {
        prompt_id: id.into(),
        label: id.into(),
        value,
        pair: id.starts_with("belief").then(|| "belief".to_string()),
    }
}

fn scale(value: i64) -> AnswerValue {
    AnswerValue::Scale {
        value,
        min: 0,
        max: 100,
    }
}

/// A thought record: its hot thought, believed `before` then `after`.
fn record(thought: &str, before: i64, after: Option<i64>) -> NewEntry {
    let mut answers = vec![
        answer("hot-thought", AnswerValue::Text(thought.into())),
        answer("belief-before", scale(before)),
    ];
    answers.push(answer(
        "belief-after",
        after.map_or(AnswerValue::Skipped, scale),
    ));
    NewEntry {
        step_id: "challenge-beliefs".into(),
        exercise_id: "thought-record".into(),
        exercise_title: "Thought record".into(),
        answers,
    }
}

fn core_belief(old: &str, strength: i64) -> NewEntry {
    NewEntry {
        step_id: "challenge-beliefs".into(),
        exercise_id: "core-belief".into(),
        exercise_title: "Core belief check".into(),
        answers: vec![
            answer("old-belief", AnswerValue::Text(old.into())),
            answer("old-strength", scale(strength)),
            answer("new-belief", AnswerValue::Skipped),
        ],
    }
}

#[test]
fn each_belief_is_followed_by_its_words_across_runs_and_exercises() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut commit = |e: NewEntry, when: &str| store.commit_entry_at(&e, None, at(when)).unwrap();
    commit(
        record("You can't count on anyone.", 90, Some(60)),
        "2026-09-07T20:00:00+01:00",
    );
    commit(
        core_belief("I am hard to love", 80),
        "2026-09-10T20:00:00+01:00",
    );
    // The same thought, written with other case and spacing, weeks later.
    commit(
        record("you can't  count on ANYONE", 70, None),
        "2026-10-01T08:00:00-10:00",
    );
    commit(
        core_belief("I am hard to love.", 65),
        "2026-10-20T20:00:00+01:00",
    );
    let deleted = commit(
        record("Nobody stays", 50, Some(20)),
        "2026-10-25T20:00:00+01:00",
    );
    commit(record("   ", 40, Some(30)), "2026-10-26T20:00:00+01:00");
    assert!(store.delete_entry(deleted).unwrap());

    let content = support::content();
    let beliefs = store
        .insights_with(at("2026-01-01T00:00:00+00:00"), &[], &content.rated())
        .unwrap()
        .beliefs;
    let seen: Vec<(&str, Vec<(i64, String)>)> = beliefs
        .iter()
        .map(|b| {
            (
                b.text.as_str(),
                b.ratings
                    .iter()
                    .map(|r| (r.value, r.when.format("%-d %b").to_string()))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            // The latest rated first; each as it was last written; before then after
            // within a run; the deleted entry and the unwritten thought left out.
            (
                "I am hard to love.",
                vec![(80, "10 Sep".into()), (65, "20 Oct".into())]
            ),
            (
                "you can't  count on ANYONE",
                vec![
                    (90, "7 Sep".into()),
                    (60, "7 Sep".into()),
                    (70, "1 Oct".into())
                ]
            ),
        ]
    );
    assert_eq!(beliefs[0].runs(), 2);
    assert_eq!(beliefs[1].runs(), 2);
}
