//! The whole built-in library, by key sequence: every exercise of every step is
//! opened from Home, completed the way a person would, saved to a real SQLite store,
//! and read back with every answer. Then each prompt kind's draft survives a relaunch.

mod support;

use attune::app::Msg;
use attune::app::answer::DraftAnswer;
use attune::content::PromptKind;
use attune::journal::AnswerValue;
use attune::keys::Context;
use crossterm::event::KeyCode::*;
use support::*;

/// Open step `s`, exercise `e` from Home, by keys (the quick write by its own key).
fn open(h: &mut Harness, s: usize, e: usize) {
    h.keys(&[Up; 12]);
    if h.app.content.steps[s].place {
        h.keys(&[Char('w')]);
        return;
    }
    for _ in 0..s {
        h.keys(&[Down]);
    }
    h.keys(&[Enter]);
    for _ in 0..e {
        h.keys(&[Down]);
    }
    h.keys(&[Enter]);
}

/// Answer the open prompt as a person would, then move on.
fn answer(h: &mut Harness, kind: &PromptKind, id: &str) {
    match kind {
        PromptKind::Text | PromptKind::Line => {
            h.type_text(&format!("answer for {id}"));
            h.keys(&[Tab]);
        }
        PromptKind::Scale(_) => h.keys(&[Char('3'), Tab]),
        PromptKind::Choice { .. } => h.keys(&[Down, Enter]),
        PromptKind::Multi { other, .. } => {
            h.keys(&[Char(' '), Down, Char(' ')]);
            if *other {
                h.keys(&[Down; 12]);
                assert_eq!(h.app.context(), Context::MultiOther);
                h.type_text("my own words");
            }
            h.keys(&[Tab]);
        }
        // A feeling rated, then "that's all".
        PromptKind::Feelings { .. } => h.keys(&[Enter, Down, Enter, Char('5'), Enter, Enter]),
        // The one feeling named, rated again.
        PromptKind::Rerate { .. } => h.keys(&[Char('2'), Enter]),
        PromptKind::Ladder(_) => {
            h.keys(&[Char('a')]);
            h.type_text("first rung");
            h.keys(&[Enter, Char('4'), Char('a')]);
            h.type_text("second rung");
            h.keys(&[Tab]);
            h.type_text("a field");
            h.keys(&[Enter, Tab]);
        }
        PromptKind::Recall(_) => h.keys(&[Tab]),
        // The second row: the ladder's second rung, or (with no ladder yet) the row
        // for a step not on it.
        PromptKind::Rung(_) => h.keys(&[Down, Enter]),
    }
}

