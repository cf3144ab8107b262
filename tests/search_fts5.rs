//! Property tests of the search module with SQLite's FTS5 as the oracle, on generated texts
//! rich in the Unicode that tokenizers get wrong. Case counts follow PROPTEST_CASES (256 by
//! default); run with PROPTEST_CASES=20000 for a long search.

mod support;

use attune::search::{entry_matches, fold, fts_query, is_token_char, matches, terms, tokens};
use proptest::prelude::*;
use proptest::sample::Index;
use support::fts5::{Fts5, any_of, highlight_text, render};

/// Characters worth testing: letters with diacritics, the case pairs that change length, other
/// scripts, combining marks, emoji and joiners, digits, punctuation, controls, bidi marks,
/// private-use and unassigned code points, and any char at all.
fn interesting_char() -> impl Strategy<Value = char> {
    let special = prop::sample::select(vec![
        ' ',
        ' ',
        '\t',
        '\n',
        '-',
        '\'',
        '\u{2019}',
        '"',
        '*',
        '.',
        ',',
        '_',
        '(',
        ':',
        '^',
        '+',
        '\0',
        '\u{7}',
        '\u{1B}',
        '\u{7F}',
        '\u{85}',
        '\u{A0}',
        '\u{AD}',
        '\u{200B}',
        '\u{200D}',
        '\u{200E}',
        '\u{200F}',
        '\u{202E}',
        '\u{2067}',
        '\u{FE0F}',
        '\u{FEFF}',
        '\u{FFFD}',
        '\u{FFFE}',
        '\u{FFFF}',
        '\u{E000}',
        '\u{E001}',
        'ß',
        'ẞ',
        'İ',
        'ı',
        'I',
        'i',
        'ſ',
        'K',
        'Ω',
        'ς',
        'Σ',
        'ǅ',
        'ﬁ',
        'ŉ',
        'ΐ',
        '\u{345}',
        '²',
        '½',
        '\u{1F3FD}',
    ]);
    prop_oneof![
        6 => prop::char::range('a', 'z'),
        2 => prop::char::range('A', 'Z'),
        2 => prop::char::range('0', '9'),
        6 => special,
        4 => prop::char::range('\u{C0}', '\u{24F}'), // Latin-1, Latin Extended-A and -B
        2 => prop::char::range('\u{1E00}', '\u{1EFF}'), // Latin Extended Additional
        3 => prop::char::range('\u{300}', '\u{36F}'), // combining diacritics
        2 => prop::char::range('\u{370}', '\u{3FF}'), // Greek
        1 => prop::char::range('\u{1F00}', '\u{1FFF}'), // Greek Extended
        2 => prop::char::range('\u{400}', '\u{52F}'), // Cyrillic
        1 => prop::char::range('\u{4E00}', '\u{4E80}'), // CJK
        1 => prop::char::range('\u{3040}', '\u{30FF}'), // kana
        1 => prop::char::range('\u{1F300}', '\u{1FAFF}'), // emoji
        1 => prop::char::range('\u{590}', '\u{6FF}'), // Hebrew, Arabic
        1 => prop::char::range('\u{900}', '\u{97F}'), // Devanagari
        1 => prop::char::range('\u{2000}', '\u{206F}'), // spaces, punctuation, format
        1 => prop::char::range('\u{2150}', '\u{24FF}'), // number forms, circled letters
        1 => prop::char::range('\u{FF00}', '\u{FFFF}'), // fullwidth, specials
        1 => prop::char::range('\u{10400}', '\u{1044F}'), // Deseret (folded above the BMP)
        1 => prop::char::range('\u{F0000}', '\u{F0010}'), // plane 15 private use
        1 => prop::char::range('\u{10FFF0}', '\u{10FFFF}'), // plane 16
        3 => any::<char>(),
    ]
}

fn text(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(interesting_char(), len).prop_map(|chars| chars.into_iter().collect())
}

