//! The search module on named cases: what a person would type and write, each also checked
//! against SQLite's FTS5 (index MATCH and highlight()) so the expectations are FTS5's own.

mod support;

use attune::search::{
    MAX_TOKEN_BYTES, entry_matches, fold, fold_char, fts_query, matches, terms, tokens,
};
use support::fts5::{Fts5, any_of, render};

/// The words of `text` that a search for `typed` marks, after checking that FTS5 agrees: the
/// index finds `text` exactly when `entry_matches` says so, and highlight() marks the same spans.
fn marked<'t>(text: &'t str, typed: &str) -> Vec<&'t str> {
    let terms = terms(typed);
    let ranges = matches(text, &terms);
    let fts = Fts5::with(text);
    match fts_query(&terms) {
        Some(query) => assert_eq!(
            fts.index_matches(&query),
            entry_matches(text, &terms),
            "MATCH {query:?} on {text:?}"
        ),
        None => assert!(entry_matches(text, &terms), "no terms, no filter"),
    }
    if let Some(query) = any_of(&terms) {
        let highlighted = fts.highlight(&query).unwrap_or_else(|| text.to_owned());
        assert_eq!(highlighted, render(text, &ranges), "highlight {query:?}");
    }
    ranges.into_iter().map(|r| &text[r]).collect()
}

fn found(text: &str, typed: &str) -> bool {
    marked(text, typed);
    entry_matches(text, &terms(typed))
}

fn folded_tokens(text: &str) -> Vec<String> {
    tokens(text).map(|t| t.folded).collect()
}

#[test]
fn lower_casing_that_changes_byte_lengths_keeps_ranges_on_the_original() {
    // The entry view once lower-cased a copy and used its offsets on the original: "ẞ" (3
    // bytes) folds to "ß" (2) and "İ" (2) to "i" (1), so "word" sat at another offset.
    let text = "Die STRAẞE—word nach İstanbul";
    assert_eq!(marked(text, "word"), ["word"]);
    assert_eq!(marked(text, "WORD straße"), ["STRAẞE", "word"]);
    assert_eq!(
        folded_tokens(text),
        ["die", "straße", "word", "nach", "istanbul"]
    );
}

#[test]
fn sharp_s_is_folded_but_not_expanded() {
    // FTS5 folds one character at a time: ẞ is ß, but ß is never "ss".
    let text = "Die STRAẞE";
    assert_eq!(marked(text, "straße"), ["STRAẞE"]);
    assert_eq!(marked(text, "STRASSE"), Vec::<&str>::new());
    assert!(!found(text, "strasse"));
    assert_eq!(marked(text, "stra"), ["STRAẞE"]);
    assert_eq!(marked("die Strasse", "straße"), Vec::<&str>::new());
}

#[test]
fn dotted_capital_i_is_i_and_dotless_i_is_its_own_letter() {
    assert_eq!(marked("nach İstanbul", "istanbul"), ["İstanbul"]);
    assert_eq!(marked("nach ISTANBUL", "İstanbul"), ["ISTANBUL"]);
    assert_eq!(terms("İSTANBUL"), ["istanbul"]);
    // Turkish dotless ı folds to nothing else; its capital is I, which folds to i.
    assert_eq!(marked("ılık su", "ılık"), ["ılık"]);
    assert!(!found("ılık su", "ilik"));
    assert!(!found("ılık su", "ILIK"));
    assert_eq!(fold("ı"), "ı");
}

#[test]
fn latin_accents_go_but_some_letters_stay_letters_of_their_own() {
    assert_eq!(marked("Café Noël", "cafe noel"), ["Café", "Noël"]);
    assert_eq!(marked("CAFÉ", "café"), ["CAFÉ"]);
    assert_eq!(marked("Åsa i Malmö", "asa malmo"), ["Åsa", "Malmö"]);
    assert_eq!(marked("mañana", "manana"), ["mañana"]);
    assert_eq!(marked("Tiếng Việt", "tieng viet"), ["Tiếng", "Việt"]);
    // Letters that are not a base letter with an accent keep their identity.
    assert_eq!(marked("Søren", "søren"), ["Søren"]);
    assert!(!found("Søren", "soren"));
    assert_eq!(fold("ØÆŁĐÞŒ"), "øæłđþœ");
}

