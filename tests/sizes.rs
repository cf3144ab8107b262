//! The main screens at every window size people use, from the smallest attune
//! draws (60x18) to a wide monitor (250x70): snapshots, and the layout rules that
//! hold at each — reading text kept to a comfortable measure, no wide gap between a
//! row's label and its facts, no long run of empty rows between parts of a screen.

mod support;

use attune::app::{App, Msg};
use attune::journal::EntrySummary;
use crossterm::event::KeyCode::*;
use support::*;

const SIZES: &[(u16, u16)] = &[(60, 18), (80, 24), (120, 40), (200, 60), (250, 70)];

/// Reading text is never wider than this (attune centres a body of at most 100
/// columns), with room for a box's border and a list's cursor.
const MEASURE: usize = 104;

fn when(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

/// The screens a person spends their time on, each named.
fn screens() -> Vec<(&'static str, App)> {
    let mut screens = Vec::new();
    screens.push(("home", app()));

    let mut step = app();
    press_all(&mut step, &[Down, Down, Down, Enter]);
    screens.push(("step", step));

    let hot_thought = || {
        let mut record = thought_record();
        goto(&mut record, "hot-thought");
        type_text(
            &mut record,
            "If I let anyone see how much I need them they will leave, so it's safer to keep one \
             foot out the door and never ask for anything, not even when I'm struggling.",
        );
        record
    };
    screens.push(("hot_thought", hot_thought()));
    let mut record = hot_thought();
    goto(&mut record, "save");
    screens.push(("save", record));

    let mut ladder = app();
    press_all(&mut ladder, &[Down; 5]);
    press_all(&mut ladder, &[Enter, Enter]);
    for (i, rung) in [
        "Tell Jo I had a rough week, without making a joke of it straight away",
        "Ask my brother for help moving the boxes out of the flat on Saturday",
        "Say \"I missed you\" to Sam when they come back from the conference",
        "Let Alex see me upset instead of going quiet and leaving the room",
        "Share something I'm afraid of (spending the holidays with family) with Sam",
    ]
    .iter()
    .enumerate()
    {
        press(&mut ladder, key(Char('a')));
        type_text(&mut ladder, rung);
        press(&mut ladder, key(Enter));
        press(&mut ladder, key(Char(char::from(b'2' + i as u8))));
    }
    screens.push(("ladder", ladder));

    let review = |picker: bool| {
        let mut review = app();
        press(&mut review, key(Char('r')));
        let rows = (1..=30)
            .map(|i| EntrySummary {
                id: i,
                step_id: "challenge-beliefs".into(),
                exercise_id: "thought-record".into(),
                exercise_title: "Thought record".into(),
                created_at: when("2026-11-28T14:03:00+01:00") - chrono::Days::new(i as u64),
                preview:
                    "Alex didn't answer my message for five hours, and I kept checking my phone \
                      while telling myself it didn't matter."
                        .into(),
            })
            .collect();
        review.update(loaded(rows));
        if picker {
            press(&mut review, key(Char('s')));
        }
        review
    };
    screens.push(("review", review(false)));
    screens.push(("review_step_picker", review(true)));

    let mut help = app();
    press(&mut help, key(F(1)));
    screens.push(("help", help));
    screens
}

#[test]
fn every_main_screen_at_every_size() {
    for (name, mut app) in screens() {
        for &(w, h) in SIZES {
            app.update(Msg::Resize(w, h));
            lay_out_at(&mut app, w, h);
            let shown = screen_text(&app, w, h);
            if (w, h) != (80, 24) {
                insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
            }
            check_layout(name, w, &shown);
        }
    }
}

/// The layout rules, on the drawn rows (the title bar and status bar aside).
fn check_layout(name: &str, width: u16, shown: &str) {
    let rows: Vec<&str> = shown.lines().collect();
    let body = &rows[1..rows.len().saturating_sub(1)];
    for row in body {
        let text = row.trim();
        let columns = unicode_width::UnicodeWidthStr::width(text);
        assert!(
            columns <= MEASURE,
            "{name} at {width} columns: a row {columns} columns wide:\n{row}\n\n{shown}"
        );
        // Two columns of one row stay near each other: no gap wider than a third
        // of the measure inside a row (boxes' borders aside).
        if !text.contains(['│', '┌', '└', '─']) {
            let widest_gap = text.split(|c: char| c != ' ').map(str::len).max();
            assert!(
                widest_gap.unwrap_or(0) <= MEASURE / 2,
                "{name} at {width}: a row with a gap of {widest_gap:?}:\n{row}\n\n{shown}"
            );
        }
    }
    // Extra height goes to content: never more than four empty rows in a row
    // between two parts of the screen.
    let last = body.iter().rposition(|r| !r.trim().is_empty()).unwrap_or(0);
    let mut empty = 0;
    for row in &body[..last] {
        empty = if row.trim().is_empty() { empty + 1 } else { 0 };
        assert!(
            empty <= 4,
            "{name} at {width}: a run of empty rows inside the screen:\n{shown}"
        );
    }
}