#[test]
fn every_built_in_exercise_can_be_completed_and_every_answer_is_saved() {
    let mut h = Harness::new();
    h.keys(&[Enter]);
    let content = h.app.content.clone();
    let mut saved = 0;
    for (s, step) in content.steps.iter().enumerate() {
        for (e, exercise) in step.exercises.iter().enumerate() {
            open(&mut h, s, e);
            if exercise.is_reading() {
                assert_eq!(h.app.context(), Context::Reading, "{}", exercise.id);
                h.keys(&[PageDown, Esc, Esc]);
                continue;
            }
            for prompt in &exercise.prompts {
                assert_eq!(
                    prompt_id(&h.app),
                    prompt.id,
                    "{}/{}",
                    exercise.id,
                    prompt.id
                );
                answer(&mut h, &prompt.kind, &prompt.id);
            }
            assert_eq!(
                h.app.context(),
                Context::Save,
                "{} ends on the save page",
                exercise.id
            );
            h.keys(&[Enter]);
            assert!(
                h.app
                    .notice
                    .as_deref()
                    .unwrap_or_default()
                    .starts_with("Saved"),
                "{}: {:?}",
                exercise.id,
                h.app.notice
            );
            saved += 1;

            let latest = h.store.list_entries().unwrap()[0].id;
            let entry = h.store.entry(latest).unwrap().unwrap();
            assert_eq!(
                (entry.step_id.as_str(), entry.exercise_id.as_str()),
                (step.id.as_str(), exercise.id.as_str())
            );
            let asked: Vec<_> = exercise
                .prompts
                .iter()
                .filter(|p| !matches!(p.kind, PromptKind::Recall(_)))
                .collect();
            assert_eq!(entry.answers.len(), asked.len(), "{}", exercise.id);
            for (prompt, answer) in asked.iter().zip(&entry.answers) {
                assert_eq!(answer.prompt_id, prompt.id);
                assert_eq!(answer.label, prompt.label);
                let ok = match (&prompt.kind, &answer.value) {
                    (PromptKind::Text | PromptKind::Line, AnswerValue::Text(t)) => {
                        *t == format!("{}answer for {}", prompt.prefill_text(), prompt.id)
                    }
                    (PromptKind::Scale(spec), AnswerValue::Scale { value, .. }) => {
                        Some(*value) == spec.digit_value(3)
                    }
                    (PromptKind::Choice { options }, AnswerValue::Choice(c)) => *c == options[1],
                    (
                        PromptKind::Multi { options, other },
                        AnswerValue::Multi {
                            chosen,
                            other: text,
                        },
                    ) => *chosen == options[..2] && (*text == "my own words") == *other,
                    (PromptKind::Feelings { intensity }, AnswerValue::Feeling(felt)) => {
                        let f = &content.feelings[0];
                        matches!(felt.felt.as_slice(), [one] if one.family == f.name
                            && one.word == f.words[1]
                            && one.intensity == intensity.digit_value(5))
                    }
                    (PromptKind::Rerate { intensity, .. }, AnswerValue::Feeling(felt)) => {
                        let f = &content.feelings[0];
                        matches!(felt.felt.as_slice(), [one] if one.family == f.name
                            && one.word == f.words[1]
                            && one.intensity == intensity.digit_value(2))
                    }
                    (PromptKind::Ladder(spec), AnswerValue::Ladder { items, .. }) => {
                        items.len() == 2
                            && items[0].text == "first rung"
                            && items[0].rating == spec.rating.digit_value(4)
                            && items[1].fields.first().map(String::as_str) == Some("a field")
                    }
                    (PromptKind::Rung(_), AnswerValue::Rung { text, .. }) => text == "second rung",
                    (PromptKind::Rung(_), AnswerValue::Choice(c)) => {
                        c == attune::session::OFF_LADDER
                    }
                    _ => false,
                };
                assert!(ok, "{}/{}: {:?}", exercise.id, prompt.id, answer.value);
            }
            h.keys(&[Esc]);
        }
    }
    assert!(saved >= 25, "saved {saved} exercises");
    assert!(h.app.drafts.is_empty());
}

/// Leave a prompt half done, relaunch from disk, and find it exactly as it was.
fn resumes(setup: impl Fn(&mut Harness), check: impl Fn(&DraftAnswer)) {
    let mut h = Harness::new();
    h.keys(&[Enter]);
    setup(&mut h);
    h.send(Msg::Tick);
    let session = h.app.session();
    let context = h.app.context();
    let h = h.relaunch();
    assert_eq!(h.app.session(), session);
    assert_eq!(
        h.app.context(),
        context,
        "the same keys apply after the relaunch"
    );
    let (s, e) = match h.app.screen {
        attune::app::Screen::Exercise { step, exercise } => (step, exercise),
        ref other => panic!("not back in the exercise: {other:?}"),
    };
    let (_, _, draft) = h.app.open_exercise_at(s, e).unwrap();
    check(&draft.answers[draft.prompt]);
}

#[test]
fn a_half_typed_text_resumes_with_its_cursor() {
    resumes(
        |h| {
            open(h, 3, 0);
            h.type_text("two\nlines");
            h.keys(&[Up]);
        },
        |a| {
            let DraftAnswer::Text(editor) = a else {
                panic!("{a:?}")
            };
            assert_eq!(editor.field.text(), "two\nlines");
            assert_eq!(editor.field.cursor(), (0, 3));
        },
    );
}

#[test]
fn a_scale_resumes_with_its_value() {
    resumes(
        |h| {
            open(h, 3, 0);
            h.goto("belief-before");
            h.keys(&[Char('8'), Left]);
        },
        |a| assert!(matches!(a, DraftAnswer::Scale(Some(75))), "{a:?}"),
    );
}

