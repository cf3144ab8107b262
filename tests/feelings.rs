//! Several feelings in one answer, each with its own strength, and each rated again
//! later in the thought record: by key sequence on the App, as a person would.

mod support;

use attune::app::Effect;
use attune::journal::{AnswerValue, Feelings, NewEntry};
use attune::keys::Context;
use crossterm::event::KeyCode::*;
use support::*;

/// In the thought record, on "What did you feel?": Sad (its first word, "lonely")
/// at 7, then Scared (its second, "worried") at 4.
fn two_feelings() -> attune::app::App {
    let mut app = thought_record();
    goto(&mut app, "feelings");
    press_all(&mut app, &[Enter, Enter, Char('7'), Enter]);
    assert_eq!(app.context(), Context::FeelingsMore);
    press_all(
        &mut app,
        &[Down, Enter, Down, Enter, Down, Enter, Char('4'), Enter],
    );
    assert_eq!(app.context(), Context::FeelingsMore);
    app
}

fn save(app: &mut attune::app::App) -> NewEntry {
    goto(app, "save");
    let effects = press(app, key(Enter));
    let Some(Effect::CommitEntry { entry, .. }) = effects.first() else {
        panic!("no commit: {effects:?}")
    };
    entry.clone()
}

fn feelings(entry: &NewEntry, prompt: &str) -> Feelings {
    match &entry
        .answers
        .iter()
        .find(|a| a.prompt_id == prompt)
        .unwrap()
        .value
    {
        AnswerValue::Feeling(f) => f.clone(),
        other => panic!("{prompt}: {other:?}"),
    }
}

fn named(f: &Feelings) -> Vec<(String, Option<i64>)> {
    f.felt
        .iter()
        .map(|f| (f.name().to_string(), f.intensity))
        .collect()
}

fn pairs(list: &[(&str, Option<i64>)]) -> Vec<(String, Option<i64>)> {
    list.iter().map(|(n, i)| (n.to_string(), *i)).collect()
}

#[test]
fn a_thought_record_takes_two_feelings_and_rates_each_again() {
    let mut app = two_feelings();
    // "That's all" goes on to the next prompt.
    press(&mut app, key(Enter));
    assert_eq!(prompt_id(&app), "automatic-thoughts");
    goto(&mut app, "feeling-now");
    assert_eq!(app.context(), Context::Rerate);
    let shown = screen_text(&app, 80, 24);
    assert!(shown.contains("lonely  first 7 of 10"), "{shown}");
    assert!(shown.contains("worried  first 4 of 10"), "{shown}");
    // The first, then Enter to the second, then Enter on past the last.
    press_all(&mut app, &[Char('3'), Enter, Char('2'), Enter]);
    assert_eq!(prompt_id(&app), "save");
    let entry = save(&mut app);
    let first = feelings(&entry, "feelings");
    assert_eq!(
        named(&first),
        pairs(&[("lonely", Some(7)), ("worried", Some(4))])
    );
    assert_eq!(first.felt[0].family, "Sad");
    assert_eq!(first.felt[1].family, "Scared");
    assert_eq!(
        named(&feelings(&entry, "feeling-now")),
        pairs(&[("lonely", Some(3)), ("worried", Some(2))])
    );
    // The two answers are a pair, so each feeling's change is shown.
    let now = entry
        .answers
        .iter()
        .find(|a| a.prompt_id == "feeling-now")
        .unwrap();
    assert_eq!(
        now.change_from_before(&entry.answers).as_deref(),
        Some("lonely 7 → 3 (−4); worried 4 → 2 (−2)")
    );
}

#[test]
fn feelings_rated_again_read_with_their_change_on_the_save_page_and_in_markdown() {
    let mut app = two_feelings();
    goto(&mut app, "feeling-now");
    press_all(&mut app, &[Char('3'), Enter, Char('2')]);
    goto(&mut app, "save");
    app.update(attune::app::Msg::Resize(100, 60));
    let shown = screen_text(&app, 100, 60);
    assert!(
        shown.contains("before and now: lonely 7 → 3 (−4); worried 4 → 2 (−2)"),
        "{shown}"
    );
    let entry = save(&mut app);
    let dir = tempfile::tempdir().unwrap();
    let mut store = attune::store::Store::open(dir.path()).unwrap();
    store
        .commit_entry(&entry, &attune::session::Session::empty())
        .unwrap();
    let export = store.export(&attune::store::Filter::default()).unwrap();
    let md = attune::export::markdown(&export, &content());
    assert!(
        md.contains("- Sad: lonely, 7 of 10\n- Scared: worried, 4 of 10"),
        "{md}"
    );
    // Under the list of the feelings rated again, after a blank line.
    assert!(
        md.contains(
            "- Scared: worried, 2 of 10\n\nBefore and now: lonely 7 → 3 (−4); worried 4 → 2 (−2)\n"
        ),
        "{md}"
    );
}

