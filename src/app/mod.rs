//! THE STATE MACHINE: `App::update(Msg) -> Vec<Effect>`. Pure: no disk, no terminal,
//! no clock. The runtime feeds it messages and carries out the effects it returns.

pub mod answer;
pub mod exercise;
pub mod insights;
mod nav;
mod restore;
pub mod review;
pub mod screen;
pub mod session;

use crossterm::event::KeyEvent;

use crate::content::{Content, Exercise, Step};
use crate::journal::{Entry, EntrySummary, ExerciseActivity, NewEntry};
use crate::keys::Context;
use exercise::Draft;
pub use screen::{HomeItem, Screen};
use session::Session;

/// Everything that can happen to the App: a person's intent (from the keymap), a
/// pasted text, a quiet moment, or the result of an effect.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Up,
    Down,
    PageUp,
    PageDown,
    Open,
    Back,
    Quit,
    Help,
    Continue,
    Review,
    NextPrompt,
    PrevPrompt,
    Decrease,
    Increase,
    Digit(u8),
    ScaleMin,
    ScaleMax,
    ClearAnswer,
    /// Tick or untick (Space in a checklist).
    Toggle,
    /// Add an item to a ladder.
    Add,
    /// Delete the selected ladder item.
    Delete,
    /// Move the selected ladder item up or down.
    MoveUp,
    MoveDown,
    /// Next or previous field of a ladder item being written.
    NextField,
    PrevField,
    /// Stop writing a ladder item without keeping the changes.
    Cancel,
    /// A key for the text field being typed in.
    Edit(KeyEvent),
    /// A bracketed paste: lands in the field verbatim, triggers nothing else.
    Paste(String),
    /// The terminal's size, at start and on every resize.
    Resize(u16, u16),
    /// Typing paused (or a second passed): time to autosave if anything changed.
    Tick,
    ActivityLoaded(Vec<ExerciseActivity>),
    ReviewLoaded {
        offset: usize,
        rows: Vec<EntrySummary>,
        total: usize,
    },
    InsightsLoaded(Box<insights::Insights>),
    /// An edited entry was saved over its earlier version.
    EntryUpdated(i64),
    /// An export was written to this file.
    Exported(String),
    /// Review: start typing a search.
    Search,
    CycleStep,
    CycleExercise,
    CycleRange,
    ClearFilters,
    /// Bring back the last entry deleted this session.
    Undo,
    /// Yes to a question such as "delete this entry?".
    Confirm,
    /// Edit the open entry.
    EditEntry,
    Insights,
    Export,
    EntryLoaded(i64, Option<Box<Entry>>),
    /// The latest entry of a one-off exercise, to revise it.
    LatestLoaded {
        step_id: String,
        exercise_id: String,
        entry: Option<Box<Entry>>,
    },
    /// The latest answer of a linked exercise, for a recall prompt.
    RecallLoaded(RecallKey, Option<Recalled>),
    EntrySaved(i64),
    /// The entry could not be written; its answers go back to being a draft.
    CommitFailed(String),
    StoreFailed(String),
}

/// What the App asks the outside world to do, as data.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    SaveSession(Session),
    /// Save the entry and the session without its draft, atomically.
    CommitEntry {
        entry: NewEntry,
        session: Session,
    },
    LoadActivity,
    LoadReview(review::ReviewQuery),
    LoadInsights,
    /// Hide an entry (undoable until attune closes).
    DeleteEntry(i64),
    UndeleteEntry(i64),
    /// Save an edited entry over the old one (keeping it in history), with the session.
    UpdateEntry {
        id: i64,
        answers: Vec<crate::journal::Answer>,
        session: Session,
    },
    /// Write what Review shows to a Markdown file.
    Export(review::ReviewQuery),
    LoadEntry(i64),
    LoadRecall(RecallKey),
    /// The latest entry of an exercise, to prefill a revision of a one-off.
    LoadLatest {
        step_id: String,
        exercise_id: String,
    },
    /// Remember that the person marked a step done (or not).
    MarkStepDone {
        step_id: String,
        done: bool,
    },
    MarkWelcomed,
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Done,
}

