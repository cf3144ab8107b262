//! THE STATE MACHINE: `App::update(Msg) -> Vec<Effect>`. Pure: no disk, no terminal,
//! no clock. The runtime feeds it messages and carries out the effects it returns.

pub mod answer;
pub mod exercise;
pub mod insights;
mod kept;
mod nav;
mod question;
mod quick_write;
mod replies;
mod restore;
pub mod review;
pub mod rung;
pub mod screen;
pub mod timer;
pub mod unlock;

use crate::content::{Content, Exercise, Step};
use crate::journal::{Entry, ExerciseActivity};
use crate::keys::Context;
pub use crate::msg::{Effect, Exported, LadderRecall, Laid, Msg, RecallKey, Recalled, Updated};
use crate::session::{SavedDraft, Session};
use exercise::Draft;
pub use question::Question;
pub use screen::{HomeItem, Screen};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StepStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

impl StepStatus {
    pub fn label(self) -> &'static str {
        match self {
            StepStatus::Done => "done",
            StepStatus::InProgress => "in progress",
            StepStatus::NotStarted => "not started",
        }
    }
}

/// How far a step is: its status, exercises done of those to practise, and when last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StepProgress {
    pub status: StepStatus,
    pub done: usize,
    pub of: usize,
    pub last: Option<chrono::DateTime<chrono::FixedOffset>>,
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
    /// Where Markdown exports are written.
    pub exports_dir: std::path::PathBuf,
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
    done_steps: std::collections::BTreeSet<String>,
    /// What the person set in settings.toml (their own crisis lines).
    pub settings: crate::settings::Settings,
    /// Where exports go; empty in tests that never say: beside the journal.
    pub exports_dir: std::path::PathBuf,
    /// The latest entry of the safety plan, shown on the help screen once made.
    pub safety_plan: Option<crate::journal::Entry>,
    /// Half-seconds on the steadying page: where the breathing pace is.
    pub pace: u32,
    pub review: review::Review,
    /// Pictures for the Insights screen, once loaded.
    pub insights: Option<insights::Insights>,
    /// The entry open on the Entry screen, once loaded.
    pub entry: Option<Entry>,
    /// A one-line, gentle note in the status bar ("Saved."), gone at the next key.
    pub notice: Option<String>,
    /// Why the words on screen are not saved, shown until a save succeeds.
    pub problem: Option<String>,
    /// Things to read before going on, one at a time, until dismissed.
    alerts: Vec<String>,
    /// Drafts kept without being opened: from exercises this content pack doesn't
    /// have, or a second draft of one brought back by an import. Never dropped unasked.
    pub kept: Vec<SavedDraft>,
    /// A question waiting for y (delete this? discard that?), asked over any screen.
    pub question: Option<Question>,
    /// Drafts discarded this session, newest last: `u` on the step brings one back.
    discarded: Vec<Draft>,
    /// Kept drafts discarded this session, newest last: `u` brings them back.
    kept_discarded: Vec<SavedDraft>,
    /// A quit found the session could not be saved; the next quit leaves anyway.
    quit_refused: bool,
    size: (u16, u16),
    /// What the last draw laid out: the text field's size, the scrolled page's length.
    pub laid: Laid,
    /// How far the open step's introduction is scrolled (when the window is too small
    /// to show it whole).
    pub step_scroll: u16,
    /// Earlier answers loaded for recall prompts; None inside means there is none yet.
    pub recalls: std::collections::BTreeMap<RecallKey, Option<Recalled>>,
    /// Ladders loaded for rung pickers and for the ladders themselves (their tries).
    pub ladders: std::collections::BTreeMap<RecallKey, LadderRecall>,
    /// A finished draft whose entry is being written; restored if that fails.
    pending: Option<Draft>,
    dirty: bool,
    /// The writing timer, while one is going.
    pub timer: Option<timer::WritingTimer>,
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
            exports_dir: boot.exports_dir,
            safety_plan: None,
            pace: 0,
            review: review::Review::default(),
            insights: None,
            entry: None,
            notice: None,
            problem: None,
            alerts: Vec::new(),
            kept: Vec::new(),
            question: None,
            discarded: Vec::new(),
            kept_discarded: Vec::new(),
            quit_refused: false,
            size: (80, 24),
            laid: Laid::default(),
            step_scroll: 0,
            recalls: Default::default(),
            ladders: Default::default(),
            pending: None,
            dirty: false,
            timer: None,
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
        let review = || Effect::LoadReview(self.review.query.clone());
        // Help restored over a screen needs what that screen needs.
        let mut effects = match self.screen.beneath() {
            Screen::Review { .. } => vec![review()],
            Screen::Entry { id, .. } => vec![review(), Effect::LoadEntry(*id)],
            Screen::Insights { .. } => vec![Effect::LoadInsights],
            Screen::Exercise { step, exercise } => self.recall_loads(*step, *exercise),
            _ => vec![],
        };
        effects.push(Effect::LoadSafetyPlan);
        effects
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        if msg.is_reply() {
            return self.reply(msg);
        }
        match msg {
            Msg::Tick => {
                return if self.dirty {
                    vec![self.save()]
                } else {
                    vec![]
                };
            }
            Msg::Quit if self.quit_refused => return vec![Effect::QuitAnyway],
            Msg::Quit => return vec![Effect::Quit],
            Msg::Resize(w, h) => {
                self.size = (w, h);
                return vec![];
            }
            Msg::Pace => {
                self.pace = self.pace.wrapping_add(1);
                return vec![];
            }
            Msg::Elapsed(by) => {
                self.elapsed(by);
                return vec![];
            }
            Msg::Laid(laid) => {
                self.laid = laid;
                self.clamp_scroll();
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
        if self.alert().is_some() {
            // An alert is read before anything else happens (help is still one key away).
            if msg == Msg::Dismiss {
                self.alerts.remove(0);
            }
            return vec![];
        }
        if !self.screen.is_help()
            && let Some(question) = self.question.take()
        {
            return self.answer(question, &msg);
        }
        let effects = match self.screen.clone() {
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
            Screen::Kept { selected } => self.on_kept(selected, msg),
            Screen::KeptDraft { index, scroll } => self.on_kept_draft(index, scroll, msg),
            Screen::Help { under, scroll } => self.on_help(*under, scroll, msg),
            Screen::Steady { back, scroll } => self.on_steady(*back, scroll, msg),
        };
        self.timer_follows_screen();
        effects
    }

    /// The alert on top, shown over the screen until dismissed (not over help).
    pub fn alert(&self) -> Option<&str> {
        if self.screen.is_help() {
            return None;
        }
        self.alerts.first().map(String::as_str)
    }

    /// What the keymap should use for the screen on top.
    pub fn context(&self) -> Context {
        self.context_of(&self.screen)
    }

    /// The keymap context of a screen (help shows the keys of the screen under it).
    pub fn context_of(&self, screen: &Screen) -> Context {
        if std::ptr::eq(screen, &self.screen) {
            if self.alert().is_some() {
                return Context::Alert;
            }
            if self.question.is_some() && !screen.is_help() {
                return Context::Confirm;
            }
        }
        match screen {
            Screen::Welcome => Context::Welcome,
            Screen::Home { .. } => Context::Home,
            Screen::Step { .. } => Context::Step,
            Screen::Exercise { step, exercise } => self.exercise_context(*step, *exercise),
            Screen::Reading { .. } => Context::Reading,
            Screen::Review { .. } if self.review.searching => Context::Search,
            Screen::Review { .. } if self.review.picker.is_some() => Context::Picker,
            Screen::Review { .. } => Context::Review,
            Screen::Entry { .. } => Context::Entry,
            Screen::Insights { .. } => Context::Insights,
            Screen::Kept { .. } => Context::Kept,
            Screen::KeptDraft { .. } => Context::KeptDraft,
            Screen::Help { .. } => Context::Help,
            Screen::Steady { .. } => Context::Steady,
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

    /// Effects that load the linked answers an exercise's recall prompts show, and
    /// the ladders its rung prompts pick from (or its own ladders, with their tries).
    pub fn recall_loads(&self, step: usize, exercise: usize) -> Vec<Effect> {
        use crate::content::{PromptKind, RecallSource};
        let Some(ex) = self.content.exercise_at(step, exercise) else {
            return vec![];
        };
        let step_id = &self.content.steps[step].id;
        let mut ladders: Vec<RecallKey> = Vec::new();
        for p in &ex.prompts {
            let key = match &p.kind {
                PromptKind::Rung(spec) => RecallKey {
                    step: spec.step.clone(),
                    exercise: spec.exercise.clone(),
                    prompt: spec.prompt.clone(),
                },
                PromptKind::Ladder(_) => RecallKey {
                    step: step_id.clone(),
                    exercise: ex.id.clone(),
                    prompt: p.id.clone(),
                },
                _ => continue,
            };
            if !ladders.contains(&key) {
                ladders.push(key);
            }
        }
        let ladders = ladders.into_iter().filter_map(|key| {
            let sources = self
                .content
                .rungs_from(&key.step, &key.exercise, &key.prompt);
            (!sources.is_empty()).then_some(Effect::LoadLadder(key, sources))
        });
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
            .chain(ladders)
            .collect()
    }

    /// Has anything changed since the session was last saved?
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// How far a step is: shown, never demanded.
    pub fn step_status(&self, step: usize) -> StepStatus {
        self.step_progress(step).status
    }

    /// A step's status, how many of its exercises were done, and when last.
    pub fn step_progress(&self, step: usize) -> StepProgress {
        let Some(s) = self.content.steps.get(step) else {
            return StepProgress::default();
        };
        let practice: Vec<_> = s.exercises.iter().filter(|e| !e.is_reading()).collect();
        let done: Vec<_> = self
            .activity
            .iter()
            .filter(|a| a.step_id == s.id && practice.iter().any(|e| e.id == a.exercise_id))
            .collect();
        let status = if self.done_steps.contains(&s.id)
            || (!practice.is_empty() && done.len() == practice.len())
        {
            StepStatus::Done
        } else if !done.is_empty() || self.drafts_in_progress().any(|d| d.step_id == s.id) {
            StepStatus::InProgress
        } else {
            StepStatus::NotStarted
        };
        StepProgress {
            status,
            done: done.len(),
            of: practice.len(),
            last: done.iter().map(|a| a.last_at).max(),
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
        let mut items: Vec<HomeItem> = self
            .content
            .numbered()
            .map(|(i, _)| HomeItem::Step(i))
            .collect();
        if self.content.quick_write().is_some() {
            items.push(HomeItem::QuickWrite);
        }
        if self.drafts_in_progress().next().is_some() {
            items.push(HomeItem::Continue);
        }
        if !self.kept.is_empty() {
            items.push(HomeItem::Kept);
        }
        items.push(HomeItem::Review);
        items.push(HomeItem::Insights);
        items.push(HomeItem::Help);
        items
    }

    /// Drafts the person wrote or chose something in, least recently touched first.
    pub fn drafts_in_progress(&self) -> impl DoubleEndedIterator<Item = &Draft> {
        self.drafts.iter().filter(|d| d.touched)
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
}
