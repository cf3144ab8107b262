//! An exercise in progress: one prompt at a time, then a page to save the entry.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme;
use super::widgets::scale::Scale;
use super::widgets::{choice, feelings, ladder, recall, rerate, rung, text as text_field};
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
    // On the first prompt, where the exercise comes from (the rest is in help).
    let about = draft.prompt == 0 && !ex.about.is_empty();
    let [head, source, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(about)),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let timer = app.timer_shown(ex);
    frame.render_widget(Paragraph::new(header(ex, draft, timer, head.width)), head);
    if about {
        let more = format!(" ({} for more)", keys::label_everywhere(&Msg::Help));
        let room = usize::from(source.width).saturating_sub(more.width());
        let line = if ex.about.width() <= usize::from(source.width) {
            ex.about.clone()
        } else {
            format!("{}{more}", super::truncate(&ex.about, room))
        };
        frame.render_widget(Paragraph::new(Span::styled(line, theme::dim())), source);
    }
    if draft.on_save_page() {
        return save_page(app, ex, draft, frame, body);
    }
    let field = prompt_frame(app, ex, draft, frame, body);
    // An earlier answer to read: a page of its own, scrolled like the save page.
    if let PromptKind::Recall(source) = &ex.prompts[draft.prompt].kind {
        let (title, text) = recalled(app, ex, draft, source);
        return recall::render_page(frame, field, &title, text.as_deref(), draft.save_scroll);
    }
    let typing = answer(app, ex, draft, frame, field);
    Laid {
        field: typing.unwrap_or_default(),
        ..Laid::default()
    }
}

/// The earlier answers a prompt shows: one under its own prompt in the title, several
/// each under its prompt. An answer not given says so.
fn shown(ex: &Exercise, draft: &Draft, ids: &[String]) -> (String, Option<String>) {
    let answers: Vec<(&str, String)> = ids
        .iter()
        .filter_map(|id| ex.prompts.iter().position(|p| &p.id == id))
        .map(|i| {
            let text = draft.answers[i].value(&ex.prompts[i]).full_text();
            let text = if text.trim().is_empty() {
                "(not answered)".to_string()
            } else {
                text
            };
            (ex.prompts[i].label.as_str(), text)
        })
        .collect();
    match answers.as_slice() {
        [(label, text)] => (format!("You wrote: {label}"), Some(text.clone())),
        many => (
            "You wrote".to_string(),
            Some(
                // Each answer indented under its prompt, so the two read apart.
                many.iter()
                    .map(|(label, text)| {
                        let indented: Vec<String> =
                            text.lines().map(|l| format!("  {l}")).collect();
                        format!("{label}\n{}", indented.join("\n"))
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        ),
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

/// "Thought record    ●●●○○○○○○ 3 of 9"
fn header(
    ex: &Exercise,
    draft: &Draft,
    timer: Option<&crate::app::timer::WritingTimer>,
    width: u16,
) -> Line<'static> {
    let total = ex.prompts.len();
    let dots: String = (0..total)
        .map(|i| if i <= draft.prompt { '●' } else { '○' })
        .collect();
    let count = if draft.on_save_page() {
        "ready to save".to_string()
    } else {
        format!("{} of {total}", draft.prompt + 1)
    };
    let right = match timer {
        Some(t) => format!("{} · {dots} {count}", t.label()),
        None => format!("{dots} {count}"),
    };
    let (title, right) = super::rows(&[(ex.title.clone(), right)], usize::from(width))
        .pop()
        .unwrap_or_default();
    Line::from(vec![
        Span::styled(title, theme::heading()),
        Span::styled(right, theme::dim()),
    ])
}

/// The last page: every answer in full, as the entry will read, scrolled if it is
/// long, with what Enter does above it.
fn save_page(app: &App, ex: &Exercise, draft: &Draft, frame: &mut Frame, area: Rect) -> Laid {
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
        let steady = if ex.steady {
            format!(
                " If this stirred things up, help ({}) has a page to steady yourself ({}).",
                keys::label_everywhere(&Msg::Help),
                keys::label(Context::Help, &Msg::Steady)
            )
        } else {
            String::new()
        };
        (
            "Ready to save",
            format!(
                "{} saves this entry. {} goes back to change anything; {} keeps it as a draft.{steady}",
                key(Msg::Open),
                key(Msg::PrevPrompt),
                key(Msg::Back)
            ),
        )
    };
    let mut top: Vec<Line> = vec![Line::from(Span::styled(heading, theme::heading()))];
    top.extend(
        super::wrap(&how, area.width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme::dim()))),
    );
    let top_height = u16::try_from(top.len()).unwrap_or(2);
    let [head, body] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(top), head);
    let entry = draft.to_entry(ex);
    let mut lines = Vec::new();
    let tried = |prompt: &str| {
        app.ladders.get(&RecallKey {
            step: draft.step_id.clone(),
            exercise: ex.id.clone(),
            prompt: prompt.to_string(),
        })
    };
    super::entry::answers_lines(&mut lines, &entry.answers, body.width, &[], &tried);
    super::page(frame, body, &lines, draft.save_scroll)
}

