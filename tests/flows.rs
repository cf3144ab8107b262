//! Key-sequence tests on the App: every transition of the state machine, with no
//! terminal and no disk. Keys go through the real keymap, as they do at runtime.

mod support;

use attune::app::{App, Boot, Effect, HomeItem, Msg, Screen};
use attune::journal::AnswerValue;
use attune::keys::Context;
use attune::session::SavedScreen;
use crossterm::event::KeyCode::*;
use support::*;

fn saves(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::SaveSession(_)))
}

#[test]
fn first_run_shows_welcome_and_enter_continues_home() {
    let mut app = first_run();
    assert_eq!(app.screen, Screen::Welcome);
    let effects = press(&mut app, key(Enter));
    assert_eq!(app.screen, Screen::Home { selected: 0 });
    assert!(effects.contains(&Effect::MarkWelcomed));
    assert!(saves(&effects));
}

#[test]
fn welcome_is_not_shown_again_once_read() {
    let app = app();
    assert_eq!(app.screen, Screen::Home { selected: 0 });
}

#[test]
fn home_lists_six_steps_then_review_insights_and_help() {
    let app = app();
    let items = app.home_items();
    assert_eq!(items.len(), 10);
    assert_eq!(
        items[..6],
        (0..6).map(HomeItem::Step).collect::<Vec<_>>()[..]
    );
    assert_eq!(
        items[6..],
        [
            HomeItem::QuickWrite,
            HomeItem::Review,
            HomeItem::Insights,
            HomeItem::Help
        ]
    );
}

#[test]
fn home_moves_with_arrows_and_jk_and_stops_at_the_ends() {
    let mut app = app();
    press(&mut app, key(Up));
    assert_eq!(app.screen, Screen::Home { selected: 0 });
    press_all(&mut app, &[Down, Char('j'), Down]);
    assert_eq!(app.screen, Screen::Home { selected: 3 });
    press(&mut app, key(Char('k')));
    assert_eq!(app.screen, Screen::Home { selected: 2 });
    press_all(&mut app, &[Down; 20]);
    assert_eq!(app.screen, Screen::Home { selected: 9 });
}

#[test]
fn down_three_times_then_enter_opens_step_four_and_enter_starts_its_first_exercise() {
    let mut app = app();
    let effects = press_all(&mut app, &[Down, Down, Down, Enter]);
    assert_eq!(
        app.screen,
        Screen::Step {
            step: 3,
            selected: 0
        }
    );
    assert_eq!(app.content.steps[3].title, "Challenge negative beliefs");
    assert!(saves(&effects));
    let effects = press(&mut app, key(Enter));
    assert_eq!(
        app.screen,
        Screen::Exercise {
            step: 3,
            exercise: 0
        }
    );
    assert!(saves(&effects));
    assert_eq!(app.context(), Context::Text);
    assert_eq!(app.drafts.len(), 1);
    assert_eq!(app.drafts[0].exercise_id, "thought-record");
}

#[test]
fn esc_from_a_step_goes_home_with_that_step_selected() {
    let mut app = app();
    press_all(&mut app, &[Down, Down, Enter, Esc]);
    assert_eq!(app.screen, Screen::Home { selected: 2 });
}

#[test]
fn tab_and_shift_tab_move_between_prompts_and_reach_the_save_page() {
    let mut app = thought_record();
    let effects = press(&mut app, key(Tab));
    assert!(saves(&effects), "every prompt change is saved");
    assert_eq!(app.drafts[0].prompt, 1);
    press(&mut app, key(BackTab));
    assert_eq!(app.drafts[0].prompt, 0);
    press(&mut app, key(BackTab));
    assert_eq!(app.drafts[0].prompt, 0, "no prompt before the first");
    let prompts = content().steps[3].exercises[0].prompts.len();
    press_all(&mut app, &vec![Tab; prompts + 5]);
    assert_eq!(app.drafts[0].prompt, prompts, "stops on the save page");
    assert_eq!(app.context(), Context::Save);
}

#[test]
fn typing_goes_into_the_text_field_including_letters_that_are_commands_elsewhere() {
    let mut app = thought_record();
    let effects = press(&mut app, key(Char('q')));
    assert!(effects.is_empty(), "q types, it does not quit: {effects:?}");
    type_text(&mut app, "?uiet\nsecond line");
    assert_eq!(field_text(&app), "q?uiet\nsecond line");
    assert!(app.is_dirty());
    let effects = app.update(Msg::Tick);
    assert!(saves(&effects));
    assert!(!app.is_dirty());
    assert!(app.update(Msg::Tick).is_empty(), "nothing to save twice");
}

