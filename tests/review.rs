//! Review, search, edit, delete and export/import on a real SQLite store with
//! generated entries; golden Markdown and JSON; refused imports leave the journal
//! byte for byte as it was.

mod support;

use attune::journal::{Answer, AnswerValue, MATCH_END, MATCH_START, NewEntry};
use attune::store::{Export, Filter, Store};
use chrono::{DateTime, FixedOffset};
use crossterm::event::KeyCode::*;
use proptest::prelude::*;
use support::*;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn text_entry(step: &str, exercise: &str, words: &str) -> NewEntry {
    NewEntry {
        step_id: step.into(),
        exercise_id: exercise.into(),
        exercise_title: exercise.replace('-', " "),
        answers: vec![
            Answer {
                prompt_id: "situation".into(),
                label: "What happened?".into(),
                value: AnswerValue::Text(words.into()),
                pair: None,
            },
            Answer {
                prompt_id: "before".into(),
                label: "Before".into(),
                value: AnswerValue::Scale {
                    value: 8,
                    min: 0,
                    max: 10,
                },
                pair: Some("distress".into()),
            },
            Answer {
                prompt_id: "after".into(),
                label: "After".into(),
                value: AnswerValue::Scale {
                    value: 5,
                    min: 0,
                    max: 10,
                },
                pair: Some("distress".into()),
            },
        ],
    }
}

/// A journal with entries across steps, exercises and days.
fn journal() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let rows = [
        (
            "recognize",
            "pattern-log",
            "Sam invited me for the weekend and I said I was busy",
            "2026-11-01T10:00:00+01:00",
        ),
        (
            "recognize",
            "pattern-log",
            "Went quiet at dinner with my sister",
            "2026-11-10T20:00:00+01:00",
        ),
        (
            "challenge-beliefs",
            "thought-record",
            "Alex did not reply; nobody can be counted on",
            "2026-11-20T09:00:00+01:00",
        ),
        (
            "express-emotions",
            "feelings-check-in",
            "Lonely after the café, heavy chest",
            "2026-11-27T18:30:00+01:00",
        ),
        (
            "express-emotions",
            "unsent-message",
            "Dear Dad, I wish you had asked about my weekend",
            "2026-11-28T08:00:00+01:00",
        ),
    ];
    for (step, ex, words, when) in rows {
        store
            .commit_entry_at(&text_entry(step, ex, words), None, at(when))
            .unwrap();
    }
    (dir, store)
}

fn titles(store: &Store, filter: &Filter) -> Vec<String> {
    store
        .find_entries(filter, 0, 100)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.preview.replace([MATCH_START, MATCH_END], ""))
        .collect()
}

#[test]
fn filters_combine_by_step_exercise_dates_and_words() {
    let (_dir, store) = journal();
    let all = store.find_entries(&Filter::default(), 0, 100).unwrap();
    assert_eq!(all.total, 5);
    assert!(all.rows[0].preview.starts_with("Dear Dad"), "newest first");

    let step = Filter {
        step: Some("recognize".into()),
        ..Filter::default()
    };
    assert_eq!(titles(&store, &step).len(), 2);
    let exercise = Filter {
        step: Some("express-emotions".into()),
        exercise: Some("unsent-message".into()),
        ..Filter::default()
    };
    assert_eq!(
        titles(&store, &exercise),
        ["Dear Dad, I wish you had asked about my weekend"]
    );
    let dates = Filter {
        since: chrono::NaiveDate::from_ymd_opt(2026, 11, 10),
        until: chrono::NaiveDate::from_ymd_opt(2026, 11, 27),
        ..Filter::default()
    };
    assert_eq!(titles(&store, &dates).len(), 3);

    let words = Filter {
        words: "weekend".into(),
        ..Filter::default()
    };
    assert_eq!(titles(&store, &words).len(), 2);
    let combined = Filter {
        words: "weekend".into(),
        step: Some("recognize".into()),
        ..Filter::default()
    };
    assert_eq!(
        titles(&store, &combined),
        ["Sam invited me for the weekend and I said I was busy"]
    );
}

