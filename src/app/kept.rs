//! Drafts attune keeps but cannot open as exercises: read them, export them, carry
//! one on when its exercise is back, or discard one on purpose (asked first, undoable
//! until attune closes). Nothing here ever drops a draft by itself.

use super::exercise::Draft;
use super::nav::{move_in, scrolled};
use super::{App, Effect, HomeItem, Msg, Question, Screen};

impl App {
    pub(super) fn open_kept(&mut self) -> Vec<Effect> {
        self.screen = Screen::Kept { selected: 0 };
        vec![self.save()]
    }

    pub(super) fn on_kept(&mut self, selected: usize, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Up | Msg::Down => {
                self.screen = Screen::Kept {
                    selected: move_in(selected, self.kept.len(), &msg),
                };
                self.dirty = true;
                vec![]
            }
            Msg::Open if selected < self.kept.len() => {
                self.screen = Screen::KeptDraft {
                    index: selected,
                    scroll: 0,
                };
                vec![self.save()]
            }
            Msg::Delete if selected < self.kept.len() => self.ask(Question::DiscardKept(selected)),
            Msg::Undo => self.undo_discard(),
            Msg::Export if !self.kept.is_empty() => vec![Effect::ExportDrafts(
                self.kept.clone(),
                self.exports_dir.clone(),
            )],
            Msg::Back => self.leave_kept(),
            _ => vec![],
        }
    }

    pub(super) fn on_kept_draft(&mut self, index: usize, scroll: u16, msg: Msg) -> Vec<Effect> {
        let Some(draft) = self.kept.get(index) else {
            return self.leave_kept();
        };
        match msg {
            Msg::Back => {
                self.screen = Screen::Kept { selected: index };
                vec![self.save()]
            }
            Msg::Delete => self.ask(Question::DiscardKept(index)),
            Msg::Export => vec![Effect::ExportDrafts(
                vec![draft.clone()],
                self.exports_dir.clone(),
            )],
            Msg::Continue => self.carry_on(index),
            other => match scrolled(scroll, &other) {
                Some(scroll) => {
                    self.screen = Screen::KeptDraft { index, scroll };
                    self.clamp_scroll();
                    self.dirty = true;
                    vec![]
                }
                None => vec![],
            },
        }
    }

    /// Can this kept draft be opened as an exercise again (its exercise is in the
    /// pack, and no other draft of it is in progress)?
    pub fn can_carry_on(&self, index: usize) -> bool {
        self.kept.get(index).is_some_and(|d| {
            self.content.exercise(&d.step_id, &d.exercise_id).is_some()
                && !self.drafts.iter().any(|o| {
                    o.step_id == d.step_id
                        && o.exercise_id == d.exercise_id
                        && o.editing == d.editing
                })
        })
    }

    fn carry_on(&mut self, index: usize) -> Vec<Effect> {
        if !self.can_carry_on(index) {
            self.notice = Some(match self.kept.get(index) {
                Some(d) if self.content.exercise(&d.step_id, &d.exercise_id).is_some() => {
                    "Another draft of this exercise is open; finish or save that one first."
                        .to_string()
                }
                _ => "This content pack doesn't have that exercise, so it can only be read here."
                    .to_string(),
            });
            return vec![];
        }
        let saved = self.kept.remove(index);
        let Some((step, exercise)) = self.content.position(&saved.step_id, &saved.exercise_id)
        else {
            self.kept.insert(index, saved);
            return vec![];
        };
        let ex = &self.content.steps[step].exercises[exercise];
        self.drafts.push(Draft::restore(&saved, ex));
        self.screen = Screen::Exercise { step, exercise };
        let mut effects = vec![self.save()];
        effects.extend(self.recall_loads(step, exercise));
        effects
    }

    /// Discard a kept draft (asked first); `u` here brings it back until attune closes.
    pub(super) fn discard_kept(&mut self, index: usize) -> Vec<Effect> {
        if index >= self.kept.len() {
            return vec![];
        }
        self.kept_discarded.push(self.kept.remove(index));
        self.notice = Some(format!(
            "Discarded. Press {} here to bring it back, until you close attune.",
            crate::keys::label(crate::keys::Context::Kept, &Msg::Undo)
        ));
        self.screen = Screen::Kept {
            selected: index.min(self.kept.len().saturating_sub(1)),
        };
        vec![self.save()]
    }

    fn undo_discard(&mut self) -> Vec<Effect> {
        match self.kept_discarded.pop() {
            Some(draft) => {
                self.kept.push(draft);
                self.notice = Some("Brought back.".to_string());
                vec![self.save()]
            }
            None => {
                self.notice = Some("Nothing to undo.".to_string());
                vec![]
            }
        }
    }

    fn leave_kept(&mut self) -> Vec<Effect> {
        let items = self.home_items();
        let at = items
            .iter()
            .position(|i| *i == HomeItem::Kept)
            .or_else(|| items.iter().position(|i| *i == HomeItem::Review))
            .unwrap_or(0);
        self.screen = Screen::Home { selected: at };
        vec![self.save()]
    }
}
