//! One saved entry: every prompt with its answer, scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::{App, Laid};
use crate::journal::Entry;
use crate::keys;

pub fn render(app: &App, scroll: u16, frame: &mut Frame, area: Rect) -> Laid {
    let Some(entry) = &app.entry else {
        frame.render_widget(Paragraph::new(Span::styled("Opening…", theme::dim())), area);
        return Laid::default();
    };
    let mut area = area;
    let mut notes: Vec<Line> = Vec::new();
    if app.edit_draft_of(entry.id).is_some() {
        let note = format!(
            "You have unsaved changes to this entry: {} carries on with them.",
            keys::label(keys::Context::Entry, &crate::app::Msg::EditEntry)
        );
        notes.extend(
            super::wrap(&note, area.width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, theme::accent()))),
        );
    }
    if !notes.is_empty() {
        let rows = (notes.len() as u16 + 1).min(area.height);
        frame.render_widget(
            Paragraph::new(notes),
            Rect {
                height: rows,
                ..area
            },
        );
        area.y += rows;
        area.height -= rows;
    }
    // Everything the lines depend on: the entry as saved, the width, the search.
    let key = super::memo_key((
        "entry",
        entry.id,
        &entry.uid,
        entry.updated_at.timestamp(),
        entry.history.len(),
        area.width,
        app.review.query.words(),
    ));
    let lines = super::page_memo(key, || page_lines(app, entry, area.width));
    super::page(frame, area, &lines, scroll)
}

/// The whole entry, wrapped to `width`: the view draws it and the App clamps its
/// scroll with the same lines, so the two always agree.
pub fn page_lines(app: &App, entry: &Entry, width: u16) -> Vec<Line<'static>> {
    let step = app
        .content
        .step(&entry.step_id)
        .map(|s| s.label())
        .unwrap_or_default();
    let mut lines = vec![
        Line::from(Span::styled(entry.exercise_title.clone(), theme::heading())),
        // A place's one exercise has the place's name (the quick write): said once.
        Line::from(Span::styled(
            if step == entry.exercise_title {
                String::new()
            } else {
                step
            },
            theme::dim(),
        )),
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
    let words = crate::search::terms(&app.review.query.words());
    let tried = |prompt: &str| {
        app.ladders.get(&crate::app::RecallKey {
            step: entry.step_id.clone(),
            exercise: entry.exercise_id.clone(),
            prompt: prompt.to_string(),
        })
    };
    answers_lines(&mut lines, &entry.answers, width, &words, &tried);
    for version in entry.history.iter().rev() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!(
                "Before the change on {}, it said:",
                version.changed_at.format("%-d %B %Y, %H:%M")
            ),
            theme::accent(),
        )));
        answers_lines(&mut lines, &version.answers, width, &words, &tried);
    }
    lines
}

/// `tried` finds the tries of a ladder answer's rungs, by its prompt id.
pub(super) fn answers_lines<'a>(
    lines: &mut Vec<Line<'static>>,
    answers: &[crate::journal::Answer],
    width: u16,
    words: &[String],
    tried: &dyn Fn(&str) -> Option<&'a crate::app::LadderRecall>,
) {
    for answer in answers {
        lines.push(Line::default());
        for l in super::wrap(&answer.label, width) {
            lines.push(Line::from(Span::styled(l, theme::heading())));
        }
        lines.extend(
            super::answer::lines(answer, answers, width, tried(&answer.prompt_id))
                .into_iter()
                .map(|l| mark(l, words)),
        );
    }
}

/// Show where the search words appear, exactly as the search index matches them
/// (every range is a byte range of the line's own text: no arithmetic on a copy).
fn mark(line: Line<'static>, terms: &[String]) -> Line<'static> {
    if terms.is_empty() {
        return line;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let hits = crate::search::matches(&text, terms);
    if hits.is_empty() {
        return line;
    }
    let style = line.spans.first().map(|s| s.style).unwrap_or_default();
    let strong = theme::accent()
        .add_modifier(ratatui::style::Modifier::BOLD | ratatui::style::Modifier::UNDERLINED);
    let mut spans = Vec::new();
    let mut at = 0;
    for hit in hits {
        spans.push(Span::styled(text[at..hit.start].to_string(), style));
        spans.push(Span::styled(text[hit.clone()].to_string(), strong));
        at = hit.end;
    }
    spans.push(Span::styled(text[at..].to_string(), style));
    Line::from(spans)
}