#[test]
fn greek_keeps_its_tonos_and_folds_final_sigma() {
    let text = "Καλημέρα κόσμε";
    assert_eq!(marked(text, "ΚΑΛΗΜΈΡΑ"), ["Καλημέρα"]);
    // remove_diacritics knows only Latin letters: έ is not ε.
    assert!(!found(text, "καλημερα"));
    assert_eq!(marked(text, "καλημ"), ["Καλημέρα"]);
    assert_eq!(marked("τελος ΤΈΛΟΣ", "τέλος"), ["ΤΈΛΟΣ"]);
    assert_eq!(fold("ς"), "σ");
}

#[test]
fn cyrillic_folds_case_and_keeps_yo() {
    assert_eq!(marked("Привет, МИР", "привет мир"), ["Привет", "МИР"]);
    assert_eq!(marked("Ёлка", "ёлка"), ["Ёлка"]);
    assert!(!found("Ёлка", "елка"));
    assert_eq!(marked("йод", "йо"), ["йод"]);
}

#[test]
fn cjk_runs_are_single_tokens() {
    // unicode61 has no word segmentation for CJK: a run of ideographs and kana is one token,
    // so only its start can be searched for.
    let text = "今日は日本語を勉強した。明日も";
    assert_eq!(folded_tokens(text), ["今日は日本語を勉強した", "明日も"]);
    assert_eq!(marked(text, "今日"), ["今日は日本語を勉強した"]);
    assert!(!found(text, "日本語"));
    assert_eq!(marked("한국어 공부", "공"), ["공부"]);
}

#[test]
fn emoji_of_unicode_6_1_are_separators_even_joined() {
    let text = "👨\u{200D}👩\u{200D}👧 family 👍day";
    assert_eq!(folded_tokens(text), ["family", "day"]);
    assert_eq!(terms("👍 ❤\u{FE0F}"), Vec::<String>::new());
    assert_eq!(fts_query(&terms("👍")), None);
    assert_eq!(marked(text, "fam 👍 da"), ["family", "day"]);
    assert_eq!(folded_tokens("a👍b"), ["a", "b"]);
}

#[test]
fn code_points_newer_than_unicode_6_1_are_word_characters() {
    // SQLite's tables are Unicode 6.1's ("unicode61"); a code point they miss is in category 0,
    // which is always a token category. So skin tones (Unicode 8) and 🤔 (Unicode 8) join words.
    assert_eq!(folded_tokens("👍🏽day 🤔 😀"), ["🏽day", "🤔"]);
    assert_eq!(marked("👍🏽day", "🏽"), ["🏽day"]);
    assert_eq!(marked("hmm🤔", "hmm"), ["hmm🤔"]);
}

#[test]
fn combining_accents_continue_a_word_and_are_dropped() {
    let decomposed = "cafe\u{301} ole\u{301}";
    assert_eq!(folded_tokens(decomposed), ["cafe", "ole"]);
    assert_eq!(marked(decomposed, "café"), ["cafe\u{301}"]);
    assert_eq!(marked("café", "cafe\u{301}"), ["café"]);
    // A combining mark never starts a word.
    assert_eq!(terms("\u{301}"), Vec::<String>::new());
    assert_eq!(folded_tokens("\u{301}e"), ["e"]);
    assert_eq!(fold_char('\u{301}'), None);
    // Only the marks remove_diacritics knows join a word; others (U+0332) split it.
    assert_eq!(folded_tokens("a\u{332}b"), ["a", "b"]);
}

#[test]
fn digits_and_numbers_are_word_characters() {
    let text = "Am 2024-05-01 um 7:30, x² und ½ ٣٤";
    assert_eq!(
        folded_tokens(text),
        [
            "am", "2024", "05", "01", "um", "7", "30", "x²", "und", "½", "٣٤"
        ]
    );
    assert_eq!(marked(text, "202"), ["2024"]);
    assert_eq!(marked(text, "0"), ["05", "01"]);
    // Other scripts' digits are not ASCII digits.
    assert!(!found(text, "34"));
}

