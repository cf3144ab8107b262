//! A feelings answer, picked in levels: a family ("Sad"), then a word ("lonely"),
//! then how strong it is. "I'm not sure" starts from where it is felt in the body.
//! Once one is rated, another can be named, as many as are there, each with its own
//! strength; a named one can be changed or taken out again.

use super::Change;
use super::choice::move_cursor;
use crate::app::Msg;
use crate::content::{FeelingFamily, ScaleSpec};
use crate::journal::{Feelings, Felt};
pub use crate::session::{FeelingsDraft, Stage};

pub const NOT_SURE: &str = "I'm not sure: start from the body";
pub const SHOW_ALL: &str = "None of these: show all feelings";
pub const GO_ON: &str = "That's all: go on";
pub const ANOTHER: &str = "Name another feeling";
/// Rows of the "more" list before the feelings named, one row each.
const MORE_ROWS: usize = 2;

impl FeelingsDraft {
    /// The rows of the list the current stage shows.
    pub fn rows(&self, families: &[FeelingFamily], max: i64) -> Vec<String> {
        match self.stage {
            Stage::More => [GO_ON.to_string(), ANOTHER.to_string()]
                .into_iter()
                .chain(
                    self.felt
                        .iter()
                        .map(|f| format!("Change or take out: {}", f.line(max))),
                )
                .collect(),
            Stage::Family => families
                .iter()
                .map(|f| f.name.clone())
                .chain([NOT_SURE.to_string()])
                .collect(),
            Stage::Body => sensations(families),
            Stage::BodyFamily => self
                .families_felt(families)
                .into_iter()
                .chain([SHOW_ALL.to_string()])
                .collect(),
            Stage::Word => self
                .family_of(families)
                .map(|f| f.words.clone())
                .unwrap_or_default(),
            Stage::Intensity => Vec::new(),
        }
    }

    fn families_felt(&self, families: &[FeelingFamily]) -> Vec<String> {
        let sensation = self.sensation.as_deref().unwrap_or_default();
        families
            .iter()
            .filter(|f| f.sensations.iter().any(|s| s == sensation))
            .map(|f| f.name.clone())
            .collect()
    }

