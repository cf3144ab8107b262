//! Any input is safe: random key streams over every screen never panic, never lose
//! a saved entry, and always leave a session that restores exactly; any text
//! displays without breaking the layout; any terminal size draws.

mod support;

use attune::app::{App, Boot, Msg};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use support::*;

#[derive(Debug, Clone)]
enum Input {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
}

fn input() -> impl Strategy<Value = Input> {
    use KeyCode::*;
    let code = prop_oneof![
        4 => Just(Up),
        4 => Just(Down),
        2 => Just(Left),
        2 => Just(Right),
        6 => Just(Enter),
        2 => Just(Esc),
        4 => Just(Tab),
        2 => Just(BackTab),
        2 => Just(Backspace),
        1 => Just(Delete),
        1 => Just(Home),
        1 => Just(End),
        1 => Just(PageUp),
        1 => Just(PageDown),
        1 => Just(F(1)),
        6 => proptest::sample::select("qjkhlacdmrKJ? 0123456789xé日🌱\u{0301}مر".chars().collect::<Vec<_>>()).prop_map(Char),
    ];
    let mods = prop_oneof![8 => Just(KeyModifiers::NONE), 1 => Just(KeyModifiers::SHIFT), 1 => Just(KeyModifiers::ALT)];
    prop_oneof![
        30 => (code, mods).prop_map(|(c, m)| Input::Key(KeyEvent::new(c, m))),
        1 => "[a-z 日🌱\\n\\t]{0,40}".prop_map(Input::Paste),
        1 => (1u16..200, 1u16..70).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(long_property(150, 2000))]

    #[test]
    fn random_key_streams_never_panic_or_lose_an_entry(inputs in proptest::collection::vec(input(), 1..80)) {
        let mut h = Harness::new();
        let mut size = (80u16, 24u16);
        for (i, input) in inputs.into_iter().enumerate() {
            match input {
                // Ctrl-C is covered elsewhere; here every key keeps the session going.
                Input::Key(key) => h.press(key),
                Input::Paste(text) => h.send(Msg::Paste(text)),
                Input::Resize(w, h2) => {
                    size = (w, h2);
                    h.send(Msg::Resize(w, h2));
                }
            }
            if i % 8 == 0 {
                screen_text(&h.app, size.0, size.1);
            }
        }
        screen_text(&h.app, size.0, size.1);
        screen_text(&h.app, 80, 24);

        let entries = h.store.list_entries().unwrap();
        prop_assert_eq!(entries.len(), h.commits);
        for e in &entries {
            prop_assert!(h.store.entry(e.id).unwrap().is_some());
        }
        // Whatever state it is in, it saves and restores exactly.
        let session = h.app.session();
        let restored = App::new(content(), Boot { welcomed: true, session: Some(session.clone()), ..Boot::default() });
        if !matches!(session.screen, attune::session::SavedScreen::Welcome) {
            prop_assert_eq!(restored.session(), session);
        }
    }
}

#[test]
fn any_script_displays_without_breaking_the_layout() {
    let texts = [
        "日本語のテキストはこのように折り返されます。全角文字は二つの桁を使います。",
        "Emoji 🌱🌧️👩‍👩‍👧 and flags 🇳🇱🇯🇵 stay whole",
        "Combining marks: e\u{0301} a\u{0308} n\u{0303} ñ, Zalgo-ish o\u{0336}\u{0336}",
        "مرحبا بك في أتيون. النص من اليمين إلى اليسار",
        "עברית גם כן",
    ];
    let mut app = thought_record();
    app.update(Msg::Paste(texts.join("\n")));
    let shown = screen_text(&app, 80, 24);
    let rows: Vec<&str> = shown.lines().collect();
    assert_eq!(rows.len(), 24);
    // The editor's right border stays in its column on every row it spans.
    let bordered: Vec<&&str> = rows
        .iter()
        .filter(|r| r.trim_start().starts_with('│'))
        .collect();
    assert!(bordered.len() > 5);
    for row in bordered {
        assert!(
            row.trim_end().ends_with('│'),
            "a wide or joined character pushed the border: {row:?}"
        );
    }
    insta::assert_snapshot!("unicode_in_a_text_field", shown);
    for (w, h) in [(60, 18), (61, 19), (120, 40)] {
        screen_text(&app, w, h);
    }
}

#[test]
fn every_size_down_to_one_by_one_draws() {
    let mut apps = vec![app(), App::new(content(), Boot::default())];
    let mut ex = thought_record();
    type_text(&mut ex, "some words");
    apps.push(ex);
    for app in &apps {
        for w in [1, 2, 3, 10, 59, 60, 61, 200] {
            for h in [1, 2, 3, 10, 17, 18, 19, 80] {
                let shown = screen_text(app, w, h);
                let big_enough = w >= attune::ui::MIN_WIDTH && h >= attune::ui::MIN_HEIGHT;
                if big_enough {
                    assert!(shown.contains("F1"), "{w}x{h}:\n{shown}");
                } else if w >= 10 && h >= 3 {
                    assert!(shown.contains("Please"), "{w}x{h}:\n{shown}");
                }
            }
        }
    }
}

/// Stable-Rust fuzzing of the content-pack and settings loaders: damaged versions of
/// real files never panic, and every problem points inside the file it names.
fn damaged(original: &'static str) -> impl Strategy<Value = String> {
    let len = original.len();
    proptest::collection::vec((0..len, any::<u8>(), 0u8..4), 1..12).prop_map(move |edits| {
        let mut bytes = original.as_bytes().to_vec();
        for (at, byte, how) in edits {
            if bytes.is_empty() {
                break;
            }
            let at = at.min(bytes.len() - 1);
            match how {
                0 => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                2 => {
                    bytes.remove(at);
                }
                _ => bytes.truncate(at),
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

proptest! {
    #![proptest_config(long_property(300, 1500))]

    #[test]
    fn damaged_content_packs_are_refused_with_located_problems(text in damaged(include_str!("../content/challenge-beliefs.toml"))) {
        let sources = vec![
            ("content/express-emotions.toml".to_string(), include_str!("../content/express-emotions.toml").to_string()),
            ("content/challenge-beliefs.toml".to_string(), text.clone()),
        ];
        if let Err(e) = attune::content::load_sources(sources) {
            prop_assert!(!e.problems.is_empty());
            for p in &e.problems {
                prop_assert!(p.line >= 1 && p.column >= 1);
                if p.file == "content/challenge-beliefs.toml" {
                    prop_assert!(p.line <= text.lines().count().max(1) + 1, "{}", p);
                }
            }
        }
    }

    #[test]
    fn damaged_settings_never_panic(text in damaged("[[crisis_lines]]\nwho = \"Samaritans\"\nhow = \"116 123\"\nchecked = \"2026-11-01\"\n")) {
        if let Err(p) = attune::settings::parse("settings.toml", &text) {
            prop_assert!(p.line >= 1 && p.line <= text.lines().count().max(1) + 1, "{}", p);
        }
    }
}
