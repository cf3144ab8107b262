//! Saving and restoring the session: the open screen and every draft, by id, so a
//! relaunch (or a changed content pack) finds its way back or falls back home.

use super::exercise::Draft;
use super::{App, Effect, Screen};
use crate::query::{Range, ReviewQuery};
use crate::session::{SESSION_VERSION, SavedReview, SavedScreen, Session};

impl App {
    /// The session as it should be saved right now. A draft whose exercise this
    /// content pack lacks was never opened and is saved back exactly as it came.
    pub fn session(&self) -> Session {
        Session {
            version: SESSION_VERSION,
            screen: self.saved_screen(&self.screen),
            drafts: self
                .drafts
                .iter()
                .filter_map(|d| {
                    self.content
                        .exercise(&d.step_id, &d.exercise_id)
                        .map(|(_, e)| d.save(e))
                })
                .collect(),
            kept: self.kept.clone(),
            review: self.saved_review(),
        }
    }

    /// Review's filters, when any narrows the list, and whether its search line is
    /// being typed in.
    fn saved_review(&self) -> Option<Box<SavedReview>> {
        let q = &self.review.query;
        // Help (or the steadying page) over Review keeps it: Esc goes back to typing.
        let searching =
            self.review.searching && matches!(self.screen.beneath(), Screen::Review { .. });
        if q.same_list(&ReviewQuery::default()) && !searching {
            return None;
        }
        Some(Box::new(SavedReview {
            step_id: q.step.clone(),
            exercise_id: q.exercise.clone(),
            range: q.range.name().to_string(),
            words: q.text.clone(),
            searching,
        }))
    }

    /// Review's filters read back: a step or exercise the content no longer has is
    /// dropped; the words are one line, a control character a space (`search_line`).
    fn restore_review(&mut self, saved: &SavedReview) {
        // The step first: which exercises the picker offers depends on it.
        self.review.query.step = saved
            .step_id
            .clone()
            .filter(|id| self.content.step_index(id).is_some());
        let exercise = saved
            .exercise_id
            .clone()
            .filter(|id| self.offers_exercise(id));
        let words = crate::query::search_line(&saved.words).into_owned();
        self.review.search = super::answer::text::editor_at_end("", &words, true);
        self.review.query = ReviewQuery {
            step: self.review.query.step.take(),
            exercise,
            range: Range::named(&saved.range),
            text: words,
            offset: 0,
        };
    }

    pub(super) fn save(&mut self) -> Effect {
        self.dirty = false;
        Effect::SaveSession(self.session())
    }

    fn saved_screen(&self, screen: &Screen) -> SavedScreen {
        match screen {
            Screen::Welcome => SavedScreen::Welcome,
            Screen::Home { selected } => SavedScreen::Home {
                selected: *selected,
            },
            Screen::Step { step, selected } => match self.content.steps.get(*step) {
                Some(s) => SavedScreen::Step {
                    step_id: s.id.clone(),
                    selected: *selected,
                },
                None => SavedScreen::Home { selected: 0 },
            },
            Screen::Exercise { step, exercise } => match self.open_exercise_at(*step, *exercise) {
                Some((s, e, _)) => SavedScreen::Exercise {
                    step_id: s.id.clone(),
                    exercise_id: e.id.clone(),
                },
                None => SavedScreen::Home { selected: 0 },
            },
            Screen::Reading {
                step,
                exercise,
                scroll,
            } => match self.content.steps.get(*step) {
                Some(s) if *exercise < s.exercises.len() => SavedScreen::Reading {
                    step_id: s.id.clone(),
                    exercise_id: s.exercises[*exercise].id.clone(),
                    scroll: *scroll,
                },
                _ => SavedScreen::Home { selected: 0 },
            },
            Screen::Insights { section } => SavedScreen::Insights { section: *section },
            Screen::Review { selected } => SavedScreen::Review {
                selected: *selected,
            },
            Screen::Entry { id, scroll } => SavedScreen::Entry {
                entry_id: *id,
                scroll: *scroll,
            },
            Screen::Kept { selected } => SavedScreen::Kept {
                selected: *selected,
            },
            Screen::KeptDraft { index, scroll } => SavedScreen::KeptDraft {
                index: *index,
                scroll: *scroll,
            },
            Screen::Help { under, scroll } => SavedScreen::Help {
                under: Box::new(self.saved_screen(under)),
                scroll: *scroll,
            },
            // A moment's page: attune comes back to the help it was opened from.
            Screen::Steady { back, .. } => self.saved_screen(back),
        }
    }

