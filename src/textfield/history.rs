//! Undo and redo: each step is one replacement (what was removed, what was
//! inserted, where), grouped as a person thinks of them, in bounded memory.

use std::collections::VecDeque;

/// At most this many steps are kept...
const MAX_STEPS: usize = 10_000;
/// ...and at most about this many bytes of removed and inserted text (the newest
/// step is always kept, however big, so a large paste can be undone).
const MAX_BYTES: usize = 32 << 20;
/// Bookkeeping counted per step, on top of its text.
const STEP_COST: usize = 64;
/// A run of backspaces grows its step at the front (a copy of the step's text),
/// so a run stops growing past this and the next backspace starts a new step.
const MAX_RUN: usize = 64 << 10;

/// One replacement: `removed` at `at` became `inserted`.
#[derive(Clone, Debug)]
pub struct Op {
    pub at: usize,
    pub removed: String,
    pub inserted: String,
}

/// How an edit may join the step before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Typed characters: a run at one place groups until a new word starts.
    Typing,
    /// Backspaces in a row.
    DeleteBack,
    /// Deletes (forward) in a row.
    DeleteForward,
    /// Its own step: paste, delete word, delete to line start or end.
    Alone,
}

/// A run of edits merged into one replacement, so undoing it is one splice.
#[derive(Clone, Debug)]
pub struct Step {
    pub op: Op,
    /// Cursor (byte) before the step and after it.
    pub before: usize,
    pub after: usize,
    group: Group,
}

impl Step {
    fn cost(&self) -> usize {
        STEP_COST + self.op.removed.len() + self.op.inserted.len()
    }
}

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    /// Whether the newest undo step may still grow.
    open: bool,
    bytes: usize,
}

impl History {
    /// Records an edit; it joins the newest step when both are the same kind of
    /// run at the same place. Clears redo.
    pub fn record(&mut self, op: Op, group: Group, before: usize, after: usize) {
        self.bytes -= self.redo.drain(..).map(|s| s.cost()).sum::<usize>();
        self.bytes += op.removed.len() + op.inserted.len();
        let joined = match self.undo.back_mut() {
            Some(last) if self.open && last.group == group => join(&mut last.op, &op, group),
            _ => false,
        };
        match self.undo.back_mut() {
            Some(last) if joined => last.after = after,
            _ => {
                self.bytes += STEP_COST;
                self.undo.push_back(Step {
                    op,
                    before,
                    after,
                    group,
                });
            }
        }
        self.open = group != Group::Alone;
        self.trim();
    }

    /// Ends the current run: the next edit starts a new step.
    pub fn close(&mut self) {
        self.open = false;
    }

    /// Takes the newest step, to be undone and then handed to `undone`.
    pub fn take_undo(&mut self) -> Option<Step> {
        self.open = false;
        self.undo.pop_back()
    }

    pub fn undone(&mut self, step: Step) {
        self.redo.push(step);
    }

    /// Takes the newest undone step, to be redone and then handed to `redone`.
    pub fn take_redo(&mut self) -> Option<Step> {
        self.open = false;
        self.redo.pop()
    }

    pub fn redone(&mut self, step: Step) {
        self.undo.push_back(step);
    }

    fn trim(&mut self) {
        while self.undo.len() > 1 && (self.undo.len() > MAX_STEPS || self.bytes > MAX_BYTES) {
            if let Some(old) = self.undo.pop_front() {
                self.bytes -= old.cost();
            }
        }
    }
}

/// Merges `op` into `last` if it continues the same run; says whether it did.
fn join(last: &mut Op, op: &Op, group: Group) -> bool {
    match group {
        Group::Typing => {
            let word_starts = last.inserted.ends_with(char::is_whitespace)
                && !op.inserted.starts_with(char::is_whitespace);
            let joins = op.removed.is_empty()
                && last.removed.is_empty()
                && op.at == last.at + last.inserted.len()
                && !word_starts;
            if joins {
                last.inserted.push_str(&op.inserted);
            }
            joins
        }
        Group::DeleteBack => {
            let joins = op.inserted.is_empty()
                && op.at + op.removed.len() == last.at
                && last.removed.len() < MAX_RUN;
            if joins {
                last.removed.insert_str(0, &op.removed);
                last.at = op.at;
            }
            joins
        }
        Group::DeleteForward => {
            let joins = op.inserted.is_empty() && op.at == last.at;
            if joins {
                last.removed.push_str(&op.removed);
            }
            joins
        }
        Group::Alone => false,
    }
}