#[test]
fn a_multi_line_paste_lands_verbatim_and_triggers_nothing() {
    let mut app = thought_record();
    let pasted = "line one\nq\n\tindented ? line\r\nlast";
    let effects = app.update(Msg::Paste(pasted.into()));
    assert!(effects.is_empty());
    assert_eq!(
        app.screen,
        Screen::Exercise {
            step: 3,
            exercise: 0
        }
    );
    assert_eq!(field_text(&app), "line one\nq\n\tindented ? line\nlast");
}

#[test]
fn a_line_prompt_moves_on_with_enter_and_keeps_a_paste_on_one_line() {
    let mut app = thought_record();
    goto(&mut app, "hot-thought");
    assert_eq!(app.context(), Context::Line);
    app.update(Msg::Paste("nobody\nstays".into()));
    assert_eq!(field_text(&app), "nobody stays");
    press(&mut app, key(Enter));
    assert_eq!(prompt_id(&app), "belief-before");
}

#[test]
fn a_scale_answers_to_arrows_digits_home_end_and_can_be_cleared() {
    let mut app = thought_record();
    goto(&mut app, "belief-before");
    assert_eq!(app.context(), Context::Scale);
    assert_eq!(field_text(&app), "None");
    press(&mut app, key(Right));
    assert_eq!(
        field_text(&app),
        "Some(50)",
        "first press starts in the middle"
    );
    press_all(&mut app, &[Right, Char('l')]);
    assert_eq!(field_text(&app), "Some(60)", "0-100 scales move by five");
    press(&mut app, key(Char('7')));
    assert_eq!(field_text(&app), "Some(70)", "a digit jumps by tens");
    press(&mut app, key(End));
    press(&mut app, key(Right));
    assert_eq!(field_text(&app), "Some(100)", "never past the end");
    press_all(&mut app, &[Home, Left, Char('h')]);
    assert_eq!(field_text(&app), "Some(0)");
    press(&mut app, key(Backspace));
    assert_eq!(field_text(&app), "None");
    press(&mut app, key(Enter));
    assert_eq!(
        prompt_id(&app),
        "thinking-traps",
        "Enter moves on from a scale"
    );
}

#[test]
fn esc_leaves_an_exercise_keeping_the_draft_and_home_offers_to_continue() {
    let mut app = thought_record();
    type_text(&mut app, "Alex didn't answer");
    press(&mut app, key(Tab));
    let effects = press(&mut app, key(Esc));
    assert!(saves(&effects));
    assert_eq!(
        app.screen,
        Screen::Step {
            step: 3,
            selected: 0
        }
    );
    assert!(
        app.notice
            .as_deref()
            .unwrap_or_default()
            .contains("draft is kept")
    );
    press(&mut app, key(Esc));
    assert!(app.home_items().contains(&HomeItem::Continue));
    press(&mut app, key(Char('c')));
    assert_eq!(
        app.screen,
        Screen::Exercise {
            step: 3,
            exercise: 0
        }
    );
    assert_eq!(app.drafts[0].prompt, 1, "back on the same prompt");
    press(&mut app, key(BackTab));
    assert_eq!(field_text(&app), "Alex didn't answer");
}

#[test]
fn continue_on_the_home_list_opens_the_latest_draft() {
    let mut app = thought_record();
    type_text(&mut app, "x");
    press_all(&mut app, &[Esc, Esc]);
    assert_eq!(app.screen, Screen::Home { selected: 3 });
    press_all(&mut app, &[Up; 3]);
    let at = app
        .home_items()
        .iter()
        .position(|i| *i == HomeItem::Continue)
        .expect("continue");
    for _ in 0..at {
        press(&mut app, key(Down));
    }
    press(&mut app, key(Enter));
    assert_eq!(
        app.screen,
        Screen::Exercise {
            step: 3,
            exercise: 0
        }
    );
}

#[test]
fn leaving_an_untouched_exercise_leaves_no_draft_behind() {
    let mut app = thought_record();
    press(&mut app, key(Esc));
    assert!(app.drafts.is_empty());
    assert!(!app.home_items().contains(&HomeItem::Continue));
}

#[test]
fn reopening_an_exercise_resumes_its_draft() {
    let mut app = thought_record();
    type_text(&mut app, "kept");
    press_all(&mut app, &[Esc, Enter]);
    assert_eq!(field_text(&app), "kept");
    assert_eq!(app.drafts.len(), 1);
}

