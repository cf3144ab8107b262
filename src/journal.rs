//! What a person has written: finished entries and their answers.
//! Shared by the store (which saves them), the App (which shows them) and export.

use chrono::{DateTime, FixedOffset};

/// One answer as it is kept for good: the prompt's label is copied so old entries
/// still read correctly after the content changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub prompt_id: String,
    pub label: String,
    pub value: AnswerValue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerValue {
    Skipped,
    Text(String),
    Scale { value: i64, min: i64, max: i64 },
}

impl AnswerValue {
    pub fn kind(&self) -> &'static str {
        match self {
            AnswerValue::Skipped => "skipped",
            AnswerValue::Text(_) => "text",
            AnswerValue::Scale { .. } => "scale",
        }
    }

    /// A short, one-line rendering for lists and summaries.
    pub fn preview(&self) -> String {
        match self {
            AnswerValue::Skipped => "skipped".to_string(),
            AnswerValue::Text(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
            AnswerValue::Scale { value, max, .. } => format!("{value} of {max}"),
        }
    }
}

/// A finished exercise run, about to be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub step_id: String,
    pub exercise_id: String,
    pub exercise_title: String,
    pub answers: Vec<Answer>,
}

/// A saved entry, whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub step_id: String,
    pub exercise_id: String,
    pub exercise_title: String,
    /// Local time of the person when they saved it.
    pub created_at: DateTime<FixedOffset>,
    pub answers: Vec<Answer>,
}

/// One row of the Review list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrySummary {
    pub id: i64,
    pub step_id: String,
    pub exercise_id: String,
    pub exercise_title: String,
    pub created_at: DateTime<FixedOffset>,
}

/// How often an exercise was finished, and when last: all Home and Step need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseActivity {
    pub step_id: String,
    pub exercise_id: String,
    pub times: u32,
    pub last_at: DateTime<FixedOffset>,
}
