//! Saving and restoring the session: the open screen and every draft, by id, so a
//! relaunch (or a changed content pack) finds its way back or falls back home.

use super::exercise::Draft;
use super::session::{SESSION_VERSION, SavedScreen, Session};
use super::{App, Effect, Screen};

impl App {
    /// The session as it should be saved right now.
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
        }
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
            } => {
                match self
                    .content
                    .steps
                    .get(*step)
                    .and_then(|s| Some((s, s.exercises.get(*exercise)?)))
                {
                    Some((s, e)) => SavedScreen::Reading {
                        step_id: s.id.clone(),
                        exercise_id: e.id.clone(),
                        scroll: *scroll,
                    },
                    None => SavedScreen::Home { selected: 0 },
                }
            }
            Screen::Insights { section } => SavedScreen::Insights { section: *section },
            Screen::Review { selected } => SavedScreen::Review {
                selected: *selected,
            },
            Screen::Entry { id, scroll } => SavedScreen::Entry {
                entry_id: *id,
                scroll: *scroll,
            },
            Screen::Help { under, scroll } => SavedScreen::Help {
                under: Box::new(self.saved_screen(under)),
                scroll: *scroll,
            },
        }
    }

    pub(super) fn restore(&mut self, session: Session) {
        for saved in &session.drafts {
            if let Some((_, exercise)) = self.content.exercise(&saved.step_id, &saved.exercise_id) {
                self.drafts.push(Draft::restore(saved, exercise));
            }
        }
        self.screen = self.restore_screen(&session.screen);
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
            } => {
                let found = self.content.step_index(step_id).and_then(|step| {
                    let exercise = self.content.steps[step]
                        .exercises
                        .iter()
                        .position(|e| &e.id == exercise_id)?;
                    self.find_draft(step_id, exercise_id)
                        .map(|_| Screen::Exercise { step, exercise })
                });
                found.unwrap_or(home)
            }
            SavedScreen::Reading {
                step_id,
                exercise_id,
                scroll,
            } => {
                let found = self.content.step_index(step_id).and_then(|step| {
                    let exercise = self.content.steps[step]
                        .exercises
                        .iter()
                        .position(|e| &e.id == exercise_id)?;
                    Some(Screen::Reading {
                        step,
                        exercise,
                        scroll: *scroll,
                    })
                });
                found.unwrap_or(home)
            }
            SavedScreen::Insights { section } => Screen::Insights {
                section: (*section).min(3),
            },
            SavedScreen::Review { selected } => Screen::Review {
                selected: *selected,
            },
            SavedScreen::Entry { entry_id, scroll } => Screen::Entry {
                id: *entry_id,
                scroll: *scroll,
            },
            SavedScreen::Help { under, scroll } => Screen::Help {
                under: Box::new(self.restore_screen(under)),
                scroll: *scroll,
            },
        }
    }
}