#[test]
fn finishing_an_exercise_commits_every_answer_and_removes_the_draft() {
    let mut app = thought_record();
    type_text(&mut app, "Tuesday, no reply");
    press(&mut app, key(Tab));
    // A feeling kept, then "that's all".
    press_all(&mut app, &[Down, Enter, Enter, Char('7'), Enter, Enter]);
    type_text(&mut app, "They're pulling away");
    goto(&mut app, "hot-thought");
    type_text(&mut app, "Nobody can be counted on");
    press_all(
        &mut app,
        &[Enter, Char('9'), Enter, Char(' '), Down, Down, Char(' ')],
    );
    goto(&mut app, "belief-after");
    press(&mut app, key(Char('6')));
    goto(&mut app, "save");
    assert_eq!(app.context(), Context::Save);
    let effects = press(&mut app, key(Enter));
    let Some(Effect::CommitEntry { entry, session }) = effects.first() else {
        panic!("no commit: {effects:?}")
    };
    assert!(effects.contains(&Effect::LoadActivity));
    assert_eq!(entry.exercise_id, "thought-record");
    assert_eq!(
        entry.answers.len(),
        11,
        "every prompt but the read-only recall"
    );
    let answer = |id: &str| {
        entry
            .answers
            .iter()
            .find(|a| a.prompt_id == id)
            .map(|a| a.value.clone())
            .expect(id)
    };
    assert_eq!(
        answer("situation"),
        AnswerValue::Text("Tuesday, no reply".into())
    );
    assert!(
        answer("feelings") == AnswerValue::one_feeling("Scared", "anxious", Some(7), 10, None),
        "{:?}",
        answer("feelings")
    );
    assert_eq!(
        answer("automatic-thoughts"),
        AnswerValue::Text("They're pulling away".into())
    );
    assert_eq!(
        answer("belief-before"),
        AnswerValue::Scale {
            value: 90,
            min: 0,
            max: 100
        }
    );
    let AnswerValue::Multi { chosen, other } = answer("thinking-traps") else {
        panic!()
    };
    assert_eq!(chosen.len(), 2);
    assert!(chosen[0].starts_with("All or nothing") && chosen[1].starts_with("Fortune telling"));
    assert_eq!(other, "");
    assert_eq!(
        answer("evidence-for"),
        AnswerValue::Skipped,
        "every prompt can be skipped"
    );
    assert_eq!(
        answer("belief-after"),
        AnswerValue::Scale {
            value: 60,
            min: 0,
            max: 100
        }
    );
    let pairs: Vec<_> = entry
        .answers
        .iter()
        .filter(|a| a.pair.as_deref() == Some("belief"))
        .collect();
    assert_eq!(pairs.len(), 2, "before and after share a pair key");
    assert_eq!(
        entry.answers[3].label,
        "Which thought stings most? Put it in one line."
    );
    assert!(
        session.drafts.is_empty(),
        "the saved session no longer holds the draft"
    );
    assert!(app.drafts.is_empty());
    assert_eq!(
        app.screen,
        Screen::Step {
            step: 3,
            selected: 0
        }
    );
}

#[test]
fn a_failed_commit_puts_the_answers_back_as_a_draft() {
    let mut app = thought_record();
    type_text(&mut app, "precious words");
    goto(&mut app, "save");
    press(&mut app, key(Enter));
    assert!(app.drafts.is_empty());
    let effects = app.update(Msg::CommitFailed("disk full".into()));
    assert!(saves(&effects));
    assert_eq!(app.drafts.len(), 1);
    assert!(
        app.problem
            .as_deref()
            .unwrap_or_default()
            .contains("disk full")
    );
    // Its own save failing too must not hide why the entry wasn't saved.
    app.update(Msg::SaveFailed("disk full".into()));
    assert!(
        app.problem
            .as_deref()
            .unwrap_or_default()
            .starts_with("Could not save the entry")
    );
    app.update(Msg::SessionSaved);
    assert!(
        app.notice
            .as_deref()
            .unwrap_or_default()
            .starts_with("Could not save the entry"),
        "said until the next key, once its draft is safe"
    );
    press(&mut app, key(Enter));
    press(&mut app, key(Char('c')));
    press_all(&mut app, &[BackTab; 30]);
    assert_eq!(field_text(&app), "precious words");
}

#[test]
fn f1_opens_help_from_inside_a_text_field_and_esc_returns_to_it_unchanged() {
    let mut app = thought_record();
    type_text(&mut app, "half a thought");
    let effects = press(&mut app, key(F(1)));
    assert!(saves(&effects));
    assert!(matches!(app.screen, Screen::Help { .. }));
    assert_eq!(app.context(), Context::Help);
    press(&mut app, key(Esc));
    assert_eq!(
        app.screen,
        Screen::Exercise {
            step: 3,
            exercise: 0
        }
    );
    assert_eq!(field_text(&app), "half a thought");
}

#[test]
fn question_mark_opens_help_where_nothing_is_typed_and_f1_closes_it() {
    let mut app = app();
    press(&mut app, key(Char('?')));
    assert!(matches!(app.screen, Screen::Help { .. }));
    press(&mut app, key(F(1)));
    assert_eq!(app.screen, Screen::Home { selected: 0 });
}

#[test]
fn help_is_on_the_home_list() {
    let mut app = app();
    press_all(&mut app, &[Down; 9]);
    press(&mut app, key(Enter));
    assert!(matches!(app.screen, Screen::Help { .. }));
}

