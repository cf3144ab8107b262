//! The Markdown export: the journal for reading or sharing, every entry a section,
//! nothing in the answers taken as formatting and no control character let through.

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::LazyLock;

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, Datelike, FixedOffset, Timelike};

use super::tried::{RungsTried, Tried};
use crate::content::Content;
use crate::journal::{Answer, AnswerValue};
use crate::sanitize::{
    ByteKinds, MAYBE_UNSAFE, UNSAFE_KINDS, byte_kinds_in, for_terminal, with_kind,
};
use crate::session::SavedDraft;
use crate::store::{Entries, Export, ExportedEntry, Filter};

/// The journal as Markdown: a title, the date range, then one section per entry with
/// date, step and exercise, each prompt as a label and the answer as text.
pub fn write_markdown(
    out: &mut dyn Write,
    export: &dyn Entries,
    content: &Content,
    filter: &Filter,
    tried: &Tried,
) -> io::Result<()> {
    out.write_all(b"# attune journal\n\n")?;
    let applied = describe(filter, content);
    if !applied.is_empty() {
        writeln!(out, "Only {}.\n", escape_line(&applied.join(", ")))?;
    }
    let day = |at: Option<&str>| {
        DateTime::parse_from_rfc3339(at?)
            .ok()
            .map(|d| d.format("%-d %B %Y").to_string())
    };
    let (first, last) = export.first_and_last();
    match (day(first), day(last), export.count()) {
        (_, _, 0) => out.write_all(b"No entries.\n")?,
        (Some(first), Some(last), n) => {
            let count = if n == 1 {
                "1 entry".to_string()
            } else {
                format!("{n} entries")
            };
            let range = if first == last {
                first
            } else {
                format!("{first} to {last}")
            };
            writeln!(out, "{range} · {count}")?;
        }
        _ => {}
    }
    // Each entry made whole in memory, then written at once: a few large writes,
    // not a dozen small ones per answer through `dyn Write`.
    let mut buf = Vec::with_capacity(1 << 16);
    export.each(&mut |entry| {
        buf.clear();
        section(&mut buf, entry, content, tried)?;
        out.write_all(&buf)
    })
}

/// The filters an export was made with, in words: "step 4 (Challenge negative
/// beliefs)", "from 1 November 2026", "with the words “alone”".
pub fn describe(filter: &Filter, content: &Content) -> Vec<String> {
    let mut said = Vec::new();
    if let Some(id) = &filter.step {
        said.push(match content.step(id) {
            Some(s) if s.place => s.title.clone(),
            Some(s) => format!("step {} ({})", s.number, s.title),
            None => format!("step {id}"),
        });
    }
    if let Some(id) = &filter.exercise {
        let title = content
            .steps
            .iter()
            .flat_map(|s| &s.exercises)
            .find(|e| &e.id == id)
            .map_or(id.as_str(), |e| e.title.as_str());
        said.push(format!("the exercise {title}"));
    }
    let day = |d: &chrono::NaiveDate| d.format("%-d %B %Y").to_string();
    match (&filter.since, &filter.until) {
        (Some(since), Some(until)) if since == until => said.push(format!("on {}", day(since))),
        (Some(since), Some(until)) => said.push(format!("from {} to {}", day(since), day(until))),
        (Some(since), None) => said.push(format!("from {}", day(since))),
        (None, Some(until)) => said.push(format!("up to {}", day(until))),
        (None, None) => {}
    }
    if !filter.words.trim().is_empty() {
        said.push(format!("with the words “{}”", filter.words.trim()));
    }
    said
}

/// [`write_markdown`] of everything into a string (for tests and small exports).
pub fn markdown(export: &Export, content: &Content) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_markdown(&mut out, export, content, &Filter::default(), &Tried::new());
    String::from_utf8(out).unwrap_or_default()
}

