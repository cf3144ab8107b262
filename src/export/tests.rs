//! Markdown and JSON export, case by case.
use super::{escape_line, paragraphs};

#[test]
fn what_would_be_formatting_is_escaped_and_nothing_else() {
    assert_eq!(escape_line("# not a heading"), "\\# not a heading");
    assert_eq!(escape_line("1. not a list"), "1\\. not a list");
    assert_eq!(escape_line("- nor this"), "\\- nor this");
    assert_eq!(
        escape_line("*stars* and _under_ [link](x)"),
        "\\*stars\\* and \\_under\\_ \\[link\\](x)"
    );
    assert_eq!(
        escape_line("plain words, 100% fine"),
        "plain words, 100% fine"
    );
    assert_eq!(escape_line("a \u{1b}c reset"), "a ␛c reset");
}

#[test]
fn json_escapes_every_control_and_reads_back_the_same() {
    use crate::journal::{Answer, AnswerValue};
    use crate::store::{EXPORT_FORMAT, Export, ExportedEntry};
    let hostile = "plain \u{7f} del, \u{1b}[2J esc, \u{9b}2J c1, \u{202e}bidi é \u{7f} \u{2028}ls \u{2029}ps — ’";
    let export = Export {
        format: EXPORT_FORMAT.to_string(),
        schema_version: 1,
        settings: Default::default(),
        entries: vec![ExportedEntry {
            uid: "u".into(),
            step_id: "s".into(),
            exercise_id: "e".into(),
            exercise_title: "ascii \u{7f} only".into(),
            created_at: "2026-11-29T10:00:00+01:00".into(),
            updated_at: "2026-11-29T10:00:00+01:00".into(),
            answers: vec![Answer {
                prompt_id: "p".into(),
                label: "l".into(),
                value: AnswerValue::Text(hostile.into()),
                pair: None,
            }],
            history: Vec::new(),
        }],
        drafts: Vec::new(),
    };
    let json = super::json(&export).unwrap();
    assert!(!json.chars().any(crate::sanitize::is_unsafe), "{json}");
    assert!(
        json.contains("— ’"),
        "other punctuation is left as it is: {json}"
    );
    assert!(
        !json.contains(['\u{2028}', '\u{2029}']),
        "no line ends but newlines"
    );
    for escaped in [
        "\\u007f", "\\u001b", "\\u009b", "\\u202e", "\\u2028", "\\u2029",
    ] {
        assert!(json.contains(escaped), "{escaped} in {json}");
    }
    let back: Export = serde_json::from_str(&json).unwrap();
    assert_eq!(back, export);
}

#[test]
fn lines_are_trimmed_as_str_trim_trims_them() {
    for line in [
        "",
        "a",
        " ",
        "ab",
        " a",
        "a ",
        "\u{a0}a",
        "a\u{3000}",
        "\ta b\t",
        "é",
        "a é",
        "~",
    ] {
        assert_eq!(super::trim(line), line.trim(), "{line:?}");
    }
}

#[test]
fn line_breaks_are_kept_and_blank_lines_separate_paragraphs() {
    let mut out = Vec::new();
    paragraphs(&mut out, "one\ntwo\n\nthree").unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "one  \ntwo\n\nthree");
}

proptest::proptest! {
    /// The one-look path of `paragraphs_into` writes what `paragraphs` writes, for
    /// plain text (mostly taking it) and for any text (controls, bidi, Unicode
    /// spaces, Markdown's specials: mostly the general path).
    #[test]
    fn paragraphs_into_writes_what_paragraphs_writes(
        text in "[ a-z0-9\n.)+=~-]{0,60}|[ \t\r\n0-9a-z.)+=~#*_`|<>\\[\\]\\\\é\u{85}\u{a0}\u{1680}\u{2000}\u{2028}\u{202e}\u{3000}\u{1b}\u{7f}\u{9b}-]{0,60}|\\PC*|.*|(\\PC|\\pC|\n| )*"
    ) {
        let mut old = Vec::new();
        paragraphs(&mut old, &text).unwrap();
        let mut new = Vec::new();
        super::markdown::paragraphs_into(&mut new, &text);
        proptest::prop_assert_eq!(String::from_utf8(new).unwrap(), String::from_utf8(old).unwrap());
    }
}

proptest::proptest! {
    /// Days and times are written as chrono formats them, at any instant and offset.
    #[test]
    fn day_and_time_writes_what_chrono_writes(
        secs in -70_000_000_000i64..300_000_000_000,
        offset in -86_399i32..86_399,
        weekday: bool,
    ) {
        use chrono::{DateTime, FixedOffset};
        let format = if weekday { "%A %-d %B %Y, %H:%M" } else { "%-d %B %Y, %H:%M" };
        let items: Vec<_> = chrono::format::StrftimeItems::new(format).collect();
        let at = DateTime::from_timestamp(secs, 0)
            .unwrap()
            .with_timezone(&FixedOffset::east_opt(offset).unwrap());
        let mut out = Vec::new();
        super::markdown::day_and_time(&mut out, &at, weekday, &items);
        proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), at.format(format).to_string());
    }
}

