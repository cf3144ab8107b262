//! One saved entry: every prompt with its answer, scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::App;
use crate::journal::Entry;

pub fn render(app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    let Some(entry) = &app.entry else {
        frame.render_widget(Paragraph::new(Span::styled("Opening…", theme::dim())), area);
        return;
    };
    let lines = page_lines(app, entry, area.width);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}

/// Rows of a page that scrolls inside the body.
pub fn page_height(body: Rect) -> u16 {
    body.height
}

/// The whole entry, wrapped to `width`: the view draws it and the App clamps its
/// scroll with the same lines, so the two always agree.
pub fn page_lines(app: &App, entry: &Entry, width: u16) -> Vec<Line<'static>> {
    let step = app
        .content
        .step(&entry.step_id)
        .map(|s| format!("Step {} · {}", s.number, s.title))
        .unwrap_or_default();
    let mut lines = vec![
        Line::from(Span::styled(entry.exercise_title.clone(), theme::heading())),
        Line::from(Span::styled(step, theme::dim())),
        Line::from(Span::styled(
            entry.created_at.format("%A %-d %B %Y, %H:%M").to_string(),
            theme::dim(),
        )),
    ];
    if entry.updated_at != entry.created_at {
        lines.push(Line::from(Span::styled(
            format!("changed {}", entry.updated_at.format("%A %-d %B %Y, %H:%M")),
            theme::dim(),
        )));
    }
    let words: Vec<String> = app
        .review
        .query
        .words()
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    answers_lines(&mut lines, &entry.answers, width, &words);
    for version in entry.history.iter().rev() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!(
                "Before the change on {}, it said:",
                version.changed_at.format("%-d %B %Y, %H:%M")
            ),
            theme::accent(),
        )));
        answers_lines(&mut lines, &version.answers, width, &words);
    }
    lines
}

fn answers_lines(
    lines: &mut Vec<Line<'static>>,
    answers: &[crate::journal::Answer],
    width: u16,
    words: &[String],
) {
    for answer in answers {
        lines.push(Line::default());
        for l in super::wrap(&answer.label, width) {
            lines.push(Line::from(Span::styled(l, theme::heading())));
        }
        lines.extend(
            super::answer::lines(answer, answers, width)
                .into_iter()
                .map(|l| mark(l, words)),
        );
    }
}

/// Show where the search words appear (case-insensitive, as prefixes of words).
fn mark(line: Line<'static>, words: &[String]) -> Line<'static> {
    if words.is_empty() {
        return line;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        // Lower-casing changed byte lengths (rare scripts): leave the line as it is.
        return line;
    }
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for word in words {
        let mut from = 0;
        while let Some(at) = lower[from..].find(word.as_str()) {
            let start = from + at;
            let starts_word = lower[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if starts_word {
                hits.push((start, start + word.len()));
            }
            from = start + word.len().max(1);
        }
    }
    if hits.is_empty() {
        return line;
    }
    hits.sort();
    let style = line.spans.first().map(|s| s.style).unwrap_or_default();
    let strong = theme::accent()
        .add_modifier(ratatui::style::Modifier::BOLD | ratatui::style::Modifier::UNDERLINED);
    let mut spans = Vec::new();
    let mut at = 0;
    for (start, end) in hits {
        if start < at {
            continue;
        }
        spans.push(Span::styled(text[at..start].to_string(), style));
        spans.push(Span::styled(text[start..end].to_string(), strong));
        at = end;
    }
    spans.push(Span::styled(text[at..].to_string(), style));
    Line::from(spans)
}