#[test]
fn q_quits_where_nothing_is_typed() {
    for keys in [&[][..], &[Down, Enter][..], &[Char('r')][..]] {
        let mut app = app();
        press_all(&mut app, keys);
        let effects = press(&mut app, key(Char('q')));
        // Quit saves the session itself, and stays if that fails.
        assert_eq!(effects, [Effect::Quit]);
    }
}

#[test]
fn a_refused_quit_stays_says_why_and_the_next_quit_leaves_anyway() {
    let mut app = thought_record();
    type_text(&mut app, "words on a full disk");
    assert_eq!(press(&mut app, ctrl('c')), [Effect::Quit]);
    app.update(Msg::QuitRefused("database or disk is full".into()));
    assert_eq!(app.context(), Context::Alert);
    assert!(app.alert().unwrap().contains("database or disk is full"));
    assert!(app.alert().unwrap().contains("rescue file"));
    assert_eq!(field_text(&app), "words on a full disk");
    press(&mut app, key(Enter));
    assert_eq!(press(&mut app, ctrl('c')), [Effect::QuitAnyway]);
    // Once a save works again, quitting is a plain quit again.
    app.update(Msg::SessionSaved);
    assert_eq!(press(&mut app, ctrl('c')), [Effect::Quit]);
}

#[test]
fn ctrl_c_saves_and_quits_from_anywhere_even_mid_sentence() {
    let mut app = thought_record();
    type_text(&mut app, "mid sent");
    let effects = press(&mut app, ctrl('c'));
    assert_eq!(effects, [Effect::Quit]);
    let session = app.session();
    assert_eq!(field_text(&app), "mid sent", "Ctrl-C is not typed");
    let saved = &session.drafts[0].answers["situation"];
    assert!(matches!(saved, attune::session::SavedAnswer::Text { text, .. } if text == "mid sent"));
    let mut welcome = App::new(content(), Boot::default());
    assert_eq!(press(&mut welcome, ctrl('c')).last(), Some(&Effect::Quit));
}

#[test]
fn review_opens_from_home_and_loads_entries() {
    let mut app = app();
    press_all(&mut app, &[Down; 7]);
    let effects = press(&mut app, key(Enter));
    assert_eq!(app.screen, Screen::Review { selected: 0 });
    assert!(effects.iter().any(|e| matches!(e, Effect::LoadReview(_))));
    let effects = press(&mut app, key(Enter));
    assert!(effects.is_empty(), "nothing to open in an empty list");
    press(&mut app, key(Esc));
    assert_eq!(app.screen, Screen::Home { selected: 7 });
}

#[test]
fn review_opens_an_entry_and_esc_goes_back_to_it_in_the_list() {
    let mut app = app();
    press(&mut app, key(Char('r')));
    app.update(loaded(vec![summary(7), summary(3)]));
    press(&mut app, key(Down));
    let effects = press(&mut app, key(Enter));
    assert_eq!(app.screen, Screen::Entry { id: 3, scroll: 0 });
    assert!(effects.contains(&Effect::LoadEntry(3)));
    assert!(
        app.update(Msg::EntryLoaded(99, None)).is_empty(),
        "a stale load is ignored"
    );
    press(&mut app, key(Esc));
    assert_eq!(app.screen, Screen::Review { selected: 1 });
}

#[test]
fn a_missing_entry_returns_to_the_list_with_a_note() {
    let mut app = app();
    press(&mut app, key(Char('r')));
    app.update(loaded(vec![summary(7)]));
    press(&mut app, key(Enter));
    let effects = app.update(Msg::EntryLoaded(7, None));
    assert!(effects.iter().any(|e| matches!(e, Effect::LoadReview(_))));
    assert!(matches!(app.screen, Screen::Review { .. }));
    assert!(app.notice.is_some());
}

#[test]
fn the_session_restores_screen_prompt_and_drafts_exactly() {
    let mut app = thought_record();
    type_text(&mut app, "first answer");
    press(&mut app, key(Tab));
    press_all(&mut app, &[Enter, Down, Enter]);
    goto(&mut app, "belief-before");
    press(&mut app, key(Char('4')));
    goto(&mut app, "automatic-thoughts");
    type_text(&mut app, "half typ");
    press(&mut app, key(Left));
    let session = app.session();
    assert_eq!(
        session.screen,
        SavedScreen::Exercise {
            step_id: "challenge-beliefs".into(),
            exercise_id: "thought-record".into()
        }
    );

    let mut restored = App::new(
        content(),
        Boot {
            welcomed: true,
            session: Some(session.clone()),
            ..Boot::default()
        },
    );
    assert_eq!(restored.screen, app.screen);
    assert_eq!(prompt_id(&restored), "automatic-thoughts");
    assert_eq!(field_text(&restored), "half typ");
    assert_eq!(
        restored.session(),
        session,
        "saving again gives the same session, cursors included"
    );
    type_text(&mut restored, "X");
    assert_eq!(
        field_text(&restored),
        "half tyXp",
        "the text cursor is where it was"
    );
}

