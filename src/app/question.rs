//! Questions asked before anything is thrown away: delete an entry, discard a draft,
//! delete a ladder rung. One question at a time, asked the same way everywhere;
//! y does it, anything else keeps.

use super::exercise::Draft;
use super::{App, Effect, Msg, Screen};
use crate::app::answer::DraftAnswer;

/// What is waiting for a yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    DeleteEntry(i64),
    /// A draft kept aside (by its place in `App::kept`).
    DiscardKept(usize),
    /// The draft of an exercise in progress.
    DiscardDraft {
        step: usize,
        exercise: usize,
    },
    /// The selected rung of the ladder being answered.
    DeleteRung,
}

impl App {
    /// Ask before doing it.
    pub(super) fn ask(&mut self, question: Question) -> Vec<Effect> {
        self.question = Some(question);
        vec![]
    }

    /// The question waiting for an answer, in words.
    pub fn question_text(&self) -> Option<String> {
        let undo = |context| crate::keys::label(context, &Msg::Undo);
        Some(match self.question.as_ref()? {
            Question::DeleteEntry(id) => self.delete_question(*id),
            Question::DiscardKept(i) => format!(
                "Discard the draft of {}? It can be brought back with {} until you close attune.",
                self.kept.get(*i).map_or("this exercise", |d| self
                    .title_of(&d.step_id, &d.exercise_id)),
                undo(crate::keys::Context::Kept)
            ),
            Question::DiscardDraft { step, exercise } => format!(
                "Discard your draft of {}? It can be brought back with {} until you close attune.",
                self.content
                    .exercise_at(*step, *exercise)
                    .map_or("this exercise", |e| e.title.as_str()),
                undo(crate::keys::Context::Step)
            ),
            Question::DeleteRung => "Delete this rung from the ladder?".to_string(),
        })
    }

    /// What the yes does, for the keys line under the question ("y delete").
    pub fn question_verb(&self) -> &'static str {
        match self.question {
            Some(Question::DiscardKept(_) | Question::DiscardDraft { .. }) => "discard",
            _ => "delete",
        }
    }

    fn title_of<'a>(&'a self, step_id: &'a str, exercise_id: &'a str) -> &'a str {
        self.content
            .exercise(step_id, exercise_id)
            .map_or(exercise_id, |(_, e)| e.title.as_str())
    }

    /// y or anything else, to the question on screen.
    pub(super) fn answer(&mut self, question: Question, msg: &Msg) -> Vec<Effect> {
        if *msg != Msg::Confirm {
            self.notice = Some("Kept.".to_string());
            return vec![];
        }
        match question {
            Question::DeleteEntry(id) => self.delete(id),
            Question::DiscardKept(index) => self.discard_kept(index),
            Question::DiscardDraft { step, exercise } => self.discard_draft(step, exercise),
            Question::DeleteRung => match &self.screen {
                Screen::Exercise { step, exercise } => {
                    let (step, exercise) = (*step, *exercise);
                    self.on_exercise_confirmed(step, exercise, Msg::Delete)
                }
                _ => vec![],
            },
        }
    }

    /// Throw a draft away on purpose; it waits in `discarded` until attune closes.
    fn discard_draft(&mut self, step: usize, exercise: usize) -> Vec<Effect> {
        let Some((step_id, exercise_id)) = self
            .content
            .exercise_at(step, exercise)
            .map(|e| (self.content.steps[step].id.clone(), e.id.clone()))
        else {
            return vec![];
        };
        let Some(i) = self
            .drafts
            .iter()
            .rposition(|d| d.step_id == step_id && d.exercise_id == exercise_id)
        else {
            return vec![];
        };
        self.discarded.push(self.drafts.remove(i));
        self.notice = Some(format!(
            "Discarded. Press {} here to bring it back, until you close attune.",
            crate::keys::label(crate::keys::Context::Step, &Msg::Undo)
        ));
        vec![self.save()]
    }

    /// Bring back the draft discarded last, unless its exercise has another by now.
    pub(super) fn undo_discard_draft(&mut self) -> Vec<Effect> {
        let Some(draft) = self.discarded.pop() else {
            self.notice = Some("Nothing to undo.".to_string());
            return vec![];
        };
        if self
            .find_draft(&draft.step_id, &draft.exercise_id)
            .is_some()
        {
            self.notice =
                Some("That exercise has a new draft since; save or discard it first.".into());
            self.discarded.push(draft);
            return vec![];
        }
        self.drafts.push(draft);
        self.notice = Some("Brought back.".to_string());
        vec![self.save()]
    }

    /// Is there a rung to delete on the open ladder (not while one is being written)?
    pub(super) fn rung_selected(draft: &Draft) -> bool {
        matches!(
            draft.answers.get(draft.prompt),
            Some(DraftAnswer::Ladder(l)) if l.editing.is_none() && !l.items.is_empty()
        )
    }
}