#[test]
fn a_feeling_named_again_keeps_its_later_strength() {
    let mut app = two_feelings();
    // Sad › lonely again, now at 2.
    press_all(&mut app, &[Down, Enter, Enter, Enter, Char('2'), Enter]);
    press(&mut app, key(Enter));
    let entry = save(&mut app);
    assert_eq!(
        named(&feelings(&entry, "feelings")),
        pairs(&[("lonely", Some(2)), ("worried", Some(4))])
    );
}

#[test]
fn a_feeling_named_can_be_changed_in_its_place_or_taken_out() {
    let mut app = two_feelings();
    // The first named: Enter opens its strength again.
    press_all(&mut app, &[Down, Down, Enter]);
    assert_eq!(app.context(), Context::FeelingsIntensity);
    let shown = screen_text(&app, 80, 24);
    assert!(shown.contains("Now: Sad › lonely › 7 of 10"), "{shown}");
    press_all(&mut app, &[Char('9'), Enter]);
    assert_eq!(app.context(), Context::FeelingsMore);
    let shown = screen_text(&app, 80, 24);
    assert!(shown.contains("Named: lonely 9 · worried 4"), "{shown}");
    // Backspace takes the selected one out; the other stays.
    press_all(&mut app, &[Down, Down, Down, Backspace]);
    let shown = screen_text(&app, 80, 24);
    assert!(shown.contains("Named: lonely 9"), "{shown}");
    assert!(!shown.contains("worried"), "{shown}");
    press(&mut app, key(Enter));
    let entry = save(&mut app);
    assert_eq!(
        named(&feelings(&entry, "feelings")),
        pairs(&[("lonely", Some(9))])
    );
}

#[test]
fn backing_out_of_a_change_keeps_the_feeling_as_it_was() {
    let mut app = two_feelings();
    press_all(&mut app, &[Down, Down, Enter]);
    // To the words, to the families, back to the list: nothing changed.
    press_all(&mut app, &[Backspace, Backspace, Backspace]);
    assert_eq!(app.context(), Context::FeelingsMore);
    let shown = screen_text(&app, 80, 24);
    assert!(shown.contains("Named: lonely 7 · worried 4"), "{shown}");
    press_all(&mut app, &[Up, Up, Up, Enter]);
    let entry = save(&mut app);
    assert_eq!(
        named(&feelings(&entry, "feelings")),
        pairs(&[("lonely", Some(7)), ("worried", Some(4))])
    );
}

#[test]
fn a_feeling_half_named_again_adds_nothing_beside_the_one_named() {
    let mut app = two_feelings();
    // Sad › lonely again, then on without a strength.
    press_all(&mut app, &[Down, Enter, Enter, Enter, Tab]);
    let entry = save(&mut app);
    assert_eq!(
        named(&feelings(&entry, "feelings")),
        pairs(&[("lonely", Some(7)), ("worried", Some(4))])
    );
}

#[test]
fn the_feeling_being_picked_stays_in_view_however_many_are_named() {
    let mut app = thought_record();
    goto(&mut app, "feelings");
    // One feeling from each of seven families, then an eighth being picked.
    for family in 0..7 {
        if family > 0 {
            press_all(&mut app, &[Down, Enter]);
        }
        press_all(&mut app, &vec![Down; family]);
        press_all(&mut app, &[Enter, Enter, Char('5'), Enter]);
    }
    press_all(&mut app, &[Down, Enter, Enter, Down, Enter]);
    for (w, h) in [(80, 24), (60, 20)] {
        let shown = screen_text(&app, w, h);
        let line = shown
            .lines()
            .find(|l| l.contains("Now: "))
            .unwrap_or_else(|| panic!("{shown}"));
        assert!(line.contains("Now: Sad › "), "{line}");
        assert!(line.contains(" more"), "{line}");
        // What Enter does is said whole, shorter where the window is narrow.
        let ask = shown
            .lines()
            .find(|l| l.contains("How strong is it?"))
            .unwrap_or_else(|| panic!("{shown}"));
        assert!(
            ask.trim_end().ends_with("keeps it.") || ask.trim_end().ends_with("can be named."),
            "{ask}"
        );
    }
}

