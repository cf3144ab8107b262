//! Insights: pictures of the journal, where a person would rather look than read.
//! The data is loaded by the store; this owns which picture is shown.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::{App, Effect, Msg, Screen};

pub const SECTIONS: [&str; 4] = ["Activity", "Feelings", "Before and after", "Steps"];

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

impl App {
    pub(super) fn open_insights(&mut self) -> Vec<Effect> {
        self.screen = Screen::Insights { section: 0 };
        vec![Effect::LoadInsights, self.save()]
    }

    pub(super) fn on_insights(&mut self, section: usize, msg: Msg) -> Vec<Effect> {
        let count = SECTIONS.len();
        let section = match msg {
            Msg::Increase | Msg::NextPrompt | Msg::Down => (section + 1) % count,
            Msg::Decrease | Msg::PrevPrompt | Msg::Up => (section + count - 1) % count,
            Msg::Back => {
                self.screen = Screen::Review { selected: 0 };
                return vec![self.load_review(0), self.save()];
            }
            _ => return vec![],
        };
        self.screen = Screen::Insights { section };
        self.dirty = true;
        vec![]
    }
}