/// The prompt's label and hint, and a recall kept in view above the answer; returns
/// the area left for the answer.
fn prompt_frame(app: &App, ex: &Exercise, draft: &Draft, frame: &mut Frame, body: Rect) -> Rect {
    let prompt = &ex.prompts[draft.prompt];
    let offered = crate::app::timer::offered_minutes(ex, draft);
    let hint = match (offered, app.timer_shown(ex)) {
        (Some(minutes), None) => format!(
            "{} {} starts a {minutes}-minute timer, if that helps; it never stops you writing.",
            prompt.hint,
            keys::label(Context::Text, &Msg::WritingTimer),
        ),
        (Some(_), Some(t)) => format!(
            "{} {} {}.",
            prompt.hint,
            keys::label(Context::Text, &Msg::WritingTimer),
            match (t.ended(), t.running) {
                (true, _) => "puts the timer away",
                (false, true) => "pauses the timer",
                (false, false) => "goes on with the timer",
            }
        ),
        _ => match crate::app::rung::expected_from(ex, draft, &prompt.id) {
            Some(rung) => format!(
                "{} This is the rating you gave \"{rung}\" on your ladder, before you tried it; change it if you like.",
                prompt.hint
            ),
            None => prompt.hint.clone(),
        },
    };
    let hint = super::wrap(hint.trim(), body.width);
    let hint_height = u16::try_from(hint.len()).unwrap_or(1);
    // The answers the prompt asks to show (content's `show`), or else a recall just
    // before it, stay in view while the person answers.
    let on_page_before = prompt.show.is_empty();
    let in_view = if !on_page_before {
        Some(shown(ex, draft, &prompt.show))
    } else {
        match draft.prompt.checked_sub(1).map(|i| &ex.prompts[i].kind) {
            Some(PromptKind::Recall(source)) if !matches!(prompt.kind, PromptKind::Recall(_)) => {
                Some(recalled(app, ex, draft, source))
            }
            _ => None,
        }
    };
    // As much of it as the window allows beside the answer (a third of the body).
    // The answer keeps at least three lines (and its borders) in a small window.
    const ANSWER_ROWS: u16 = 5;
    let spare = body
        .height
        .saturating_sub(1 + hint_height + 1 + ANSWER_ROWS + 2);
    let view_height = in_view.as_ref().map_or(0, |(_, text)| {
        let lines = recall::rows(text.as_deref(), body.width);
        let room = usize::from((body.height / 3).max(4).min(spare));
        match u16::try_from(lines.min(room)).unwrap_or(4) {
            0 => 0,
            shown => shown + 2,
        }
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
        recall::render(frame, view, title, text.as_deref(), on_page_before);
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

/// The before half's rating, when the open prompt is the after half of a pair and
/// the before half was answered in this run.
fn before_half(ex: &Exercise, draft: &Draft, spec: &crate::content::ScaleSpec) -> Option<i64> {
    let pair = spec.pair.as_ref()?;
    ex.prompts[..draft.prompt]
        .iter()
        .zip(&draft.answers)
        .find_map(|(p, answer)| match (&p.kind, answer) {
            (PromptKind::Scale(s), DraftAnswer::Scale(v)) if s.pair.as_ref() == Some(pair) => {
                Some(*v)
            }
            _ => None,
        })
        .flatten()
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
            // A one-line answer is one line of meaning: its box grows to show it whole.
            let height = if *kind == PromptKind::Line {
                let inner = field.width.saturating_sub(2);
                let rows = if editor.field.is_empty() {
                    super::wrap(&editor.placeholder, inner.saturating_sub(1)).len()
                } else {
                    crate::textfield::visible_rows(&editor.field, inner, 1, 0).total
                };
                u16::try_from(rows.clamp(1, 6)).unwrap_or(6) + 2
            } else {
                field.height
            };
            let [boxed] = Layout::vertical([Constraint::Length(height)]).areas(field);
            let mut block = Block::bordered().border_style(theme::accent());
            let inner = block.inner(boxed);
            // Text above or below the box is said on its border, never hidden.
            let seen = crate::textfield::visible_rows(
                &editor.field,
                inner.width,
                inner.height,
                editor.scroll,
            );
            let below = seen.total.saturating_sub(seen.top + seen.rows.len());
            let mut more = Vec::new();
            if seen.top > 0 {
                more.push(format!("↑ {} above", seen.top));
            }
            if below > 0 {
                more.push(format!("↓ {below} below"));
            }
            if !more.is_empty() {
                block = block.title_bottom(
                    Line::from(Span::styled(
                        format!(" {} ", more.join(" · ")),
                        theme::dim(),
                    ))
                    .right_aligned(),
                );
            }
            frame.render_widget(block, boxed);
            Some(text_field(frame, inner, editor, true))
        }
        (DraftAnswer::Scale(value), PromptKind::Scale(spec)) => {
            frame.render_widget(
                Scale {
                    spec,
                    value: *value,
                    before: before_half(ex, draft, spec),
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
        (DraftAnswer::Ladder(l), PromptKind::Ladder(spec)) => {
            let key = RecallKey {
                step: draft.step_id.clone(),
                exercise: ex.id.clone(),
                prompt: prompt.id.clone(),
            };
            ladder::render(frame, field, spec, l, app.ladders.get(&key))
        }
        (DraftAnswer::Rerate(r), PromptKind::Rerate { from, intensity }) => {
            rerate::render(frame, field, intensity, &draft.felt_in(ex, from), r);
            None
        }
        (DraftAnswer::Rung(r), PromptKind::Rung(spec)) => {
            let title = app
                .content
                .exercise(&spec.step, &spec.exercise)
                .map_or_else(|| spec.exercise.clone(), |(_, e)| e.title.clone());
            let key = crate::app::rung::ladder_key(spec);
            rung::render(frame, field, &title, app.ladders.get(&key), r);
            None
        }
        _ => None,
    }
}
