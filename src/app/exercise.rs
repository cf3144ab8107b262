//! An exercise in progress: which prompt is open and every draft answer.

use std::collections::BTreeMap;

use super::Msg;
use crate::content::{Exercise, FeelingFamily, PromptKind};
use crate::journal::{Answer, AnswerValue, NewEntry};
use crate::session::{SavedAnswer, SavedDraft};

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
    /// Its uid, so an edit never lands on another entry that reused the row id.
    pub editing_uid: Option<String>,
    /// Has the person written or chosen anything here yet (see `SavedDraft::touched`)?
    pub touched: bool,
    /// How far the save page, which shows every answer in full, is scrolled.
    pub save_scroll: u16,
    /// Saved answers this exercise has no prompt for (a content pack renamed or
    /// changed one), by the id they were saved under: kept, shown and saved with it.
    pub extra: BTreeMap<String, SavedAnswer>,
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
            editing_uid: None,
            touched: false,
            save_scroll: 0,
            extra: BTreeMap::new(),
        }
    }

    /// Rebuild a draft from its saved form, matching answers by prompt id. Answers
    /// that fit no prompt of this exercise are kept aside, never dropped.
    pub fn restore(saved: &SavedDraft, exercise: &Exercise) -> Draft {
        let fitting = |p: &crate::content::Prompt| {
            saved
                .answers
                .get(&p.id)
                .filter(|a| super::answer::fits(p, a))
        };
        let answers = exercise
            .prompts
            .iter()
            .map(|p| DraftAnswer::restore(p, fitting(p)))
            .collect::<Vec<_>>();
        let extra = saved
            .answers
            .iter()
            .filter(|(id, a)| {
                !exercise
                    .prompts
                    .iter()
                    .any(|p| &p.id == *id && super::answer::fits(p, a))
            })
            .map(|(id, a)| (id.clone(), a.clone()))
            .collect();
        Draft {
            step_id: saved.step_id.clone(),
            exercise_id: saved.exercise_id.clone(),
            prompt: saved.prompt.min(answers.len()),
            answers,
            editing: saved.editing,
            editing_uid: saved.editing_uid.clone(),
            touched: saved.touched,
            save_scroll: 0,
            extra,
        }
    }

    pub fn save(&self, exercise: &Exercise) -> SavedDraft {
        let mut answers = exercise
            .prompts
            .iter()
            .zip(&self.answers)
            .filter_map(|(p, a)| Some((p.id.clone(), a.save(p)?)))
            .collect::<BTreeMap<_, _>>();
        for (id, old) in &self.extra {
            // A prompt that now has this id and an answer of its own keeps its answer;
            // the old one moves aside under a name of its own rather than be lost.
            let mut key = id.clone();
            while answers.contains_key(&key) {
                key.push_str("~earlier");
            }
            answers.insert(key, old.clone());
        }
        SavedDraft {
            step_id: self.step_id.clone(),
            exercise_id: self.exercise_id.clone(),
            prompt: self.prompt,
            editing: self.editing,
            editing_uid: self.editing_uid.clone(),
            touched: self.touched,
            answers,
        }
    }

    /// Apply an editing message to the open prompt; `field` is the size its text
    /// field was last drawn at.
    pub fn apply(
        &mut self,
        exercise: &Exercise,
        feelings: &[FeelingFamily],
        msg: Msg,
        field: (u16, u16),
    ) -> Change {
        match (
            exercise.prompts.get(self.prompt),
            self.answers.get_mut(self.prompt),
        ) {
            (Some(prompt), Some(_)) if matches!(prompt.kind, PromptKind::Rerate { .. }) => {
                let PromptKind::Rerate { from, intensity } = &prompt.kind else {
                    return Change::None;
                };
                let rows = self.felt_in(exercise, from);
                match self.answers.get_mut(self.prompt) {
                    Some(DraftAnswer::Rerate(r)) => r.apply(&rows, intensity, msg),
                    _ => Change::None,
                }
            }
            (Some(prompt), Some(answer)) => answer.apply(prompt, feelings, msg, field),
            _ => Change::None,
        }
    }

    /// The feelings named so far in this run's feelings prompt `from`.
    pub fn felt_in(&self, exercise: &Exercise, from: &str) -> Vec<crate::journal::Felt> {
        exercise
            .prompts
            .iter()
            .zip(&self.answers)
            .find_map(|(p, a)| match a {
                DraftAnswer::Feelings(f) if p.id == from => Some(f.all_felt()),
                _ => None,
            })
            .unwrap_or_default()
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

    /// How many prompts hold something (answers kept aside count too).
    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| !a.is_empty()).count() + self.extra.len()
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
                value: match (&p.kind, a) {
                    // Only feelings still named there, in their order.
                    (PromptKind::Rerate { from, intensity }, DraftAnswer::Rerate(r)) => {
                        let rated = r.value(&self.felt_in(exercise, from), intensity);
                        if rated.felt.is_empty() {
                            AnswerValue::Skipped
                        } else {
                            AnswerValue::Feeling(rated)
                        }
                    }
                    _ => a.value(p),
                },
                pair: pair_of(exercise, p),
            })
            .chain(self.extra.iter().map(|(id, old)| Answer {
                prompt_id: id.clone(),
                label: format!("From an earlier version of this exercise ({id})"),
                value: AnswerValue::Text(old.words()),
                pair: None,
            }))
            .collect();
        NewEntry {
            step_id: self.step_id.clone(),
            exercise_id: exercise.id.clone(),
            exercise_title: exercise.title.clone(),
            answers,
        }
    }
}

/// The key that ties a before/after pair's two answers: a scale's own `pair`; a
/// feelings prompt and the prompt that rates its feelings again share its id.
fn pair_of(exercise: &Exercise, prompt: &crate::content::Prompt) -> Option<String> {
    match &prompt.kind {
        PromptKind::Scale(spec) => spec.pair.clone(),
        PromptKind::Rerate { from, .. } => Some(from.clone()),
        PromptKind::Feelings { .. } => exercise
            .prompts
            .iter()
            .any(|q| matches!(&q.kind, PromptKind::Rerate { from, .. } if *from == prompt.id))
            .then(|| prompt.id.clone()),
        _ => None,
    }
}
