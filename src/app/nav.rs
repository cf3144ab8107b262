//! How each screen answers a message: movement, opening, explicit back-navigation.
//! Part of the pure state machine; the only outputs are the new state and effects.

use super::exercise::{Change, Draft};
use super::{App, Effect, HomeItem, Msg, Screen};

pub(super) const PAGE: u16 = 10;

impl App {
    pub(super) fn on_welcome(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Open => {
                self.screen = Screen::Home { selected: 0 };
                vec![Effect::MarkWelcomed, self.save()]
            }
            _ => vec![],
        }
    }

    pub(super) fn on_home(&mut self, selected: usize, msg: Msg) -> Vec<Effect> {
        let items = self.home_items();
        match msg {
            Msg::Up | Msg::Down => {
                self.screen = Screen::Home {
                    selected: move_in(selected, items.len(), &msg),
                };
                self.dirty = true;
                vec![]
            }
            Msg::Open => match items.get(selected) {
                Some(HomeItem::Step(step)) => {
                    self.step_scroll = 0;
                    self.screen = Screen::Step {
                        step: *step,
                        selected: 0,
                    };
                    vec![self.save()]
                }
                Some(HomeItem::QuickWrite) => self.open_quick_write(),
                Some(HomeItem::Continue) => self.continue_latest(),
                Some(HomeItem::Kept) => self.open_kept(),
                Some(HomeItem::Review) => self.open_review(),
                Some(HomeItem::Insights) => self.open_insights(),
                Some(HomeItem::Help) => self.update(Msg::Help),
                None => vec![],
            },
            Msg::Continue => self.continue_latest(),
            Msg::QuickWrite => self.open_quick_write(),
            Msg::Review => self.open_review(),
            Msg::Insights => self.open_insights(),
            _ => vec![],
        }
    }

    pub(super) fn on_step(&mut self, step: usize, selected: usize, msg: Msg) -> Vec<Effect> {
        let count = self
            .content
            .steps
            .get(step)
            .map_or(0, |s| s.exercises.len());
        match msg {
            Msg::Up | Msg::Down => {
                self.screen = Screen::Step {
                    step,
                    selected: move_in(selected, count, &msg),
                };
                self.dirty = true;
                vec![]
            }
            Msg::Open
                if selected < count
                    && self.content.steps[step].exercises[selected].is_reading() =>
            {
                self.screen = Screen::Reading {
                    step,
                    exercise: selected,
                    scroll: 0,
                };
                vec![self.save()]
            }
            Msg::Open if selected < count => self.open_exercise(step, selected),
            Msg::Toggle => {
                let id = self.content.steps[step].id.clone();
                let done = !self.done_steps.contains(&id);
                if done {
                    self.done_steps.insert(id.clone());
                    self.notice =
                        Some("Marked done. You can come back to it any time.".to_string());
                } else {
                    self.done_steps.remove(&id);
                }
                vec![Effect::MarkStepDone { step_id: id, done }]
            }
            Msg::Back => {
                self.screen = Screen::Home { selected: step };
                vec![self.save()]
            }
            Msg::Delete if selected < count => {
                let s = &self.content.steps[step];
                match self.find_draft(&s.id, &s.exercises[selected].id) {
                    Some(_) => self.ask(super::Question::DiscardDraft {
                        step,
                        exercise: selected,
                    }),
                    None => {
                        self.notice = Some("There's no draft of this exercise.".to_string());
                        vec![]
                    }
                }
            }
            Msg::Undo => self.undo_discard_draft(),
            Msg::PageUp | Msg::PageDown => {
                // The introduction scrolls when the window can't show it whole.
                let page = self.laid.page_height.max(1);
                self.step_scroll = match msg {
                    Msg::PageUp => self.step_scroll.saturating_sub(page),
                    _ => self.step_scroll.saturating_add(page),
                };
                self.clamp_scroll();
                vec![]
            }
            _ => vec![],
        }
    }

    pub(super) fn on_exercise(&mut self, step: usize, exercise: usize, msg: Msg) -> Vec<Effect> {
        self.in_exercise(step, exercise, msg, false)
    }

    /// A message the person already said yes to (delete this rung).
    pub(super) fn on_exercise_confirmed(
        &mut self,
        step: usize,
        exercise: usize,
        msg: Msg,
    ) -> Vec<Effect> {
        self.in_exercise(step, exercise, msg, true)
    }

    fn in_exercise(
        &mut self,
        step: usize,
        exercise: usize,
        msg: Msg,
        said_yes: bool,
    ) -> Vec<Effect> {
        let Some(ex) = self.content.exercise_at(step, exercise).cloned() else {
            self.screen = Screen::Home { selected: 0 };
            return vec![self.save()];
        };
        let step_id = self.content.steps[step].id.clone();
        let Some(index) = self
            .drafts
            .iter()
            .rposition(|d| d.step_id == step_id && d.exercise_id == ex.id)
        else {
            self.screen = self.after_exercise(step, exercise);
            return vec![self.save()];
        };
        let draft = &mut self.drafts[index];
        match msg {
            Msg::NextPrompt if !draft.on_save_page() => {
                draft.prompt += 1;
                draft.save_scroll = 0;
                vec![self.save()]
            }
            Msg::PrevPrompt if draft.prompt > 0 => {
                draft.prompt -= 1;
                draft.save_scroll = 0;
                vec![self.save()]
            }
            Msg::Back => {
                self.drop_timer(&ex.id);
                self.leave_exercise(index, step, exercise)
            }
            Msg::WritingTimer => self.timer_key(step, exercise),
            // The save page and an earlier answer shown to read are pages that scroll.
            Msg::Up | Msg::Down | Msg::PageUp | Msg::PageDown
                if draft.on_save_page()
                    || matches!(
                        ex.prompts.get(draft.prompt).map(|p| &p.kind),
                        Some(crate::content::PromptKind::Recall(_))
                    ) =>
            {
                if let Some(scroll) = scrolled(draft.save_scroll, &msg) {
                    let max = self
                        .laid
                        .page_lines
                        .saturating_sub(usize::from(self.laid.page_height));
                    draft.save_scroll = scroll.min(u16::try_from(max).unwrap_or(u16::MAX));
                }
                vec![]
            }
            Msg::Open if draft.on_save_page() => self.save_draft(index, &ex, step, exercise),
            Msg::Delete if !said_yes && App::rung_selected(draft) => {
                self.ask(super::Question::DeleteRung)
            }
            other => match super::rung::apply(draft, &ex, &self.ladders, &other)
                .unwrap_or_else(|| draft.apply(&ex, &self.content.feelings, other, self.laid.field))
            {
                Change::None => vec![],
                Change::Moved => {
                    self.dirty = true;
                    vec![]
                }
                Change::Edited => {
                    draft.touched = true;
                    self.dirty = true;
                    vec![]
                }
                Change::EditedAndNext => {
                    draft.touched = true;
                    draft.prompt += 1;
                    vec![self.save()]
                }
                Change::Next => {
                    draft.prompt += 1;
                    draft.save_scroll = 0;
                    vec![self.save()]
                }
            },
        }
    }

    /// Esc in an exercise: back where it was opened from, the draft kept if it holds
    /// anything (an edit goes back to its entry).
    fn leave_exercise(&mut self, index: usize, step: usize, exercise: usize) -> Vec<Effect> {
        let draft = &self.drafts[index];
        let touched = draft.touched;
        if let Some(id) = draft.editing {
            if !touched {
                // Opened to edit, nothing changed: there is no draft to keep.
                self.drafts.remove(index);
                self.screen = Screen::Entry { id, scroll: 0 };
                return vec![Effect::LoadEntry(id), self.save()];
            }
            self.notice = Some(format!(
                "Your changes are kept as a draft; open the entry and press {} to carry on.",
                crate::keys::label(crate::keys::Context::Entry, &Msg::EditEntry)
            ));
            self.screen = Screen::Entry { id, scroll: 0 };
            return vec![Effect::LoadEntry(id), self.save()];
        }
        // Nothing written or chosen (or all of it taken out again): no draft to keep.
        if !touched || draft.answered() == 0 {
            self.drafts.remove(index);
        } else {
            self.notice =
                Some("Your draft is kept. Open the exercise again to carry on.".to_string());
        }
        self.screen = self.after_exercise(step, exercise);
        vec![self.save()]
    }

    /// Enter on the save page: the draft becomes an entry (or saves over the entry it
    /// edits), together with the session without it.
    fn save_draft(
        &mut self,
        index: usize,
        ex: &crate::content::Exercise,
        step: usize,
        exercise: usize,
    ) -> Vec<Effect> {
        if self.drafts[index].answered() == 0 {
            self.notice = Some(format!(
                "Nothing to save yet: every prompt is empty. {} goes back to answer; {} leaves.",
                crate::keys::label(crate::keys::Context::Save, &Msg::PrevPrompt),
                crate::keys::label(crate::keys::Context::Save, &Msg::Back)
            ));
            return vec![];
        }
        let draft = self.drafts.remove(index);
        self.drop_timer(&ex.id);
        let entry = draft.to_entry(ex);
        let editing = draft.editing.map(|id| (id, draft.editing_uid.clone()));
        self.pending = Some(draft);
        self.dirty = false;
        if let Some((id, uid)) = editing {
            self.entry = None;
            self.screen = Screen::Entry { id, scroll: 0 };
            return vec![Effect::UpdateEntry {
                id,
                uid,
                entry,
                session: self.session(),
            }];
        }
        self.screen = self.after_exercise(step, exercise);
        self.notice = Some(if ex.steady {
            format!(
                "Saved \"{}\". If writing stirred things up, {} then {} gives you a few minutes to steady yourself.",
                ex.title,
                crate::keys::label_everywhere(&Msg::Help),
                crate::keys::label(crate::keys::Context::Help, &Msg::Steady)
            )
        } else {
            format!("Saved \"{}\". You'll find it in Review.", ex.title)
        });
        vec![
            Effect::CommitEntry {
                entry,
                session: self.session(),
            },
            Effect::LoadActivity,
            Effect::LoadSafetyPlan,
        ]
    }

    pub(super) fn on_reading(
        &mut self,
        step: usize,
        exercise: usize,
        scroll: u16,
        msg: Msg,
    ) -> Vec<Effect> {
        let scroll = match msg {
            Msg::Back => {
                self.screen = Screen::Step {
                    step,
                    selected: exercise,
                };
                return vec![self.save()];
            }
            other => match scrolled(scroll, &other) {
                Some(scroll) => scroll,
                None => return vec![],
            },
        };
        self.screen = Screen::Reading {
            step,
            exercise,
            scroll,
        };
        self.clamp_scroll();
        self.dirty = true;
        vec![]
    }

    pub(super) fn on_help(&mut self, under: Screen, scroll: u16, msg: Msg) -> Vec<Effect> {
        let scroll = match msg {
            Msg::Back | Msg::Help => {
                self.screen = under;
                return vec![self.save()];
            }
            Msg::Steady => {
                self.pace = 0;
                self.screen = Screen::Steady {
                    back: Box::new(Screen::Help {
                        under: Box::new(under),
                        scroll,
                    }),
                    scroll: 0,
                };
                self.dirty = true;
                return vec![];
            }
            Msg::SafetyPlan => {
                let found = self
                    .content
                    .safety_plan()
                    .and_then(|(s, e)| self.content.position(&s.id, &e.id));
                return match found {
                    Some((step, exercise)) => self.open_exercise(step, exercise),
                    None => {
                        self.screen = Screen::Help {
                            under: Box::new(under),
                            scroll,
                        };
                        self.notice = Some("This content pack has no safety plan.".to_string());
                        vec![]
                    }
                };
            }
            other => match scrolled(scroll, &other) {
                Some(scroll) => scroll,
                None => return vec![],
            },
        };
        self.screen = Screen::Help {
            under: Box::new(under),
            scroll,
        };
        self.clamp_scroll();
        vec![]
    }

    /// The steadying page: Esc goes back to help; the pace moves on by itself.
    pub(super) fn on_steady(&mut self, back: Screen, scroll: u16, msg: Msg) -> Vec<Effect> {
        let scroll = match msg {
            Msg::Back => {
                self.screen = back;
                return vec![self.save()];
            }
            other => match scrolled(scroll, &other) {
                Some(scroll) => scroll,
                None => return vec![],
            },
        };
        self.screen = Screen::Steady {
            back: Box::new(back),
            scroll,
        };
        self.clamp_scroll();
        vec![]
    }

    /// Open an exercise: resume its draft if there is one, else start fresh.
    pub(super) fn open_exercise(&mut self, step: usize, exercise: usize) -> Vec<Effect> {
        let (step_id, ex) = {
            let s = &self.content.steps[step];
            (s.id.clone(), s.exercises[exercise].clone())
        };
        let is_run =
            |d: &Draft| d.step_id == step_id && d.exercise_id == ex.id && d.editing.is_none();
        let fresh = !self.drafts.iter().any(is_run);
        let revisit = fresh && !ex.repeatable && self.times_done(&step_id, &ex.id) > 0;
        let draft = match self.drafts.iter().position(is_run) {
            Some(i) => self.drafts.remove(i),
            None => Draft::new(&step_id, &ex),
        };
        self.drafts.push(draft);
        self.screen = Screen::Exercise { step, exercise };
        let mut effects = vec![self.save()];
        effects.extend(self.recall_loads(step, exercise));
        if revisit {
            effects.push(Effect::LoadLatest {
                step_id,
                exercise_id: ex.id,
            });
        }
        effects
    }

    /// Open the draft touched last: a new run, or the edit of an entry.
    fn continue_latest(&mut self) -> Vec<Effect> {
        let Some(latest) = self.drafts.iter().rev().find(|d| d.touched) else {
            return vec![];
        };
        let Some((step, exercise)) = self.content.position(&latest.step_id, &latest.exercise_id)
        else {
            return vec![];
        };
        if latest.editing.is_none() {
            return self.open_exercise(step, exercise);
        }
        // It is last already, so it is the draft the exercise screen shows.
        self.show_edit(step, exercise)
    }

    /// Keep a scrolled page from running past its end, as last laid out.
    pub(super) fn clamp_scroll(&mut self) {
        let max = u16::try_from(
            self.laid
                .page_lines
                .saturating_sub(usize::from(self.laid.page_height)),
        )
        .unwrap_or(u16::MAX);
        match &mut self.screen {
            Screen::Entry { scroll, .. }
            | Screen::Help { scroll, .. }
            | Screen::Reading { scroll, .. }
            | Screen::KeptDraft { scroll, .. } => *scroll = (*scroll).min(max),
            Screen::Step { .. } => self.step_scroll = self.step_scroll.min(max),
            _ => {}
        }
    }
}

pub(super) fn move_in(selected: usize, len: usize, msg: &Msg) -> usize {
    match msg {
        Msg::Up => selected.saturating_sub(1),
        Msg::Down => (selected + 1).min(len.saturating_sub(1)),
        _ => selected,
    }
}

/// Where a scrolled page goes for a movement message, if it is one.
pub(super) fn scrolled(scroll: u16, msg: &Msg) -> Option<u16> {
    Some(match msg {
        Msg::Up => scroll.saturating_sub(1),
        Msg::Down => scroll.saturating_add(1),
        Msg::PageUp => scroll.saturating_sub(PAGE),
        Msg::PageDown => scroll.saturating_add(PAGE),
        _ => return None,
    })
}
