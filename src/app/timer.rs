//! The writing timer: an optional countdown where content asks for timed writing.
//! Started, paused and resumed by one key; when it ends it says so gently and never
//! stops the person writing. Time reaches the App as messages (`Msg::Elapsed`), sent
//! by the runtime once a second while the timer runs, so the App stays pure.

use std::time::Duration;

use super::answer::DraftAnswer;
use super::exercise::Draft;
use super::{App, Effect, Screen};
use crate::content::{Exercise, PromptKind, leading_minutes};

/// Content may not ask for more than this, whatever an option says.
const LONGEST: u16 = 180;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WritingTimer {
    pub step_id: String,
    pub exercise_id: String,
    pub minutes: u16,
    pub left: Duration,
    pub running: bool,
}

impl WritingTimer {
    pub fn ended(&self) -> bool {
        self.left.is_zero()
    }

    /// What the exercise's header says: the time left, paused, or that it is up.
    pub fn label(&self) -> String {
        let secs = self.left.as_secs() + u64::from(self.left.subsec_nanos() > 0);
        let clock = format!("{}:{:02}", secs / 60, secs % 60);
        match (self.ended(), self.running) {
            (true, _) => format!("{} up", minutes(self.minutes)),
            (false, true) => format!("⏱ {clock} left"),
            (false, false) => format!("⏱ {clock} left, paused"),
        }
    }
}

impl App {
    /// Is a countdown running (so the runtime sends the time)?
    pub fn timer_running(&self) -> bool {
        self.timer.as_ref().is_some_and(|t| t.running)
    }

    /// The timer of the exercise on screen, if it has one going.
    pub fn timer_shown(&self, exercise: &Exercise) -> Option<&WritingTimer> {
        self.timer.as_ref().filter(|t| t.exercise_id == exercise.id)
    }

    /// The timer key: start the open prompt's timer, pause it, go on, or put an ended
    /// one away.
    pub(super) fn timer_key(&mut self, step: usize, exercise: usize) -> Vec<Effect> {
        let Some((s, ex, draft)) = self.open_exercise_at(step, exercise) else {
            return vec![];
        };
        let ids = (s.id.clone(), ex.id.clone());
        let offered = offered_minutes(ex, draft);
        if let Some(t) = self.timer.as_mut().filter(|t| t.exercise_id == ids.1) {
            if t.ended() {
                self.timer = None;
            } else {
                t.running = !t.running;
            }
            return vec![];
        }
        let Some(minutes) = offered else {
            self.notice = Some("This prompt has no writing timer.".into());
            return vec![];
        };
        self.timer = Some(WritingTimer {
            step_id: ids.0,
            exercise_id: ids.1,
            minutes,
            left: Duration::from_secs(u64::from(minutes) * 60),
            running: true,
        });
        vec![]
    }

    /// Time passed while the timer ran.
    pub(super) fn elapsed(&mut self, by: Duration) {
        let Some(t) = self.timer.as_mut().filter(|t| t.running) else {
            return;
        };
        t.left = t.left.saturating_sub(by);
        if t.ended() {
            t.running = false;
            // Said on the exercise, or over it in help.
            if matches!(self.screen, Screen::Exercise { .. } | Screen::Help { .. }) {
                self.notice = Some(format!(
                    "Your {} {} up. Finish your thought if you like; nothing stops you.",
                    minutes(t.minutes),
                    if t.minutes == 1 { "is" } else { "are" }
                ));
            }
        }
    }

    /// The timer goes with its exercise: on any other screen (but help, and the
    /// steadying page, opened over it) it stops.
    pub(super) fn timer_follows_screen(&mut self) {
        let Some(t) = &self.timer else {
            return;
        };
        let mut screen = &self.screen;
        while let Screen::Help { under: below, .. } | Screen::Steady { back: below, .. } = screen {
            screen = below;
        }
        let here = match screen {
            Screen::Exercise { step, exercise } => self
                .content
                .steps
                .get(*step)
                .and_then(|s| Some((s, s.exercises.get(*exercise)?)))
                .is_some_and(|(s, e)| s.id == t.step_id && e.id == t.exercise_id),
            _ => false,
        };
        if !here {
            self.timer = None;
        }
    }

    /// The exercise is left or saved: its timer goes with it.
    pub(super) fn drop_timer(&mut self, exercise_id: &str) {
        if self
            .timer
            .as_ref()
            .is_some_and(|t| t.exercise_id == exercise_id)
        {
            self.timer = None;
        }
    }
}

/// The minutes the open prompt's timer would run for: the length chosen earlier in
/// the exercise ("15 minutes"), else the prompt's own; None where it has no timer.
pub fn offered_minutes(ex: &Exercise, draft: &Draft) -> Option<u16> {
    let spec = ex.prompts.get(draft.prompt)?.timer.as_ref()?;
    let chosen = spec.from.as_ref().and_then(|from| {
        let i = ex.prompts.iter().position(|p| &p.id == from)?;
        let PromptKind::Choice { options } = &ex.prompts[i].kind else {
            return None;
        };
        let DraftAnswer::Choice(c) = draft.answers.get(i)? else {
            return None;
        };
        leading_minutes(options.get(c.chosen?)?)
    });
    Some(chosen.unwrap_or(spec.minutes).min(LONGEST))
}

/// "1 minute", "20 minutes".
fn minutes(n: u16) -> String {
    if n == 1 {
        "1 minute".to_string()
    } else {
        format!("{n} minutes")
    }
}