#[test]
fn a_draft_whose_exercise_the_pack_lacks_is_kept_untouched_and_shown() {
    let mut session = thought_record().session();
    session.screen = SavedScreen::Exercise {
        step_id: "gone".into(),
        exercise_id: "gone".into(),
    };
    session.drafts[0].exercise_id = "gone".into();
    let app = App::new(
        content(),
        Boot {
            welcomed: true,
            session: Some(session.clone()),
            ..Boot::default()
        },
    );
    assert_eq!(app.screen, Screen::Home { selected: 0 });
    assert!(app.drafts.is_empty(), "it can't be opened here");
    assert_eq!(app.kept, session.drafts, "kept as it came");
    assert_eq!(
        app.session().kept,
        session.drafts,
        "and saved back untouched"
    );
    assert!(app.home_items().contains(&attune::app::HomeItem::Kept));
}

#[test]
fn restoring_review_or_an_entry_asks_for_its_data() {
    let boot = |screen| Boot {
        welcomed: true,
        session: Some(attune::session::Session {
            version: 1,
            screen,
            drafts: vec![],
            kept: vec![],
            review: None,
        }),
        ..Boot::default()
    };
    let app = App::new(content(), boot(SavedScreen::Review { selected: 2 }));
    assert_eq!(
        app.start(),
        vec![
            Effect::LoadReview(Default::default()),
            Effect::LoadSafetyPlan
        ]
    );
    let app = App::new(
        content(),
        boot(SavedScreen::Entry {
            entry_id: 5,
            scroll: 1,
        }),
    );
    assert_eq!(
        app.start(),
        vec![
            Effect::LoadReview(Default::default()),
            Effect::LoadEntry(5),
            Effect::LoadSafetyPlan
        ]
    );
}

#[test]
fn entry_scroll_stops_at_the_end_of_the_page() {
    let mut app = app();
    press(&mut app, key(Char('r')));
    app.update(loaded(vec![summary(1)]));
    press(&mut app, key(Enter));
    app.update(Msg::EntryLoaded(1, Some(Box::new(long_entry(1)))));
    lay_out(&mut app);
    for _ in 0..500 {
        press(&mut app, key(PageDown));
    }
    let Screen::Entry { scroll, .. } = app.screen else {
        panic!()
    };
    assert!(scroll > 0 && scroll < 200, "scroll {scroll}");
    press(&mut app, key(Up));
    let Screen::Entry { scroll: after, .. } = app.screen else {
        panic!()
    };
    assert_eq!(after, scroll - 1, "one Up moves right away");
}

fn summary(id: i64) -> attune::journal::EntrySummary {
    attune::journal::EntrySummary {
        id,
        step_id: "recognize".into(),
        exercise_id: "pattern-log".into(),
        exercise_title: "Pattern log".into(),
        created_at: chrono::DateTime::parse_from_rfc3339("2026-11-20T09:30:00+01:00").unwrap(),
        preview: "Sam asked about the weekend.".into(),
    }
}

fn long_entry(id: i64) -> attune::journal::Entry {
    attune::journal::Entry {
        id,
        uid: format!("uid-{id}"),
        step_id: "recognize".into(),
        exercise_id: "pattern-log".into(),
        exercise_title: "Pattern log".into(),
        created_at: chrono::DateTime::parse_from_rfc3339("2026-11-20T09:30:00+01:00").unwrap(),
        updated_at: chrono::DateTime::parse_from_rfc3339("2026-11-20T09:30:00+01:00").unwrap(),
        history: vec![],
        answers: (0..40)
            .map(|i| attune::journal::Answer {
                prompt_id: format!("p{i}"),
                label: format!("Prompt {i}"),
                value: AnswerValue::Text("words ".repeat(30)),
                pair: None,
            })
            .collect(),
    }
}

#[test]
fn no_key_means_two_things_on_one_screen_and_help_and_quit_work_everywhere() {
    use attune::keys::{Context as C, bindings, map};
    use crossterm::event::{KeyEvent, KeyModifiers};
    for context in C::ALL {
        let mut seen = Vec::new();
        for binding in bindings(*context) {
            for k in binding.keys {
                assert!(!seen.contains(k), "{context:?}: {k:?} is bound twice");
                seen.push(*k);
            }
        }
        assert!(map(*context, key(F(1))).is_some(), "{context:?}: F1");
        let ctrl_c = map(*context, KeyEvent::new(Char('c'), KeyModifiers::CONTROL));
        assert_eq!(ctrl_c, Some(Msg::Quit), "{context:?}: Ctrl-C");
    }
}

