//! Every screen drawn by ratatui's TestBackend at 80x24 (and too small), compared
//! with the committed snapshots in tests/snapshots/.

mod support;

#[allow(unused_imports)]
use attune::app::insights::Insights as _;
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

#[test]
fn welcome() {
    let app = first_run();
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
fn every_step_shows_its_whole_introduction_at_80x24_or_scrolls_to_it() {
    for step in 0..6 {
        let mut app = app();
        for _ in 0..step {
            press(&mut app, key(Down));
        }
        press(&mut app, key(Enter));
        lay_out_at(&mut app, 80, 24);
        let first = screen_text(&app, 80, 24);
        insta::assert_snapshot!(format!("step_{}", step + 1), first);
        // What doesn't fit says so, and PgDn brings it into view.
        if first.contains("more (PgDn)") {
            for _ in 0..5 {
                press(&mut app, key(PageDown));
                lay_out_at(&mut app, 80, 24);
            }
        }
        let shown = screen_text(&app, 80, 24);
        let last_intro_words: String = app.content.steps[step]
            .intro
            .split_whitespace()
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        let last_word = app.content.steps[step]
            .intro
            .split_whitespace()
            .last()
            .unwrap();
        assert!(
            shown.contains(last_word),
            "step {} cuts its intro ({last_intro_words}):\n{shown}",
            step + 1
        );
    }
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
fn exercise_line_empty_and_filled() {
    let mut app = thought_record();
    goto(&mut app, "hot-thought");
    snap("exercise_line_empty", &app);
    type_text(&mut app, "You can't count on anyone.");
    snap("exercise_line_filled", &app);
}

#[test]
fn exercise_scale_unset_and_set() {
    let mut app = thought_record();
    goto(&mut app, "belief-before");
    snap("exercise_scale_unset", &app);
    press(&mut app, key(Char('7')));
    snap("exercise_scale_set", &app);
}

#[test]
fn exercise_feelings_each_level() {
    let mut app = thought_record();
    goto(&mut app, "feelings");
    snap("exercise_feelings_family", &app);
    press_all(&mut app, &[Down, Enter]);
    snap("exercise_feelings_word", &app);
    press_all(&mut app, &[Down, Enter, Char('6')]);
    snap("exercise_feelings_intensity", &app);
    press_all(&mut app, &[Backspace, Backspace]);
    press_all(&mut app, &[Up; 10]);
    press_all(&mut app, &[Down; 7]);
    press(&mut app, key(Enter));
    snap("exercise_feelings_body", &app);
    press(&mut app, key(Enter));
    snap("exercise_feelings_body_family", &app);
}

#[test]
fn exercise_multi_empty_and_ticked_with_other() {
    let mut app = thought_record();
    goto(&mut app, "thinking-traps");
    snap("exercise_multi_empty", &app);
    press_all(&mut app, &[Char(' '), Down, Down, Char(' ')]);
    press_all(&mut app, &[Down; 8]);
    type_text(&mut app, "catastrophising");
    snap("exercise_multi_filled", &app);
    // Enter adds it as an item of their own; the line is ready for another.
    press(&mut app, key(Enter));
    type_text(&mut app, "Comparing");
    press_all(&mut app, &[Enter, Up, Char(' '), Down]);
    snap("exercise_multi_own_items", &app);
}

#[test]
fn exercise_choice_empty_and_chosen() {
    let mut app = app();
    press_all(&mut app, &[Down, Down, Down, Down, Enter, Down, Enter]);
    goto(&mut app, "minutes");
    snap("exercise_choice_empty", &app);
    press_all(&mut app, &[Down, Char(' ')]);
    snap("exercise_choice_chosen", &app);
}

#[test]
fn exercise_recall_of_this_run() {
    let mut app = thought_record();
    goto(&mut app, "hot-thought");
    type_text(&mut app, "You can't count on anyone.");
    goto(&mut app, "hot-thought-again");
    snap("exercise_recall", &app);
    press(&mut app, key(Tab));
    type_text(&mut app, "Alex drove me to the airport at 5am.");
    snap("exercise_recall_in_view", &app);
    // Weighing it: the thought and both columns of evidence stay in view.
    goto(&mut app, "evidence-for");
    type_text(&mut app, "They were late twice this month.");
    goto(&mut app, "balanced-thought");
    let shown = screen_text(&app, 80, 24);
    for earlier in [
        "You can't count on anyone.",
        "They were late twice this month.",
        "Alex drove me to the airport at 5am.",
    ] {
        assert!(shown.contains(earlier), "{earlier} in view:\n{shown}");
    }
    snap("exercise_balanced_thought_with_the_evidence_in_view", &app);
}

#[test]
fn exercise_recall_of_a_linked_exercise() {
    let mut app = app();
    press_all(&mut app, &[Down, Enter, Enter]);
    assert_eq!(prompt_id(&app), "pattern-log-recall");
    snap("exercise_recall_linked_empty", &app);
    app.update(Msg::RecallLoaded(
        attune::app::RecallKey {
            step: "recognize".into(),
            exercise: "pattern-log".into(),
            prompt: "situation".into(),
        },
        Some(attune::app::Recalled {
            when: at("2026-11-20T21:15:00+01:00"),
            text: "Sam asked about the weekend.".into(),
        }),
    ));
    snap("exercise_recall_linked", &app);
}

#[test]
fn exercise_ladder_empty_editing_and_built() {
    let mut app = app();
    press_all(&mut app, &[Down; 5]);
    press_all(&mut app, &[Enter, Enter]);
    snap("exercise_ladder_empty", &app);
    press(&mut app, key(Char('a')));
    type_text(&mut app, "Tell Jo I had a rough week");
    press(&mut app, key(Tab));
    type_text(&mut app, "Jo");
    snap("exercise_ladder_editing", &app);
    press(&mut app, key(Enter));
    press(&mut app, key(Char('2')));
    press(&mut app, key(Char('a')));
    type_text(&mut app, "Ask for help moving");
    press_all(&mut app, &[Enter, Char('5'), Char('a')]);
    type_text(&mut app, "Say \"I missed you\"");
    press_all(&mut app, &[Enter, Char('8'), Up]);
    snap("exercise_ladder_built", &app);
}

#[test]
fn exercise_save_page_with_a_before_after_pair() {
    let mut app = thought_record();
    type_text(&mut app, "Alex didn't answer for five hours");
    // Two feelings named: Sad (its first word) 7, then Scared (its second) 4.
    press_all(&mut app, &[Tab, Enter, Enter, Char('7'), Enter]);
    snap("exercise_feelings_one_named", &app);
    press_all(
        &mut app,
        &[Down, Enter, Down, Enter, Down, Enter, Char('4'), Enter],
    );
    snap("exercise_feelings_two_named", &app);
    goto(&mut app, "belief-before");
    press(&mut app, key(Char('9')));
    goto(&mut app, "belief-after");
    // Rating again: the first rating is in view, then the change.
    snap("exercise_rerating_shows_the_first", &app);
    press(&mut app, key(Char('6')));
    snap("exercise_rerating_shows_the_change", &app);
    // Each feeling rated again, its first strength beside it.
    goto(&mut app, "feeling-now");
    snap("exercise_rerate_feelings", &app);
    press_all(&mut app, &[Char('3'), Enter, Char('4')]);
    snap("exercise_rerate_feelings_rated", &app);
    goto(&mut app, "save");
    snap("exercise_save", &app);
    let change = "before and after: 90 → 60 (−30)";
    app.update(Msg::Resize(80, 24));
    for _ in 0..5 {
        if screen_text(&app, 80, 24).contains(change) {
            break;
        }
        lay_out(&mut app);
        press(&mut app, key(PageDown));
    }
    let shown = screen_text(&app, 80, 24);
    assert!(shown.contains(change), "{shown}");
    snap("exercise_save_shows_the_change", &app);
}

#[test]
fn reading_page() {
    let mut app = app();
    press_all(&mut app, &[Down, Enter, Down, Down, Enter]);
    snap("reading", &app);
    app.update(Msg::Resize(80, 24));
    lay_out(&mut app);
    press_all(&mut app, &[PageDown; 5]);
    let end = screen_text(&app, 80, 24);
    assert!(
        end.contains("Fosha (2000)"),
        "the end of the page, sources included, can be reached:\n{end}"
    );
}

#[test]
fn review_empty() {
    let mut app = app();
    press(&mut app, key(Char('r')));
    app.update(loaded(vec![]));
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
            preview: "Sam asked about the weekend.".into(),
        })
        .collect();
    app.update(loaded(review));
    press(&mut app, key(Down));
    snap("review_entries", &app);
}

