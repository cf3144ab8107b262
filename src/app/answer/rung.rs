//! A rung answer: which rung of the trust ladder was tried, picked from the ladder's
//! latest rungs (loaded by the App), or something not on it.

use super::Change;
use super::choice::move_cursor;
use crate::app::Msg;
use crate::journal::{AnswerValue, LadderItem};
pub use crate::session::{OFF_LADDER, RungPick};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RungDraft {
    /// Over the rungs, then the "not on my ladder" row.
    pub cursor: usize,
    pub chosen: Option<RungPick>,
}

impl RungDraft {
    /// Apply a picker message; `rungs` are the ladder's rungs now, rated out of `max`.
    pub fn apply(&mut self, rungs: &[LadderItem], max: i64, msg: &Msg) -> Change {
        let rows = rungs.len() + 1;
        match msg {
            Msg::Up => move_cursor(&mut self.cursor, rows, -1),
            Msg::Down => move_cursor(&mut self.cursor, rows, 1),
            Msg::Toggle => {
                self.choose(rungs, max);
                Change::Edited
            }
            Msg::Open => {
                self.choose(rungs, max);
                Change::EditedAndNext
            }
            Msg::ClearAnswer if self.chosen.is_some() => {
                self.chosen = None;
                Change::Edited
            }
            _ => Change::None,
        }
    }

    fn choose(&mut self, rungs: &[LadderItem], max: i64) {
        self.chosen = Some(match rungs.get(self.cursor) {
            Some(r) => RungPick::Rung {
                text: r.text.clone(),
                rating: r.rating,
                max,
            },
            None => RungPick::OffLadder,
        });
    }

    /// Is this row the one chosen (a rung by its words, or the last row)? Two rungs
    /// with the same words: the first is the one shown chosen.
    pub fn is_chosen(&self, rungs: &[LadderItem], row: usize) -> bool {
        match (&self.chosen, rungs.get(row)) {
            (Some(RungPick::Rung { text, .. }), Some(r)) => {
                *text == r.text && rungs.iter().position(|o| o.text == *text) == Some(row)
            }
            (Some(RungPick::OffLadder), None) => true,
            _ => false,
        }
    }

    pub fn value(&self) -> AnswerValue {
        match &self.chosen {
            Some(RungPick::Rung { text, rating, max }) => AnswerValue::Rung {
                text: text.clone(),
                rating: *rating,
                max: *max,
            },
            Some(RungPick::OffLadder) => AnswerValue::Choice(OFF_LADDER.to_string()),
            None => AnswerValue::Skipped,
        }
    }
}
