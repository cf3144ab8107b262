//! Any Unicode, drawn safely: the entry view's search highlight never panics, whatever
//! the text and the words; bidi overrides and control characters in answers never
//! reach the terminal (checked in the drawn buffer).

mod support;

use attune::app::{Msg, Screen};
use attune::journal::{Answer, AnswerValue, Entry, EntrySummary};
use crossterm::event::KeyCode::*;
use proptest::prelude::*;
use support::*;

fn entry_with(text: &str) -> Entry {
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T21:15:00+01:00").unwrap();
    Entry {
        id: 1,
        uid: "u1".into(),
        step_id: "recognize".into(),
        exercise_id: "pattern-log".into(),
        exercise_title: "Pattern log".into(),
        created_at: at,
        updated_at: at,
        answers: vec![Answer {
            prompt_id: "situation".into(),
            label: "What happened?".into(),
            value: AnswerValue::Text(text.into()),
            pair: None,
        }],
        history: vec![],
    }
}

/// Review searched for `words`, with the entry holding `text` open.
fn searched(text: &str, words: &str) -> attune::app::App {
    let mut app = app();
    press(&mut app, key(Char('r')));
    press(&mut app, key(Char('/')));
    app.update(Msg::Paste(words.into()));
    press(&mut app, key(Enter));
    app.update(loaded(vec![EntrySummary {
        id: 1,
        step_id: "recognize".into(),
        exercise_id: "pattern-log".into(),
        exercise_title: "Pattern log".into(),
        created_at: entry_with(text).created_at,
        preview: text.into(),
    }]));
    press(&mut app, key(Enter));
    app.update(Msg::EntryLoaded(1, Some(Box::new(entry_with(text)))));
    assert!(matches!(app.screen, Screen::Entry { .. }));
    app
}

#[test]
fn the_reported_text_is_highlighted_without_a_panic() {
    let app = searched("Die STRAẞE—word nach İstanbul", "word");
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let row = (0..24)
        .find(|y| {
            (0..80)
                .map(|x| buffer[(x, *y)].symbol())
                .collect::<String>()
                .contains("Istanbul")
                || (0..80)
                    .map(|x| buffer[(x, *y)].symbol())
                    .collect::<String>()
                    .contains("İstanbul")
        })
        .expect("the answer is drawn");
    let marked: String = (0..80)
        .filter(|x| {
            buffer[(*x, row)]
                .modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
        })
        .map(|x| buffer[(x, row)].symbol().to_string())
        .collect();
    assert_eq!(marked, "word");
    // İstanbul is found by what the index folds it to.
    let app = searched("Die STRAẞE—word nach İstanbul", "istan");
    assert!(screen_text(&app, 80, 24).contains("İstanbul"));
}

fn unicode_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Z",
        "ẞ",
        "ß",
        "İ",
        "ı",
        "é",
        "e\u{301}",
        "ø",
        "Ω",
        "ς",
        "ё",
        "中文",
        "👍🏽",
        "👨‍👩‍👧",
        "\u{202e}",
        "\u{2066}",
        "\t",
        "\n",
        " ",
        "—",
        "'",
        "٣",
        "\u{1b}",
        "\u{9b}",
        "\u{0}",
        "\u{E000}",
        "ﾞ",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(128)
    ))]

    #[test]
    fn any_text_and_any_words_draw_without_a_panic(text in unicode_text(), words in unicode_text()) {
        let app = searched(&text, &words);
        for (w, h) in [(80, 24), (60, 18)] {
            let terminal = draw(&app, w, h);
            let drawn: String = terminal.backend().buffer().content.iter().map(|c| c.symbol()).collect();
            prop_assert!(!drawn.chars().any(attune::sanitize::is_unsafe), "{drawn:?}");
        }
    }
}

#[test]
fn a_bidi_override_in_an_answer_never_reaches_the_terminal() {
    let text = "start \u{202e}desrever\u{202c} end \u{2067}isolate\u{2069} \u{1b}[2J";
    let mut app = app();
    press(&mut app, key(Char('r')));
    app.update(loaded(vec![EntrySummary {
        id: 1,
        step_id: "recognize".into(),
        exercise_id: "pattern-log".into(),
        exercise_title: "Pattern log".into(),
        created_at: entry_with(text).created_at,
        preview: text.into(),
    }]));
    let terminal = draw(&app, 80, 24);
    let drawn: String = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(!drawn.chars().any(attune::sanitize::is_unsafe), "{drawn:?}");
    assert!(screen_text(&app, 80, 24).contains("desrever"));
}