/// A typed word for the `written` text: the start of one of its words or any piece of it (so
/// that it often matches), in its own case or changed by Rust's full case mapping (ß is "SS",
/// İ lower-cases to "i̇"); or random text.
fn word_for(written: &str) -> impl Strategy<Value = String> + use<> {
    let chars: Vec<char> = written.chars().collect();
    let starts: Vec<usize> = tokens(written)
        .map(|t| written[..t.range.start].chars().count())
        .collect();
    let piece = (any::<Index>(), 1..12usize, any::<bool>(), 0..3u8).prop_map(
        move |(at, len, word_start, case)| {
            let start = match (word_start, starts.is_empty(), chars.is_empty()) {
                (_, _, true) => return String::new(),
                (true, false, _) => starts[at.index(starts.len())],
                _ => at.index(chars.len()),
            };
            let word: String = chars[start..(start + len).min(chars.len())]
                .iter()
                .collect();
            match case {
                0 => word,
                1 => word.to_uppercase(),
                _ => word.to_lowercase(),
            }
        },
    );
    prop_oneof![3 => piece, 1 => text(0..8)]
}

/// A text and what a person types to find it: one to three words.
fn text_and_typed() -> impl Strategy<Value = (String, String)> {
    text(0..80).prop_flat_map(|text| {
        let typed = prop::collection::vec(word_for(&text), 1..4).prop_map(|w| w.join(" "));
        (Just(text), typed)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    /// 1. The index (declared as attune declares it) finds the text exactly when
    /// `entry_matches` says so, for the query `fts_query` builds from `terms`.
    #[test]
    fn entry_matches_agrees_with_fts5_match((text, typed) in text_and_typed()) {
        let terms = terms(&typed);
        let fts = Fts5::with(&text);
        match fts_query(&terms) {
            Some(query) => prop_assert_eq!(
                fts.index_matches(&query), entry_matches(&text, &terms), "query {:?}", query
            ),
            None => prop_assert!(terms.is_empty() && entry_matches(&text, &terms)),
        }
    }

    /// 2. Token ranges and prefix matches agree with highlight() on a detail=full table with the
    /// same tokenizer. highlight() marks each matching token's [start, end) as the tokenizer
    /// reports it, so: querying any of the text's own folded tokens marks every token, and its
    /// output equals the text with our token ranges marked; and querying the typed terms, one at
    /// a time and all together, marks exactly `matches`. Texts lose their NULs and marker
    /// characters first (see `highlight_text`); nothing else is changed.
    #[test]
    fn ranges_agree_with_fts5_highlight((text, typed) in text_and_typed()) {
        let text = highlight_text(&text);
        let fts = Fts5::with(&text);
        let all: Vec<String> = tokens(&text).map(|t| t.folded).collect();
        let ranges: Vec<_> = tokens(&text).map(|t| t.range).collect();
        if let Some(query) = any_of(&all) {
            prop_assert_eq!(fts.highlight(&query), Some(render(&text, &ranges)));
        }
        let terms = terms(&typed);
        let each = terms.iter().map(std::slice::from_ref);
        for some in each.chain([terms.as_slice()]) {
            let Some(query) = any_of(some) else { continue };
            let ours = matches(&text, some);
            let expected = (!ours.is_empty()).then(|| render(&text, &ours));
            prop_assert_eq!(fts.highlight(&query), expected, "query {:?}", query);
        }
    }

    /// 3. Nothing panics on any text; every range is a non-empty span on char boundaries of the
    /// original, in order without overlap; a token's folded form is the fold of its text; what
    /// lies between tokens is separators (or diacritics, which never start a token).
    #[test]
    fn ranges_are_sound(text in prop_oneof![text(0..120), any::<String>()], typed in text(0..20)) {
        let mut last_end = 0;
        for token in tokens(&text) {
            let piece = text.get(token.range.clone());
            prop_assert!(piece.is_some_and(|p| !p.is_empty()), "{:?}", token.range);
            prop_assert!(token.range.start >= last_end);
            let gap = &text[last_end..token.range.start];
            prop_assert!(!gap.chars().any(is_token_char), "token char in {:?}", gap);
            prop_assert!(!token.folded.is_empty());
            prop_assert_eq!(fold(&text[token.range.clone()]), token.folded);
            last_end = token.range.end;
        }
        prop_assert!(!text[last_end..].chars().any(is_token_char));
        let terms = terms(&typed);
        prop_assert!(terms.iter().all(|t| !t.is_empty()));
        let found = matches(&text, &terms);
        prop_assert!(found.windows(2).all(|w| w[0].end < w[1].start));
        prop_assert!(found.iter().all(|r| text.get(r.clone()).is_some() && r.start < r.end));
        let _ = entry_matches(&text, &terms);
    }
}