#[test]
fn apostrophes_split_words_in_what_is_typed_as_in_the_index() {
    for typed in ["don't", "don’t", "DON'T"] {
        assert_eq!(terms(typed), ["don", "t"]);
    }
    assert_eq!(
        fts_query(&terms("don't")).as_deref(),
        Some("\"don\"* \"t\"*")
    );
    assert_eq!(marked("I don’t know", "don't"), ["don", "t"]);
}

#[test]
fn query_syntax_typed_is_only_words() {
    assert_eq!(
        terms("\"NEAR(a b)\" OR -x* AND ^y:z"),
        ["near", "a", "b", "or", "x", "and", "y", "z"]
    );
    assert!(found(
        "near a b or x and y z",
        "\"NEAR(a b)\" OR -x* AND ^y:z"
    ));
    // A quote in a term (never one from `terms`) is doubled inside the FTS5 string.
    assert_eq!(
        fts_query(&["a\"b".to_owned()]).as_deref(),
        Some("\"a\"\"b\"*")
    );
    assert_eq!(fts_query(&[String::new()]), None);
}

#[test]
fn empty_text_and_whitespace_only_words() {
    assert_eq!(tokens("").count(), 0);
    assert!(matches("", &terms("word")).is_empty());
    assert!(!found("", "word"));
    assert!(entry_matches("", &[]));
    for typed in ["", "   ", " \t\n\u{A0}\u{3000} "] {
        assert!(terms(typed).is_empty());
        assert_eq!(fts_query(&terms(typed)), None);
    }
    assert_eq!(terms("  hello \n  world  "), ["hello", "world"]);
    assert_eq!(marked("   \n ", "x"), Vec::<&str>::new());
}

#[test]
fn every_typed_word_must_be_found() {
    let text = "A walk in the park with Sam";
    assert!(found(text, "walk sam"));
    assert!(!found(text, "walk sue"));
    assert_eq!(marked(text, "wa pa zz"), ["walk", "park"]);
}

#[test]
fn private_use_and_unassigned_code_points_are_word_characters() {
    // Co (private use) is a default token category, and so is every code point missing from
    // SQLite's tables (the emoji 🫨 U+1FAE8 is Unicode 15's).
    assert_eq!(folded_tokens("a\u{E000}b c"), ["a\u{E000}b", "c"]);
    assert_eq!(folded_tokens("🫨x 😀x"), ["🫨x", "x"]);
    // FTS5 reads U+FFFE and U+FFFF as U+FFFD, a symbol.
    assert_eq!(folded_tokens("a\u{FFFE}b\u{FFFF}c"), ["a", "b", "c"]);
    assert_eq!(marked("a\u{FFFE}b", "b"), ["b"]);
}

#[test]
fn controls_and_invisible_format_characters_separate_words() {
    assert_eq!(folded_tokens("a\0b\u{7}c"), ["a", "b", "c"]);
    assert_eq!(
        folded_tokens("soft\u{AD}hyphen zero\u{200B}width"),
        ["soft", "hyphen", "zero", "width"]
    );
    let fts = Fts5::with("a\0b");
    assert!(fts.index_matches("\"b\"*"));
}

#[test]
fn fts5_compares_only_the_first_32768_bytes_of_a_token() {
    let long = "a".repeat(MAX_TOKEN_BYTES + 100);
    let text = format!("x {long} y");
    let past_the_cut = format!("{}b", "a".repeat(MAX_TOKEN_BYTES));
    assert!(found(&text, &past_the_cut));
    assert!(found(&text, &long));
    assert!(!found(
        &text,
        &format!("{}b", "a".repeat(MAX_TOKEN_BYTES - 1))
    ));
}

#[test]
fn right_to_left_text() {
    assert_eq!(marked("مرحبا بالعالم", "مرح"), ["مرحبا"]);
    assert_eq!(marked("שלום עולם", "של"), ["שלום"]);
    // Hebrew points are combining marks that remove_diacritics does not know: they split words.
    assert_eq!(folded_tokens("שָׁלוֹם"), ["ש", "לו", "ם"]);
    assert!(!found("שָׁלוֹם", "שלום"));
    // The old direction marks separate words; the bidi isolates (Unicode 6.3) are too new.
    assert_eq!(folded_tokens("a\u{200F}b\u{202B}c"), ["a", "b", "c"]);
    assert_eq!(folded_tokens("a\u{2067}b"), ["a\u{2067}b"]);
}