#[test]
fn a_one_megabyte_paste_is_accepted_and_drawn() {
    let mut app = thought_record();
    let line = "All work and no play makes a dull journal. 日本語 🌱 ";
    let big: String = line.repeat(1_000_000 / line.len() + 1);
    let start = std::time::Instant::now();
    app.update(Msg::Paste(big.clone()));
    screen_text(&app, 80, 24);
    type_text(&mut app, "!");
    screen_text(&app, 80, 24);
    let session = app.session();
    eprintln!(
        "1 MB paste, two frames and a keystroke: {:?}",
        start.elapsed()
    );
    assert!(field_text(&app).len() > 1_000_000);
    assert!(serde_json::to_string(&session).unwrap().len() > 1_000_000);
}

#[test]
fn a_refused_quit_keeps_trying_to_save() {
    // The save that failed is retried once space is freed: the App stays unsaved.
    let mut app = thought_record();
    type_text(&mut app, "words");
    let _ = app.update(Msg::Tick);
    let _ = app.update(Msg::SessionSaved);
    assert!(!app.is_dirty());
    app.update(Msg::QuitRefused("database or disk is full".into()));
    assert!(app.is_dirty(), "a failed save is tried again");
}

#[test]
fn home_in_a_narrow_window_leaves_the_day_out_rather_than_cut_it() {
    let mut app = app();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-29T09:00:00+00:00").unwrap();
    app.update(Msg::ActivityLoaded(vec![
        attune::journal::ExerciseActivity {
            step_id: "recognize".into(),
            exercise_id: "pattern-log".into(),
            times: 2,
            last_at: at,
        },
    ]));
    let wide = screen_text(&app, 100, 30);
    assert!(wide.contains("in progress · 1 of 5 · 29 Nov"), "{wide}");
    let narrow = screen_text(&app, 60, 18);
    let row = narrow
        .lines()
        .find(|l| l.contains("Recognize"))
        .expect("step 1's row");
    assert!(row.contains("in progress · 1 of 5"), "{narrow}");
    assert!(!row.contains('…'), "nothing cut: {row}");
}

/// The thinking traps of a thought record, with the cursor on "something else".
fn on_other_line() -> App {
    let mut app = thought_record();
    goto(&mut app, "thinking-traps");
    press_all(&mut app, &[Down; 12]);
    assert_eq!(app.context(), Context::MultiOther);
    app
}

fn committed_multi(app: &mut App, id: &str) -> AnswerValue {
    goto(app, "save");
    let effects = press(app, key(Enter));
    let Some(Effect::CommitEntry { entry, .. }) = effects.first() else {
        panic!("no commit: {effects:?}")
    };
    entry
        .answers
        .iter()
        .find(|a| a.prompt_id == id)
        .map(|a| a.value.clone())
        .expect(id)
}

#[test]
fn something_else_takes_several_items_of_ones_own() {
    let mut app = on_other_line();
    type_text(&mut app, "Mind reading him");
    press(&mut app, key(Enter));
    assert_eq!(
        prompt_id(&app),
        "thinking-traps",
        "Enter adds the item and stays"
    );
    assert_eq!(app.context(), Context::MultiOther, "ready for another");
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("[x] Mind reading him"), "{screen}");
    assert!(
        screen.contains("something else, in your own words"),
        "an empty line: {screen}"
    );
    type_text(&mut app, "Comparing");
    press(&mut app, key(Enter));
    type_text(&mut app, "Catastrophising");
    press(&mut app, key(Enter));
    // Untick the second of their own, tick an option, and leave words in the line.
    press_all(&mut app, &[Up, Up, Char(' '), Up, Up, Char(' ')]);
    press_all(&mut app, &[Down, Down, Down, Down]);
    assert_eq!(app.context(), Context::MultiOther);
    type_text(&mut app, "half typed");
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("[x] Mind reading him"), "{screen}");
    assert!(screen.contains("[ ] Comparing"), "{screen}");
    let AnswerValue::Multi { chosen, other } = committed_multi(&mut app, "thinking-traps") else {
        panic!("not a multi answer")
    };
    assert_eq!(chosen.len(), 1);
    assert!(chosen[0].starts_with("Always and never"), "{chosen:?}");
    assert_eq!(
        other, "Mind reading him\nCatastrophising\nhalf typed",
        "ticked items of their own, then what the line still held"
    );
}

#[test]
fn enter_on_an_empty_something_else_line_goes_on() {
    let mut app = on_other_line();
    press(&mut app, key(Enter));
    assert_eq!(prompt_id(&app), "evidence-for");
    assert!(app.drafts.iter().all(|d| !d.touched), "nothing was written");
}

