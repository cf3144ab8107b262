//! The JSON export's entries, written by hand: the same bytes serde_json writes with
//! [`SafeStrings`](super::SafeStrings) for an entry on its line. serde_json looks at a
//! string a byte at a time, and the formatter looked again for what it escapes; here
//! a string is looked at once, eight bytes at a time (a whole export of 100,000
//! entries took 0.88 s against 0.96 s). The answer kinds other than text and the
//! earlier versions of an entry are few, and go through serde_json as before. Tests
//! compare the two byte for byte; the entry and the answer are taken apart field by
//! field, so a field added to either does not build until it is written here too.

use std::io::{self, Write};

use serde::Serialize;

use super::SafeStrings;
use crate::journal::{Answer, AnswerValue};
use crate::store::ExportedEntry;

/// `entry` as one line of compact JSON (its fields in the order `ExportedEntry`
/// declares them), appended to `out`.
pub(super) fn entry_line(out: &mut Vec<u8>, entry: &ExportedEntry) -> io::Result<()> {
    // Every field named: a backup must never leave one out.
    let ExportedEntry {
        uid,
        step_id,
        exercise_id,
        exercise_title,
        created_at,
        updated_at,
        answers,
        history,
    } = entry;
    let fields = [
        ("uid", uid),
        ("step_id", step_id),
        ("exercise_id", exercise_id),
        ("exercise_title", exercise_title),
        ("created_at", created_at),
        ("updated_at", updated_at),
    ];
    for (i, (name, value)) in fields.into_iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{\"" } else { b",\"" });
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\":");
        string(out, value);
    }
    out.extend_from_slice(b",\"answers\":[");
    for (i, answer) in answers.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        answer_object(out, answer)?;
    }
    out.extend_from_slice(b"],\"history\":");
    compact(out, history)?;
    out.push(b'}');
    Ok(())
}

/// One answer: `{"prompt_id":…,"label":…,"value":…}` and its `"pair"` when it has one.
fn answer_object(out: &mut Vec<u8>, answer: &Answer) -> io::Result<()> {
    let Answer {
        prompt_id,
        label,
        value,
        pair,
    } = answer;
    out.extend_from_slice(b"{\"prompt_id\":");
    string(out, prompt_id);
    out.extend_from_slice(b",\"label\":");
    string(out, label);
    out.extend_from_slice(b",\"value\":");
    match value {
        AnswerValue::Text(text) => {
            out.extend_from_slice(b"{\"kind\":\"text\",\"value\":");
            string(out, text);
            out.push(b'}');
        }
        other => compact(out, other)?,
    }
    if let Some(pair) = pair {
        out.extend_from_slice(b",\"pair\":");
        string(out, pair);
    }
    out.push(b'}');
    Ok(())
}

/// Anything else inside an entry, by serde_json with the export's formatter (compact
/// at this depth).
pub(super) fn compact(out: &mut Vec<u8>, value: &impl Serialize) -> io::Result<()> {
    let mut json = serde_json::Serializer::with_formatter(out, SafeStrings::inside_entry());
    value.serialize(&mut json).map_err(io::Error::other)
}

/// What a byte asks of [`string`]: nothing (0), a backslash and this letter, or
/// `u` (`\u00XX`); [`LOOK`] for DEL and the lead bytes of C1 controls, of bidi
/// controls and of the line and paragraph separators: the char is looked at.
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[0x7F] = LOOK;
    table[0xC2] = LOOK;
    table[0xE2] = LOOK;
    table
};
const LOOK: u8 = 1;

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Whether any byte of `word` is zero (exact for the word as a whole).
const fn has_zero(word: u64) -> bool {
    word.wrapping_sub(ONES) & !word & HIGHS != 0
}

/// Whether any of the eight bytes of `word` has a non-zero [`ESCAPE`]: below 0x20,
/// `"`, `\`, DEL, 0xC2 or 0xE2.
const fn may_escape(word: u64) -> bool {
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0;
    below_space
        || has_zero(word ^ (ONES * b'"' as u64))
        || has_zero(word ^ (ONES * b'\\' as u64))
        || has_zero(word ^ (ONES * 0x7F))
        || has_zero(word ^ (ONES * 0xC2))
        || has_zero(word ^ (ONES * 0xE2))
}

/// `text` as a JSON string, escaped as serde_json escapes it (C0 controls, `"` and
/// `\`) and as [`SafeStrings`] does (DEL, C1 and bidi controls, U+2028 and U+2029,
/// as `\uXXXX`). Eight bytes are looked at together while none needs a second look.
pub(super) fn string(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(word) = bytes.get(at..at + 8) {
            let word = u64::from_ne_bytes(word.try_into().unwrap_or([0; 8]));
            if !may_escape(word) {
                at += 8;
                continue;
            }
        }
        let escape = ESCAPE[bytes[at] as usize];
        if escape == 0 {
            at += 1;
            continue;
        }
        if escape == LOOK {
            // DEL, 0xC2 and 0xE2 start a char (they are never a continuation byte).
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                at += 1;
                continue;
            };
            if !(crate::sanitize::is_unsafe(c) || super::is_separator(c)) {
                at += c.len_utf8();
                continue;
            }
            out.extend_from_slice(&bytes[copied..at]);
            // As `SafeStrings` writes it. Writing into memory cannot fail.
            let _ = write!(out, "\\u{:04x}", c as u32);
            at += c.len_utf8();
            copied = at;
            continue;
        }
        out.extend_from_slice(&bytes[copied..at]);
        out.push(b'\\');
        out.push(escape);
        if escape == b'u' {
            let b = bytes[at];
            out.extend_from_slice(&[b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 0xF) as usize]]);
        }
        at += 1;
        copied = at;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}
