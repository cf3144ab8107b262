//! Insights computed by the store from a real journal (a SQLite file in a temp dir):
//! what comes up in checklists month by month, feelings with their family, and
//! before/after pairs with their exercise, from the indexes schema 6 adds.

use attune::journal::{Answer, AnswerValue, NewEntry};
use attune::store::Store;
use chrono::{DateTime, FixedOffset, NaiveDate};

fn at(when: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(when).unwrap()
}

fn answer(id: &str, label: &str, value: AnswerValue, pair: Option<&str>) -> Answer {
    Answer {
        prompt_id: id.into(),
        label: label.into(),
        value,
        pair: pair.map(str::to_string),
    }
}

/// A thought record's traps, a feeling, and a belief before and after.
fn entry(traps: &[&str], own: &str, feeling: (&str, &str, i64), belief: (i64, i64)) -> NewEntry {
    let scale = |value| AnswerValue::Scale {
        value,
        min: 0,
        max: 100,
    };
    NewEntry {
        step_id: "challenge-beliefs".into(),
        exercise_id: "thought-record".into(),
        exercise_title: "Thought record".into(),
        answers: vec![
            answer(
                "feelings",
                "What did you feel?",
                AnswerValue::one_feeling(feeling.0, feeling.1, Some(feeling.2), 10, None),
                None,
            ),
            answer(
                "belief-before",
                "How much?",
                scale(belief.0),
                Some("belief"),
            ),
            answer(
                "thinking-traps",
                "Do any thinking traps fit?",
                AnswerValue::Multi {
                    chosen: traps.iter().map(|t| t.to_string()).collect(),
                    other: own.into(),
                },
                None,
            ),
            answer("belief-after", "And now?", scale(belief.1), Some("belief")),
        ],
    }
}

#[test]
fn insights_count_what_comes_up_by_month_and_keep_feelings_and_changes_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let commit = |store: &mut Store, e: &NewEntry, when: &str| {
        store.commit_entry_at(e, None, at(when)).unwrap()
    };
    commit(
        &mut store,
        &entry(&["Mind reading"], "", ("Scared", "anxious", 8), (90, 60)),
        "2026-06-03T09:00:00+01:00",
    );
    commit(
        &mut store,
        &entry(
            &["Mind reading", "Fortune telling"],
            "Comparing\nSulking",
            ("Happy", "relieved", 4),
            (70, 70),
        ),
        "2026-09-30T23:30:00-10:00",
    );
    commit(
        &mut store,
        &entry(&["Mind reading"], "Comparing", ("Scared", "", 6), (80, 40)),
        "2026-11-02T08:00:00+01:00",
    );
    let deleted = commit(
        &mut store,
        &entry(&["Fortune telling"], "", ("Sad", "lonely", 9), (50, 20)),
        "2026-11-20T08:00:00+01:00",
    );
    assert!(store.delete_entry(deleted).unwrap());

    let patterns = store
        .patterns(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
        .unwrap();
    assert_eq!(patterns.len(), 1, "{patterns:?}");
    let traps = &patterns[0];
    assert_eq!(
        (traps.exercise_title.as_str(), traps.label.as_str()),
        ("Thought record", "Do any thinking traps fit?")
    );
    assert_eq!(
        traps.months.map(|m| m.to_string()),
        ["2026-09-01", "2026-10-01", "2026-11-01"]
    );
    let counted: Vec<(&str, u32, [u32; 3])> = traps
        .items
        .iter()
        .map(|i| (i.item.as_str(), i.total, i.by_month))
        .collect();
    assert_eq!(
        counted,
        [
            // Most first; September's entry by its own day (30 Sep in Honolulu),
            // the deleted one not at all, June's only in the total.
            ("Mind reading", 3, [1, 0, 1]),
            ("Comparing", 2, [1, 0, 1]),
            ("Fortune telling", 1, [1, 0, 0]),
            ("Sulking", 1, [1, 0, 0]),
        ]
    );

    let insights = store.insights(at("2026-01-01T00:00:00+00:00")).unwrap();
    let felt: Vec<(&str, &str, i64)> = insights
        .feelings
        .iter()
        .map(|p| (p.family.as_str(), p.word.as_str(), p.percent))
        .collect();
    assert_eq!(
        felt,
        [
            ("Scared", "anxious", 80),
            ("Happy", "relieved", 40),
            ("Scared", "", 60)
        ],
        "oldest first, family and word apart, the deleted entry left out"
    );
    let changes: Vec<(&str, &str, i64, i64)> = insights
        .changes
        .iter()
        .map(|c| {
            (
                c.exercise_title.as_str(),
                c.pair.as_str(),
                c.before,
                c.after,
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("Thought record", "belief", 90, 60),
            ("Thought record", "belief", 70, 70),
            ("Thought record", "belief", 80, 40),
        ]
    );
}

#[test]
fn a_journal_of_schema_5_gets_the_insights_indexes_and_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let noted = std::cell::Cell::new(0);
    let mut store = Store::open_noting(dir.path(), &|| noted.set(noted.get() + 1)).unwrap();
    assert_eq!(noted.get(), 0, "a new journal is not an upgrade");
    for (i, day) in ["2026-10-03", "2026-11-04", "2026-11-05"]
        .iter()
        .enumerate()
    {
        let e = entry(
            &["Mind reading"],
            "Comparing",
            ("Scared", "anxious", 3 + i as i64),
            (90, 50),
        );
        store
            .commit_entry_at(&e, None, at(&format!("{day}T10:00:00+00:00")))
            .unwrap();
    }
    let since = at("2026-01-01T00:00:00+00:00");
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let before = (
        store.insights(since).unwrap(),
        store.patterns(today).unwrap(),
    );
    store.close().unwrap();
    // Schema 5 was schema 6 without its three indexes.
    rusqlite::Connection::open(dir.path().join("attune.db"))
        .unwrap()
        .execute_batch(
            "DROP INDEX answers_checked; DROP INDEX answers_felt; DROP INDEX answers_paired;
             PRAGMA user_version = 5;",
        )
        .unwrap();
    let store = Store::open_noting(dir.path(), &|| noted.set(noted.get() + 1)).unwrap();
    assert_eq!(noted.get(), 1, "the person is told before an upgrade");
    assert_eq!(
        store.user_version().unwrap(),
        attune::store::schema_version()
    );
    let after = (
        store.insights(since).unwrap(),
        store.patterns(today).unwrap(),
    );
    assert_eq!(after, before);
    assert_eq!(after.0.feelings.len(), 3);
    store.close().unwrap();
    Store::open_noting(dir.path(), &|| noted.set(noted.get() + 1)).unwrap();
    assert_eq!(noted.get(), 1, "an up-to-date journal is not");
}