    pub(super) fn restore(&mut self, session: Session) {
        // Kept drafts whose exercise is back (and free) are drafts again, oldest first.
        let kept_first = session.kept.into_iter().chain(session.drafts);
        for saved in kept_first {
            let free = !self.drafts.iter().any(|d| {
                d.step_id == saved.step_id
                    && d.exercise_id == saved.exercise_id
                    && d.editing == saved.editing
            });
            match self.content.exercise(&saved.step_id, &saved.exercise_id) {
                Some((_, exercise)) if free => self.drafts.push(Draft::restore(&saved, exercise)),
                // Never dropped: kept, readable, until the person says otherwise.
                _ => self.kept.push(saved),
            }
        }
        if let Some(review) = &session.review {
            self.restore_review(review);
        }
        self.screen = self.restore_screen(&session.screen);
        // Typing goes on in the search line only on Review (or help over it).
        self.review.searching = session.review.as_ref().is_some_and(|r| r.searching)
            && matches!(self.screen.beneath(), Screen::Review { .. });
    }

    fn restore_screen(&self, saved: &SavedScreen) -> Screen {
        let home = Screen::Home { selected: 0 };
        match saved {
            SavedScreen::Welcome => Screen::Welcome,
            SavedScreen::Home { selected } => Screen::Home {
                selected: (*selected).min(self.home_items().len() - 1),
            },
            SavedScreen::Step { step_id, selected } => match self.content.step_index(step_id) {
                Some(step) => {
                    let last = self.content.steps[step].exercises.len().saturating_sub(1);
                    Screen::Step {
                        step,
                        selected: (*selected).min(last),
                    }
                }
                None => home,
            },
            SavedScreen::Exercise {
                step_id,
                exercise_id,
            } => match self.content.position(step_id, exercise_id) {
                Some((step, exercise)) if self.find_draft(step_id, exercise_id).is_some() => {
                    Screen::Exercise { step, exercise }
                }
                _ => home,
            },
            SavedScreen::Reading {
                step_id,
                exercise_id,
                scroll,
            } => match self.content.position(step_id, exercise_id) {
                Some((step, exercise)) => Screen::Reading {
                    step,
                    exercise,
                    scroll: *scroll,
                },
                None => home,
            },
            SavedScreen::Insights { section } => Screen::Insights {
                section: (*section).min(super::insights::SECTIONS.len() - 1),
            },
            SavedScreen::Review { selected } => Screen::Review {
                selected: *selected,
            },
            SavedScreen::Entry { entry_id, scroll } => Screen::Entry {
                id: *entry_id,
                scroll: *scroll,
            },
            SavedScreen::Kept { selected } if !self.kept.is_empty() => Screen::Kept {
                selected: (*selected).min(self.kept.len() - 1),
            },
            SavedScreen::KeptDraft { index, scroll } if *index < self.kept.len() => {
                Screen::KeptDraft {
                    index: *index,
                    scroll: *scroll,
                }
            }
            SavedScreen::Kept { .. } | SavedScreen::KeptDraft { .. } => home,
            SavedScreen::Help { under, scroll } => Screen::Help {
                under: Box::new(self.restore_screen(under)),
                scroll: *scroll,
            },
        }
    }
}