#[test]
fn json_puts_each_entry_and_draft_on_a_line_of_its_own() {
    use crate::journal::{Answer, AnswerValue};
    use crate::session::SavedDraft;
    use crate::store::{EXPORT_FORMAT, Export, ExportedEntry};
    let entry = |uid: &str| ExportedEntry {
        uid: uid.into(),
        step_id: "s".into(),
        exercise_id: "e".into(),
        exercise_title: "E".into(),
        created_at: "2026-11-29T10:00:00+01:00".into(),
        updated_at: "2026-11-29T10:00:00+01:00".into(),
        answers: vec![Answer {
            prompt_id: "p".into(),
            label: "l".into(),
            value: AnswerValue::Text("two\nlines".into()),
            pair: None,
        }],
        history: Vec::new(),
    };
    let draft: SavedDraft = serde_json::from_value(serde_json::json!({
        "step_id": "s", "exercise_id": "e", "prompt": 0, "answers": {}
    }))
    .unwrap();
    let mut settings = std::collections::BTreeMap::new();
    settings.insert("welcomed_at".to_string(), "2026-11-29".to_string());
    let export = Export {
        format: EXPORT_FORMAT.to_string(),
        schema_version: 1,
        settings,
        entries: vec![entry("a"), entry("b")],
        drafts: vec![draft.clone()],
    };
    let json = super::json(&export).unwrap();
    let lines: Vec<&str> = json.lines().collect();
    let whole = |line: &str| line.trim().trim_end_matches(',').to_string();
    let entries_at = lines.iter().position(|l| *l == "  \"entries\": [").unwrap();
    for (i, uid) in ["a", "b"].into_iter().enumerate() {
        let line = whole(lines[entries_at + 1 + i]);
        let read: ExportedEntry = serde_json::from_str(&line).unwrap();
        assert_eq!(read, entry(uid), "{json}");
    }
    assert_eq!(lines[entries_at + 3], "  ],");
    let drafts_at = lines.iter().position(|l| *l == "  \"drafts\": [").unwrap();
    let read: SavedDraft = serde_json::from_str(&whole(lines[drafts_at + 1])).unwrap();
    assert_eq!(read, draft);
    assert_eq!(lines[1], "  \"format\": \"attune-export\",");
    assert_eq!(lines[4], "    \"welcomed_at\": \"2026-11-29\"");
    let back: Export = serde_json::from_str(&json).unwrap();
    assert_eq!(back, export);
    // No entries: an empty list, still read back.
    let empty = Export {
        entries: Vec::new(),
        ..export
    };
    let json = super::json(&empty).unwrap();
    assert!(json.contains("\n  \"entries\": [],\n"), "{json}");
    assert_eq!(serde_json::from_str::<Export>(&json).unwrap(), empty);
}

/// The export as serde_json writes the `Export` itself with [`super::SafeStrings`]:
/// what `write_json`, which lays the export out by hand, must write byte for byte.
fn serde_reference(export: &crate::store::Export) -> String {
    use serde::Serialize;
    let mut out = Vec::new();
    let mut json = serde_json::Serializer::with_formatter(&mut out, super::SafeStrings::new());
    export.serialize(&mut json).unwrap();
    out.push(b'\n');
    String::from_utf8(out).unwrap()
}

/// Every kind of answer, with text that JSON or a terminal must have escaped.
fn every_kind_of_entry(uid: &str, text: &str) -> crate::store::ExportedEntry {
    use crate::journal::{Answer, AnswerValue};
    use crate::store::{ExportedEntry, ExportedVersion};
    let value = |json: serde_json::Value| -> AnswerValue { serde_json::from_value(json).unwrap() };
    let answer = |k: usize, value: AnswerValue, pair: Option<&str>| Answer {
        prompt_id: format!("p{k} {text}"),
        label: format!("{text} label {k}"),
        value,
        pair: pair.map(str::to_string),
    };
    let values = [
        AnswerValue::Text(text.to_string()),
        AnswerValue::Skipped,
        AnswerValue::Scale {
            value: 7,
            min: 0,
            max: 10,
        },
        AnswerValue::Choice(text.to_string()),
        AnswerValue::Multi {
            chosen: vec![text.to_string(), "b".into()],
            other: text.to_string(),
        },
        value(
            serde_json::json!({"kind": "feeling", "value": {"felt": [{"family": "fear", "word": text, "intensity": 3, "sensation": text}], "max": 5}}),
        ),
        value(
            serde_json::json!({"kind": "ladder", "value": {"item": text, "fields": [text], "items": [{"text": text, "rating": 40, "fields": [text]}], "min": 0, "max": 100}}),
        ),
        AnswerValue::Rung {
            text: text.to_string(),
            rating: Some(45),
            max: 100,
        },
        AnswerValue::Text(String::new()),
    ];
    let answers: Vec<Answer> = values
        .into_iter()
        .enumerate()
        .map(|(k, v)| answer(k, v, (k == 2).then_some(text)))
        .collect();
    ExportedEntry {
        uid: uid.to_string(),
        step_id: format!("s{text}"),
        exercise_id: "e".into(),
        exercise_title: text.to_string(),
        created_at: "2026-11-29T10:00:00+01:00".into(),
        updated_at: format!("2026-11-30T10:00:00-10:00{text}"),
        history: vec![ExportedVersion {
            changed_at: text.to_string(),
            answers: answers[..3].to_vec(),
        }],
        answers,
    }
}