    fn family_of<'f>(&self, families: &'f [FeelingFamily]) -> Option<&'f FeelingFamily> {
        families
            .iter()
            .find(|f| Some(&f.name) == self.family.as_ref())
    }

    pub fn is_empty(&self) -> bool {
        self.family.is_none() && self.felt.is_empty()
    }

    /// Every feeling named, the one being picked last (if a family is chosen), so
    /// nothing picked is lost by moving on half way.
    /// A feeling being changed counts as changed once its word is picked; one named
    /// again without a strength adds nothing to the one named before.
    pub fn all_felt(&self) -> Vec<Felt> {
        let mut all = self.felt.clone();
        let Some(now) = self.picking() else {
            return all;
        };
        match self.editing.filter(|i| *i < all.len()) {
            Some(i) if !now.word.is_empty() => all[i] = now,
            Some(_) => {}
            None => match all.iter_mut().find(|f| f.same_feeling(&now)) {
                Some(same) if now.intensity.is_some() => *same = now,
                Some(_) => {}
                None => all.push(now),
            },
        }
        all
    }

    /// The feeling being picked, once its family is chosen.
    fn picking(&self) -> Option<Felt> {
        Some(Felt {
            family: self.family.clone()?,
            word: self.word.clone().unwrap_or_default(),
            intensity: self.intensity,
            sensation: self.sensation.clone(),
        })
    }

    /// A draft holding a saved answer's feelings, on the list to go on or add more.
    pub fn from_feelings(feelings: &Feelings) -> FeelingsDraft {
        FeelingsDraft {
            stage: if feelings.felt.is_empty() {
                Stage::Family
            } else {
                Stage::More
            },
            felt: feelings.felt.clone(),
            ..FeelingsDraft::default()
        }
    }

    /// Keep every strength inside the scale (content may have changed it).
    pub fn clamp(&mut self, spec: &ScaleSpec) {
        let fit = |v: Option<i64>| v.map(|v| v.clamp(spec.min, spec.max));
        self.intensity = fit(self.intensity);
        for f in &mut self.felt {
            f.intensity = fit(f.intensity);
        }
    }

    pub fn apply(&mut self, families: &[FeelingFamily], spec: &ScaleSpec, msg: Msg) -> Change {
        let rows = self.rows(families, spec.max);
        match (self.stage, msg) {
            (Stage::More, Msg::Up) => move_cursor(&mut self.cursor, rows.len(), -1),
            (Stage::More, Msg::Down) => move_cursor(&mut self.cursor, rows.len(), 1),
            (Stage::More, Msg::Open) => match self.cursor {
                0 => Change::Next,
                1 => self.go(Stage::Family, 0),
                // Back to its strength; Backspace there goes on back to its word. It
                // stays named as it was until the change is kept.
                i if i - MORE_ROWS < self.felt.len() => {
                    self.editing = Some(i - MORE_ROWS);
                    let f = self.felt[i - MORE_ROWS].clone();
                    self.sensation = f.sensation;
                    self.family = Some(f.family);
                    self.word = (!f.word.is_empty()).then_some(f.word);
                    self.intensity = f.intensity;
                    self.go(Stage::Intensity, 0)
                }
                _ => Change::None,
            },
            (Stage::More, Msg::ClearAnswer)
                if (MORE_ROWS..MORE_ROWS + self.felt.len()).contains(&self.cursor) =>
            {
                self.felt.remove(self.cursor - MORE_ROWS);
                self.editing = None;
                if self.felt.is_empty() {
                    return self.go(Stage::Family, 0);
                }
                let last = MORE_ROWS + self.felt.len() - 1;
                self.go(Stage::More, self.cursor.min(last))
            }
            (Stage::More, _) => Change::None,
            // With feelings named and nothing picked yet, back to the list of them;
            // a feeling whose change was begun stays as it was.
            (Stage::Family, Msg::ClearAnswer) if !self.felt.is_empty() => {
                let at = self.editing.take().map_or(0, |i| MORE_ROWS + i);
                self.sensation = None;
                self.go(Stage::More, at)
            }
            (Stage::Intensity, Msg::ClearAnswer) => {
                // Back to the words: the word (and so its strength) is chosen again,
                // starting from the one picked.
                let word = self.word.take();
                self.intensity = None;
                self.back_to(families, Stage::Word, word)
            }
            (Stage::Intensity, Msg::Open) => self.rated(),
            (Stage::Intensity, msg) => {
                match super::scale_move(spec, self.intensity, &msg) {
                    Some(next @ Some(_)) => self.intensity = next,
                    _ => return Change::None,
                }
                Change::Edited
            }
            (_, Msg::Up) => move_cursor(&mut self.cursor, rows.len(), -1),
            (_, Msg::Down) => move_cursor(&mut self.cursor, rows.len(), 1),
            (stage, Msg::Open) => {
                let Some(picked) = rows.get(self.cursor).cloned() else {
                    return Change::None;
                };
                match stage {
                    Stage::Family if picked == NOT_SURE => {
                        // A fresh start from the body: earlier picks no longer apply.
                        self.family = None;
                        self.word = None;
                        self.intensity = None;
                        self.go(Stage::Body, 0)
                    }
                    Stage::Family => self.pick_family(picked, false),
                    Stage::Body => {
                        self.sensation = Some(picked);
                        self.go(Stage::BodyFamily, 0)
                    }
                    Stage::BodyFamily if picked == SHOW_ALL => self.go(Stage::Family, 0),
                    Stage::BodyFamily => self.pick_family(picked, true),
                    Stage::Word => {
                        self.word = Some(picked);
                        self.go(Stage::Intensity, 0)
                    }
                    Stage::Intensity | Stage::More => Change::None,
                }
            }
            // Going back a level clears what depended on the choice made there.
            // The list gone back to opens on what was picked there.
            (stage, Msg::ClearAnswer) => match stage {
                Stage::Word => {
                    let family = self.family.take();
                    self.word = None;
                    self.intensity = None;
                    match self.sensation {
                        Some(_) => self.back_to(families, Stage::BodyFamily, family),
                        None => self.back_to(families, Stage::Family, family),
                    }
                }
                Stage::Body => self.back_to(families, Stage::Family, Some(NOT_SURE.into())),
                Stage::BodyFamily => {
                    let sensation = self.sensation.take();
                    self.back_to(families, Stage::Body, sensation)
                }
                _ => Change::None,
            },
            _ => Change::None,
        }
    }

    /// The feeling being picked is rated: it joins those named (in place of the same
    /// feeling named before), and the list asks whether there is another.
    fn rated(&mut self) -> Change {
        let Some(now) = self.picking() else {
            return self.go(Stage::More, 0);
        };
        match self.editing.take().filter(|i| *i < self.felt.len()) {
            // Changed in its place; the same feeling named elsewhere too goes.
            Some(i) => {
                self.felt[i] = now.clone();
                let mut at = 0;
                self.felt.retain(|f| {
                    at += 1;
                    at - 1 == i || !f.same_feeling(&now)
                });
            }
            None => match self.felt.iter_mut().find(|f| f.same_feeling(&now)) {
                Some(same) => *same = now,
                None => self.felt.push(now),
            },
        }
        self.family = None;
        self.word = None;
        self.intensity = None;
        self.sensation = None;
        self.go(Stage::More, 0)
    }

    fn pick_family(&mut self, family: String, from_body: bool) -> Change {
        if self.family.as_ref() != Some(&family) {
            self.word = None;
        }
        if !from_body {
            self.sensation = None;
        }
        self.family = Some(family);
        self.go(Stage::Word, 0)
    }

    /// Back to an earlier list, the cursor on what was picked there (if it is listed).
    fn back_to(
        &mut self,
        families: &[FeelingFamily],
        stage: Stage,
        picked: Option<String>,
    ) -> Change {
        self.stage = stage;
        let at = picked
            .and_then(|p| self.rows(families, 0).iter().position(|r| *r == p))
            .unwrap_or(0);
        self.go(stage, at)
    }

    fn go(&mut self, stage: Stage, cursor: usize) -> Change {
        self.stage = stage;
        self.cursor = cursor;
        Change::Edited
    }
}

/// Every body sensation in the pack, in the order first mentioned.
pub fn sensations(families: &[FeelingFamily]) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for s in families.iter().flat_map(|f| &f.sensations) {
        if !all.contains(s) {
            all.push(s.clone());
        }
    }
    all
}
