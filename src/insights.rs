//! What Insights shows, as data: aggregates the store computes from the journal and
//! the App keeps for the view. Neutral ground, so the store never imports the App.

use chrono::{DateTime, FixedOffset, NaiveDate};

/// What the Insights screen draws, aggregated by the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Insights {
    /// Entries per week, oldest first: the Monday starting the week, and the count.
    pub weeks: Vec<(NaiveDate, u32)>,
    /// Feeling intensity over time, as a share of its scale (0-100).
    pub feelings: Vec<FeelingPoint>,
    /// Before/after pairs from recent runs, oldest first.
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeelingPoint {
    pub when: DateTime<FixedOffset>,
    pub percent: i64,
    pub word: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub when: DateTime<FixedOffset>,
    pub exercise_title: String,
    pub pair: String,
    pub before: i64,
    pub after: i64,
    pub max: i64,
}
