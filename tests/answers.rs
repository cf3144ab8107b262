//! Answers recorded exactly as meant: nothing saved from an empty exercise, a
//! feelings pick that never keeps a stale part, drafts only where something was
//! written or chosen (and thrown away only when asked). Flows by key sequence.

mod support;

use attune::app::{Effect, HomeItem, Msg, Screen};
use attune::keys::Context;
use crossterm::event::KeyCode::*;
use support::*;

#[test]
fn an_exercise_with_nothing_in_it_is_not_saved() {
    let mut app = thought_record();
    goto(&mut app, "save");
    assert!(
        screen_text(&app, 80, 24).contains("Nothing to save yet"),
        "the page says so"
    );
    let effects = press(&mut app, key(Enter));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::CommitEntry { .. })),
        "{effects:?}"
    );
    assert!(
        app.notice
            .as_deref()
            .unwrap_or_default()
            .contains("Nothing to save yet")
    );
    assert!(
        matches!(app.screen, Screen::Exercise { .. }),
        "it stays to go back"
    );
}

#[test]
fn going_back_in_the_feelings_picker_clears_what_depended_on_it() {
    let mut app = thought_record();
    goto(&mut app, "feelings");
    // Scared, its first word, a strength.
    press_all(&mut app, &[Down, Enter, Enter, Char('7')]);
    let shown = screen_text(&app, 80, 24);
    assert!(shown.contains("Scared"), "{shown}");
    press_all(&mut app, &[Backspace, Backspace]);
    let shown = screen_text(&app, 80, 24);
    assert!(
        shown.contains("Nothing picked yet") && !shown.contains("So far"),
        "nothing stale is shown:\n{shown}"
    );
    // The family list opens on the family picked before (Scared, not the first);
    // picking again starts clean: no strength without a word.
    let shown = screen_text(&app, 80, 24);
    assert!(
        shown.contains("› Scared"),
        "the cursor where it was:\n{shown}"
    );
    press_all(&mut app, &[Enter]);
    let effects = {
        goto(&mut app, "save");
        press(&mut app, key(Enter))
    };
    let Some(Effect::CommitEntry { entry, .. }) = effects.first() else {
        panic!("{effects:?}")
    };
    let feeling = entry
        .answers
        .iter()
        .find(|a| a.prompt_id == "feelings")
        .expect("the feelings answer");
    match &feeling.value {
        attune::journal::AnswerValue::Feeling(f) => {
            let [one] = f.felt.as_slice() else {
                panic!("{f:?}")
            };
            assert_eq!(one.family, "Scared");
            assert_eq!(one.word, "");
            assert_eq!(one.intensity, None, "no strength for a word never picked");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn opening_and_leaving_without_writing_leaves_no_draft() {
    let mut app = thought_record();
    // Moving through every prompt writes nothing.
    goto(&mut app, "save");
    press(&mut app, key(Esc));
    assert!(app.drafts.is_empty());
    assert!(!app.home_items().contains(&HomeItem::Continue));
    assert!(!screen_text(&app, 80, 24).contains("draft open"));
    // A scale set is something chosen: that is a draft.
    press(&mut app, key(Enter));
    goto(&mut app, "belief-before");
    press(&mut app, key(Char('3')));
    press(&mut app, key(Esc));
    assert_eq!(app.drafts.len(), 1);
    assert!(screen_text(&app, 80, 24).contains("draft open"));
}

#[test]
fn words_typed_and_all_taken_out_again_leave_no_draft() {
    let mut app = thought_record();
    type_text(&mut app, "abc");
    press_all(&mut app, &[Backspace, Backspace, Backspace]);
    press(&mut app, key(Esc));
    assert!(app.drafts.is_empty());
    assert!(!screen_text(&app, 80, 24).contains("draft open"));
    // One word left in is a draft.
    press(&mut app, key(Enter));
    type_text(&mut app, "a");
    press(&mut app, key(Esc));
    assert_eq!(app.drafts.len(), 1);
}

#[test]
fn a_revisit_of_a_one_off_filled_with_earlier_answers_is_not_a_draft_until_changed() {
    let mut h = Harness::new();
    // Step 4's core belief check is a one-off: write, save, open it again.
    h.keys(&[Enter, Down, Down, Down, Enter, Down, Enter]);
    h.type_text("needing people is weak");
    h.goto("save");
    h.keys(&[Enter]);
    h.keys(&[Enter]);
    assert!(
        h.app
            .notice
            .as_deref()
            .unwrap_or_default()
            .contains("filled in")
    );
    h.keys(&[Esc]);
    assert!(h.app.drafts.is_empty(), "{:?}", h.app.drafts);
}

#[test]
fn a_draft_is_thrown_away_only_when_asked_and_can_be_brought_back() {
    let mut app = thought_record();
    type_text(&mut app, "words I might not keep");
    press(&mut app, key(Esc));
    assert_eq!(app.drafts.len(), 1);
    press(&mut app, key(Char('d')));
    assert_eq!(app.context(), Context::Confirm);
    assert!(screen_text(&app, 80, 24).contains("Discard your draft of Thought record?"));
    press(&mut app, key(Char('n')));
    assert_eq!(app.drafts.len(), 1, "n keeps it");
    press(&mut app, key(Char('d')));
    let effects = press(&mut app, key(Char('y')));
    assert!(app.drafts.is_empty());
    assert!(matches!(effects.as_slice(), [Effect::SaveSession(s)] if s.drafts.is_empty()));
    press(&mut app, key(Char('u')));
    assert_eq!(app.drafts.len(), 1, "u brings it back");
    press(&mut app, key(Enter));
    assert_eq!(field_text(&app), "words I might not keep");
    // F1 over a question leaves it asked.
    press(&mut app, key(Esc));
    press(&mut app, key(Char('d')));
    press(&mut app, key(F(1)));
    assert!(matches!(app.screen, Screen::Help { .. }));
    press(&mut app, key(Esc));
    assert_eq!(app.context(), Context::Confirm);
    app.update(Msg::Cancel);
    assert_eq!(app.drafts.len(), 1);
}

#[test]
fn a_digit_is_that_number_on_a_scale_of_single_numbers_and_a_tenth_on_a_wide_one() {
    use attune::app::answer::scale_move;
    use attune::content::ScaleSpec;
    let scale = |min, max| ScaleSpec {
        min,
        max,
        min_label: String::new(),
        max_label: String::new(),
        pair: None,
    };
    let one_to_seven = scale(1, 7);
    for d in 1..=7u8 {
        assert_eq!(
            scale_move(&one_to_seven, None, &Msg::Digit(d)),
            Some(Some(i64::from(d))),
            "{d} on 1 to 7"
        );
    }
    for d in [0u8, 8, 9] {
        assert_eq!(
            scale_move(&one_to_seven, Some(3), &Msg::Digit(d)),
            None,
            "{d} does nothing"
        );
    }
    let hundred = scale(0, 100);
    assert_eq!(scale_move(&hundred, None, &Msg::Digit(7)), Some(Some(70)));
    // The first arrow starts from the middle, as the line under the scale says.
    assert_eq!(scale_move(&hundred, None, &Msg::Increase), Some(Some(50)));
    assert!(
        hundred.keys_rule().contains("start from 50") && hundred.keys_rule().contains("7 is 70")
    );
    assert_eq!(
        scale_move(&scale(0, 10), None, &Msg::Digit(6)),
        Some(Some(6))
    );
}

#[test]
fn pressing_six_on_how_understood_one_to_seven_records_six() {
    let mut h = Harness::new();
    h.keys(&[Enter]);
    // Step 6, "A step taken": find the 1 to 7 prompt and press each digit.
    h.keys(&[Down, Down, Down, Down, Down, Enter]);
    let at = h.app.content.steps[5]
        .exercises
        .iter()
        .position(|e| {
            e.prompts.iter().any(|p| {
                matches!(&p.kind, attune::content::PromptKind::Scale(s) if s.min == 1 && s.max == 7)
            })
        })
        .expect("an exercise with a 1 to 7 scale");
    for _ in 0..at {
        h.keys(&[Down]);
    }
    h.keys(&[Enter]);
    let (_, ex, _) = match h.app.screen {
        Screen::Exercise { step, exercise } => h.app.open_exercise_at(step, exercise).unwrap(),
        _ => panic!("{:?}", h.app.screen),
    };
    let id = ex
        .prompts
        .iter()
        .find(|p| matches!(&p.kind, attune::content::PromptKind::Scale(s) if s.min == 1 && s.max == 7))
        .unwrap()
        .id
        .clone();
    h.goto(&id);
    h.keys(&[Char('6')]);
    assert_eq!(field_text(&h.app), "Some(6)");
    h.keys(&[Char('9')]);
    assert_eq!(field_text(&h.app), "Some(6)", "out of range: nothing");
}

#[test]
fn a_long_earlier_answer_is_read_whole_by_scrolling_its_page() {
    let mut app = thought_record();
    goto(&mut app, "hot-thought");
    let words: Vec<String> = (1..=120).map(|n| format!("word{n}")).collect();
    type_text(&mut app, &words.join(" "));
    goto(&mut app, "hot-thought-again");
    lay_out_at(&mut app, 60, 18);
    let first = screen_text(&app, 60, 18);
    assert!(first.contains("word1 "), "{first}");
    assert!(!first.contains("word120"), "too long to fit:\n{first}");
    assert!(
        first.contains("more (PgDn)"),
        "says there is more:\n{first}"
    );
    for _ in 0..60 {
        press(&mut app, key(Down));
        lay_out_at(&mut app, 60, 18);
    }
    let last = screen_text(&app, 60, 18);
    assert!(last.contains("word120"), "the end reached:\n{last}");
    assert!(last.contains("above"), "{last}");
    // In view above the next answer (which shows it), it says how to read it all.
    press(&mut app, key(Tab));
    lay_out_at(&mut app, 60, 18);
    let next = screen_text(&app, 60, 18);
    assert!(next.contains("more lines"), "{next}");
    assert!(next.contains("Shift-Tab back to them"), "{next}");
    // The answer below it keeps three lines to write in, even at 60×18.
    let answer_rows = next
        .lines()
        .skip_while(|l| !l.contains('└'))
        .skip(1)
        .skip_while(|l| !l.contains('┌'))
        .skip(1)
        .take_while(|l| !l.contains('└'))
        .count();
    assert!(answer_rows >= 3, "{answer_rows} rows to write in:\n{next}");
}
