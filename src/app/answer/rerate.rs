//! Rating again, later in a run, each feeling named earlier ("And how strong is each
//! feeling now?"): one scale per feeling, the first rating beside it. The feelings
//! come from the earlier prompt as it stands, so one named or taken out there shows
//! here too; ratings are kept by feeling, not by row.

use super::{Change, scale_move};
use crate::app::Msg;
use crate::content::ScaleSpec;
use crate::journal::{Feelings, Felt};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RerateDraft {
    /// The feelings rated again, each with its new strength.
    pub ratings: Vec<Felt>,
    /// Which of the earlier prompt's feelings is selected.
    pub cursor: usize,
}

impl RerateDraft {
    /// The new strength given to this feeling, if any.
    pub fn rating(&self, felt: &Felt) -> Option<i64> {
        self.ratings
            .iter()
            .find(|r| r.same_feeling(felt))
            .and_then(|r| r.intensity)
    }

    pub fn is_empty(&self) -> bool {
        self.ratings.iter().all(|r| r.intensity.is_none())
    }

    /// `rows` are the feelings named in the earlier prompt, in order.
    pub fn apply(&mut self, rows: &[Felt], spec: &ScaleSpec, msg: Msg) -> Change {
        let last = rows.len().saturating_sub(1);
        self.cursor = self.cursor.min(last);
        match msg {
            Msg::Up if self.cursor > 0 => {
                self.cursor -= 1;
                Change::Moved
            }
            Msg::Down if self.cursor < last => {
                self.cursor += 1;
                Change::Moved
            }
            // Enter goes down the feelings, and on from the last.
            Msg::Open if self.cursor < last => {
                self.cursor += 1;
                Change::Moved
            }
            Msg::Open => Change::Next,
            msg => {
                let Some(felt) = rows.get(self.cursor) else {
                    return Change::None;
                };
                let now = self.rating(felt);
                // Arrows start from the first strength, not the middle.
                let from = match msg {
                    Msg::Increase | Msg::Decrease => now.or(felt.intensity),
                    _ => now,
                };
                let Some(next) = scale_move(spec, from, &msg) else {
                    return Change::None;
                };
                if next == now {
                    return Change::None;
                }
                self.ratings.retain(|r| !r.same_feeling(felt));
                if next.is_some() {
                    self.ratings.push(Felt {
                        family: felt.family.clone(),
                        word: felt.word.clone(),
                        intensity: next,
                        sensation: None,
                    });
                }
                Change::Edited
            }
        }
    }

    /// The answer: the feelings of `rows` rated again, in their order.
    pub fn value(&self, rows: &[Felt], spec: &ScaleSpec) -> Feelings {
        Feelings {
            felt: rows
                .iter()
                .filter_map(|f| {
                    Some(Felt {
                        family: f.family.clone(),
                        word: f.word.clone(),
                        intensity: Some(self.rating(f)?),
                        sensation: None,
                    })
                })
                .collect(),
            max: spec.max,
        }
    }
}