/// Which earlier answer a recall prompt shows: step, exercise, prompt ids.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecallKey {
    pub step: String,
    pub exercise: String,
    pub prompt: String,
}

/// An earlier answer, as a recall prompt shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recalled {
    pub when: chrono::DateTime<chrono::FixedOffset>,
    pub text: String,
}

/// What the runtime read from the store before the first frame.
#[derive(Debug, Clone, Default)]
pub struct Boot {
    pub data_dir: String,
    pub welcomed: bool,
    pub session: Option<Session>,
    pub activity: Vec<ExerciseActivity>,
    /// Steps the person marked done themselves.
    pub done_steps: Vec<String>,
    pub settings: crate::settings::Settings,
}

#[derive(Debug)]
pub struct App {
    pub content: Content,
    /// Where the journal lives, shown on the welcome screen.
    pub data_dir: String,
    pub screen: Screen,
    /// Exercises in progress, least recently touched first.
    pub drafts: Vec<Draft>,
    pub activity: Vec<ExerciseActivity>,
    /// Steps the person marked done themselves.
    pub done_steps: std::collections::BTreeSet<String>,
    /// What the person set in settings.toml (their own crisis lines).
    pub settings: crate::settings::Settings,
    pub review: review::Review,
    /// Pictures for the Insights screen, once loaded.
    pub insights: Option<insights::Insights>,
    /// The entry open on the Entry screen, once loaded.
    pub entry: Option<Entry>,
    /// A one-line, gentle note in the status bar ("Saved.").
    pub notice: Option<String>,
    pub size: (u16, u16),
    /// Earlier answers loaded for recall prompts; None inside means there is none yet.
    pub recalls: std::collections::BTreeMap<RecallKey, Option<Recalled>>,
    /// A finished draft whose entry is being written; restored if that fails.
    pending: Option<Draft>,
    dirty: bool,
}

impl App {
    pub fn new(content: Content, boot: Boot) -> App {
        let mut app = App {
            content,
            data_dir: boot.data_dir,
            screen: Screen::Home { selected: 0 },
            drafts: Vec::new(),
            activity: boot.activity,
            done_steps: boot.done_steps.into_iter().collect(),
            settings: boot.settings,
            review: review::Review::default(),
            insights: None,
            entry: None,
            notice: None,
            size: (80, 24),
            recalls: Default::default(),
            pending: None,
            dirty: false,
        };
        if let Some(session) = boot.session {
            app.restore(session);
        }
        if !boot.welcomed {
            app.screen = Screen::Welcome;
        }
        app
    }

