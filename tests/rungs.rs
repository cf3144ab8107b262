//! Ladder → step taken: the rung tried is picked from the trust ladder, its rating is
//! what was expected, and the ladder (and Insights) then show it tried. By key
//! sequence, on a real journal.

mod support;

use attune::app::Screen;
use attune::journal::AnswerValue;
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
    for _ in 0..5 {
        h.keys(&[Right]);
    }
    let screen = screen_text(&h.app, 80, 24);
    assert!(
        screen.contains("Ladder   6 of 7") || screen.contains(" Ladder "),
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
    assert!(line.contains("expected 40, was 20 (−20) of 100"), "{line}");
}