#[test]
fn search_matches_prefixes_accents_and_all_words_and_marks_them() {
    let (_dir, store) = journal();
    let find = |w: &str| {
        store
            .find_entries(
                &Filter {
                    words: w.into(),
                    ..Filter::default()
                },
                0,
                100,
            )
            .unwrap()
    };
    assert_eq!(find("week").total, 2, "a prefix matches");
    assert_eq!(find("cafe").total, 1, "accents are folded");
    assert_eq!(find("weekend dad").total, 1, "every word must appear");
    assert_eq!(
        find("\"quiet*(").total,
        1,
        "search syntax in what is typed is never an error"
    );
    assert_eq!(
        find("quiet OR dad").total,
        0,
        "OR is a word to find, not an operator"
    );
    assert_eq!(find("nothing-like-this").total, 0);
    let hit = &find("lonely").rows[0].preview;
    assert!(
        hit.contains(&format!("{MATCH_START}Lonely{MATCH_END}")),
        "{hit:?}"
    );
}

#[test]
fn pages_cover_every_entry_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    for i in 0..250 {
        let when = at("2026-01-01T08:00:00+00:00") + chrono::Duration::hours(i);
        store
            .commit_entry_at(
                &text_entry("recognize", "pattern-log", &format!("entry {i}")),
                None,
                when,
            )
            .unwrap();
    }
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.find_entries(&Filter::default(), offset, 100).unwrap();
        assert_eq!(page.total, 250);
        if page.rows.is_empty() {
            break;
        }
        offset += page.rows.len();
        seen.extend(page.rows.into_iter().map(|r| r.id));
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (250, 250));
}

#[test]
fn an_edit_keeps_the_earlier_version_and_search_follows_the_new_words() {
    let (_dir, mut store) = journal();
    let id = store
        .find_entries(
            &Filter {
                words: "Alex".into(),
                ..Filter::default()
            },
            0,
            10,
        )
        .unwrap()
        .rows[0]
        .id;
    let old = store.entry(id).unwrap().unwrap();
    let mut answers = old.answers;
    answers[0].value = AnswerValue::Text("Alex replied the next morning".into());
    let edit = NewEntry {
        step_id: old.step_id,
        exercise_id: old.exercise_id,
        exercise_title: old.exercise_title,
        answers,
    };
    store
        .update_entry_at(id, None, &edit, None, at("2026-11-21T10:00:00+01:00"))
        .unwrap();
    let entry = store.entry(id).unwrap().unwrap();
    assert_eq!(
        entry.answers[0].value,
        AnswerValue::Text("Alex replied the next morning".into())
    );
    assert_eq!(entry.updated_at, at("2026-11-21T10:00:00+01:00"));
    assert_eq!(entry.history.len(), 1);
    assert_eq!(
        entry.history[0].answers[0].value,
        AnswerValue::Text("Alex did not reply; nobody can be counted on".into())
    );
    let count = |w: &str| {
        store
            .find_entries(
                &Filter {
                    words: w.into(),
                    ..Filter::default()
                },
                0,
                10,
            )
            .unwrap()
            .total
    };
    assert_eq!(count("morning"), 1);
    assert_eq!(count("counted"), 0, "the old words are no longer found");
}

#[test]
fn a_delete_hides_until_undone_and_a_purge_removes_it_for_good() {
    let (_dir, store) = journal();
    let id = store.list_entries().unwrap()[0].id;
    assert!(store.delete_entry(id).unwrap());
    assert_eq!(store.list_entries().unwrap().len(), 4);
    assert!(store.entry(id).unwrap().is_none());
    assert!(store.undelete_entry(id).unwrap());
    assert_eq!(store.list_entries().unwrap().len(), 5);
    store.delete_entry(id).unwrap();
    assert_eq!(store.purge_deleted().unwrap(), 1);
    assert!(!store.undelete_entry(id).unwrap(), "gone for good");
    let found = store
        .find_entries(
            &Filter {
                words: "Dad".into(),
                ..Filter::default()
            },
            0,
            10,
        )
        .unwrap();
    assert_eq!(found.total, 0, "and out of the search index");
}

