//! Safety, always one key away: the crisis lines (the same in code and README), the
//! person's safety plan (made, changed, shown in help above the lines), the
//! "steady yourself" page from help on every kind of screen, and the offer of it
//! after the heaviest writing.

mod support;

use attune::app::{Msg, Screen};
use attune::crisis;
use attune::keys::Context;
use crossterm::event::KeyCode::*;
use support::*;

#[test]
fn the_readme_lists_the_crisis_lines_the_program_shows() {
    let readme = include_str!("../README.md");
    for line in crisis::LINES {
        let row = format!("| {} | {} |", line.who, line.how);
        assert!(readme.contains(&row), "README is missing the row {row}");
    }
    let rows = readme
        .lines()
        .skip_while(|l| !l.starts_with("| who | how |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .count();
    assert_eq!(rows, crisis::LINES.len(), "and no other rows");
    assert!(readme.contains(&format!("last checked on {}", crisis::CHECKED)));
}

/// The app with one crisis line of the person's own (settings.toml).
fn with_own_line() -> attune::app::App {
    let mut app = app();
    app.settings.crisis_lines = vec![attune::settings::OwnCrisisLine {
        who: "Lifeline Aotearoa".into(),
        how: "call 0800 543 354".into(),
        checked: "2026-11-01".into(),
    }];
    app
}

#[test]
fn help_lists_the_lines_with_the_persons_own_first_and_checked_once() {
    let mut app = with_own_line();
    press(&mut app, key(F(1)));
    let shown = screen_text(&app, 100, 60);
    let at = |text: &str| {
        shown
            .find(text)
            .unwrap_or_else(|| panic!("{text}:\n{shown}"))
    };
    assert!(at("Lifeline Aotearoa") < at("In immediate danger"));
    assert!(at("In immediate danger") < at("116 123"));
    assert_eq!(
        shown.matches("checked").count(),
        2,
        "own line's date, and once for ours:\n{shown}"
    );
    assert!(shown.contains("settings.toml"), "{shown}");
    assert!(shown.contains("domestic-violence"), "{shown}");
    assert!(
        shown.contains("cannot notice if you are struggling"),
        "{shown}"
    );
}

#[test]
fn a_safety_plan_is_offered_made_shown_in_help_above_the_lines_and_changed() {
    let mut h = Harness::new();
    h.keys(&[Enter, F(1)]);
    let shown = screen_text(&h.app, 80, 40);
    assert!(
        shown.contains("A safety plan"),
        "offered before one is made:\n{shown}"
    );
    h.keys(&[Char('p')]);
    assert_eq!(
        prompt_id(&h.app),
        "warning-signs",
        "p in help opens the plan"
    );
    h.type_text("Not sleeping, cancelling on everyone");
    h.goto("professionals");
    let professionals = field_text(&h.app);
    for line in crisis::LINES {
        assert!(
            professionals.contains(line.how),
            "starts with the lines: {professionals}"
        );
    }
    h.goto("save");
    h.keys(&[Enter]);
    assert_eq!(h.commits, 1);
    assert!(h.app.safety_plan.is_some(), "loaded for help once saved");
    h.keys(&[F(1)]);
    let shown = screen_text(&h.app, 80, 60);
    let at = |text: &str| {
        shown
            .find(text)
            .unwrap_or_else(|| panic!("{text}:\n{shown}"))
    };
    assert!(at("Your safety plan") < at("Not sleeping, cancelling"));
    assert!(at("Not sleeping, cancelling") < at("In immediate danger"));
    assert!(
        !shown.contains("A safety plan, made on a calm day"),
        "no longer offered"
    );
    insta::assert_snapshot!("help_with_a_safety_plan", screen_text(&h.app, 80, 24));

    // Changed any time: p opens it with the last answers, and help shows the new ones.
    h.keys(&[Char('p')]);
    assert_eq!(field_text(&h.app), "Not sleeping, cancelling on everyone");
    h.press(ctrl('u'));
    h.type_text("Staying in bed past noon");
    h.goto("save");
    h.keys(&[Enter, F(1)]);
    let shown = screen_text(&h.app, 80, 60);
    assert!(shown.contains("Staying in bed past noon"), "{shown}");
    assert!(!shown.contains("cancelling on everyone"), "{shown}");

    // And after a restart it is still there, read from the journal.
    let h = h.relaunch();
    assert!(h.app.safety_plan.is_some());
}

#[test]
fn help_without_a_plan() {
    let mut app = app();
    press(&mut app, key(F(1)));
    insta::assert_snapshot!("help_without_a_safety_plan", screen_text(&app, 80, 24));
}

/// Screens of every kind, each with a way to reach it from Home.
fn every_kind_of_screen() -> Vec<(&'static str, attune::app::App)> {
    let mut screens = vec![("welcome", first_run()), ("home", app())];
    let mut step = app();
    press_all(&mut step, &[Down, Enter]);
    screens.push(("step", step));
    let mut typing = thought_record();
    type_text(&mut typing, "half a sent");
    screens.push(("typing", typing));
    let mut line = thought_record();
    goto(&mut line, "hot-thought");
    type_text(&mut line, "one line");
    screens.push(("typing a line", line));
    let mut scale = thought_record();
    goto(&mut scale, "belief-before");
    screens.push(("scale", scale));
    let mut save = thought_record();
    goto(&mut save, "save");
    screens.push(("save page", save));
    let mut reading = app();
    press_all(&mut reading, &[Down, Enter, Down, Down, Enter]);
    screens.push(("reading", reading));
    let mut review = app();
    press(&mut review, key(Char('r')));
    screens.push(("review", review));
    let mut search = app();
    press_all(&mut search, &[Char('r'), Char('/')]);
    type_text(&mut search, "lone");
    screens.push(("searching", search));
    let mut insights = app();
    press(&mut insights, key(Char('i')));
    screens.push(("insights", insights));
    screens
}

#[test]
fn steady_yourself_is_one_key_from_help_on_every_screen_and_changes_nothing() {
    for (name, mut app) in every_kind_of_screen() {
        let before = app.screen.clone();
        let words =
            matches!(app.context(), Context::Text | Context::Line).then(|| field_text(&app));
        press(&mut app, key(F(1)));
        assert_eq!(app.context(), Context::Help, "{name}: F1 opens help");
        press(&mut app, key(Char('g')));
        assert!(
            matches!(app.screen, Screen::Steady { .. }),
            "{name}: g steadies"
        );
        let shown = screen_text(&app, 80, 24);
        assert!(
            shown.contains("Steady yourself") && shown.contains("breathe in"),
            "{name}:\n{shown}"
        );
        // The pace moves on by itself, and F1 still shows the lines from here.
        let pace = app.pace;
        app.update(Msg::Pace);
        assert_eq!(app.pace, pace + 1);
        press(&mut app, key(F(1)));
        assert_eq!(
            app.context(),
            Context::Help,
            "{name}: F1 from the steadying page"
        );
        press_all(&mut app, &[Esc, Esc]);
        assert_eq!(
            app.context(),
            Context::Help,
            "{name}: Esc goes back to help"
        );
        press(&mut app, key(Esc));
        assert_eq!(app.screen, before, "{name}: and help back to where it was");
        if let Some(words) = words {
            assert_eq!(field_text(&app), words, "{name}: not a word lost");
        }
    }
}

#[test]
fn steady_yourself_fits_the_too_small_window() {
    let mut app = thought_record();
    type_text(&mut app, "typing");
    press_all(&mut app, &[F(1), Char('g')]);
    let shown = screen_text(&app, 40, 10);
    assert!(shown.contains("breathe in"), "{shown}");
    press(&mut app, key(Esc));
    let shown = screen_text(&app, 40, 10);
    let flat = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("g: steady yourself"), "{shown}");
    assert!(flat.contains("In immediate danger"), "{shown}");
}

#[test]
fn the_steadying_page() {
    let mut app = app();
    press_all(&mut app, &[F(1), Char('g')]);
    for _ in 0..5 {
        app.update(Msg::Pace);
    }
    insta::assert_snapshot!("steady_yourself", screen_text(&app, 80, 24));
    insta::assert_snapshot!("steady_yourself_60x18", screen_text(&app, 60, 18));
}

#[test]
fn the_heaviest_writing_offers_steadying_when_it_ends() {
    let mut h = Harness::new();
    // Step 5, expressive writing (its second exercise).
    h.keys(&[Enter]);
    h.keys(&[Down, Down, Down, Down, Enter, Down, Enter]);
    assert_eq!(
        h.app.open_exercise_at(4, 1).map(|(_, e, _)| e.id.as_str()),
        Some("expressive-writing")
    );
    h.type_text("What I keep coming back to");
    h.goto("save");
    let shown = screen_text(&h.app, 80, 24);
    let flat = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("steady yourself"),
        "on the save page:\n{shown}"
    );
    h.keys(&[Enter]);
    assert_eq!(h.commits, 1);
    let notice = h.app.notice.clone().unwrap_or_default();
    assert!(notice.contains("steady yourself"), "{notice}");
    // Others don't.
    let mut app = thought_record();
    type_text(&mut app, "x");
    goto(&mut app, "save");
    assert!(!screen_text(&app, 80, 24).contains("steady yourself"));
}