#[test]
fn scales_content_asks_for_show_over_time_as_a_share_of_their_scale() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let step_taken = |understood: i64, cared: Option<i64>| {
        let scale = |value| AnswerValue::Scale {
            value,
            min: 1,
            max: 7,
        };
        let mut answers = vec![answer(
            "understood",
            "Did you feel understood?",
            scale(understood),
            None,
        )];
        answers.push(answer(
            "cared-for",
            "Did you feel cared for?",
            cared.map_or(AnswerValue::Skipped, scale),
            None,
        ));
        NewEntry {
            step_id: "build-trust".into(),
            exercise_id: "step-taken".into(),
            exercise_title: "A step taken".into(),
            answers,
        }
    };
    for (i, (u, c)) in [(1, Some(7)), (4, None), (7, Some(4))].iter().enumerate() {
        store
            .commit_entry_at(
                &step_taken(*u, *c),
                None,
                at(&format!("2026-11-0{}T20:00:00-10:00", i + 1)),
            )
            .unwrap();
    }
    let gone = store
        .commit_entry_at(
            &step_taken(2, Some(2)),
            None,
            at("2026-11-09T20:00:00+00:00"),
        )
        .unwrap();
    assert!(store.delete_entry(gone).unwrap());

    let content = attune::content::builtin().unwrap();
    let wanted = content.trends();
    assert_eq!(
        wanted
            .iter()
            .map(|(_, e, p, t)| (e.as_str(), p.as_str(), t.group.as_str(), t.name.as_str()))
            .collect::<Vec<_>>(),
        [
            (
                "step-taken",
                "understood",
                "How they responded",
                "understood"
            ),
            ("step-taken", "validated", "How they responded", "validated"),
            ("step-taken", "cared-for", "How they responded", "cared for"),
        ]
    );
    let insights = store
        .insights_with(at("2026-01-01T00:00:00+00:00"), &wanted, &[])
        .unwrap();
    assert_eq!(insights.trends.len(), 1);
    let group = &insights.trends[0];
    assert_eq!(group.group, "How they responded");
    let lines: Vec<(&str, Vec<i64>)> = group
        .lines
        .iter()
        .map(|l| (l.name.as_str(), l.points.iter().map(|p| p.1).collect()))
        .collect();
    assert_eq!(
        lines,
        [
            ("understood", vec![0, 50, 100]),
            ("cared for", vec![100, 50])
        ],
        "oldest first; a scale never answered has no line, a skip no point, a deleted entry none"
    );
}
