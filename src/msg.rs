//! The App's language: messages in (a person's intent, a paste, a quiet moment, the
//! result of an effect) and effects out (what the outside world should do), as data.
//! Below the App and the keymap, so both can speak it without needing each other.

use crate::insights::Insights;
pub use crate::journal::Updated;
use crate::journal::{Entry, EntrySummary, ExerciseActivity, NewEntry};
use crate::query::ReviewQuery;
use crate::session::{SavedDraft, Session};

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
    /// Home: open the quick write.
    QuickWrite,
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
    /// Delete the selected ladder item, entry or kept draft.
    Delete,
    /// Sort a ladder's items by their rating, easiest first.
    Sort,
    /// Move the selected ladder item up or down.
    MoveUp,
    MoveDown,
    /// Next or previous field of a ladder item being written.
    NextField,
    PrevField,
    /// Stop writing a ladder item without keeping the changes; no to a question.
    Cancel,
    /// A change to the text field being typed in (a key the keymap turned into one).
    Edit(crate::textfield::Edit),
    /// A bracketed paste: lands in the field verbatim, triggers nothing else.
    Paste(String),
    /// The terminal's size, at start and on every resize.
    Resize(u16, u16),
    /// Typing paused (or a second passed): time to autosave if anything changed.
    Tick,
    /// Review: start typing a search.
    Search,
    /// Review: choose which step, exercise or time to show, from a list.
    PickStep,
    PickExercise,
    PickTime,
    ClearFilters,
    /// Bring back the last entry deleted this session.
    Undo,
    /// Yes to a question such as "delete this entry?".
    Confirm,
    /// Edit the open entry.
    EditEntry,
    Insights,
    Export,
    /// Put away the alert on top ("OK").
    Dismiss,
    /// Help: open the steadying page (breathing and grounding).
    Steady,
    /// Help: open the safety plan, to make it or change it.
    SafetyPlan,
    /// Half a second passed on the steadying page: the breathing pace moves on.
    Pace,
    /// Start, pause or resume the writing timer (where a prompt offers one).
    WritingTimer,
    /// Time passed while the writing timer ran.
    Elapsed(std::time::Duration),
    // Answers from the outside world.
    ActivityLoaded(Vec<ExerciseActivity>),
    SafetyPlanLoaded(Option<Box<crate::journal::Entry>>),
    ReviewLoaded {
        offset: usize,
        rows: Vec<EntrySummary>,
        total: usize,
    },
    InsightsLoaded(Box<Insights>),
    EntryLoaded(i64, Option<Box<Entry>>),
    /// The latest entry of a one-off exercise, to revise it.
    LatestLoaded {
        step_id: String,
        exercise_id: String,
        entry: Option<Box<Entry>>,
    },
    /// The latest answer of a linked exercise, for a recall prompt.
    RecallLoaded(RecallKey, Option<Recalled>),
    /// A ladder's latest rungs and the tries of them, for rung pickers and the ladder.
    LadderLoaded(RecallKey, Box<LadderRecall>),
    EntrySaved(i64),
    /// An edited entry was saved over its earlier version, or as a new entry when the
    /// one it changed had been deleted meanwhile.
    EntryUpdated(Updated),
    /// The entry could not be written; its answers go back to being a draft.
    CommitFailed(String),
    /// The session (and so the drafts) was saved.
    SessionSaved,
    /// The session could not be saved: the words are only in memory.
    SaveFailed(String),
    /// A quit could not save the session, so attune stays open.
    QuitRefused(String),
    /// An export was written.
    Exported(Exported),
    StoreFailed(String),
    /// The start-up check found the journal damaged: nothing more is written to it.
    JournalDamaged {
        damage: String,
        /// Whether there is a backup to restore.
        backups: bool,
    },
    /// What the last draw laid out that the App needs: the text field's size and the
    /// scrolled page's length (television-style: the layout comes back as data).
    Laid(Laid),
    /// Something the person should read before going on, until they put it away.
    Alert(String),
    /// A passing word in the status bar.
    Note(String),
}

/// What the view laid out, for the App: the text field being typed in (inner width
/// and height) and the scrolled page on screen (its lines, and how many show).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Laid {
    pub field: (u16, u16),
    pub page_lines: usize,
    pub page_height: u16,
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
    /// Save an edited entry over the old one (keeping it in history), with the session,
    /// atomically; if the entry was deleted meanwhile, save it as a new one.
    UpdateEntry {
        id: i64,
        /// The entry's uid when known: a different entry under the same row id is
        /// never changed.
        uid: Option<String>,
        entry: NewEntry,
        session: Session,
    },
    LoadActivity,
    /// The latest entry of the pack's safety plan (its `in_help` exercise), for help.
    LoadSafetyPlan,
    LoadReview(ReviewQuery),
    LoadInsights,
    /// Hide an entry (undoable until attune closes).
    DeleteEntry(i64),
    UndeleteEntry(i64),
    /// Write what Review shows to a Markdown file.
    Export(ReviewQuery, std::path::PathBuf),
    /// Write drafts this content pack can't open to a Markdown file.
    ExportDrafts(Vec<SavedDraft>, std::path::PathBuf),
    LoadEntry(i64),
    LoadRecall(RecallKey),
    /// A ladder prompt's latest answer and every try of its rungs (by the rung
    /// prompts that pick from it).
    LoadLadder(RecallKey, Vec<crate::content::RungSource>),
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
    /// Save the session, close the journal and leave; if the save fails, stay.
    Quit,
    /// Leave even though the session can't be saved: the drafts go to a rescue file.
    QuitAnyway,
}

impl Effect {
    /// Does it change the journal?
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Effect::SaveSession(_)
                | Effect::CommitEntry { .. }
                | Effect::UpdateEntry { .. }
                | Effect::DeleteEntry(_)
                | Effect::UndeleteEntry(_)
                | Effect::MarkStepDone { .. }
                | Effect::MarkWelcomed
        )
    }
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

/// A ladder as rung pickers and the ladder show it: its latest answer (a
/// `AnswerValue::Ladder`, and when), and every try of its rungs, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LadderRecall {
    pub latest: Option<(
        chrono::DateTime<chrono::FixedOffset>,
        crate::journal::AnswerValue,
    )>,
    pub tries: Vec<crate::journal::RungTry>,
}

impl LadderRecall {
    /// The latest rungs, and what they are rated out of.
    pub fn rungs(&self) -> (&[crate::journal::LadderItem], i64) {
        match &self.latest {
            Some((_, crate::journal::AnswerValue::Ladder { items, max, .. })) => (items, *max),
            _ => (&[], 0),
        }
    }

    /// The tries of one rung (by its words), oldest first.
    pub fn tries_of<'a>(
        &'a self,
        rung: &'a str,
    ) -> impl Iterator<Item = &'a crate::journal::RungTry> {
        self.tries.iter().filter(move |t| t.rung == rung)
    }
}

/// A Markdown export written: where, and how much is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: String,
    pub count: usize,
    /// "entries" or "drafts".
    pub what: &'static str,
    /// Written from an encrypted journal: the export itself is not encrypted.
    pub from_encrypted: bool,
}