fn section(
    out: &mut Vec<u8>,
    entry: &ExportedEntry,
    content: &Content,
    tried: &Tried,
) -> io::Result<()> {
    // The formats parsed once, not once per entry.
    static WHEN: LazyLock<Vec<Item<'static>>> = LazyLock::new(|| items("%A %-d %B %Y, %H:%M"));
    static CHANGED: LazyLock<Vec<Item<'static>>> = LazyLock::new(|| items("%-d %B %Y, %H:%M"));
    let step = content
        .step(&entry.step_id)
        .map(|s| s.label())
        .unwrap_or_else(|| entry.step_id.clone());
    out.extend_from_slice(b"\n---\n\n## ");
    out.extend_from_slice(escape_line(&entry.exercise_title).as_bytes());
    out.extend_from_slice(b"\n\n*");
    // A day and time written is never changed by `escape_line`; a date that could
    // not be read is written as it was, escaped.
    match DateTime::parse_from_rfc3339(&entry.created_at) {
        Ok(when) => day_and_time(out, &when, true, &WHEN),
        Err(_) => out.extend_from_slice(escape_line(&entry.created_at).as_bytes()),
    }
    out.extend_from_slice(" · ".as_bytes());
    out.extend_from_slice(escape_line(&step).as_bytes());
    out.extend_from_slice(b"*\n");
    if entry.updated_at != entry.created_at
        && let Ok(changed) = DateTime::parse_from_rfc3339(&entry.updated_at)
    {
        out.extend_from_slice(b"\n*Last changed ");
        day_and_time(out, &changed, false, &CHANGED);
        out.extend_from_slice(b"*\n");
    }
    // Asked of ladders only: the key is three strings made for the question.
    let tries = |prompt: &str| {
        if tried.is_empty() {
            return None;
        }
        tried.get(&(
            entry.step_id.clone(),
            entry.exercise_id.clone(),
            prompt.to_string(),
        ))
    };
    answers(out, &entry.answers, &tries)
}

/// Each answer under its prompt; the prompts skipped are named together in one line
/// at the end (a skip is said, not given a section of its own).
fn answers<'a>(
    out: &mut Vec<u8>,
    all: &[Answer],
    tries: &dyn Fn(&str) -> Option<&'a RungsTried>,
) -> io::Result<()> {
    let skipped: Vec<_> = all
        .iter()
        .filter(|a| matches!(a.value, AnswerValue::Skipped))
        .map(|a| match a.label.trim() {
            "" => Cow::Borrowed("a prompt without a label"),
            label => escape_inline(label),
        })
        .collect();
    for answer in all {
        if matches!(answer.value, AnswerValue::Skipped) {
            continue;
        }
        // Pieces written as they are: most of an export is these few lines.
        out.write_all(b"\n**")?;
        out.write_all(escape_line(&answer.label).as_bytes())?;
        out.write_all(b"**\n\n")?;
        match &answer.value {
            // The bulk of a journal: written straight to the output.
            AnswerValue::Text(text) => paragraphs_into(out, text),
            AnswerValue::Ladder { .. } => write_answer(out, answer, all, tries(&answer.prompt_id)),
            _ => write_answer(out, answer, all, None),
        }
        out.write_all(b"\n")?;
    }
    if !skipped.is_empty() {
        writeln!(out, "\n*Skipped: {}*", skipped.join(" · "))?;
    }
    Ok(())
}

