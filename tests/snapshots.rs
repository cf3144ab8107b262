//! Every screen drawn by ratatui's TestBackend at 80x24 (and too small), compared
//! with the committed snapshots in tests/snapshots/.

mod support;

use attune::app::{App, Boot, Msg};
use attune::journal::{Answer, AnswerValue, Entry, EntrySummary, ExerciseActivity};
use chrono::DateTime;
use crossterm::event::KeyCode::*;
use support::*;

fn at(s: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn snap(name: &str, app: &App) {
    insta::assert_snapshot!(name, screen_text(app, 80, 24));
}

fn thought_record() -> App {
    let mut app = app();
    press_all(&mut app, &[Down, Down, Down, Enter, Enter]);
    app
}

#[test]
fn welcome() {
    let app = App::new(
        content(),
        Boot {
            data_dir: DATA_DIR.into(),
            welcomed: false,
            ..Boot::default()
        },
    );
    snap("welcome", &app);
}

#[test]
fn home_new() {
    snap("home_new", &app());
}

#[test]
fn home_with_progress_and_a_draft() {
    let mut app = App::new(
        content(),
        Boot {
            data_dir: DATA_DIR.into(),
            welcomed: true,
            activity: vec![ExerciseActivity {
                step_id: "recognize".into(),
                exercise_id: "pattern-log".into(),
                times: 3,
                last_at: at("2026-11-20T21:15:00+01:00"),
            }],
            ..Boot::default()
        },
    );
    press_all(&mut app, &[Down, Down, Down, Enter, Enter]);
    type_text(&mut app, "draft");
    press_all(&mut app, &[Esc, Esc, Down]);
    snap("home_progress", &app);
}

#[test]
fn step() {
    let mut app = app();
    press_all(&mut app, &[Down, Down, Down, Enter]);
    snap("step", &app);
}

#[test]
fn exercise_text_empty_shows_the_placeholder() {
    snap("exercise_text_empty", &thought_record());
}

#[test]
fn exercise_text_filled_wraps() {
    let mut app = thought_record();
    type_text(
        &mut app,
        "Tuesday evening. Alex didn't answer my message for five hours, and I kept checking my phone \
         while telling myself it didn't matter.\nThen I went for a run.",
    );
    snap("exercise_text_filled", &app);
}

#[test]
fn exercise_line() {
    let mut app = thought_record();
    press(&mut app, key(Tab));
    type_text(&mut app, "irritated, a bit anxious");
    snap("exercise_line", &app);
}

#[test]
fn exercise_scale_unset_and_set() {
    let mut app = thought_record();
    press_all(&mut app, &[Tab, Tab]);
    snap("exercise_scale_unset", &app);
    press(&mut app, key(Char('7')));
    snap("exercise_scale_set", &app);
}

#[test]
fn exercise_save_page() {
    let mut app = thought_record();
    type_text(&mut app, "Alex didn't answer for five hours");
    press(&mut app, key(Tab));
    type_text(&mut app, "irritated");
    press_all(&mut app, &[Enter, Char('7'), Tab]);
    press_all(&mut app, &[Tab; 6]);
    snap("exercise_save", &app);
}

#[test]
fn review_empty() {
    let mut app = app();
    press(&mut app, key(Char('r')));
    app.update(Msg::ReviewLoaded(vec![]));
    snap("review_empty", &app);
}

#[test]
fn review_with_entries() {
    let mut app = app();
    press(&mut app, key(Char('r')));
    let rows = [
        (
            3,
            "challenge-beliefs",
            "thought-record",
            "Thought record",
            "2026-11-28T14:03:00+01:00",
        ),
        (
            2,
            "self-compassion",
            "self-compassion-break",
            "Self-compassion break",
            "2026-11-21T08:40:00+01:00",
        ),
        (
            1,
            "recognize",
            "pattern-log",
            "Pattern log",
            "2026-10-02T22:10:00+02:00",
        ),
    ];
    let review = rows
        .iter()
        .map(|(id, step, ex, title, when)| EntrySummary {
            id: *id,
            step_id: step.to_string(),
            exercise_id: ex.to_string(),
            exercise_title: title.to_string(),
            created_at: at(when),
        })
        .collect();
    app.update(Msg::ReviewLoaded(review));
    press(&mut app, key(Down));
    snap("review_entries", &app);
}

#[test]
fn entry() {
    let mut app = app();
    press(&mut app, key(Char('r')));
    app.update(Msg::ReviewLoaded(vec![EntrySummary {
        id: 1,
        step_id: "recognize".into(),
        exercise_id: "pattern-log".into(),
        exercise_title: "Pattern log".into(),
        created_at: at("2026-11-20T21:15:00+01:00"),
    }]));
    press(&mut app, key(Enter));
    let answer = |label: &str, value| Answer {
        prompt_id: label.to_lowercase(),
        label: label.into(),
        value,
    };
    app.update(Msg::EntryLoaded(
        1,
        Some(Box::new(Entry {
            id: 1,
            step_id: "recognize".into(),
            exercise_id: "pattern-log".into(),
            exercise_title: "Pattern log".into(),
            created_at: at("2026-11-20T21:15:00+01:00"),
            answers: vec![
                answer(
                    "What happened?",
                    AnswerValue::Text("Sam asked if I wanted to spend the whole weekend together.\nI said I'd see.".into()),
                ),
                answer("How strong was that urge?", AnswerValue::Scale { value: 7, min: 0, max: 10 }),
                answer("What might have been underneath? (optional)", AnswerValue::Skipped),
            ],
        })),
    ));
    snap("entry", &app);
}

#[test]
fn help_over_home_and_over_a_text_field() {
    let mut app = app();
    press(&mut app, key(F(1)));
    snap("help_home", &app);
    let mut app = thought_record();
    press(&mut app, key(F(1)));
    snap("help_exercise", &app);
}

#[test]
fn too_small_asks_to_enlarge() {
    let app = app();
    insta::assert_snapshot!("too_small", screen_text(&app, 40, 10));
}

#[test]
fn tiny_and_odd_sizes_never_panic() {
    let mut apps = vec![app(), thought_record()];
    let mut save = thought_record();
    press_all(&mut save, &[Tab; 9]);
    apps.push(save);
    for app in &apps {
        for (w, h) in [
            (1, 1),
            (2, 1),
            (1, 30),
            (59, 17),
            (60, 18),
            (61, 19),
            (300, 5),
            (300, 100),
        ] {
            screen_text(app, w, h);
        }
    }
}