#[test]
fn a_choice_resumes_with_its_pick_and_cursor() {
    resumes(
        |h| {
            open(h, 4, 1);
            h.keys(&[Down, Down, Char(' '), Up]);
        },
        |a| {
            let DraftAnswer::Choice(c) = a else {
                panic!("{a:?}")
            };
            assert_eq!((c.chosen, c.cursor), (Some(2), 1));
        },
    );
}

#[test]
fn a_half_ticked_checklist_resumes_with_its_other_line() {
    resumes(
        |h| {
            open(h, 3, 0);
            h.goto("thinking-traps");
            h.keys(&[Down, Char(' '), Down, Down, Char(' ')]);
            h.keys(&[Down; 12]);
            h.type_text("half writ");
        },
        |a| {
            let DraftAnswer::Multi(m) = a else {
                panic!("{a:?}")
            };
            assert_eq!(m.ticked.iter().filter(|t| **t).count(), 2);
            assert!(m.ticked[1] && m.ticked[3]);
            assert!(m.on_other());
            assert_eq!(m.other_text(), "half writ");
        },
    );
}

#[test]
fn a_feelings_pick_resumes_mid_way_down_the_body_path() {
    resumes(
        |h| {
            open(h, 4, 0);
            h.keys(&[Up; 9]);
            h.keys(&[Down; 7]);
            h.keys(&[Enter, Down, Enter]);
        },
        |a| {
            let DraftAnswer::Feelings(f) = a else {
                panic!("{a:?}")
            };
            assert_eq!(f.stage, attune::app::answer::feelings::Stage::BodyFamily);
            assert_eq!(f.sensation.as_deref(), Some("tired body"));
        },
    );
}

#[test]
fn a_half_built_ladder_resumes_with_the_item_being_written() {
    resumes(
        |h| {
            open(h, 5, 0);
            h.keys(&[Char('a')]);
            h.type_text("Share a worry");
            h.keys(&[Enter, Char('3'), Char('a')]);
            h.type_text("Ask for a lift");
            h.keys(&[Tab]);
            h.type_text("Sa");
        },
        |a| {
            let DraftAnswer::Ladder(l) = a else {
                panic!("{a:?}")
            };
            assert_eq!(l.items.len(), 1);
            assert_eq!(l.items[0].rating, Some(30));
            let edit = l.editing.as_ref().expect("still writing the second rung");
            assert_eq!(edit.field, 1);
            assert_eq!(
                attune::app::answer::text::text_of(&edit.inputs[0]),
                "Ask for a lift"
            );
            assert_eq!(attune::app::answer::text::text_of(&edit.inputs[1]), "Sa");
        },
    );
}

#[test]
fn a_linked_recall_shows_the_latest_entry_of_the_other_exercise() {
    let mut h = Harness::new();
    h.keys(&[Enter]);
    open(&mut h, 0, 0);
    h.type_text("The weekend invitation");
    h.goto("save");
    h.keys(&[Enter, Esc, Esc]);
    open(&mut h, 1, 0);
    assert_eq!(prompt_id(&h.app), "pattern-log-recall");
    let shown = screen_text(&h.app, 80, 24);
    assert!(shown.contains("The weekend invitation"), "{shown}");
    assert!(shown.contains("From your latest Pattern log"), "{shown}");
}