#[test]
fn json_is_what_serde_writes_for_every_kind_of_answer_and_every_part_of_an_export() {
    use crate::session::SavedDraft;
    use crate::store::{EXPORT_FORMAT, Export};
    let hostile = "a \"quote\" \\ back\u{0}\u{1}\u{8}\u{9}\n\u{c}\r\u{1b}[2J\u{1f} \u{7f}\u{80}\u{9b}\u{9f} é \u{a0}\u{202a}\u{202e}\u{2066}\u{2069}\u{200e}\u{2028}\u{2029} — ’ 日🌱\u{e0001}";
    let draft: SavedDraft = serde_json::from_value(serde_json::json!({
        "step_id": hostile, "exercise_id": "e", "prompt": 0, "answers": {}
    }))
    .unwrap();
    let mut settings = std::collections::BTreeMap::new();
    settings.insert("welcomed_at".to_string(), "2026-11-29".to_string());
    settings.insert(hostile.to_string(), hostile.to_string());
    let full = Export {
        format: EXPORT_FORMAT.to_string(),
        schema_version: 8,
        settings,
        entries: vec![
            every_kind_of_entry("a", hostile),
            every_kind_of_entry("b", "plain words"),
        ],
        drafts: vec![draft.clone(), draft],
    };
    let cases = [
        full.clone(),
        Export {
            entries: Vec::new(),
            ..full.clone()
        },
        Export {
            drafts: Vec::new(),
            ..full.clone()
        },
        Export {
            settings: Default::default(),
            ..full.clone()
        },
        Export::of_entries(Vec::new()),
    ];
    for export in cases {
        let written = super::json(&export).unwrap();
        assert_eq!(written, serde_reference(&export));
        assert_eq!(serde_json::from_str::<Export>(&written).unwrap(), export);
    }
}

proptest::proptest! {
    /// Any string is written as serde_json escapes it with `SafeStrings`: plain text
    /// (eight bytes at a time), and text full of what must be escaped, where the
    /// escapes fall at every place of an eight-byte word.
    #[test]
    fn a_string_is_written_as_serde_writes_it(
        text in "\\PC*|.*|(\\PC|\\pC|\n| )*|[a-z \"\\\\\u{0}-\u{1f}\u{7f}-\u{a0}é\u{2028}\u{2029}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{200b}-\u{200f}]{0,40}",
    ) {
        let mut written = Vec::new();
        super::json_line::string(&mut written, &text);
        let mut expected = Vec::new();
        let mut json = serde_json::Serializer::with_formatter(&mut expected, super::SafeStrings::inside_entry());
        serde::Serialize::serialize(&text, &mut json).unwrap();
        proptest::prop_assert_eq!(String::from_utf8(written).unwrap(), String::from_utf8(expected).unwrap());
    }

    /// A whole entry, every kind of answer in it, is written as serde_json writes it.
    #[test]
    fn an_entry_is_written_as_serde_writes_it(text in "\\PC{0,12}|(\\PC|\\pC){0,12}") {
        let entry = every_kind_of_entry(&text, &text);
        let export = crate::store::Export::of_entries(vec![entry]);
        proptest::prop_assert_eq!(super::json(&export).unwrap(), serde_reference(&export));
    }
}

/// A rung whose words hold a line break (an import can bring one) stays one item of
/// the ladder's list, and every rung after it is still there, each on its own line.
#[test]
fn a_rung_with_a_line_break_stays_one_item_of_the_list() {
    use crate::journal::{Answer, AnswerValue, LadderItem};
    let rung = |text: &str, rating: i64| LadderItem {
        text: text.into(),
        rating: Some(rating),
        fields: Vec::new(),
    };
    let mut entry = every_kind_of_entry("u", "plain");
    entry.answers = vec![Answer {
        prompt_id: "ladder".into(),
        label: "Steps".into(),
        value: AnswerValue::Ladder {
            item: "rung".into(),
            fields: Vec::new(),
            items: vec![rung("line\nbreak", 10), rung("B", 20), rung("C", 30)],
            min: 0,
            max: 100,
        },
        pair: None,
    }];
    let content = crate::content::builtin().unwrap();
    let written = super::markdown(&crate::store::Export::of_entries(vec![entry]), &content);
    assert!(
        written
            .contains("**Steps**\n\n- line break (10 of 100)\n- B (20 of 100)\n- C (30 of 100)\n"),
        "{written}"
    );
}