#[test]
fn review_keys_search_filter_delete_undo_and_edit() {
    let mut h = Harness::new();
    h.keys(&[Enter]);
    for (ex, words) in [(0, "walk in the park"), (0, "quiet dinner")] {
        h.keys(&[Up; 12]);
        h.keys(&[Enter]);
        for _ in 0..ex {
            h.keys(&[Down]);
        }
        h.keys(&[Enter]);
        h.type_text(words);
        h.goto("save");
        h.keys(&[Enter, Esc]);
    }
    h.keys(&[Char('r')]);
    assert_eq!(h.app.review.rows.len(), 2);
    // Search as you type.
    h.keys(&[Char('/')]);
    h.type_text("din");
    assert_eq!(h.app.review.rows.len(), 1);
    assert!(h.app.review.rows[0].preview.contains("dinner"));
    h.keys(&[Enter]);
    assert!(!h.app.review.searching);
    // Filters are chosen from a list, and combine: a step with no entries shows none.
    h.keys(&[Char('s')]);
    assert!(h.app.review.picker.is_some(), "s opens the step list");
    h.keys(&[Down, Down, Esc]);
    assert_eq!(
        h.app.review.query.step, None,
        "Esc leaves the filter as it was"
    );
    assert_eq!(h.app.review.rows.len(), 1);
    h.keys(&[Char('s'), Down, Down, Enter]);
    assert_eq!(h.app.review.query.step.as_deref(), Some("seek-help"));
    assert_eq!(h.app.review.rows.len(), 0);
    h.keys(&[Char('c')]);
    assert_eq!(h.app.review.rows.len(), 2);
    // An exercise alone, from the list of every exercise; then a time.
    h.keys(&[Char('e'), Down, Enter]);
    assert_eq!(h.app.review.query.exercise.as_deref(), Some("pattern-log"));
    assert_eq!(h.app.review.rows.len(), 2);
    h.keys(&[Char('t'), Down, Enter]);
    assert_eq!(h.app.review.query.range, attune::app::review::Range::Today);
    assert_eq!(h.app.review.rows.len(), 2);
    // Choosing another step lets go of an exercise that isn't in it.
    h.keys(&[Char('s'), Down, Down, Enter]);
    assert_eq!(h.app.review.query.exercise, None);
    h.keys(&[Char('c')]);
    assert_eq!(h.app.review.rows.len(), 2);
    // Delete asks first; n keeps, y deletes, u undoes.
    h.keys(&[Char('d'), Char('n')]);
    assert_eq!(h.app.review.rows.len(), 2);
    h.keys(&[Char('d'), Char('y')]);
    assert_eq!(h.app.review.rows.len(), 1);
    h.keys(&[Char('u')]);
    assert_eq!(h.app.review.rows.len(), 2);
    // Edit: open, e, change the first answer, save; history keeps the old words.
    h.keys(&[Enter]);
    let id = h.app.entry.as_ref().unwrap().id;
    h.keys(&[Char('e')]);
    assert_eq!(field_text(&h.app), "quiet dinner");
    h.type_text(" with my sister");
    h.goto("save");
    h.keys(&[Enter]);
    assert_eq!(h.app.screen, attune::app::Screen::Entry { id, scroll: 0 });
    let entry = h.app.entry.clone().expect("reloaded");
    assert_eq!(
        entry.answers[0].value,
        AnswerValue::Text("quiet dinner with my sister".into())
    );
    assert_eq!(
        entry.history[0].answers[0].value,
        AnswerValue::Text("quiet dinner".into())
    );
    assert!(h.app.drafts.is_empty());
}

#[test]
fn a_journal_exports_to_the_golden_markdown_and_json() {
    let fixture = include_str!("golden/export.json");
    let export = Export::parse(fixture.as_bytes()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.import(&export).unwrap();
    let again = store.export(&Filter::default()).unwrap();
    let json = attune::export::json(&again).unwrap();
    if json != fixture && std::env::var("UPDATE_GOLDEN").is_ok() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/export.json"),
            &json,
        )
        .unwrap();
    }
    assert_eq!(
        json, fixture,
        "JSON export reproduces the file it was imported from"
    );
    let markdown = attune::export::markdown(&again, &content());
    let golden = include_str!("golden/export.md");
    if markdown != golden && std::env::var("UPDATE_GOLDEN").is_ok() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/export.md"),
            &markdown,
        )
        .unwrap();
    }
    assert_eq!(markdown, golden);
}