#[test]
fn items_of_ones_own_survive_a_restart_and_come_back_to_edit() {
    let mut app = on_other_line();
    type_text(&mut app, "Comparing");
    press(&mut app, key(Enter));
    type_text(&mut app, "Mind reading");
    press_all(&mut app, &[Enter, Up, Char(' ')]);
    type_text(&mut app, "");
    let session = app.session();
    let mut restored = App::new(
        content(),
        Boot {
            welcomed: true,
            session: Some(session.clone()),
            ..Boot::default()
        },
    );
    assert_eq!(
        restored.session(),
        session,
        "own items and their ticks kept"
    );
    let screen = screen_text(&restored, 80, 24);
    assert!(screen.contains("[x] Comparing"), "{screen}");
    assert!(screen.contains("[ ] Mind reading"), "{screen}");

    // A saved answer opened to edit gives each of its own lines back as an item.
    let AnswerValue::Multi { other, .. } = committed_multi(&mut restored, "thinking-traps") else {
        panic!("not a multi answer")
    };
    assert_eq!(other, "Comparing");
    let prompt = content()
        .exercise("challenge-beliefs", "thought-record")
        .and_then(|(_, e)| e.prompts.iter().find(|p| p.id == "thinking-traps").cloned())
        .expect("prompt");
    let value = AnswerValue::Multi {
        chosen: vec![],
        other: "Comparing\nMind reading".into(),
    };
    let draft = attune::app::answer::DraftAnswer::from_value(&prompt, &value);
    assert_eq!(
        draft.value(&prompt),
        value,
        "the same answer after editing nothing"
    );
}

/// Expressive writing, "15 minutes" chosen, on the prompt with the timer.
fn on_timed_writing() -> App {
    let mut app = app();
    press_all(&mut app, &[Down, Down, Down, Down, Enter, Down, Enter]);
    goto(&mut app, "minutes");
    press_all(&mut app, &[Down, Char(' ')]);
    goto(&mut app, "writing");
    app
}

fn timer_left(app: &App) -> u64 {
    app.timer.as_ref().expect("a timer").left.as_secs()
}

#[test]
fn the_writing_timer_counts_down_pauses_and_never_stops_the_writing() {
    use std::time::Duration;
    let mut app = on_timed_writing();
    assert!(app.timer.is_none(), "offered, not started");
    press(&mut app, ctrl('t'));
    assert_eq!(timer_left(&app), 15 * 60, "the length chosen earlier");
    assert!(app.timer_running());
    app.update(Msg::Elapsed(Duration::from_secs(60)));
    assert_eq!(timer_left(&app), 14 * 60);
    // Typing goes on as ever.
    type_text(&mut app, "I keep");
    press(&mut app, ctrl('t'));
    assert!(!app.timer_running(), "paused");
    app.update(Msg::Elapsed(Duration::from_secs(60)));
    assert_eq!(timer_left(&app), 14 * 60, "a paused timer keeps its time");
    press(&mut app, ctrl('t'));
    // Across prompts of the exercise, and through help and back.
    press(&mut app, key(Tab));
    press(&mut app, key(F(1)));
    press(&mut app, key(Esc));
    app.update(Msg::Elapsed(Duration::from_secs(14 * 60 + 5)));
    assert!(app.timer.as_ref().is_some_and(|t| t.ended()));
    assert!(!app.timer_running(), "an ended timer asks for no more time");
    let note = app.notice.clone().unwrap_or_default();
    assert!(note.contains("15 minutes are up"), "{note}");
    assert!(note.contains("nothing stops you"), "{note}");
    goto(&mut app, "writing");
    type_text(&mut app, " coming back");
    assert_eq!(field_text(&app), "I keep coming back", "still writing");
    press(&mut app, ctrl('t'));
    assert!(app.timer.is_none(), "an ended timer is put away");
}

#[test]
fn the_writing_timer_is_offered_only_where_content_asks_and_goes_with_the_exercise() {
    let mut app = on_timed_writing();
    goto(&mut app, "distress-before");
    press(&mut app, ctrl('t'));
    assert!(app.timer.is_none());
    assert_eq!(
        app.notice.as_deref(),
        Some("This prompt has no writing timer.")
    );
    goto(&mut app, "writing");
    press(&mut app, ctrl('t'));
    assert!(app.timer.is_some());
    press(&mut app, key(Esc));
    assert!(app.timer.is_none(), "leaving the exercise stops its timer");
    assert!(!app.timer_running());
}