#[test]
fn entry() {
    let mut app = app();
    press(&mut app, key(Char('r')));
    app.update(loaded(vec![EntrySummary {
        id: 1,
        step_id: "recognize".into(),
        exercise_id: "pattern-log".into(),
        exercise_title: "Pattern log".into(),
        created_at: at("2026-11-20T21:15:00+01:00"),
        preview: "Sam asked about the weekend.".into(),
    }]));
    press(&mut app, key(Enter));
    let answer = |label: &str, value| Answer {
        prompt_id: label.to_lowercase(),
        label: label.into(),
        value,
        pair: None,
    };
    app.update(Msg::EntryLoaded(
        1,
        Some(Box::new(Entry {
            uid: "uid".into(),
            id: 1,
            step_id: "recognize".into(),
            exercise_id: "pattern-log".into(),
            exercise_title: "Pattern log".into(),
            created_at: at("2026-11-20T21:15:00+01:00"),
            updated_at: at("2026-11-20T21:15:00+01:00"),
            history: vec![],
            answers: vec![
                answer(
                    "What happened?",
                    AnswerValue::Text("Sam asked if I wanted to spend the whole weekend together.\nI said I'd see.".into()),
                ),
                Answer { pair: Some("urge".into()), ..answer("How strong was that urge?", AnswerValue::Scale { value: 7, min: 0, max: 10 }) },
                answer("Which moves showed up?", AnswerValue::Multi { chosen: vec!["Going quiet".into()], other: "sulking".into() }),
                answer(
                    "What did you feel?",
                    AnswerValue::one_feeling("Sad", "lonely", Some(6), 10, None),
                ),
                answer(
                    "Trust ladder",
                    AnswerValue::Ladder {
                        item: "rung".into(),
                        fields: vec!["with whom".into()],
                        items: vec![attune::journal::LadderItem { text: "Share a worry".into(), rating: Some(30), fields: vec!["Jo".into()] }],
                        min: 0,
                        max: 100,
                    },
                ),
                Answer { pair: Some("urge".into()), ..answer("And the urge now?", AnswerValue::Scale { value: 4, min: 0, max: 10 }) },
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
fn tiny_and_odd_sizes_ask_to_be_enlarged_or_show_the_way_to_help() {
    let mut apps = vec![app(), thought_record()];
    let mut save = thought_record();
    goto(&mut save, "save");
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
            let shown = screen_text(app, w, h);
            let big_enough = w >= attune::ui::MIN_WIDTH && h >= attune::ui::MIN_HEIGHT;
            // Too small: the window asks to be enlarged (as much of it as fits);
            // big enough: the status bar's way to help is there.
            if big_enough {
                assert!(shown.contains("F1"), "{w}x{h}:\n{shown}");
            } else if w * h >= 40 {
                assert!(shown.contains("Please"), "{w}x{h}:\n{shown}");
            }
        }
    }
}

#[test]
fn the_status_bar_always_shows_how_to_get_help_even_at_the_minimum_width() {
    let mut states = vec![app()];
    for goto_id in [
        "situation",
        "feelings",
        "hot-thought",
        "belief-before",
        "thinking-traps",
        "hot-thought-again",
    ] {
        let mut a = thought_record();
        goto(&mut a, goto_id);
        a.notice = None;
        states.push(a);
    }
    let mut ladder = app();
    press_all(&mut ladder, &[Down, Down, Down, Down, Down, Enter, Enter]);
    states.push(ladder);
    for a in &states {
        let shown = screen_text(a, 60, 18);
        let bar = shown.lines().last().unwrap();
        assert!(
            bar.contains("F1 help") || bar.contains("F1 more & help"),
            "{:?}: {bar}",
            a.context()
        );
        assert!(
            bar.contains("Esc leave") || a.context() == attune::keys::Context::Home,
            "{:?}: {bar}",
            a.context()
        );
    }
}

fn summary(id: i64, title: &str, when: &str, preview: &str) -> EntrySummary {
    EntrySummary {
        id,
        step_id: "challenge-beliefs".into(),
        exercise_id: "thought-record".into(),
        exercise_title: title.into(),
        created_at: at(when),
        preview: preview.into(),
    }
}

#[test]
fn review_with_one_entry_a_search_and_a_delete_question() {
    let mut app = app();
    press(&mut app, key(Char('r')));
    app.update(loaded(vec![summary(
        1,
        "Thought record",
        "2026-11-20T09:30:00+01:00",
        "Alex didn't answer for five hours.",
    )]));
    snap("review_one", &app);
    press(&mut app, key(Char('/')));
    type_text(&mut app, "alex");
    app.update(loaded(vec![summary(
        1,
        "Thought record",
        "2026-11-20T09:30:00+01:00",
        "\u{E000}Alex\u{E001} didn't answer for five hours.",
    )]));
    snap("review_search", &app);
    press(&mut app, key(Enter));
    press(&mut app, key(Char('d')));
    snap("review_confirm_delete", &app);
}

#[test]
fn review_with_many_entries_and_filters() {
    let mut app = app();
    press(&mut app, key(Char('r')));
    press_all(
        &mut app,
        &[
            // Step 4, its first exercise, the last 7 days: each chosen from a list.
            Char('s'),
            Down,
            Down,
            Down,
            Down,
            Enter,
            Char('e'),
            Down,
            Enter,
            Char('t'),
            Down,
            Down,
            Enter,
        ],
    );
    assert_eq!(app.review.picker, None);
    let rows: Vec<_> = (0..40)
        .map(|i| {
            summary(
                100 - i,
                "Thought record",
                &format!("2026-11-{:02}T09:30:00+01:00", 28 - i % 27),
                &format!("Entry number {i}, with some words"),
            )
        })
        .collect();
    app.update(Msg::ReviewLoaded {
        offset: 0,
        total: 10_000,
        rows,
    });
    press_all(&mut app, &[Down; 5]);
    snap("review_many", &app);
    // The exercise list offers this step's exercises only.
    press(&mut app, key(Char('e')));
    snap("review_exercise_picker", &app);
}

#[test]
fn an_edited_entry_shows_its_history_and_search_matches() {
    let mut app = app();
    press(&mut app, key(Char('r')));
    press(&mut app, key(Char('/')));
    type_text(&mut app, "alex");
    press(&mut app, key(Enter));
    app.update(loaded(vec![summary(
        1,
        "Thought record",
        "2026-11-20T09:30:00+01:00",
        "",
    )]));
    press(&mut app, key(Enter));
    let situation = |text: &str| Answer {
        prompt_id: "situation".into(),
        label: "Situation: what happened?".into(),
        value: AnswerValue::Text(text.into()),
        pair: None,
    };
    app.update(Msg::EntryLoaded(
        1,
        Some(Box::new(Entry {
            uid: "uid".into(),
            id: 1,
            step_id: "challenge-beliefs".into(),
            exercise_id: "thought-record".into(),
            exercise_title: "Thought record".into(),
            created_at: at("2026-11-20T09:30:00+01:00"),
            updated_at: at("2026-11-21T10:00:00+01:00"),
            answers: vec![situation(
                "Alex didn't answer for five hours. Alexandra did.",
            )],
            history: vec![attune::journal::EntryVersion {
                changed_at: at("2026-11-21T10:00:00+01:00"),
                answers: vec![situation("Alex ignored me.")],
            }],
        })),
    ));
    snap("entry_edited", &app);
}

fn insights_app(data: attune::app::insights::Insights) -> App {
    let mut app = app();
    press(&mut app, key(Char('i')));
    app.update(Msg::InsightsLoaded(Box::new(data)));
    app
}

#[test]
fn insights_empty_one_and_many() {
    use attune::app::insights::{
        Belief, Change, FeelingPoint, Insights, Pattern, PatternItem, Rating, TrendGroup, TrendLine,
    };
    // A belief rated before and after on each of `runs` days, a week apart.
    let belief = |text: &str, runs: i64, start: i64| Belief {
        text: text.into(),
        ratings: (0..runs)
            .flat_map(|i| {
                let when = at("2026-09-07T20:00:00+01:00") + chrono::Duration::days(7 * i + start);
                let before = 90 - i * 6 - start % 3;
                [before, before - 25].map(|value| Rating {
                    when,
                    entry: i + 100 * start,
                    value,
                    min: 0,
                    max: 100,
                })
            })
            .collect(),
    };
    let responded = |days: i64| TrendGroup {
        group: "How they responded".into(),
        lines: ["understood", "validated", "cared for"]
            .iter()
            .enumerate()
            .map(|(k, name)| TrendLine {
                name: name.to_string(),
                points: (0..days)
                    .map(|i| {
                        (
                            at("2026-10-01T19:00:00+01:00") + chrono::Duration::days(i * 3),
                            (20 + i * 7 + k as i64 * 11) % 100,
                        )
                    })
                    .collect(),
            })
            .collect(),
    };
    let months = [
        chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    ];
    let item = |item: &str, by_month: [u32; 3], earlier: u32| PatternItem {
        item: item.into(),
        total: by_month.iter().sum::<u32>() + earlier,
        by_month,
    };
    let weeks = |counts: &[u32]| {
        counts
            .iter()
            .enumerate()
            .map(|(i, n)| {
                (
                    chrono::NaiveDate::from_ymd_opt(2026, 9, 7).unwrap()
                        + chrono::Days::new(7 * i as u64),
                    *n,
                )
            })
            .collect::<Vec<_>>()
    };
    let empty = Insights {
        weeks: weeks(&[0; 12]),
        ..Insights::default()
    };
    let one = Insights {
        rungs: vec![attune::journal::RungTry {
            rung: "Share good news".into(),
            on: at("2026-09-07T19:00:00+01:00"),
            expected: Some(40),
            actual: Some(20),
            max: 100,
            how: None,
        }],
        weeks: weeks(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        feelings: vec![FeelingPoint {
            when: at("2026-11-27T18:30:00+01:00"),
            percent: 60,
            family: "Sad".into(),
            word: "lonely".into(),
        }],
        patterns: vec![Pattern {
            exercise_title: "Distancing moves".into(),
            label: "Which moves showed up?".into(),
            months,
            items: vec![item("Going quiet", [0, 0, 1], 0)],
        }],
        trends: vec![responded(1)],
        beliefs: vec![belief("You can't count on anyone.", 1, 0)],
        changes: vec![Change {
            when: at("2026-11-20T09:30:00+01:00"),
            exercise_title: "Thought record".into(),
            pair: "belief".into(),
            before: 90,
            after: 50,
            max: 100,
        }],
    };
    let many = Insights {
        rungs: [
            ("Share a preference", Some(10), Some(10)),
            ("Share good news", Some(40), Some(20)),
            ("Accept an offer of help", Some(50), None),
            ("Admit a worry", Some(70), Some(45)),
            ("Something I never rated", None, Some(30)),
            (
                "Say \"I missed you\" to Sam, who I have not seen since the summer",
                Some(90),
                Some(95),
            ),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, (rung, expected, actual))| attune::journal::RungTry {
            rung: rung.into(),
            on: at("2026-09-07T19:00:00+01:00") + chrono::Duration::days(9 * i as i64),
            expected,
            actual,
            max: 100,
            how: None,
        })
        .collect(),
        weeks: weeks(&[3, 5, 2, 0, 7, 4, 6, 1, 8, 5, 3, 9]),
        feelings: (0..60)
            .map(|i| FeelingPoint {
                when: at("2026-09-07T10:00:00+01:00") + chrono::Duration::days(i),
                percent: 30 + (i * 37) % 60,
                family: ["Scared", "Happy", "Scared", "Numb"][i as usize % 4].into(),
                word: ["worried", "relieved", "on edge", ""][i as usize % 4].into(),
            })
            .collect(),
        patterns: vec![
            Pattern {
                exercise_title: "Thought record".into(),
                label: "Do any thinking traps fit?".into(),
                months,
                items: vec![
                    item("Mind reading: being sure what they think", [4, 6, 3], 9),
                    item("Fortune telling: knowing it will go badly", [2, 3, 5], 4),
                    item(
                        "All or nothing: it's a total success or a total failure",
                        [1, 0, 2],
                        3,
                    ),
                    item(
                        "Labelling: one moment becomes who I am, or who they are",
                        [0, 1, 1],
                        1,
                    ),
                    item("Comparing", [0, 0, 1], 0),
                ],
            },
            Pattern {
                exercise_title: "Distancing moves".into(),
                label: "Which moves showed up?".into(),
                months,
                items: vec![
                    item("Going quiet", [3, 2, 4], 6),
                    item("Getting busy", [1, 2, 2], 2),
                ],
            },
        ],
        trends: vec![responded(20)],
        beliefs: vec![
            belief("I am hard to love", 10, 1),
            belief("Needing anyone is weak", 6, 2),
            belief("You can't count on anyone.", 4, 0),
            belief("If I let people close they will leave", 1, 30),
            belief("They're losing interest", 1, 40),
        ],
        changes: (0..20)
            .map(|i| Change {
                when: at("2026-10-01T10:00:00+01:00") + chrono::Duration::days(i),
                exercise_title: "Thought record".into(),
                pair: "belief".into(),
                before: 80 + i % 20,
                after: 40 + (i * 7) % 40,
                max: 100,
            })
            .collect(),
    };
    for (name, data) in [("empty", empty), ("one", one), ("many", many)] {
        let mut app = insights_app(data);
        for section in 0..attune::app::insights::SECTIONS.len() {
            insta::assert_snapshot!(
                format!("insights_{name}_{section}"),
                screen_text(&app, 80, 24)
            );
            // In the smallest window the picture shown is named, and where it is.
            if name == "many" && section == 1 {
                let small = screen_text(&app, 60, 18);
                assert!(
                    small.contains("What comes up") && small.contains("2 of 8"),
                    "{small}"
                );
                insta::assert_snapshot!("insights_many_1_60x18", small);
            }
            press(&mut app, key(Right));
        }
    }
}

#[test]
fn the_smallest_window_still_shows_what_matters() {
    let welcome = first_run();
    let shown = screen_text(&welcome, 60, 18);
    assert!(
        shown.contains(DATA_DIR) && shown.contains("Press Enter to begin") && shown.contains("988"),
        "{shown}"
    );
    insta::assert_snapshot!("small_welcome", shown);
    insta::assert_snapshot!("small_home", screen_text(&app(), 60, 18));
    let mut ex = thought_record();
    type_text(&mut ex, "Typed in a small window, and it wraps to fit.");
    insta::assert_snapshot!("small_exercise", screen_text(&ex, 60, 18));
    let mut scale = thought_record();
    goto(&mut scale, "belief-before");
    press(&mut scale, key(Char('7')));
    insta::assert_snapshot!("small_scale", screen_text(&scale, 60, 18));
    let mut step = app();
    press(&mut step, key(Enter));
    let shown = screen_text(&step, 60, 18);
    assert!(
        shown.contains("more (PgDn)"),
        "a cut introduction says so:\n{shown}"
    );
    insta::assert_snapshot!("small_step", shown);
    // ... and can be read to its end.
    lay_out_at(&mut step, 60, 18);
    press_all(&mut step, &[PageDown; 6]);
    let last_word = step.content.steps[0]
        .intro
        .split_whitespace()
        .last()
        .unwrap();
    let shown = screen_text(&step, 60, 18);
    assert!(shown.contains(last_word), "{shown}");
    insta::assert_snapshot!("small_step_scrolled", shown);
}

#[test]
fn expressive_writing_with_its_timer() {
    let mut app = app();
    press_all(&mut app, &[Down, Down, Down, Down, Enter, Down, Enter]);
    goto(&mut app, "minutes");
    press_all(&mut app, &[Down, Char(' ')]);
    goto(&mut app, "writing");
    snap("exercise_timer_offered", &app);
    press(&mut app, ctrl('t'));
    type_text(&mut app, "What keeps coming back");
    app.update(Msg::Elapsed(std::time::Duration::from_secs(3 * 60 + 20)));
    snap("exercise_timer_running", &app);
    app.update(Msg::Elapsed(std::time::Duration::from_secs(15 * 60)));
    snap("exercise_timer_up", &app);
}

#[test]
fn quick_write() {
    let mut app = app();
    press(&mut app, key(Char('w')));
    type_text(&mut app, "Sam called; I let it ring.");
    snap("quick_write", &app);
    press(&mut app, key(Tab));
    snap("quick_write_feeling_words", &app);
}