#[test]
fn asking_for_space_end_to_end() {
    let mut h = Harness::new();
    h.keys(&[Enter]);
    h.keys(&[Down; 5]);
    h.keys(&[Enter]);
    let step = &h.app.content.steps[5];
    let at = step
        .exercises
        .iter()
        .position(|e| e.id == "asking-for-space")
        .expect("in step 6");
    for _ in 0..at {
        h.keys(&[Down]);
    }
    h.keys(&[Enter]);
    insta::assert_snapshot!("asking_for_space", screen_text(&h.app, 80, 24));
    h.type_text("An evening on my own after a loud week");
    h.goto("how-long");
    h.type_text("Until Sunday lunch");
    h.goto("come-back");
    h.type_text("Sunday, to cook together");
    h.goto("how-it-went");
    h.keys(&[Enter]);
    h.goto("save");
    h.keys(&[Enter]);
    assert_eq!(h.commits, 1);
    let entries = h.store.list_entries().unwrap();
    let entry = h.store.entry(entries[0].id).unwrap().unwrap();
    assert_eq!(entry.exercise_id, "asking-for-space");
    let text = |id: &str| {
        entry
            .answers
            .iter()
            .find(|a| a.prompt_id == id)
            .map(|a| a.value.full_text())
            .unwrap_or_default()
    };
    assert_eq!(text("need"), "An evening on my own after a loud week");
    assert_eq!(text("how-long"), "Until Sunday lunch");
    assert_eq!(text("come-back"), "Sunday, to cook together");
    assert!(!text("how-it-went").is_empty(), "a choice was recorded");
}

#[test]
fn every_line_of_help_is_reachable_in_a_too_small_window() {
    let mut app = with_own_line();
    press(&mut app, key(F(1)));
    lay_out_at(&mut app, 40, 10);
    let first = screen_text(&app, 40, 10);
    assert!(first.contains("↓ more"), "says there is more:\n{first}");
    // Scrolling down shows, in turn, every line help has.
    let mut seen = first.split_whitespace().collect::<Vec<_>>().join(" ");
    for _ in 0..30 {
        press(&mut app, key(Down));
        lay_out_at(&mut app, 40, 10);
        let shown = screen_text(&app, 40, 10);
        seen.push(' ');
        seen.push_str(&shown.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    for line in attune::crisis::LINES {
        let first_words: String = line
            .who
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            seen.contains(&first_words),
            "{} never shown:\n{seen}",
            line.who
        );
    }
    assert!(seen.contains("Lifeline Aotearoa"), "{seen}");
    // At the end, nothing more is promised.
    let last = screen_text(&app, 40, 10);
    assert!(!last.contains("↓ more"), "{last}");
}
