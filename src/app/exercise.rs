//! An exercise in progress: which prompt is open and every draft answer,
//! with a live text editor for text prompts.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::Msg;
use super::session::{SavedAnswer, SavedDraft};
use crate::content::{Exercise, Prompt, PromptKind};
use crate::journal::{Answer, AnswerValue, NewEntry};

/// A draft of one exercise run.
#[derive(Debug, Clone)]
pub struct Draft {
    pub step_id: String,
    pub exercise_id: String,
    /// Open prompt; `answers.len()` is the page that saves the entry.
    pub prompt: usize,
    /// One per prompt of the exercise, in order.
    pub answers: Vec<DraftAnswer>,
}

#[derive(Debug, Clone)]
pub enum DraftAnswer {
    Text(Box<TextArea<'static>>),
    Scale(Option<i64>),
}

impl Draft {
    pub fn new(step_id: &str, exercise: &Exercise) -> Draft {
        Draft {
            step_id: step_id.to_string(),
            exercise_id: exercise.id.clone(),
            prompt: 0,
            answers: exercise.prompts.iter().map(DraftAnswer::empty).collect(),
        }
    }

    /// Rebuild a draft from its saved form, matching answers by prompt id.
    pub fn restore(saved: &SavedDraft, exercise: &Exercise) -> Draft {
        let answers = exercise
            .prompts
            .iter()
            .map(|p| match (saved.answers.get(&p.id), &p.kind) {
                (
                    Some(SavedAnswer::Text { text, row, col }),
                    PromptKind::Text | PromptKind::Line,
                ) => DraftAnswer::text(p, text, *row, *col),
                (Some(SavedAnswer::Scale { value }), PromptKind::Scale(spec)) => {
                    DraftAnswer::Scale(Some((*value).clamp(spec.min, spec.max)))
                }
                _ => DraftAnswer::empty(p),
            })
            .collect::<Vec<_>>();
        Draft {
            step_id: saved.step_id.clone(),
            exercise_id: saved.exercise_id.clone(),
            prompt: saved.prompt.min(answers.len()),
            answers,
        }
    }

    pub fn save(&self, exercise: &Exercise) -> SavedDraft {
        let answers = exercise
            .prompts
            .iter()
            .zip(&self.answers)
            .filter_map(|(p, a)| {
                let saved = match a {
                    DraftAnswer::Text(area) if area.is_empty() => return None,
                    DraftAnswer::Text(area) => {
                        let c = area.cursor();
                        SavedAnswer::Text {
                            text: area.lines().join("\n"),
                            row: c.0,
                            col: c.1,
                        }
                    }
                    DraftAnswer::Scale(None) => return None,
                    DraftAnswer::Scale(Some(value)) => SavedAnswer::Scale { value: *value },
                };
                Some((p.id.clone(), saved))
            })
            .collect::<BTreeMap<_, _>>();
        SavedDraft {
            step_id: self.step_id.clone(),
            exercise_id: self.exercise_id.clone(),
            prompt: self.prompt,
            answers,
        }
    }

    /// Apply an editing message to the open prompt. Returns whether anything changed.
    pub fn apply(&mut self, exercise: &Exercise, msg: Msg) -> bool {
        let Some(prompt) = exercise.prompts.get(self.prompt) else {
            return false;
        };
        let Some(answer) = self.answers.get_mut(self.prompt) else {
            return false;
        };
        match (answer, &prompt.kind) {
            (DraftAnswer::Text(area), kind) => {
                let single_line = *kind == PromptKind::Line;
                match msg {
                    Msg::Edit(key) if single_line && is_newline(&key) => false,
                    Msg::Edit(key) => area.input(key),
                    Msg::Paste(text) => {
                        let text = text.replace("\r\n", "\n").replace('\r', "\n");
                        let text = if single_line {
                            text.replace('\n', " ")
                        } else {
                            text
                        };
                        area.insert_str(text)
                    }
                    _ => false,
                }
            }
            (DraftAnswer::Scale(value), PromptKind::Scale(spec)) => {
                let middle = spec.min + (spec.max - spec.min) / 2;
                let next = match msg {
                    Msg::Decrease => Some(value.map_or(middle, |v| v - spec.step())),
                    Msg::Increase => Some(value.map_or(middle, |v| v + spec.step())),
                    Msg::Digit(d) => Some(spec.digit_value(d)),
                    Msg::ScaleMin => Some(spec.min),
                    Msg::ScaleMax => Some(spec.max),
                    Msg::ClearAnswer => None,
                    _ => return false,
                }
                .map(|v| v.clamp(spec.min, spec.max));
                let changed = *value != next;
                *value = next;
                changed
            }
            _ => false,
        }
    }

    pub fn on_save_page(&self) -> bool {
        self.prompt >= self.answers.len()
    }

    /// How many prompts hold something.
    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| !a.is_empty()).count()
    }

    /// The finished entry, with a copy of each prompt's label.
    pub fn to_entry(&self, exercise: &Exercise) -> NewEntry {
        let answers = exercise
            .prompts
            .iter()
            .zip(&self.answers)
            .map(|(p, a)| Answer {
                prompt_id: p.id.clone(),
                label: p.label.clone(),
                value: a.value(p),
            })
            .collect();
        NewEntry {
            step_id: self.step_id.clone(),
            exercise_id: exercise.id.clone(),
            exercise_title: exercise.title.clone(),
            answers,
        }
    }
}

impl DraftAnswer {
    pub fn empty(prompt: &Prompt) -> DraftAnswer {
        match prompt.kind {
            PromptKind::Text | PromptKind::Line => DraftAnswer::text(prompt, "", 0, 0),
            PromptKind::Scale(_) => DraftAnswer::Scale(None),
        }
    }

    fn text(prompt: &Prompt, text: &str, row: usize, col: usize) -> DraftAnswer {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(Style::default());
        area.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
        area.set_placeholder_text(prompt.placeholder.clone());
        area.set_placeholder_style(Style::default().add_modifier(Modifier::DIM | Modifier::ITALIC));
        area.move_cursor(CursorMove::Jump(clamp_u16(row), clamp_u16(col)));
        DraftAnswer::Text(Box::new(area))
    }

    pub fn is_empty(&self) -> bool {
        match self {
            DraftAnswer::Text(area) => area.lines().iter().all(|l| l.trim().is_empty()),
            DraftAnswer::Scale(v) => v.is_none(),
        }
    }

    pub fn value(&self, prompt: &Prompt) -> AnswerValue {
        match (self, &prompt.kind) {
            (DraftAnswer::Scale(Some(value)), PromptKind::Scale(spec)) => AnswerValue::Scale {
                value: *value,
                min: spec.min,
                max: spec.max,
            },
            (DraftAnswer::Text(area), _) if !self.is_empty() => {
                AnswerValue::Text(area.lines().join("\n").trim_end().to_string())
            }
            _ => AnswerValue::Skipped,
        }
    }
}

fn is_newline(key: &KeyEvent) -> bool {
    key.code == KeyCode::Enter
        || (key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('m' | 'j')))
}

fn clamp_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}
