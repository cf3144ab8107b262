//! An exercise in progress: one prompt at a time, then a page to save the entry.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme;
use super::widgets::scale::Scale;
use super::widgets::{choice, feelings, ladder, recall, text as text_field};
use crate::app::Msg;
use crate::app::exercise::{Draft, DraftAnswer};
use crate::app::{App, Laid, RecallKey};
use crate::content::{Exercise, PromptKind, RecallSource};
use crate::keys::{self, Context};

/// Draw the open prompt (or the save page); returns the size of the text field
/// being typed in, if any.
pub fn render(app: &App, step: usize, exercise: usize, frame: &mut Frame, area: Rect) -> Laid {
    let Some((_, ex, draft)) = app.open_exercise_at(step, exercise) else {
        return Laid::default();
    };
    let [head, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(header(ex, draft, head.width)), head);
    if draft.on_save_page() {
        save_page(ex, draft, frame, body);
        return Laid::default();
    }
    let field = prompt_frame(app, ex, draft, frame, body);
    let typing = answer(app, ex, draft, frame, field);
    Laid {
        field: typing.unwrap_or_default(),
        ..Laid::default()
    }
}

/// What a recall prompt shows, and a title that says where it comes from.
fn recalled(
    app: &App,
    ex: &Exercise,
    draft: &Draft,
    source: &RecallSource,
) -> (String, Option<String>) {
    match source {
        RecallSource::ThisRun { prompt } => {
            let found = ex.prompts.iter().position(|p| &p.id == prompt);
            let text = found.map(|i| draft.answers[i].value(&ex.prompts[i]).full_text());
            let label = found.map_or_else(String::new, |i| ex.prompts[i].label.clone());
            (format!("You wrote: {label}"), text)
        }
        RecallSource::Linked {
            step,
            exercise,
            prompt,
        } => {
            let title = app
                .content
                .exercise(step, exercise)
                .map_or_else(|| exercise.clone(), |(_, e)| e.title.clone());
            let key = RecallKey {
                step: step.clone(),
                exercise: exercise.clone(),
                prompt: prompt.clone(),
            };
            match app.recalls.get(&key) {
                Some(Some(r)) => (
                    format!("From your latest {title}, {}", r.when.format("%-d %b %Y")),
                    Some(r.text.clone()),
                ),
                Some(None) => (format!("From your {title}"), None),
                None => (
                    format!("From your {title}"),
                    Some("Looking it up…".to_string()),
                ),
            }
        }
    }
}

/// "Thought record                    ●●●○○○○○○ 3 of 9"
fn header(ex: &Exercise, draft: &Draft, width: u16) -> Line<'static> {
    let total = ex.prompts.len();
    let dots: String = (0..total)
        .map(|i| if i <= draft.prompt { '●' } else { '○' })
        .collect();
    let count = if draft.on_save_page() {
        "ready to save".to_string()
    } else {
        format!("{} of {total}", draft.prompt + 1)
    };
    let right = format!("{dots} {count}");
    let gap = usize::from(width)
        .saturating_sub(ex.title.width() + right.width())
        .max(1);
    Line::from(vec![
        Span::styled(ex.title.clone(), theme::heading()),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, theme::dim()),
    ])
}