    /// Loads the restored screen needs before it can be drawn in full.
    pub fn start(&self) -> Vec<Effect> {
        fn loads(screen: &Screen) -> Vec<Effect> {
            match screen {
                Screen::Review { .. } => vec![Effect::LoadReview(Default::default())],
                Screen::Entry { id, .. } => vec![
                    Effect::LoadReview(Default::default()),
                    Effect::LoadEntry(*id),
                ],
                Screen::Insights { .. } => vec![Effect::LoadInsights],
                Screen::Help { under, .. } => loads(under),
                _ => vec![],
            }
        }
        let mut effects = loads(&self.screen);
        let exercise = match &self.screen {
            Screen::Help { under, .. } => under.as_ref(),
            screen => screen,
        };
        if let Screen::Exercise { step, exercise } = exercise {
            effects.extend(self.recall_loads(*step, *exercise));
        }
        effects
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Tick => {
                return if self.dirty {
                    vec![self.save()]
                } else {
                    vec![]
                };
            }
            Msg::Quit => return vec![self.save(), Effect::Quit],
            Msg::Resize(w, h) => {
                self.size = (w, h);
                self.clamp_scroll();
                return vec![];
            }
            Msg::ActivityLoaded(activity) => {
                self.activity = activity;
                return vec![];
            }
            Msg::ReviewLoaded {
                offset,
                rows,
                total,
            } => {
                self.review_loaded(offset, rows, total);
                return vec![];
            }
            Msg::InsightsLoaded(insights) => {
                self.insights = Some(*insights);
                return vec![];
            }
            Msg::EntryUpdated(id) => {
                self.pending = None;
                self.notice = Some(
                    "Saved your changes. The earlier version is kept in the entry's history."
                        .to_string(),
                );
                return vec![Effect::LoadEntry(id), Effect::LoadActivity];
            }
            Msg::Exported(path) => {
                self.notice = Some(format!("Exported to {path}"));
                return vec![];
            }
            Msg::EntryLoaded(id, entry) => return self.entry_loaded(id, entry),
            Msg::LatestLoaded {
                step_id,
                exercise_id,
                entry,
            } => {
                return self.latest_loaded(&step_id, &exercise_id, entry);
            }
            Msg::RecallLoaded(key, found) => {
                self.recalls.insert(key, found);
                return vec![];
            }
            Msg::EntrySaved(_) => {
                self.pending = None;
                return vec![];
            }
            Msg::CommitFailed(problem) => {
                if let Some(draft) = self.pending.take() {
                    self.drafts.push(draft);
                }
                self.notice = Some(format!(
                    "Could not save the entry ({problem}). Your answers are kept as a draft."
                ));
                return vec![self.save()];
            }
            Msg::StoreFailed(problem) => {
                self.notice = Some(problem);
                return vec![];
            }
            _ => {}
        }
        self.notice = None;
        if msg == Msg::Help && !matches!(self.screen, Screen::Help { .. }) {
            let under = std::mem::replace(&mut self.screen, Screen::Welcome);
            self.screen = Screen::Help {
                under: Box::new(under),
                scroll: 0,
            };
            return vec![self.save()];
        }
        match self.screen.clone() {
            Screen::Welcome => self.on_welcome(msg),
            Screen::Home { selected } => self.on_home(selected, msg),
            Screen::Step { step, selected } => self.on_step(step, selected, msg),
            Screen::Exercise { step, exercise } => self.on_exercise(step, exercise, msg),
            Screen::Reading {
                step,
                exercise,
                scroll,
            } => self.on_reading(step, exercise, scroll, msg),
            Screen::Review { selected } => self.on_review(selected, msg),
            Screen::Insights { section } => self.on_insights(section, msg),
            Screen::Entry { id, scroll } => self.on_entry(id, scroll, msg),
            Screen::Help { under, scroll } => self.on_help(*under, scroll, msg),
        }
    }

    /// What the keymap should use for the screen on top.
    pub fn context(&self) -> Context {
        self.context_of(&self.screen)
    }

    /// The keymap context of a screen (help shows the keys of the screen under it).
    pub fn context_of(&self, screen: &Screen) -> Context {
        match screen {
            Screen::Welcome => Context::Welcome,
            Screen::Home { .. } => Context::Home,
            Screen::Step { .. } => Context::Step,
            Screen::Exercise { step, exercise } => self.exercise_context(*step, *exercise),
            Screen::Reading { .. } => Context::Reading,
            Screen::Review { .. } | Screen::Entry { .. }
                if self.review.confirm_delete.is_some() =>
            {
                Context::Confirm
            }
            Screen::Review { .. } if self.review.searching => Context::Search,
            Screen::Review { .. } => Context::Review,
            Screen::Entry { .. } => Context::Entry,
            Screen::Insights { .. } => Context::Insights,
            Screen::Help { .. } => Context::Help,
        }
    }

    pub fn exercise_context(&self, step: usize, exercise: usize) -> Context {
        let Some((_, ex, draft)) = self.open_exercise_at(step, exercise) else {
            return Context::Save;
        };
        match (
            ex.prompts.get(draft.prompt),
            draft.answers.get(draft.prompt),
        ) {
            (Some(prompt), Some(answer)) => answer.context(prompt),
            _ => Context::Save,
        }
    }

    /// Effects that load the linked answers an exercise's recall prompts show.
    pub fn recall_loads(&self, step: usize, exercise: usize) -> Vec<Effect> {
        use crate::content::{PromptKind, RecallSource};
        let Some(ex) = self.content.exercise_at(step, exercise) else {
            return vec![];
        };
        ex.prompts
            .iter()
            .filter_map(|p| match &p.kind {
                PromptKind::Recall(RecallSource::Linked {
                    step,
                    exercise,
                    prompt,
                }) => Some(Effect::LoadRecall(RecallKey {
                    step: step.clone(),
                    exercise: exercise.clone(),
                    prompt: prompt.clone(),
                })),
                _ => None,
            })
            .collect()
    }

    /// Has anything changed since the session was last saved?
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// How far a step is: shown, never demanded.
    pub fn step_status(&self, step: usize) -> StepStatus {
        let Some(s) = self.content.steps.get(step) else {
            return StepStatus::NotStarted;
        };
        let practice: Vec<_> = s.exercises.iter().filter(|e| !e.is_reading()).collect();
        let done = practice
            .iter()
            .filter(|e| self.times_done(&s.id, &e.id) > 0)
            .count();
        if self.done_steps.contains(&s.id) || (!practice.is_empty() && done == practice.len()) {
            StepStatus::Done
        } else if done > 0 || self.drafts.iter().any(|d| d.step_id == s.id) {
            StepStatus::InProgress
        } else {
            StepStatus::NotStarted
        }
    }

    pub fn times_done(&self, step_id: &str, exercise_id: &str) -> u32 {
        self.activity
            .iter()
            .find(|a| a.step_id == step_id && a.exercise_id == exercise_id)
            .map_or(0, |a| a.times)
    }

    /// The home list: the six steps, then what else there is to do.
    pub fn home_items(&self) -> Vec<HomeItem> {
        let mut items: Vec<HomeItem> = (0..self.content.steps.len()).map(HomeItem::Step).collect();
        if !self.drafts.is_empty() {
            items.push(HomeItem::Continue);
        }
        items.push(HomeItem::Review);
        items.push(HomeItem::Insights);
        items.push(HomeItem::Help);
        items
    }

    pub fn find_draft(&self, step_id: &str, exercise_id: &str) -> Option<&Draft> {
        // The most recently touched one is the one on screen (a new run or an edit).
        self.drafts
            .iter()
            .rev()
            .find(|d| d.step_id == step_id && d.exercise_id == exercise_id)
    }

    /// The step, exercise and draft of an Exercise screen.
    pub fn open_exercise_at(
        &self,
        step: usize,
        exercise: usize,
    ) -> Option<(&Step, &Exercise, &Draft)> {
        let s = self.content.steps.get(step)?;
        let e = s.exercises.get(exercise)?;
        Some((s, e, self.find_draft(&s.id, &e.id)?))
    }

    fn latest_loaded(
        &mut self,
        step_id: &str,
        exercise_id: &str,
        entry: Option<Box<Entry>>,
    ) -> Vec<Effect> {
        let (Some(entry), Some((_, exercise))) =
            (entry, self.content.exercise(step_id, exercise_id))
        else {
            return vec![];
        };
        let exercise = exercise.clone();
        let Some(draft) = self
            .drafts
            .iter_mut()
            .find(|d| d.step_id == step_id && d.exercise_id == exercise_id)
        else {
            return vec![];
        };
        // Only an untouched draft is filled: nothing typed meanwhile is ever replaced.
        if draft.answered() > 0 || draft.prompt > 0 {
            return vec![];
        }
        draft.prefill(&exercise, &entry);
        self.notice = Some(
            "Your last answers are filled in. Change what you like and save again.".to_string(),
        );
        vec![self.save()]
    }

    fn entry_loaded(&mut self, id: i64, entry: Option<Box<Entry>>) -> Vec<Effect> {
        let showing = matches!(self.screen, Screen::Entry { id: open, .. } if open == id);
        match entry {
            Some(entry) if showing => {
                self.entry = Some(*entry);
                self.clamp_scroll();
                vec![]
            }
            None if showing => {
                self.notice = Some("That entry could not be found.".to_string());
                self.screen = Screen::Review { selected: 0 };
                vec![self.load_review(0)]
            }
            _ => vec![],
        }
    }
}
