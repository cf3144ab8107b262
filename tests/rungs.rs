//! Ladder → step taken: the rung tried is picked from the trust ladder, its rating is
//! what was expected, and the ladder (and Insights) then show it tried. By key
//! sequence, on a real journal.

mod support;

use attune::app::{App, LadderRecall, Msg, RecallKey, Screen};
use attune::journal::{AnswerValue, LadderItem, RungTry};
use crossterm::event::KeyCode::*;
use support::*;

const RUNGS: [(&str, char); 5] = [
    ("Share a preference", '1'),
    ("Share good news", '4'),
    ("Accept an offer of help", '5'),
    ("Admit a worry", '7'),
    ("Say I missed you", '9'),
];

/// A trust ladder of five rungs, saved; back on step 6.
fn with_ladder() -> Harness {
    let mut h = Harness::new();
    h.keys(&[Enter]);
    h.keys(&[Down, Down, Down, Down, Down, Enter, Enter]);
    for (rung, rating) in RUNGS {
        h.keys(&[Char('a')]);
        h.type_text(rung);
        h.keys(&[Tab]);
        h.type_text("Jo");
        h.keys(&[Enter, Char(rating)]);
    }
    h.keys(&[Tab, Enter]);
    assert_eq!(h.commits, 1, "the ladder is saved");
    h
}

/// Back on Home, however far away.
fn home(h: &mut Harness) {
    for _ in 0..5 {
        if matches!(h.app.screen, Screen::Home { .. }) {
            return;
        }
        h.keys(&[Esc]);
    }
    panic!("not home: {:?}", h.app.screen);
}

/// From step 6, "A step taken" opened on its rung picker.
fn open_step_taken(h: &mut Harness) {
    if !matches!(h.app.screen, Screen::Step { .. }) {
        panic!("not on a step: {:?}", h.app.screen);
    }
    h.keys(&[Up, Up, Up, Up, Up, Up, Down, Enter]);
    assert_eq!(prompt_id(&h.app), "rung");
}