#[test]
fn a_quick_write_opens_from_home_with_one_key_and_saves_like_any_entry() {
    let mut app = app();
    press(&mut app, key(Char('w')));
    assert_eq!(prompt_id(&app), "text");
    assert_eq!(app.context(), Context::Text);
    type_text(&mut app, "Sam called; I let it ring.");
    press(&mut app, key(Tab));
    type_text(&mut app, "guilty, relieved");
    press(&mut app, key(Tab));
    assert_eq!(app.context(), Context::Save);
    let effects = press(&mut app, key(Enter));
    let Some(Effect::CommitEntry { entry, .. }) = effects.first() else {
        panic!("no commit: {effects:?}")
    };
    assert_eq!(
        (entry.step_id.as_str(), entry.exercise_id.as_str()),
        ("quick-write", "quick-write")
    );
    assert_eq!(
        entry.answers[0].value,
        AnswerValue::Text("Sam called; I let it ring.".into())
    );
    assert_eq!(
        entry.answers[1].value,
        AnswerValue::Text("guilty, relieved".into())
    );
    // Back on Home, on the quick write, for the next moment.
    let at = app
        .home_items()
        .iter()
        .position(|i| *i == HomeItem::QuickWrite);
    assert_eq!(
        Some(app.screen.clone()),
        at.map(|selected| Screen::Home { selected })
    );
    assert!(
        app.notice
            .as_deref()
            .unwrap_or_default()
            .starts_with("Saved")
    );
}

#[test]
fn a_quick_write_left_half_written_is_kept_and_esc_goes_home() {
    let mut app = app();
    press(&mut app, key(Char('w')));
    type_text(&mut app, "half a thought");
    press(&mut app, key(Esc));
    assert!(
        matches!(app.screen, Screen::Home { .. }),
        "{:?}",
        app.screen
    );
    assert!(app.home_items().contains(&HomeItem::Continue));
    press(&mut app, key(Char('w')));
    assert_eq!(field_text(&app), "half a thought", "the draft resumed");
    // The feeling words can be skipped: nothing else is asked.
    press_all(&mut app, &[Tab, Tab]);
    assert_eq!(app.context(), Context::Save);
}

#[test]
fn the_writing_timer_stops_when_another_exercise_opens_but_not_under_help() {
    let mut app = on_timed_writing();
    press(&mut app, ctrl('t'));
    press(&mut app, key(F(1)));
    assert!(
        app.timer.is_some(),
        "help opened over the exercise keeps it"
    );
    // The safety plan, opened from help, is another exercise.
    press(&mut app, key(Char('p')));
    assert!(
        matches!(app.screen, Screen::Exercise { .. }),
        "{:?}",
        app.screen
    );
    assert!(app.timer.is_none(), "the timer went with its exercise");
    assert!(!app.timer_running());
}

#[test]
fn an_unticked_item_of_ones_own_keeps_the_draft_and_comes_back() {
    let mut app = on_other_line();
    type_text(&mut app, "my own trap");
    press_all(&mut app, &[Enter, Up, Char(' ')]);
    press(&mut app, key(Esc));
    assert!(
        app.notice
            .as_deref()
            .unwrap_or_default()
            .contains("draft is kept"),
        "{:?}",
        app.notice
    );
    press(&mut app, key(Enter));
    goto(&mut app, "thinking-traps");
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("[ ] my own trap"), "{screen}");
    // Unticked, it is not chosen: the answer is skipped.
    let AnswerValue::Skipped = committed_multi(&mut app, "thinking-traps") else {
        panic!("an unticked item is not an answer")
    };
}

#[test]
fn words_already_on_the_list_tick_what_is_there() {
    let mut app = on_other_line();
    type_text(&mut app, "  mind reading: being sure what they think ");
    press(&mut app, key(Enter));
    type_text(&mut app, "Comparing\t");
    press(&mut app, key(Enter));
    type_text(&mut app, "comparing");
    press(&mut app, key(Enter));
    let AnswerValue::Multi { chosen, other } = committed_multi(&mut app, "thinking-traps") else {
        panic!("not a multi answer")
    };
    assert_eq!(chosen, ["Mind reading: being sure what they think"]);
    assert_eq!(other, "Comparing", "once, without the tab");
}

#[test]
fn a_long_item_of_ones_own_is_cut_with_a_mark_not_silently() {
    let mut app = on_other_line();
    let long = "the long way round of saying it was all fine when it was not fine at all, again";
    type_text(&mut app, long);
    press(&mut app, key(Enter));
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("[x] the long way round"), "{screen}");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("[x] the long way") && l.trim_end().ends_with('…')),
        "{screen}"
    );
    let AnswerValue::Multi { other, .. } = committed_multi(&mut app, "thinking-traps") else {
        panic!("not a multi answer")
    };
    assert_eq!(other, long, "the whole item is kept");
}

#[test]
fn every_insights_picture_is_restored_where_it_was() {
    for section in 0..attune::app::insights::SECTIONS.len() {
        let restored = App::new(
            content(),
            Boot {
                welcomed: true,
                session: Some(attune::session::Session {
                    screen: SavedScreen::Insights { section },
                    ..attune::session::Session::empty()
                }),
                ..Boot::default()
            },
        );
        assert_eq!(restored.screen, Screen::Insights { section });
    }
}