fn save_page(ex: &Exercise, draft: &Draft, frame: &mut Frame, area: Rect) {
    let key = |msg| keys::label(Context::Save, &msg);
    let (heading, how) = if draft.answered() == 0 {
        (
            "Nothing to save yet",
            format!(
                "Every prompt is empty, so there is no entry to save. {} goes back to answer; {} leaves.",
                key(Msg::PrevPrompt),
                key(Msg::Back)
            ),
        )
    } else {
        (
            "Ready to save",
            format!(
                "{} saves this entry. {} goes back to change anything; {} keeps it as a draft.",
                key(Msg::Open),
                key(Msg::PrevPrompt),
                key(Msg::Back)
            ),
        )
    };
    let mut lines = vec![
        Line::from(Span::styled(heading, theme::heading())),
        Line::from(Span::styled(how, theme::dim())),
        Line::default(),
    ];
    let label_width = usize::from(area.width / 2).min(40);
    let entry = draft.to_entry(ex);
    for answer in &entry.answers {
        let label = super::truncate(&answer.label, label_width);
        let mut value = answer.value.preview();
        if let Some(change) = answer
            .pair_before(&entry.answers)
            .and_then(|b| super::answer::change(&b.value, &answer.value))
        {
            value = format!("{change}, of {}", max_of(&answer.value));
        }
        let room = usize::from(area.width).saturating_sub(label_width + 2);
        let style = if answer.value == crate::journal::AnswerValue::Skipped {
            theme::dim()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", pad(&label, label_width)), theme::dim()),
            Span::styled(super::truncate(&value, room), style),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        area,
    );
}

/// Pad to a display width (not a char count, so wide characters line up).
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

fn max_of(value: &crate::journal::AnswerValue) -> i64 {
    match value {
        crate::journal::AnswerValue::Scale { max, .. } => *max,
        _ => 0,
    }
}

/// The prompt's label and hint, and a recall kept in view above the answer; returns
/// the area left for the answer.
fn prompt_frame(app: &App, ex: &Exercise, draft: &Draft, frame: &mut Frame, body: Rect) -> Rect {
    let prompt = &ex.prompts[draft.prompt];
    let hint = super::wrap(&prompt.hint, body.width);
    let hint_height = u16::try_from(hint.len()).unwrap_or(1);
    // A recall just before this prompt stays in view while the person answers.
    let in_view = match draft.prompt.checked_sub(1).map(|i| &ex.prompts[i].kind) {
        Some(PromptKind::Recall(source)) if !matches!(prompt.kind, PromptKind::Recall(_)) => {
            Some(recalled(app, ex, draft, source))
        }
        _ => None,
    };
    let view_height = in_view.as_ref().map_or(0, |(_, text)| {
        let lines = super::wrap(text.as_deref().unwrap_or(" "), body.width.saturating_sub(2)).len();
        u16::try_from(lines.min(4)).unwrap_or(4) + 2
    });
    let [label, hint_area, _, view, field] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(hint_height),
        Constraint::Length(1),
        Constraint::Length(view_height),
        Constraint::Fill(1),
    ])
    .areas(body);
    if let Some((title, text)) = &in_view {
        recall::render(frame, view, title, text.as_deref());
    }
    frame.render_widget(
        Paragraph::new(Span::styled(prompt.label.clone(), theme::heading())),
        label,
    );
    frame.render_widget(
        Paragraph::new(
            hint.into_iter()
                .map(|l| Line::from(Span::styled(l, theme::dim())))
                .collect::<Vec<_>>(),
        ),
        hint_area,
    );
    field
}

/// The answer of the open prompt, in its widget; returns the size of the text field
/// being typed in, if any.
fn answer(
    app: &App,
    ex: &Exercise,
    draft: &Draft,
    frame: &mut Frame,
    field: Rect,
) -> Option<(u16, u16)> {
    let prompt = &ex.prompts[draft.prompt];
    match (&draft.answers[draft.prompt], &prompt.kind) {
        (DraftAnswer::Text(editor), kind) => {
            let height = if *kind == PromptKind::Line {
                3
            } else {
                field.height
            };
            let [boxed] = Layout::vertical([Constraint::Length(height)]).areas(field);
            let block = Block::bordered().border_style(theme::accent());
            let inner = block.inner(boxed);
            frame.render_widget(block, boxed);
            Some(text_field(frame, inner, editor, true))
        }
        (DraftAnswer::Scale(value), PromptKind::Scale(spec)) => {
            frame.render_widget(
                Scale {
                    spec,
                    value: *value,
                },
                field,
            );
            None
        }
        (DraftAnswer::Choice(c), PromptKind::Choice { options }) => {
            choice::render_choice(frame, field, options, c);
            None
        }
        (DraftAnswer::Multi(m), PromptKind::Multi { options, .. }) => {
            choice::render_multi(frame, field, options, m)
        }
        (DraftAnswer::Feelings(f), PromptKind::Feelings { intensity }) => {
            feelings::render(frame, field, &app.content.feelings, intensity, f);
            None
        }
        (DraftAnswer::Ladder(l), PromptKind::Ladder(spec)) => ladder::render(frame, field, spec, l),
        (DraftAnswer::Recall, PromptKind::Recall(source)) => {
            let (title, text) = recalled(app, ex, draft, source);
            let rows = super::wrap(
                text.as_deref().unwrap_or(" "),
                field.width.saturating_sub(2),
            )
            .len()
                + 2;
            let height = u16::try_from(rows).unwrap_or(u16::MAX).min(field.height);
            let [boxed] = Layout::vertical([Constraint::Length(height)]).areas(field);
            recall::render(frame, boxed, &title, text.as_deref());
            None
        }
        _ => None,
    }
}
