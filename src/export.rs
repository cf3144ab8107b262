//! Export formats: Markdown for reading or sharing with a therapist, and JSON, the
//! complete backup that `attune import` restores.

use std::fmt::Write as _;

use chrono::DateTime;

use crate::content::Content;
use crate::journal::{Answer, AnswerValue};
use crate::store::{Export, ExportedEntry};

/// The journal as Markdown: a title, the date range, then one section per entry with
/// date, step and exercise, each prompt as a label and the answer as text.
pub fn markdown(export: &Export, content: &Content) -> String {
    let mut out = String::from("# attune journal\n\n");
    let dates: Vec<String> = export
        .entries
        .iter()
        .filter_map(|e| DateTime::parse_from_rfc3339(&e.created_at).ok())
        .map(|d| d.format("%-d %B %Y").to_string())
        .collect();
    match (dates.first(), dates.last(), export.entries.len()) {
        (_, _, 0) => out.push_str("No entries.\n"),
        (Some(first), Some(last), n) => {
            let count = if n == 1 {
                "1 entry".to_string()
            } else {
                format!("{n} entries")
            };
            let range = if first == last {
                first.clone()
            } else {
                format!("{first} to {last}")
            };
            let _ = writeln!(out, "{range} · {count}");
        }
        _ => {}
    }
    // Sections are independent: write them on every core, then join in order.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = export.entries.len().div_ceil(cores).max(256);
    let parts: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = export
            .entries
            .chunks(chunk)
            .map(|entries| {
                scope.spawn(move || {
                    let mut part = String::with_capacity(entries.len() * 1600);
                    for entry in entries {
                        section(&mut part, entry, content);
                    }
                    part
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    for part in parts {
        out.push_str(&part);
    }
    out
}

fn section(out: &mut String, entry: &ExportedEntry, content: &Content) {
    let when = DateTime::parse_from_rfc3339(&entry.created_at)
        .map(|d| d.format("%A %-d %B %Y, %H:%M").to_string())
        .unwrap_or_else(|_| entry.created_at.clone());
    let step = content
        .step(&entry.step_id)
        .map(|s| format!("Step {} · {}", s.number, s.title))
        .unwrap_or_else(|| entry.step_id.clone());
    let _ = write!(
        out,
        "\n---\n\n## {}\n\n*{when} · {}*\n",
        escape_line(&entry.exercise_title),
        escape_line(&step)
    );
    if entry.updated_at != entry.created_at
        && let Ok(changed) = DateTime::parse_from_rfc3339(&entry.updated_at)
    {
        let _ = writeln!(
            out,
            "\n*Last changed {}*",
            changed.format("%-d %B %Y, %H:%M")
        );
    }
    for answer in &entry.answers {
        let _ = write!(out, "\n**{}**\n\n", escape_line(&answer.label));
        match &answer.value {
            // The bulk of a journal: written straight into the output.
            AnswerValue::Text(text) => paragraphs(out, text),
            _ => out.push_str(&answer_text(answer, &entry.answers)),
        }
        out.push('\n');
    }
}

fn answer_text(answer: &Answer, all: &[Answer]) -> String {
    match &answer.value {
        AnswerValue::Skipped => "*skipped*".to_string(),
        AnswerValue::Scale { value, min, max } => {
            let before = answer.pair.as_ref().and_then(|p| {
                all.iter()
                    .take_while(|a| !std::ptr::eq(*a, answer))
                    .find(|a| a.pair.as_ref() == Some(p))
            });
            match before.map(|b| &b.value) {
                Some(AnswerValue::Scale { value: b, .. }) => {
                    format!("{value} (from {min} to {max}; before: {b})")
                }
                _ => format!("{value} (from {min} to {max})"),
            }
        }
        AnswerValue::Multi { .. } | AnswerValue::Ladder { .. } => answer
            .value
            .full_text()
            .lines()
            .map(|l| format!("- {}", escape_inline(l)))
            .collect::<Vec<_>>()
            .join("\n"),
        other => {
            let mut out = String::new();
            paragraphs(&mut out, &other.full_text());
            out
        }
    }
}

/// Free text as Markdown that shows exactly what was written: line breaks kept,
/// and nothing in it taken as formatting.
fn paragraphs(out: &mut String, text: &str) {
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let line = escape_line(line);
        out.push_str(&line);
        if let Some(next) = lines.peek() {
            let hard_break = !line.is_empty() && !next.trim().is_empty();
            out.push_str(if hard_break { "\\\n" } else { "\n" });
        }
    }
}

fn escape_line(line: &str) -> String {
    let escaped = escape_inline(line.trim());
    // What would start a list, rule or setext heading at a line's start.
    if escaped.starts_with(['-', '+', '=', '~']) {
        return format!("\\{escaped}");
    }
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && escaped[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    escaped
}

fn escape_inline(text: &str) -> String {
    const SPECIAL: &[char] = &['\\', '*', '_', '`', '[', ']', '<', '>', '#', '|'];
    if !text.contains(SPECIAL) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The complete backup, pretty-printed.
pub fn json(export: &Export) -> String {
    let mut text = serde_json::to_string_pretty(export).unwrap_or_default();
    text.push('\n');
    text
}