#[test]
fn picking_a_rung_prefills_what_was_expected_and_the_ladder_then_shows_it_tried() {
    let mut h = with_ladder();
    open_step_taken(&mut h);
    let screen = screen_text(&h.app, 80, 24);
    assert!(screen.contains("Share good news"), "{screen}");
    assert!(screen.contains("Something not on my ladder"), "{screen}");
    // The second rung, chosen: on to what was done, and the expected scale holds 40.
    h.keys(&[Down, Enter]);
    assert_eq!(prompt_id(&h.app), "the-step");
    h.type_text("Told Jo about the new job");
    h.keys(&[Tab]);
    assert_eq!(prompt_id(&h.app), "expected-distress");
    let screen = screen_text(&h.app, 80, 24);
    assert!(
        screen.contains("on your ladder, before you tried it"),
        "{screen}"
    );
    h.keys(&[Tab]);
    assert_eq!(prompt_id(&h.app), "actual-distress");
    h.keys(&[Char('2'), Tab]);
    h.type_text("Jo was glad for me");
    h.goto("save");
    h.keys(&[Enter]);
    assert_eq!(h.commits, 2, "the ladder, then the step taken");

    let entry = h
        .store
        .latest_entry("build-trust", "step-taken")
        .unwrap()
        .unwrap();
    let value = |id: &str| {
        entry
            .answers
            .iter()
            .find(|a| a.prompt_id == id)
            .map(|a| a.value.clone())
    };
    assert_eq!(
        value("rung"),
        Some(AnswerValue::Rung {
            text: "Share good news".into(),
            rating: Some(40),
            max: 100
        })
    );
    assert!(matches!(
        value("expected-distress"),
        Some(AnswerValue::Scale { value: 40, .. })
    ));

    // The ladder, opened again, shows the rung tried, and the tries survive it
    // being saved again.
    home(&mut h);
    h.keys(&[Up; 10]);
    h.keys(&[Down, Down, Down, Down, Down, Enter, Up, Up, Enter]);
    let screen = screen_text(&h.app, 80, 24);
    let today = chrono::Local::now().format("%-d %b").to_string();
    assert!(
        screen.contains(&format!("tried {today}: 20 of 100, expected 40")),
        "{screen}"
    );
    let tries = h.store.rung_tries(&h.app.content.rung_prompts()).unwrap();
    assert_eq!(tries.len(), 1);
    assert_eq!(tries[0].rung, "Share good news");
    assert_eq!(tries[0].expected, Some(40));
    assert_eq!(tries[0].actual, Some(20));
    assert_eq!(
        tries[0].how.as_deref(),
        Some("How did they respond? Jo was glad for me")
    );

    // So does the ladder's entry in Review (newest first: the step, then the ladder).
    home(&mut h);
    h.keys(&[Up; 10]);
    h.keys(&[Down; 7]);
    h.keys(&[Enter, Down, Enter]);
    assert!(
        matches!(h.app.screen, Screen::Entry { .. }),
        "{:?}",
        h.app.screen
    );
    let screen = screen_text(&h.app, 80, 24);
    assert!(screen.contains("Trust ladder"), "{screen}");
    assert!(
        screen.contains(&format!("tried {today}: 20 of 100, expected 40")),
        "{screen}"
    );
    // And the Markdown export, under the rung.
    let export = h.store.export(&Default::default()).unwrap();
    let tried = attune::export::tried(&h.store, &h.app.content).unwrap();
    let mut out = Vec::new();
    attune::export::write_markdown(
        &mut out,
        &export,
        &h.app.content,
        &Default::default(),
        &tried,
    )
    .unwrap();
    let markdown = String::from_utf8(out).unwrap();
    assert!(
        markdown.contains(&format!(
            "- Share good news (40 of 100); with whom: Jo  \n  tried {today}: 20 of 100, expected 40. How did they respond? Jo was glad for me\n"
        )),
        "{markdown}"
    );
    assert!(
        markdown.contains("**Which rung of your trust ladder did you try?**\n\nShare good news (expected 40 of 100)"),
        "{markdown}"
    );

    // Insights' "Ladder" shows it: the rung, the day, expected against actual.
    home(&mut h);
    h.keys(&[Up; 10]);
    h.keys(&[Down; 8]);
    h.keys(&[Enter]);
    assert!(
        matches!(h.app.screen, Screen::Insights { .. }),
        "{:?}",
        h.app.screen
    );
    for _ in 0..6 {
        h.keys(&[Right]);
    }
    let screen = screen_text(&h.app, 80, 24);
    assert!(
        screen.contains("Ladder   7 of 8") || screen.contains(" Ladder "),
        "{screen}"
    );
    let line = screen
        .lines()
        .find(|l| l.contains("Share good news"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        line.contains(&format!("{today}  Share good news")),
        "{line}"
    );
    assert!(line.contains("40 → 20 (−20) of 100"), "{line}");
}

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

/// The trust ladder as the store hands it over: five rungs, the second tried on
/// 7 Sep (expected 40, it was 20).
fn loaded_ladder() -> Msg {
    let items = RUNGS
        .iter()
        .enumerate()
        .map(|(i, (text, rating))| LadderItem {
            text: text.to_string(),
            rating: rating.to_digit(10).map(|d| i64::from(d) * 10),
            fields: vec![["Jo", "Sam", "Priya", "Jo", "Sam"][i].to_string()],
        })
        .collect();
    Msg::LadderLoaded(
        RecallKey {
            step: "build-trust".into(),
            exercise: "trust-ladder".into(),
            prompt: "ladder".into(),
        },
        Box::new(LadderRecall {
            latest: Some((
                at("2026-09-01T20:00:00+01:00"),
                AnswerValue::Ladder {
                    item: "rung".into(),
                    fields: vec!["with whom".into()],
                    items,
                    min: 0,
                    max: 100,
                },
            )),
            tries: vec![RungTry {
                rung: "Share good news".into(),
                on: at("2026-09-07T19:00:00+01:00"),
                expected: Some(40),
                actual: Some(20),
                max: 100,
                how: Some("How did they respond? Jo was glad for me and asked about it".into()),
            }],
        }),
    )
}

/// Step 6 open, on its `exercise`-th exercise.
fn step_six(exercise: usize) -> App {
    let mut app = app();
    press_all(&mut app, &[Down; 5]);
    press(&mut app, key(Enter));
    press_all(&mut app, &vec![Down; exercise]);
    press(&mut app, key(Enter));
    app.update(loaded_ladder());
    app
}

#[test]
fn snapshot_the_rung_picker_with_a_ladder_of_five_one_tried() {
    let mut app = step_six(1);
    assert_eq!(prompt_id(&app), "rung");
    press(&mut app, key(Down));
    insta::assert_snapshot!("rung_picker", screen_text(&app, 80, 24));
    insta::assert_snapshot!("rung_picker_60x20", screen_text(&app, 60, 20));
    // Chosen: the expected scale holds its rating and says where it came from.
    press_all(&mut app, &[Enter, Tab]);
    assert_eq!(prompt_id(&app), "expected-distress");
    insta::assert_snapshot!("rung_expected_from_the_ladder", screen_text(&app, 80, 24));
}

#[test]
fn snapshot_the_ladder_shows_a_rung_tried() {
    let mut app = step_six(0);
    // The ladder's own answer, as a revisit fills it in.
    let Msg::LadderLoaded(_, ladder) = loaded_ladder() else {
        unreachable!()
    };
    let (_, value) = ladder.latest.clone().unwrap();
    app.update(Msg::LatestLoaded {
        step_id: "build-trust".into(),
        exercise_id: "trust-ladder".into(),
        entry: Some(Box::new(attune::journal::Entry {
            id: 1,
            uid: "u1".into(),
            step_id: "build-trust".into(),
            exercise_id: "trust-ladder".into(),
            exercise_title: "Trust ladder".into(),
            created_at: at("2026-09-01T20:00:00+01:00"),
            updated_at: at("2026-09-01T20:00:00+01:00"),
            answers: vec![attune::journal::Answer {
                prompt_id: "ladder".into(),
                label: "What small steps of sharing could you take?".into(),
                value,
                pair: None,
            }],
            history: vec![],
        })),
    });
    let screen = screen_text(&app, 80, 24);
    assert!(
        screen.contains("tried 7 Sep: 20 of 100, expected 40"),
        "{screen}"
    );
    insta::assert_snapshot!("ladder_with_a_rung_tried", screen);
}

#[test]
fn with_no_ladder_yet_the_picker_says_so_and_offers_the_other_row() {
    let mut app = app();
    press_all(&mut app, &[Down; 5]);
    press_all(&mut app, &[Enter, Down, Enter]);
    app.update(Msg::LadderLoaded(
        RecallKey {
            step: "build-trust".into(),
            exercise: "trust-ladder".into(),
            prompt: "ladder".into(),
        },
        Box::default(),
    ));
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("There is no Trust ladder yet"), "{screen}");
    assert!(screen.contains("Something not on my ladder"), "{screen}");
    // Skippable like every prompt; or the one row picked, which marks nothing.
    press(&mut app, key(Enter));
    assert_eq!(prompt_id(&app), "the-step");
}