/// Drafts as Markdown: drafts kept from another content pack, to read or keep.
pub fn write_drafts(
    out: &mut dyn Write,
    drafts: &[SavedDraft],
    content: &Content,
) -> io::Result<()> {
    out.write_all(b"# attune drafts\n\nDrafts that were never saved as entries.\n")?;
    for draft in drafts {
        let found = content.exercise(&draft.step_id, &draft.exercise_id);
        let title = found.map_or(draft.exercise_id.as_str(), |(_, e)| e.title.as_str());
        let step = found.map_or(draft.step_id.clone(), |(s, _)| s.label());
        write!(
            out,
            "\n---\n\n## {}\n\n*draft · {}*\n",
            escape_line(title),
            escape_line(&step)
        )?;
        for (id, answer) in &draft.answers {
            let label = found
                .and_then(|(_, e)| e.prompts.iter().find(|p| &p.id == id))
                .map_or(id.as_str(), |p| p.label.as_str());
            write!(out, "\n**{}**\n\n", escape_line(label))?;
            paragraphs(out, &answer.words())?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// A day and time as chrono writes `%A %-d %B %Y, %H:%M` (`weekday`) or `%-d %B %Y,
/// %H:%M` (the format's `items`), without chrono's formatting machinery (once per
/// entry, it cost about as much as escaping the entry's words). Years outside
/// 1000–9999, which chrono pads or signs, are left to chrono.
pub(super) fn day_and_time(
    out: &mut Vec<u8>,
    at: &DateTime<FixedOffset>,
    weekday: bool,
    items: &[Item],
) {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let year = at.year();
    if !(1000..=9999).contains(&year) {
        // Writing into memory cannot fail.
        let _ = write!(out, "{}", at.format_with_items(items.iter()));
        return;
    }
    let digits = |out: &mut Vec<u8>, n: u32, width: u32| {
        for place in (0..width).rev() {
            out.push(b'0' + (n / 10u32.pow(place) % 10) as u8);
        }
    };
    if weekday {
        out.extend_from_slice(DAYS[at.weekday().num_days_from_monday() as usize].as_bytes());
        out.push(b' ');
    }
    digits(out, at.day(), if at.day() < 10 { 1 } else { 2 });
    out.push(b' ');
    out.extend_from_slice(MONTHS[at.month0() as usize].as_bytes());
    out.push(b' ');
    digits(out, year as u32, 4);
    out.extend_from_slice(b", ");
    digits(out, at.hour(), 2);
    out.push(b':');
    digits(out, at.minute(), 2);
}

/// A strftime format as chrono's items, owned (the formats are constants).
fn items(format: &'static str) -> Vec<Item<'static>> {
    StrftimeItems::new(format).collect()
}

/// An answer other than free text, written into `out` piece by piece (a format and
/// a join per line cost as much as the rest of these answers' writing).
fn write_answer(out: &mut Vec<u8>, answer: &Answer, all: &[Answer], tries: Option<&RungsTried>) {
    // Writing into memory cannot fail.
    match &answer.value {
        AnswerValue::Skipped => out.extend_from_slice(b"*skipped*"),
        AnswerValue::Scale { value, min, max } => {
            let _ = write!(out, "{value} (from {min} to {max})");
            if let Some(change) = answer.change_from_before(all) {
                let _ = write!(out, "; before and after: {change}");
            }
        }
        // One feeling reads as a line (as it always has), several as a list.
        AnswerValue::Feeling(f) if f.felt.len() > 1 || answer.pair.is_some() => {
            let listed = list(out, &answer.value.full_text());
            if let Some(change) = answer.change_from_before(all) {
                if listed {
                    out.push(b'\n');
                }
                out.extend_from_slice(b"\nBefore and now: ");
                out.extend_from_slice(escape_inline(&change).as_bytes());
            }
        }
        AnswerValue::Multi { .. } => {
            list(out, &answer.value.full_text());
        }
        // Each rung on its line (a line break in a rung's words, which an import can
        // bring, is a space: the list stays one item a rung), and under it, when it
        // was tried (the latest try).
        AnswerValue::Ladder {
            items, fields, max, ..
        } => {
            let mut rung = String::new();
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    out.push(b'\n');
                }
                rung.clear();
                for (n, part) in item.line(fields, *max).lines().enumerate() {
                    if n > 0 {
                        rung.push(' ');
                    }
                    rung.push_str(part);
                }
                out.extend_from_slice(b"- ");
                out.extend_from_slice(escape_inline(&rung).as_bytes());
                if let Some((t, n)) = tries.and_then(|t| t.get(&item.text)) {
                    out.extend_from_slice(b"  \n  ");
                    out.extend_from_slice(escape_inline(&t.describe()).as_bytes());
                    if *n > 1 {
                        let _ = write!(out, " ({n} tries)");
                    }
                }
            }
        }
        other => paragraphs_into(out, &other.full_text()),
    }
}

/// Each line of `text` as an item of a list, one line apart; whether there was any.
fn list(out: &mut Vec<u8>, text: &str) -> bool {
    let mut any = false;
    for line in text.lines() {
        if any {
            out.push(b'\n');
        }
        out.extend_from_slice(b"- ");
        out.extend_from_slice(escape_inline(line).as_bytes());
        any = true;
    }
    any
}

/// Free text as Markdown that shows exactly what was written: line breaks kept (as
/// two trailing spaces, invisible in a plain editor, a line break when rendered),
/// blank lines as paragraphs, and nothing in it taken as formatting.
pub(super) fn paragraphs(out: &mut dyn Write, text: &str) -> io::Result<()> {
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let line = escape_line(line);
        out.write_all(line.as_bytes())?;
        if let Some(next) = lines.peek() {
            let hard_break = !line.is_empty() && !next.trim().is_empty();
            out.write_all(if hard_break { b"  \n" } else { b"\n" })?;
        }
    }
    Ok(())
}

/// The bytes that send a text down [`paragraphs`]' general path: those that may
/// start a control, bidi or whitespace char other than space and newline (C0 but
/// `\n`, DEL, and the lead bytes `C2`, `E1`, `E2`, `E3` of C1 controls, bidi
/// controls and Unicode spaces), and Markdown's specials.
const NOT_PLAIN: ByteKinds = {
    let mut table = with_kind([0; 256], 1, b"\\*_`[]<>#|\x7f\xc2\xe1\xe2\xe3");
    let mut b = 0;
    while b < 0x20 {
        if b != b'\n' as usize {
            table[b] = 1;
        }
        b += 1;
    }
    table
};

/// [`paragraphs`] into memory, in one look at most texts: one without any
/// [`NOT_PLAIN`] byte has no char to escape and no whitespace but spaces and line
/// breaks, so its lines need only trimming of spaces and the escape of a list or
/// rule marker at their start. The same bytes as [`paragraphs`] for any text.
pub(super) fn paragraphs_into(out: &mut Vec<u8>, text: &str) {
    if byte_kinds_in(text.as_bytes(), &NOT_PLAIN) != 0 {
        // Writing into memory cannot fail.
        let _ = paragraphs(out, text);
        return;
    }
    if text.is_empty() {
        return;
    }
    // `str::lines`: a last line break ends the last line, it starts no other (and
    // there is no `\r`).
    let mut lines = text
        .strip_suffix('\n')
        .unwrap_or(text)
        .split('\n')
        .map(str::trim_ascii)
        .peekable();
    while let Some(line) = lines.next() {
        let bytes = line.as_bytes();
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        match bytes.first() {
            Some(b'-' | b'+' | b'=' | b'~') => {
                out.push(b'\\');
                out.extend_from_slice(bytes);
            }
            Some(_) if digits > 0 && matches!(bytes.get(digits), Some(b'.' | b')')) => {
                out.extend_from_slice(&bytes[..digits]);
                out.push(b'\\');
                out.extend_from_slice(&bytes[digits..]);
            }
            _ => out.extend_from_slice(bytes),
        }
        if let Some(next) = lines.peek() {
            let hard_break = !line.is_empty() && !next.is_empty();
            out.extend_from_slice(if hard_break { b"  \n" } else { b"\n" });
        }
    }
}

pub(super) fn escape_line(line: &str) -> Cow<'_, str> {
    let escaped = escape_inline(trim(line));
    // What would start a list, rule or setext heading at a line's start.
    if escaped.starts_with(['-', '+', '=', '~']) {
        return Cow::Owned(format!("\\{escaped}"));
    }
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && escaped[digits..].starts_with(['.', ')']) {
        return Cow::Owned(format!("{}\\{}", &escaped[..digits], &escaped[digits..]));
    }
    escaped
}

/// `str::trim`, answered without looking at chars when the line begins and ends
/// with a visible ASCII character (nearly every line).
pub(super) fn trim(line: &str) -> &str {
    match line.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => line,
        [only] if only.is_ascii_graphic() => line,
        _ => line.trim(),
    }
}

/// Markdown's special characters escaped, and control characters made harmless (a
/// Markdown export may be printed straight to a terminal). Text with neither is not
/// copied.
fn escape_inline(text: &str) -> Cow<'_, str> {
    const SPECIAL: u8 = 2;
    const KINDS: ByteKinds = with_kind(UNSAFE_KINDS, SPECIAL, b"\\*_`[]<>#|");
    let is_special = |b: u8| KINDS[b as usize] & SPECIAL != 0;
    let found = byte_kinds_in(text.as_bytes(), &KINDS);
    if found == 0 {
        return Cow::Borrowed(text);
    }
    let text = if found & MAYBE_UNSAFE != 0 {
        for_terminal(text)
    } else {
        Cow::Borrowed(text)
    };
    if found & SPECIAL == 0 {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii() && is_special(c as u8) {
            out.push('\\');
        }
        out.push(c);
    }
    Cow::Owned(out)
}
