//! An exercise in progress: which prompt is open and every draft answer.

use std::collections::BTreeMap;

use super::Msg;
use super::session::SavedDraft;
use crate::content::{Exercise, FeelingFamily, PromptKind};
use crate::journal::{Answer, NewEntry};

/// A draft of one exercise run.
#[derive(Debug, Clone)]
pub struct Draft {
    pub step_id: String,
    pub exercise_id: String,
    /// Open prompt; `answers.len()` is the page that saves the entry.
    pub prompt: usize,
    /// One per prompt of the exercise, in order.
    pub answers: Vec<DraftAnswer>,
    /// The saved entry this draft changes; None for a new run.
    pub editing: Option<i64>,
}

pub use super::answer::{Change, DraftAnswer};

impl Draft {
    pub fn new(step_id: &str, exercise: &Exercise) -> Draft {
        Draft {
            step_id: step_id.to_string(),
            exercise_id: exercise.id.clone(),
            prompt: 0,
            answers: exercise.prompts.iter().map(DraftAnswer::empty).collect(),
            editing: None,
        }
    }

    /// Rebuild a draft from its saved form, matching answers by prompt id.
    pub fn restore(saved: &SavedDraft, exercise: &Exercise) -> Draft {
        let answers = exercise
            .prompts
            .iter()
            .map(|p| DraftAnswer::restore(p, saved.answers.get(&p.id)))
            .collect::<Vec<_>>();
        Draft {
            step_id: saved.step_id.clone(),
            exercise_id: saved.exercise_id.clone(),
            prompt: saved.prompt.min(answers.len()),
            answers,
            editing: saved.editing,
        }
    }

    pub fn save(&self, exercise: &Exercise) -> SavedDraft {
        let answers = exercise
            .prompts
            .iter()
            .zip(&self.answers)
            .filter_map(|(p, a)| Some((p.id.clone(), a.save(p)?)))
            .collect::<BTreeMap<_, _>>();
        SavedDraft {
            step_id: self.step_id.clone(),
            exercise_id: self.exercise_id.clone(),
            prompt: self.prompt,
            editing: self.editing,
            answers,
        }
    }

    /// Apply an editing message to the open prompt.
    pub fn apply(&mut self, exercise: &Exercise, feelings: &[FeelingFamily], msg: Msg) -> Change {
        match (
            exercise.prompts.get(self.prompt),
            self.answers.get_mut(self.prompt),
        ) {
            (Some(prompt), Some(answer)) => answer.apply(prompt, feelings, msg),
            _ => Change::None,
        }
    }

    /// Fill an untouched draft with an earlier entry's answers, matched by prompt id.
    pub fn prefill(&mut self, exercise: &Exercise, entry: &crate::journal::Entry) {
        for (prompt, answer) in exercise.prompts.iter().zip(self.answers.iter_mut()) {
            if let Some(old) = entry.answers.iter().find(|a| a.prompt_id == prompt.id) {
                *answer = DraftAnswer::from_value(prompt, &old.value);
            }
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
            .filter(|(p, _)| !matches!(p.kind, PromptKind::Recall(_)))
            .map(|(p, a)| Answer {
                prompt_id: p.id.clone(),
                label: p.label.clone(),
                value: a.value(p),
                pair: match &p.kind {
                    PromptKind::Scale(spec) => spec.pair.clone(),
                    _ => None,
                },
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
