//! The quick write: a place of its own (content's `place = true`), opened from Home
//! with one key, with no step page to go back to.

use super::{App, Effect, HomeItem, Screen};

impl App {
    /// Where an exercise goes back to: its step, or Home for the quick write (which
    /// has no step page).
    pub(super) fn after_exercise(&self, step: usize, exercise: usize) -> Screen {
        if self.content.steps.get(step).is_some_and(|s| s.place) {
            let selected = self
                .home_items()
                .iter()
                .position(|i| *i == HomeItem::QuickWrite)
                .unwrap_or(0);
            return Screen::Home { selected };
        }
        Screen::Step {
            step,
            selected: exercise,
        }
    }

    /// The quick write, straight from Home: its draft resumed, or a fresh one.
    pub(super) fn open_quick_write(&mut self) -> Vec<Effect> {
        match self.content.quick_write() {
            Some((step, exercise)) => self.open_exercise(step, exercise),
            None => vec![],
        }
    }
}
