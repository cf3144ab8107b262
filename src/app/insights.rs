//! Insights: pictures of the journal, where a person would rather look than read.
//! The data is loaded by the store; this owns which picture is shown.

use super::{App, Effect, Msg, Screen};
pub use crate::insights::{
    Belief, Change, FeelingPoint, Insights, Pattern, PatternItem, Rating, TrendGroup, TrendLine,
};

pub const SECTIONS: [&str; 8] = [
    "Activity",
    "What comes up",
    "Feelings",
    "Before/after",
    "Over time",
    "Beliefs",
    "Ladder",
    "Steps",
];

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