#[test]
fn importing_twice_adds_nothing_the_second_time() {
    let export = Export::parse(include_str!("golden/export.json").as_bytes()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let first = store.import(&export).unwrap();
    let second = store.import(&export).unwrap();
    assert_eq!(
        (first.added, first.already_there),
        (export.entries.len(), 0)
    );
    assert_eq!(
        (second.added, second.already_there),
        (0, export.entries.len())
    );
    assert_eq!(store.list_entries().unwrap().len(), export.entries.len());
}

fn answer_value() -> impl Strategy<Value = AnswerValue> {
    prop_oneof![
        Just(AnswerValue::Skipped),
        "[a-zA-Z0-9 .,!?'\\n日🌱é]{0,60}".prop_map(AnswerValue::Text),
        (0i64..=10).prop_map(|v| AnswerValue::Scale {
            value: v,
            min: 0,
            max: 10
        }),
        "[a-z ]{1,20}".prop_map(AnswerValue::Choice),
        (
            proptest::collection::vec("[a-z ]{1,12}", 0..4),
            "[a-z ]{0,12}"
        )
            .prop_map(|(chosen, other)| AnswerValue::Multi { chosen, other }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_identical(entries in proptest::collection::vec((proptest::collection::vec(answer_value(), 1..6), 0u32..100_000, proptest::bool::ANY), 0..12)) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        for (values, minutes, edit) in &entries {
            let answers: Vec<Answer> = values.iter().enumerate().map(|(k, v)| Answer {
                prompt_id: format!("p{k}"), label: format!("Prompt {k}"), value: v.clone(), pair: None,
            }).collect();
            let entry = NewEntry { step_id: "recognize".into(), exercise_id: "pattern-log".into(), exercise_title: "Pattern log".into(), answers };
            let when = at("2026-01-01T00:00:00+02:00") + chrono::Duration::minutes(i64::from(*minutes));
            let id = store.commit_entry_at(&entry, None, when).unwrap();
            if *edit {
                let mut changed = entry;
                changed.answers.reverse();
                store.update_entry_at(id, None, &changed, None, when + chrono::Duration::days(1)).unwrap();
            }
        }
        let first = attune::export::json(&store.export(&Filter::default()).unwrap()).unwrap();
        let fresh = tempfile::tempdir().unwrap();
        let mut other = Store::open(fresh.path()).unwrap();
        other.import(&Export::parse(first.as_bytes()).unwrap()).unwrap();
        let second = attune::export::json(&other.export(&Filter::default()).unwrap()).unwrap();
        prop_assert_eq!(first, second);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// An export reads entries and their answers by two queries in the same order:
    /// every entry comes with exactly its own answers, whatever the ties in time,
    /// entries without answers, deleted entries and the step asked for.
    #[test]
    fn an_export_gives_each_entry_its_own_answers(entries in proptest::collection::vec((0usize..4, 0u32..3, proptest::bool::ANY, proptest::bool::ANY, proptest::bool::weighted(0.3)), 0..14)) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let mut kept = Vec::new();
        for (i, (answers, minutes, other_step, delete, edit)) in entries.iter().enumerate() {
            let answers: Vec<Answer> = (0..*answers).map(|k| Answer {
                prompt_id: format!("p{k}"), label: format!("Prompt {k}"),
                value: AnswerValue::Text(format!("entry {i}, answer {k}")), pair: None,
            }).collect();
            let step = if *other_step { "self-compassion" } else { "recognize" };
            let entry = NewEntry { step_id: step.into(), exercise_id: "pattern-log".into(), exercise_title: format!("entry {i}"), answers };
            let when = at("2026-01-01T00:00:00+02:00") + chrono::Duration::minutes(i64::from(*minutes));
            let id = store.commit_entry_at(&entry, None, when).unwrap();
            if *edit {
                // The same answers again: an earlier version is kept all the same.
                store.update_entry_at(id, None, &entry, None, when + chrono::Duration::days(1)).unwrap();
            }
            if *delete {
                store.delete_entry(id).unwrap();
            } else {
                kept.push((when, id, i, step, entry.answers.len(), *edit));
            }
        }
        // Oldest first, ties in the order they were written.
        kept.sort_by_key(|(when, id, ..)| (*when, *id));
        for step in [None, Some("recognize")] {
            let filter = Filter { step: step.map(String::from), ..Filter::default() };
            let export = store.export(&filter).unwrap();
            let want: Vec<_> = kept.iter().filter(|k| step.is_none_or(|s| s == k.3)).collect();
            prop_assert_eq!(export.entries.len(), want.len());
            // The count an export's head gives (for every entry, the summary's).
            prop_assert_eq!(attune::store::Entries::count(&store.export_stream(&filter).unwrap()), want.len());
            for (got, (_, _, i, _, n, edited)) in export.entries.iter().zip(want) {
                prop_assert_eq!(&got.exercise_title, &format!("entry {i}"));
                // Its own earlier versions, and only those.
                prop_assert_eq!(got.history.len(), usize::from(*edited));
                let texts: Vec<String> = got.answers.iter().map(|a| a.value.full_text()).collect();
                let own: Vec<String> = (0..*n).map(|k| format!("entry {i}, answer {k}")).collect();
                prop_assert_eq!(texts, own);
            }
        }
    }
}

/// Two entries of the pattern log, written through the keys, and Review open.
fn review_of_two() -> Harness {
    let mut h = Harness::new();
    h.keys(&[Enter]);
    for words in ["walk in the park", "quiet dinner"] {
        h.keys(&[Up; 12]);
        h.keys(&[Enter, Enter]);
        h.type_text(words);
        h.goto("save");
        h.keys(&[Enter, Esc]);
    }
    h.keys(&[Char('r')]);
    assert_eq!(h.app.review.rows.len(), 2);
    h
}

#[test]
fn a_date_that_cannot_be_read_is_said_not_ignored() {
    let mut h = review_of_two();
    h.keys(&[Char('/')]);
    h.type_text("since:yesterday");
    let problem = h.app.review.query.date_problem().expect("a problem");
    assert!(problem.contains("“yesterday” is not a day"), "{problem}");
    let shown = screen_text(&h.app, 80, 24);
    assert!(shown.contains("“yesterday” is not a day"), "{shown}");
    // It is left out (and said so); the rest of the search still works.
    assert_eq!(h.app.review.rows.len(), 2);
    for _ in 0.."yesterday".len() {
        h.press(key(Backspace));
    }
    h.type_text("2099-01-01");
    assert_eq!(h.app.review.query.date_problem(), None);
    assert_eq!(h.app.review.rows.len(), 0, "nothing written since 2099");
    assert!(!screen_text(&h.app, 80, 24).contains("not a day"));
    // A word with a colon that is not a date is searched like any other.
    h.keys(&[Esc, Char('c'), Char('/')]);
    h.type_text("note:dinner");
    assert_eq!(h.app.review.query.date_problem(), None);
    assert_eq!(h.app.review.rows.len(), 0, "\"note\" is in neither entry");
}

#[test]
fn x_exports_to_the_chosen_folder_and_shows_the_whole_path_until_put_away() {
    use std::os::unix::fs::PermissionsExt;
    let mut h = review_of_two();
    let folder = h.dir.path().join("for my therapist");
    h.app.exports_dir = folder.clone();
    h.keys(&[Char('s'), Down, Enter, Char('x')]);
    let files: Vec<_> = std::fs::read_dir(&folder)
        .expect("the folder is made")
        .map(|f| f.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let file = &files[0];
    assert_eq!(
        std::fs::metadata(file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let text = std::fs::read_to_string(file).unwrap();
    assert!(
        text.contains("Only step 1 (Recognize and acknowledge).") && text.contains("quiet dinner"),
        "{text}"
    );
    let alert = h.app.alert().expect("an alert says where").to_string();
    assert!(
        alert.contains(&file.display().to_string()) && alert.contains("2 entries"),
        "{alert}"
    );
    // It stays through other keys until it is put away.
    h.keys(&[Down, Char('j')]);
    assert!(h.app.alert().is_some());
    let shown = screen_text(&h.app, 80, 24);
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    assert!(shown.contains(&name), "{shown}");
    h.keys(&[Enter]);
    assert!(h.app.alert().is_none());
}

#[test]
fn a_quick_write_has_its_own_place_in_review_and_in_the_export() {
    let mut h = Harness::new();
    h.keys(&[Enter, Char('w')]);
    h.type_text("Sam called; I let it ring.");
    h.keys(&[Tab]);
    h.type_text("guilty");
    h.keys(&[Tab, Enter]);
    let saved = h.store.list_entries().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].step_id, "quick-write");

    // Review offers it as a place of its own, and shows it under its name.
    h.keys(&[Char('r')]);
    let choices = h.app.picker_choices(attune::app::review::Filter::Step);
    assert!(
        choices.iter().any(|c| c.label == "Quick write"),
        "{:?}",
        choices.iter().map(|c| &c.label).collect::<Vec<_>>()
    );
    let screen = screen_text(&h.app, 80, 24);
    assert!(screen.contains("Quick write"), "{screen}");
    assert!(!screen.contains("Step 0"), "{screen}");
    assert!(
        !screen.contains("Quick write Quick write"),
        "said once: {screen}"
    );

    // Markdown names it, not a step; `--step quick-write` exports it alone.
    let only = Filter {
        step: Some("quick-write".into()),
        ..Filter::default()
    };
    let markdown = attune::export::markdown(&h.store.export(&only).unwrap(), &content());
    assert!(markdown.contains(" · Quick write*"), "{markdown}");
    assert!(
        markdown.contains("Sam called; I let it ring."),
        "{markdown}"
    );
    assert!(!markdown.contains("Step 0"), "{markdown}");
    assert_eq!(
        attune::export::describe(&only, &content()),
        ["Quick write"],
        "what the export says it holds"
    );
}

#[test]
fn a_search_and_its_filters_are_there_again_after_a_restart() {
    let mut h = review_of_two();
    h.keys(&[Char('/')]);
    h.type_text("din");
    h.keys(&[Enter, Char('t'), Down, Enter]);
    assert_eq!(h.app.review.rows.len(), 1);
    h.keys(&[Char('q')]);
    assert!(h.quit);
    let mut h = h.relaunch();
    assert_eq!(h.app.screen, attune::app::Screen::Review { selected: 0 });
    assert_eq!(h.app.review.query.text, "din");
    assert_eq!(h.app.review.query.range, attune::app::review::Range::Today);
    assert_eq!(h.app.review.rows.len(), 1, "the list is the one searched");
    let shown = screen_text(&h.app, 80, 24);
    assert!(
        shown.contains("din"),
        "the search line shows the words: {shown}"
    );
    // The words go on being typed where they stopped.
    h.keys(&[Char('/')]);
    h.type_text("ner");
    assert_eq!(h.app.review.query.text, "dinner");
    assert_eq!(h.app.review.rows.len(), 1);
    // From Home too: a search is kept until cleared, as it is while attune runs.
    h.keys(&[Enter, Esc]);
    assert!(matches!(h.app.screen, attune::app::Screen::Home { .. }));
    h.keys(&[Char('q')]);
    let mut h = h.relaunch();
    h.keys(&[Char('r')]);
    assert_eq!(h.app.review.query.text, "dinner");
    assert_eq!(h.app.review.rows.len(), 1);
    // Cleared, nothing is kept.
    h.keys(&[Char('c'), Char('q')]);
    let h = h.relaunch();
    assert_eq!(h.app.review.query, Default::default());
    assert_eq!(h.app.review.rows.len(), 2);
    assert_eq!(h.app.session().review, None);
}

#[test]
fn a_restart_goes_on_typing_in_the_search_line_where_it_stopped() {
    use attune::app::Msg;
    let mut h = review_of_two();
    // The search line opened and typed in, then the terminal closed (no quit).
    h.keys(&[Char('/')]);
    h.type_text("din");
    h.send(Msg::Tick);
    let mut h = h.relaunch();
    assert_eq!(h.app.screen, attune::app::Screen::Review { selected: 0 });
    assert!(h.app.review.searching, "still typing in the search line");
    h.type_text("ner");
    assert_eq!(h.app.review.query.text, "dinner");
    assert_eq!(h.app.review.rows.len(), 1);
    // Done typing: a restart shows the search, not typing in it.
    h.keys(&[Enter]);
    h.send(Msg::Tick);
    let h = h.relaunch();
    assert!(!h.app.review.searching);
    assert_eq!(h.app.review.query.text, "dinner");
    // The line opened with nothing typed in it yet comes back open too.
    let mut h = review_of_two();
    h.keys(&[Char('/')]);
    h.send(Msg::Tick);
    let mut h = h.relaunch();
    assert!(h.app.review.searching);
    h.type_text("din");
    assert_eq!(h.app.review.rows.len(), 1);
    // Help opened over the search line, then the terminal closed: Esc after the
    // restart goes back to typing.
    h.keys(&[Enter, Char('/')]);
    h.send(Msg::Help);
    h.send(Msg::Tick);
    let mut h = h.relaunch();
    assert!(h.app.screen.is_help());
    h.keys(&[Esc]);
    assert_eq!(h.app.screen, attune::app::Screen::Review { selected: 0 });
    assert!(h.app.review.searching, "typing again after help");
    // The list under help was read at the start, not only once typed in again.
    assert_eq!(h.app.review.rows.len(), 1);
    h.type_text("x");
    assert_eq!(h.app.review.query.text, "dinx");
    // Saved as typing on another screen (only a damaged or foreign session says so):
    // Review opens with its search, not typing in it.
    h.keys(&[Enter]);
    let session = attune::session::Session {
        screen: attune::session::SavedScreen::Home { selected: 0 },
        review: Some(Box::new(attune::session::SavedReview {
            words: "din".into(),
            searching: true,
            ..Default::default()
        })),
        ..attune::session::Session::empty()
    };
    h.store.save_session(&session).unwrap();
    let mut h = h.relaunch();
    assert!(matches!(h.app.screen, attune::app::Screen::Home { .. }));
    h.keys(&[Char('r')]);
    assert!(!h.app.review.searching);
    assert_eq!(h.app.review.query.text, "din");
}

#[test]
fn saved_filters_are_checked_again_when_read_back() {
    use attune::session::{SavedReview, SavedScreen, Session};
    let mut h = review_of_two();
    // A paste with a tab and an escape searches, shows and saves them as spaces.
    h.keys(&[Char('/')]);
    h.send(attune::app::Msg::Paste("quiet\tdin\u{1b}".into()));
    assert_eq!(h.app.review.query.text, "quiet din ");
    assert_eq!(h.app.review.rows.len(), 1);
    assert_eq!(h.app.session().review.unwrap().words, "quiet din ");
    assert!(screen_text(&h.app, 80, 24).contains("search: quiet din"));
    h.keys(&[Esc]);
    let session = Session {
        screen: SavedScreen::Review { selected: 0 },
        review: Some(Box::new(SavedReview {
            step_id: Some("no-such-step".into()),
            exercise_id: Some("pattern-log".into()),
            range: "fortnight".into(),
            words: "din\u{1b}[2J\nner\u{202e}".into(),
            searching: false,
        })),
        ..Session::empty()
    };
    h.store.save_session(&session).unwrap();
    let h = h.relaunch();
    let query = &h.app.review.query;
    assert_eq!(query.step, None, "a step the content lacks is dropped");
    assert_eq!(query.exercise.as_deref(), Some("pattern-log"));
    assert_eq!(query.range, attune::app::review::Range::All);
    assert_eq!(query.text, "din [2J ner ", "a control character is a space");
    assert!(
        !screen_text(&h.app, 80, 24)
            .chars()
            .any(attune::sanitize::is_unsafe)
    );
    // An exercise of another step than the one saved is let go, as the picker would.
    let other_step = Session {
        screen: SavedScreen::Review { selected: 0 },
        review: Some(Box::new(SavedReview {
            step_id: Some("seek-help".into()),
            exercise_id: Some("pattern-log".into()),
            ..SavedReview::default()
        })),
        ..Session::empty()
    };
    h.store.save_session(&other_step).unwrap();
    let h = h.relaunch();
    assert_eq!(h.app.review.query.step.as_deref(), Some("seek-help"));
    assert_eq!(h.app.review.query.exercise, None);
}

#[test]
fn a_row_far_down_review_is_where_a_restart_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    journal_of(dir.path(), 300);
    let mut h = Harness::open(dir);
    h.keys(&[Char('r')]);
    for _ in 0..25 {
        h.keys(&[PageDown]);
    }
    h.keys(&[Down, Down]);
    let far = attune::app::Screen::Review { selected: 252 };
    assert_eq!(h.app.screen, far);
    let id = h.app.review.rows[252].id;
    h.keys(&[Char('q')]);
    let h = h.relaunch();
    assert_eq!(h.app.screen, far, "not moved back to the first page read");
    assert_eq!(h.app.review.rows[252].id, id, "the same entry");
}
