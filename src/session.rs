//! The session as it is saved: which screen is open and every draft, down to the
//! cursor in a half-typed answer. Plain serde data, versioned; the store keeps it and
//! the App makes it, so it belongs to neither.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::journal::LadderItem;

pub const SESSION_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    pub screen: SavedScreen,
    /// Exercises in progress, least recently touched first.
    pub drafts: Vec<SavedDraft>,
    /// Drafts kept but not open as exercises: their exercise is not in the content
    /// pack that saved the session, or a draft of it was already in progress when
    /// this one was imported. Never dropped without the person's say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<SavedDraft>,
    /// What Review was asked to show, when anything was narrowed: a search is there
    /// again after a restart, as it is after a visit to Home.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "review_if_readable"
    )]
    pub review: Option<Box<SavedReview>>,
}

/// Saved filters this version cannot read (another version's shape) are none: they
/// are never a reason for the session, and its drafts, not to load.
fn review_if_readable<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Box<SavedReview>>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(match value {
        serde_json::Value::Object(_) => serde_json::from_value(value).ok(),
        _ => None,
    })
}

/// Review's filters as saved: ids and words, each checked again when read back (a
/// step or exercise the content no longer has is dropped, a range attune does not
/// know is all time), so nothing here can stop a session from loading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedReview {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise_id: Option<String>,
    /// "today", "week" or "month"; empty for all time.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub range: String,
    /// The search line as typed, dates (`since:`) included.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub words: String,
    /// The search line was being typed in: a restart goes on typing in it.
    #[serde(
        default,
        skip_serializing_if = "std::ops::Not::not",
        deserialize_with = "true_or_false"
    )]
    pub searching: bool,
}

/// `searching` as saved, or false for a value of another shape: a damaged flag costs
/// only itself, not the search it belongs to.
fn true_or_false<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(serde_json::Value::deserialize(d)?
        .as_bool()
        .unwrap_or(false))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub enum SavedScreen {
    Welcome,
    Home {
        selected: usize,
    },
    Step {
        step_id: String,
        selected: usize,
    },
    Exercise {
        step_id: String,
        exercise_id: String,
    },
    Reading {
        step_id: String,
        exercise_id: String,
        scroll: u16,
    },
    Review {
        selected: usize,
    },
    Insights {
        section: usize,
    },
    Entry {
        entry_id: i64,
        scroll: u16,
    },
    Kept {
        selected: usize,
    },
    KeptDraft {
        index: usize,
        scroll: u16,
    },
    Help {
        under: Box<SavedScreen>,
        scroll: u16,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDraft {
    pub step_id: String,
    pub exercise_id: String,
    /// Which prompt is open; the number of prompts means the save page.
    pub prompt: usize,
    /// The entry this draft edits; None for a new run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editing: Option<i64>,
    /// That entry's uid: its row id alone could by now belong to another entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editing_uid: Option<String>,
    /// Keyed by prompt id, so a reworded pack still finds each answer.
    pub answers: BTreeMap<String, SavedAnswer>,
    /// Has the person written or chosen anything in it (a revisit's earlier answers
    /// filled in do not count)? Only then is it a draft they would miss.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub touched: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SavedAnswer {
    Text {
        text: String,
        row: usize,
        col: usize,
    },
    Scale {
        value: i64,
    },
    Choice {
        chosen: Option<String>,
        cursor: usize,
    },
    Multi {
        chosen: Vec<String>,
        /// What the "something else" line holds, not yet added as an item.
        other: String,
        cursor: usize,
        /// Items of their own added from that line, each ticked or not.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        own: Vec<(String, bool)>,
    },
    Feelings(FeelingsDraft),
    /// Feelings rated again: each one's new strength, and the feeling selected.
    Rerate {
        ratings: Vec<crate::journal::Felt>,
        cursor: usize,
    },
    Ladder {
        items: Vec<LadderItem>,
        cursor: usize,
        editing: Option<SavedEdit>,
    },
    Rung {
        chosen: Option<RungPick>,
        cursor: usize,
    },
}

/// The row of a rung picker for a step that is not on the ladder, and how it reads.
pub const OFF_LADDER: &str = "Something not on my ladder";

/// The rung picked in a rung prompt: one of the ladder's, with the rating it had
/// there when picked, or something not on the ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "pick", rename_all = "snake_case")]
pub enum RungPick {
    Rung {
        text: String,
        rating: Option<i64>,
        max: i64,
    },
    OffLadder,
}

/// How far a feelings pick has got: family, word, then strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Family,
    /// "I'm not sure": where in the body is it felt?
    Body,
    /// Families that often come with the chosen sensation.
    BodyFamily,
    Word,
    Intensity,
    /// A feeling is rated: go on, or name another.
    More,
}

/// A feelings answer in progress (the App's draft and its saved form are the same).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeelingsDraft {
    pub stage: Stage,
    pub cursor: usize,
    /// The feeling being picked now.
    pub sensation: Option<String>,
    pub family: Option<String>,
    pub word: Option<String>,
    pub intensity: Option<i64>,
    /// Feelings already picked and rated, in the order named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub felt: Vec<crate::journal::Felt>,
    /// Which of `felt` the feeling being picked changes (it stays as it was until
    /// the change is kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editing: Option<usize>,
}

/// A ladder item being written, as saved: which item (None for a new one), which
/// field is open and what each field holds so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedEdit {
    pub index: Option<usize>,
    pub field: usize,
    pub values: Vec<String>,
}

fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