#[test]
fn a_rung_picked_is_kept_in_the_draft_across_a_relaunch() {
    let mut h = with_ladder();
    open_step_taken(&mut h);
    h.keys(&[Down, Down, Enter]);
    assert_eq!(prompt_id(&h.app), "the-step");
    h.type_text("Let Priya help");
    h.keys(&[Esc]);
    let mut h = h.relaunch();
    home(&mut h);
    h.keys(&[Up; 10]);
    h.keys(&[Down, Down, Down, Down, Down, Enter, Down, Enter]);
    h.goto("expected-distress");
    let screen = screen_text(&h.app, 80, 24);
    assert!(screen.contains("Your answer: 50"), "{screen}");
    h.goto("save");
    let screen = screen_text(&h.app, 80, 24);
    assert!(
        screen.contains("Accept an offer of help (expected 50 of 100)"),
        "{screen}"
    );
}

#[test]
fn an_entry_of_a_step_taken_from_before_rungs_still_reads_and_marks_nothing() {
    let mut h = with_ladder();
    // As an older attune saved it: no rung answer, the ladder only recalled.
    let entry = attune::journal::NewEntry {
        step_id: "build-trust".into(),
        exercise_id: "step-taken".into(),
        exercise_title: "A step taken".into(),
        answers: vec![attune::journal::Answer {
            prompt_id: "the-step".into(),
            label: "What did you share or ask, and with whom?".into(),
            value: AnswerValue::Text("Told Jo I had a rough week".into()),
            pair: None,
        }],
    };
    h.store
        .commit_entry_at(&entry, None, at("2026-09-07T19:00:00+01:00"))
        .unwrap();
    assert_eq!(
        h.store.rung_tries(&h.app.content.rung_prompts()).unwrap(),
        vec![]
    );
    open_step_taken(&mut h);
    assert!(screen_text(&h.app, 80, 24).contains("Share good news"));
}