#[test]
fn a_ladder_item_can_be_edited_reordered_and_deleted() {
    let mut h = Harness::new();
    h.keys(&[Enter]);
    open(&mut h, 5, 0);
    for text in ["one", "two", "three"] {
        h.keys(&[Char('a')]);
        h.type_text(text);
        h.keys(&[Enter]);
    }
    let items = |h: &Harness| match &h.app.drafts[0].answers[0] {
        DraftAnswer::Ladder(l) => l.items.iter().map(|i| i.text.clone()).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(items(&h), ["one", "two", "three"]);
    h.press(crossterm::event::KeyEvent::new(
        Up,
        crossterm::event::KeyModifiers::SHIFT,
    ));
    assert_eq!(items(&h), ["one", "three", "two"]);
    h.keys(&[Char('J')]);
    assert_eq!(items(&h), ["one", "two", "three"]);
    h.keys(&[Enter]);
    h.type_text(" (edited)");
    h.keys(&[Enter]);
    assert_eq!(items(&h), ["one", "two", "three (edited)"]);
    h.keys(&[Char('a')]);
    h.type_text("never kept");
    h.keys(&[Esc]);
    assert_eq!(
        items(&h),
        ["one", "two", "three (edited)"],
        "Esc cancels the edit, not the exercise"
    );
    assert_eq!(h.app.context(), Context::Ladder);
    h.keys(&[Up, Char('d')]);
    assert_eq!(h.app.context(), Context::Confirm, "asks first");
    h.keys(&[Char('n')]);
    assert_eq!(items(&h), ["one", "two", "three (edited)"], "n keeps it");
    h.keys(&[Char('d'), Char('y')]);
    assert_eq!(items(&h), ["one", "three (edited)"]);
}

#[test]
fn a_finished_one_off_reopens_with_its_answers_to_revise() {
    let mut h = Harness::new();
    h.keys(&[Enter]);
    open(&mut h, 5, 0);
    h.keys(&[Char('a')]);
    h.type_text("Share a worry");
    h.keys(&[Enter, Char('2'), Tab, Enter]);
    assert_eq!(h.store.list_entries().unwrap().len(), 1);
    h.keys(&[Enter]);
    assert!(
        h.app
            .notice
            .as_deref()
            .unwrap_or_default()
            .contains("last answers are filled in"),
        "{:?}",
        h.app.notice
    );
    let DraftAnswer::Ladder(l) = &h.app.drafts[0].answers[0] else {
        panic!()
    };
    assert_eq!(l.items[0].text, "Share a worry");
    assert_eq!(l.items[0].rating, Some(20));
    h.keys(&[Char('a')]);
    h.type_text("Ask for a lift");
    h.keys(&[Enter, Tab, Enter]);
    let entries = h.store.list_entries().unwrap();
    assert_eq!(
        entries.len(),
        2,
        "a revision is a new entry; the earlier one stays"
    );
    let latest = h.store.entry(entries[0].id).unwrap().unwrap();
    let AnswerValue::Ladder { items, .. } = &latest.answers[0].value else {
        panic!()
    };
    assert_eq!(items.len(), 2);
}

#[test]
fn a_late_prefill_never_replaces_what_was_typed_meanwhile() {
    let mut h = Harness::new();
    h.keys(&[Enter]);
    open(&mut h, 0, 4);
    h.type_text("first version");
    h.goto("save");
    h.keys(&[Enter]);
    // Open again, but type before the earlier entry arrives.
    let effects = h.app.update(Msg::Open);
    h.type_text("new words");
    let entry = h
        .store
        .latest_entry("recognize", "the-impact")
        .unwrap()
        .map(Box::new);
    h.send(Msg::LatestLoaded {
        step_id: "recognize".into(),
        exercise_id: "the-impact".into(),
        entry,
    });
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, attune::app::Effect::LoadLatest { .. }))
    );
    assert_eq!(field_text(&h.app), "new words");
}

#[test]
fn a_ladder_sorts_by_difficulty_keeping_the_selected_item() {
    let mut h = Harness::new();
    h.keys(&[Enter]);
    open(&mut h, 5, 0);
    for (text, rating) in [
        ("hard", Some('8')),
        ("not rated yet", None),
        ("easy", Some('2')),
        ("middle", Some('5')),
    ] {
        h.keys(&[Char('a')]);
        h.type_text(text);
        h.keys(&[Enter]);
        if let Some(digit) = rating {
            h.keys(&[Char(digit)]);
        }
    }
    let items = |h: &Harness| match &h.app.drafts[0].answers[0] {
        DraftAnswer::Ladder(l) => (
            l.items.iter().map(|i| i.text.clone()).collect::<Vec<_>>(),
            l.items[l.cursor].text.clone(),
        ),
        other => panic!("{other:?}"),
    };
    h.keys(&[Up, Up]);
    assert_eq!(items(&h).1, "not rated yet");
    h.keys(&[Char('s')]);
    assert_eq!(
        items(&h),
        (
            vec![
                "easy".to_string(),
                "middle".into(),
                "hard".into(),
                "not rated yet".into()
            ],
            "not rated yet".to_string()
        ),
        "easiest first, unrated last, the selected item still selected"
    );
    let saved = h.app.session();
    h.keys(&[Char('s')]);
    assert_eq!(
        h.app.session(),
        saved,
        "sorting a sorted ladder changes nothing"
    );
}