impl Session {
    /// A session on the home screen holding nothing yet.
    pub fn empty() -> Session {
        Session {
            version: SESSION_VERSION,
            screen: SavedScreen::Home { selected: 0 },
            drafts: Vec::new(),
            kept: Vec::new(),
            review: None,
        }
    }

    /// Bring drafts in (from an import or a rescue file) without losing a word: one
    /// already here is not added twice; one that holds everything a draft of the same
    /// exercise here holds (a later version of it, as in a rescue file) takes its
    /// place; otherwise both stay, the newcomer kept beside it. Returns how many
    /// drafts came in.
    pub fn merge(&mut self, incoming: Vec<SavedDraft>) -> usize {
        let mut added = 0;
        for draft in incoming {
            if self.kept.iter().any(|k| k.covers(&draft)) {
                continue;
            }
            match self.drafts.iter_mut().find(|d| d.same_run(&draft)) {
                Some(here) if here.covers(&draft) => continue,
                Some(here) if draft.covers(here) => *here = draft,
                Some(_) => self.kept.push(draft),
                None => self.drafts.push(draft),
            }
            added += 1;
        }
        added
    }
}

impl SavedDraft {
    /// Drafts of the same run: the same exercise, and the same entry if an edit.
    pub fn same_run(&self, other: &SavedDraft) -> bool {
        self.step_id == other.step_id
            && self.exercise_id == other.exercise_id
            && self.editing == other.editing
    }

    /// Does this draft hold every word of `other` (of the same run), so that keeping
    /// only this one loses nothing?
    pub fn covers(&self, other: &SavedDraft) -> bool {
        self.same_run(other)
            && other.answers.iter().all(|(id, theirs)| {
                let theirs = theirs.words();
                theirs.trim().is_empty()
                    || self
                        .answers
                        .get(id)
                        .is_some_and(|mine| mine.words().contains(theirs.trim()))
            })
    }
}

impl SavedAnswer {
    /// What the answer says, as plain text (for drafts shown or exported without the
    /// exercise they belong to).
    pub fn words(&self) -> String {
        match self {
            SavedAnswer::Text { text, .. } => text.clone(),
            SavedAnswer::Scale { value } => value.to_string(),
            SavedAnswer::Choice { chosen, .. } => chosen.clone().unwrap_or_default(),
            SavedAnswer::Multi {
                chosen, other, own, ..
            } => chosen
                .iter()
                .chain(own.iter().filter(|(_, t)| *t).map(|(item, _)| item))
                .chain(std::iter::once(other).filter(|o| !o.trim().is_empty()))
                .cloned()
                .collect::<Vec<_>>()
                .join("\n"),
            SavedAnswer::Feelings(f) => {
                let mut lines: Vec<String> = f
                    .felt
                    .iter()
                    .map(|felt| {
                        let mut line = felt.name().to_string();
                        line.extend(felt.intensity.map(|i| format!(" › {i}")));
                        line
                    })
                    .collect();
                let mut parts: Vec<String> = [&f.family, &f.word]
                    .into_iter()
                    .flatten()
                    .cloned()
                    .collect();
                parts.extend(f.intensity.map(|i| i.to_string()));
                parts.extend(f.sensation.as_ref().map(|s| format!("felt as {s}")));
                if !parts.is_empty() {
                    lines.push(parts.join(" › "));
                }
                lines.join("\n")
            }
            SavedAnswer::Rerate { ratings, .. } => ratings
                .iter()
                .map(|r| format!("{} › {}", r.name(), r.intensity.unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("\n"),
            SavedAnswer::Ladder { items, editing, .. } => items
                .iter()
                .map(|i| {
                    std::iter::once(i.text.clone())
                        .chain(i.rating.map(|r| r.to_string()))
                        .chain(i.fields.iter().filter(|f| !f.trim().is_empty()).cloned())
                        .collect::<Vec<_>>()
                        .join(" · ")
                })
                .chain(editing.iter().map(|e| e.values.join(" · ")))
                .collect::<Vec<_>>()
                .join("\n"),
            SavedAnswer::Rung { chosen, .. } => match chosen {
                Some(RungPick::Rung { text, .. }) => text.clone(),
                Some(RungPick::OffLadder) => OFF_LADDER.to_string(),
                None => String::new(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_of_another_shape_do_not_stop_a_session_loading() {
        let mut json = serde_json::to_value(Session::empty()).unwrap();
        for review in [
            serde_json::json!(5),
            serde_json::json!({"step_id": 3}),
            serde_json::json!(["since:2026-01-01"]),
            serde_json::Value::Null,
        ] {
            json["review"] = review.clone();
            let session: Session = serde_json::from_value(json.clone()).unwrap();
            assert_eq!(session, Session::empty(), "{review}");
        }
        json["review"] = serde_json::json!({"words": "dinner", "range": "week", "later": 1});
        let session: Session = serde_json::from_value(json.clone()).unwrap();
        let review = session.review.unwrap();
        assert_eq!(
            (review.words.as_str(), review.range.as_str()),
            ("dinner", "week")
        );
        // A damaged typing flag is not typing; the search it belongs to stays.
        for flag in [
            serde_json::json!("yes"),
            serde_json::json!(1),
            serde_json::Value::Null,
            serde_json::json!([]),
        ] {
            let mut json = json.clone();
            json["review"] = serde_json::json!({"words": "dinner", "searching": flag});
            let session: Session = serde_json::from_value(json).unwrap();
            let review = session.review.unwrap();
            assert_eq!((review.words.as_str(), review.searching), ("dinner", false));
        }
        json["review"] = serde_json::json!({"words": "dinner", "searching": true});
        let session: Session = serde_json::from_value(json).unwrap();
        assert!(session.review.unwrap().searching);
    }
}