/// A step taken on `rung` (expected `expected`), as uncomfortable as `actual`.
fn step_taken(rung: &str, expected: i64, actual: i64) -> attune::journal::NewEntry {
    let answer = |prompt_id: &str, value| attune::journal::Answer {
        prompt_id: prompt_id.into(),
        label: prompt_id.into(),
        value,
        pair: None,
    };
    attune::journal::NewEntry {
        step_id: "build-trust".into(),
        exercise_id: "step-taken".into(),
        exercise_title: "A step taken".into(),
        answers: vec![
            answer(
                "rung",
                AnswerValue::Rung {
                    text: rung.into(),
                    rating: Some(expected),
                    max: 100,
                },
            ),
            answer(
                "actual-distress",
                AnswerValue::Scale {
                    value: actual,
                    min: 0,
                    max: 100,
                },
            ),
        ],
    }
}

#[test]
fn tries_come_from_the_entries_that_made_them_through_deletion_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = attune::store::Store::open(dir.path()).unwrap();
    let content = content();
    let sources = content.rung_prompts();
    let days = ["2026-09-07", "2026-09-14", "2026-09-21"];
    let mut ids = Vec::new();
    for (i, day) in days.iter().enumerate() {
        let entry = step_taken("Share good news", 60, 30 - 10 * i as i64);
        let when = at(&format!("{day}T19:00:00+01:00"));
        ids.push(store.commit_entry_at(&entry, None, when).unwrap());
    }
    let actual = |tries: &[RungTry]| tries.iter().map(|t| t.actual).collect::<Vec<_>>();
    let all = store.rung_tries(&sources).unwrap();
    assert_eq!(actual(&all), [Some(30), Some(20), Some(10)], "oldest first");
    // Insights reads only the latest few, still oldest first.
    let latest = store.latest_rung_tries(&sources, 2).unwrap();
    assert_eq!(actual(&latest), [Some(20), Some(10)]);
    // Deleting an entry takes its try with it.
    assert!(store.delete_entry(ids[1]).unwrap());
    let left = store.rung_tries(&sources).unwrap();
    assert_eq!(actual(&left), [Some(30), Some(10)]);
    // The JSON export holds the rung answers, so an import brings the tries back.
    let export = store.export(&Default::default()).unwrap();
    let json = attune::export::json(&export).unwrap();
    assert!(json.contains(r#""kind":"rung""#), "{json}");
    let other = tempfile::tempdir().unwrap();
    let mut again = attune::store::Store::open(other.path()).unwrap();
    again.import(&export).unwrap();
    assert_eq!(again.rung_tries(&sources).unwrap(), left);
}

#[test]
fn a_behavioural_experiment_can_try_a_rung_and_says_how_it_turned_out() {
    let mut h = with_ladder();
    let step = h.app.content.step("challenge-beliefs").unwrap();
    let at = step
        .exercises
        .iter()
        .position(|e| e.id == "experiment")
        .unwrap();
    home(&mut h);
    h.keys(&[Up; 10]);
    h.keys(&[Down, Down, Down, Enter]);
    h.keys(&vec![Down; at]);
    h.keys(&[Enter]);
    h.goto("rung");
    assert!(screen_text(&h.app, 80, 24).contains("Accept an offer of help"));
    h.keys(&[Down, Down, Enter]);
    h.goto("outcome");
    h.keys(&[Down, Enter]);
    h.goto("save");
    h.keys(&[Enter]);
    assert_eq!(h.commits, 2, "the ladder, then the experiment");
    let tries = h.store.rung_tries(&h.app.content.rung_prompts()).unwrap();
    assert_eq!(tries.len(), 1);
    assert_eq!(tries[0].rung, "Accept an offer of help");
    assert_eq!(tries[0].expected, Some(50));
    assert_eq!(tries[0].actual, None, "an experiment rates no discomfort");
    assert_eq!(
        tries[0].how.as_deref(),
        Some("Did it turn out as you predicted? Partly")
    );
}

/// The expected scale's value, in the open draft.
fn expected_value(app: &App) -> Option<i64> {
    let draft = app.drafts.last().expect("a draft");
    let ex = app
        .content
        .exercise(&draft.step_id, &draft.exercise_id)
        .expect("its exercise")
        .1;
    let i = ex
        .prompts
        .iter()
        .position(|p| p.id == "expected-distress")
        .unwrap();
    match &draft.answers[i] {
        attune::app::answer::DraftAnswer::Scale(v) => *v,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_expected_scale_follows_the_rung_picked_but_keeps_a_value_set_by_hand() {
    let mut app = step_six(1);
    // The second rung (rated 40): its rating is what was expected.
    press_all(&mut app, &[Down, Enter]);
    assert_eq!(expected_value(&app), Some(40));
    // Another rung instead (the list opens on the one picked): the value the
    // ladder put there follows it.
    goto(&mut app, "rung");
    press_all(&mut app, &[Down, Enter]);
    assert_eq!(expected_value(&app), Some(50));
    // Something not on the ladder: nothing expected from it.
    goto(&mut app, "rung");
    press_all(&mut app, &[Down, Down, Down, Enter]);
    assert_eq!(expected_value(&app), None);
    // Set by hand, then a rung picked: the value set by hand stays.
    goto(&mut app, "expected-distress");
    press(&mut app, key(Char('9')));
    goto(&mut app, "rung");
    press_all(&mut app, &[Up, Up, Up, Up, Enter]);
    assert_eq!(expected_value(&app), Some(90));
}

/// The Markdown export writes under each rung of a ladder its latest try and, when
/// it was tried more than once, how many times; a rung never tried has nothing
/// under it. The tries come from "A step taken" entries, in any order of writing.
#[test]
fn the_markdown_export_gives_each_rung_its_latest_try_and_how_many() {
    use attune::journal::{Answer, NewEntry};
    let dir = tempfile::tempdir().unwrap();
    let mut store = attune::store::Store::open(dir.path()).unwrap();
    let content = content();
    let rung = |text: &str, rating: i64| LadderItem {
        text: text.into(),
        rating: Some(rating),
        fields: vec!["Jo".into()],
    };
    let ladder = NewEntry {
        step_id: "build-trust".into(),
        exercise_id: "trust-ladder".into(),
        exercise_title: "Trust ladder".into(),
        answers: vec![Answer {
            prompt_id: "ladder".into(),
            label: "What small steps of sharing could you take?".into(),
            value: AnswerValue::Ladder {
                item: "rung".into(),
                fields: vec!["with whom".into()],
                items: vec![
                    rung("Share good news", 40),
                    rung("Admit a worry", 70),
                    rung("Say I missed you", 90),
                ],
                min: 0,
                max: 100,
            },
            pair: None,
        }],
    };
    store
        .commit_entry_at(&ladder, None, at("2026-09-01T20:00:00+01:00"))
        .unwrap();
    let step = |text: &str, expected: i64, actual: i64| NewEntry {
        step_id: "build-trust".into(),
        exercise_id: "step-taken".into(),
        exercise_title: "A step taken".into(),
        answers: vec![
            Answer {
                prompt_id: "rung".into(),
                label: "Which rung?".into(),
                value: AnswerValue::Rung {
                    text: text.into(),
                    rating: Some(expected),
                    max: 100,
                },
                pair: None,
            },
            Answer {
                prompt_id: "actual-distress".into(),
                label: "How was it?".into(),
                value: AnswerValue::Scale {
                    value: actual,
                    min: 0,
                    max: 100,
                },
                pair: None,
            },
        ],
    };
    // Written out of order: the latest try is the latest by its time.
    for (text, actual, on) in [
        ("Share good news", 10, "2026-09-09T19:00:00+01:00"),
        ("Share good news", 20, "2026-09-07T19:00:00+01:00"),
        ("Admit a worry", 50, "2026-09-08T19:00:00+01:00"),
        ("Share good news", 30, "2026-09-03T19:00:00+01:00"),
    ] {
        store
            .commit_entry_at(&step(text, 40, actual), None, at(on))
            .unwrap();
    }
    let export = store.export(&Default::default()).unwrap();
    let tried = attune::export::tried(&store, &content).unwrap();
    let mut out = Vec::new();
    attune::export::write_markdown(&mut out, &export, &content, &Default::default(), &tried)
        .unwrap();
    let markdown = String::from_utf8(out).unwrap();
    for expected in [
        "- Share good news (40 of 100); with whom: Jo  \n  tried 9 Sep: 10 of 100, expected 40 (3 tries)\n",
        "- Admit a worry (70 of 100); with whom: Jo  \n  tried 8 Sep: 50 of 100, expected 40\n",
        "- Say I missed you (90 of 100); with whom: Jo\n",
    ] {
        assert!(markdown.contains(expected), "{expected:?} in {markdown}");
    }
}