#[test]
fn arrows_rating_a_feeling_again_start_from_its_first_strength() {
    let mut app = two_feelings();
    goto(&mut app, "feeling-now");
    press(&mut app, key(Left));
    let shown = screen_text(&app, 80, 24);
    assert!(
        shown.contains("lonely  first 7 of 10 · now 6 (−1)"),
        "{shown}"
    );
}

#[test]
fn taking_out_the_last_feeling_starts_the_list_again_and_leaves_nothing_named() {
    let mut app = thought_record();
    type_text(&mut app, "Alex didn't reply");
    goto(&mut app, "feelings");
    press_all(
        &mut app,
        &[Enter, Enter, Char('7'), Enter, Down, Down, Backspace],
    );
    assert_eq!(app.context(), Context::Feelings);
    let entry = save(&mut app);
    assert_eq!(
        entry
            .answers
            .iter()
            .find(|a| a.prompt_id == "feelings")
            .unwrap()
            .value,
        AnswerValue::Skipped
    );
}

#[test]
fn backspace_on_the_families_goes_back_to_the_feelings_named() {
    let mut app = two_feelings();
    press_all(&mut app, &[Down, Enter]);
    assert_eq!(app.context(), Context::Feelings);
    press(&mut app, key(Backspace));
    assert_eq!(app.context(), Context::FeelingsMore);
}

#[test]
fn rating_again_follows_the_feelings_as_they_stand() {
    let mut app = two_feelings();
    goto(&mut app, "feeling-now");
    press_all(&mut app, &[Char('3'), Enter, Char('2')]);
    // Back to the feelings: worried taken out.
    goto(&mut app, "feelings");
    press_all(&mut app, &[Down, Down, Down, Backspace]);
    goto(&mut app, "feeling-now");
    let shown = screen_text(&app, 80, 24);
    assert!(!shown.contains("worried"), "{shown}");
    let entry = save(&mut app);
    assert_eq!(
        named(&feelings(&entry, "feeling-now")),
        pairs(&[("lonely", Some(3))])
    );
}

#[test]
fn rating_again_with_no_feeling_named_says_so_and_can_be_skipped() {
    let mut app = thought_record();
    type_text(&mut app, "Alex didn't reply");
    goto(&mut app, "feeling-now");
    let shown = screen_text(&app, 80, 24);
    assert!(shown.contains("No feeling was named earlier"), "{shown}");
    press(&mut app, key(Char('5')));
    let entry = save(&mut app);
    assert_eq!(
        entry
            .answers
            .iter()
            .find(|a| a.prompt_id == "feeling-now")
            .unwrap()
            .value,
        AnswerValue::Skipped
    );
}

#[test]
fn several_feelings_survive_a_restart_half_way() {
    let mut h = Harness::new();
    h.keys(&[Enter]);
    // Step 5, the check-in: one feeling kept, a second half picked.
    h.keys(&[Down, Down, Down, Down, Enter, Enter]);
    h.keys(&[
        Down,
        Enter,
        Enter,
        Char('6'),
        Enter,
        Down,
        Enter,
        Enter,
        Down,
    ]);
    let before = screen_text(&h.app, 80, 24);
    h.send(attune::app::Msg::Tick);
    let h = h.relaunch();
    assert_eq!(screen_text(&h.app, 80, 24), before);
    assert!(before.contains("Named: "), "{before}");
}

#[test]
fn insights_draw_each_feeling_named_once_not_again_when_rated_again() {
    let mut app = two_feelings();
    goto(&mut app, "feeling-now");
    press_all(&mut app, &[Char('3'), Enter, Char('2')]);
    let entry = save(&mut app);
    let dir = tempfile::tempdir().unwrap();
    let mut store = attune::store::Store::open(dir.path()).unwrap();
    store
        .commit_entry(&entry, &attune::session::Session::empty())
        .unwrap();
    let since = chrono::DateTime::parse_from_rfc3339("2000-01-01T00:00:00+00:00").unwrap();
    let points: Vec<(String, i64)> = store
        .insights(since)
        .unwrap()
        .feelings
        .iter()
        .map(|p| (p.word.clone(), p.percent))
        .collect();
    assert_eq!(
        points,
        [("lonely".to_string(), 70), ("worried".to_string(), 40)]
    );
}
