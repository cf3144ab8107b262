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
    /// What was ticked in checklists (distancing moves, triggers, thinking traps),
    /// each checklist with its items, most ticked first.
    pub patterns: Vec<Pattern>,
    /// Scales content asks to see over time, by group ("How they responded").
    pub trends: Vec<TrendGroup>,
    /// Thoughts and beliefs rated (content's `of`), the latest rated first.
    pub beliefs: Vec<Belief>,
    /// Every rung of a ladder tried, oldest first: expected against actual.
    pub rungs: Vec<crate::journal::RungTry>,
}

/// One thought or belief, and each time its strength was rated (before and after
/// in one run are two ratings), oldest first. The same words, whatever their case
/// and spacing, are the same belief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Belief {
    /// As it was last written.
    pub text: String,
    pub ratings: Vec<Rating>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    pub when: DateTime<FixedOffset>,
    /// The entry it was given in: ratings of one entry are one run's.
    pub entry: i64,
    pub value: i64,
    pub min: i64,
    pub max: i64,
}

impl Rating {
    /// As a share of its scale (0-100).
    pub fn share(&self) -> i64 {
        (self.value - self.min) * 100 / (self.max - self.min).max(1)
    }
}

impl Belief {
    /// On how many runs (entries) it was rated.
    pub fn runs(&self) -> usize {
        let mut entries: Vec<i64> = self.ratings.iter().map(|r| r.entry).collect();
        entries.dedup();
        entries.len()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendGroup {
    pub group: String,
    pub lines: Vec<TrendLine>,
}

/// One scale over time: its short name, and each answer as a share of its scale
/// (0-100), oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendLine {
    pub name: String,
    pub points: Vec<(DateTime<FixedOffset>, i64)>,
}

/// One checklist prompt across the journal: how often each item came up in all,
/// and in each of the last three months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub exercise_title: String,
    pub label: String,
    /// The first day of each of the three months counted, oldest first.
    pub months: [NaiveDate; 3],
    pub items: Vec<PatternItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternItem {
    pub item: String,
    pub total: u32,
    /// In each of `Pattern::months`.
    pub by_month: [u32; 3],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeelingPoint {
    pub when: DateTime<FixedOffset>,
    pub percent: i64,
    /// The family ("Scared"), and the word when one was picked ("anxious").
    pub family: String,
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
