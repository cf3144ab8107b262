//! The session as it is saved: which screen is open and every draft, down to the
//! cursor in a half-typed answer. Plain serde data, versioned.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::answer::feelings::FeelingsDraft;
use super::answer::ladder::SavedEdit;
use crate::journal::LadderItem;

pub const SESSION_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    pub screen: SavedScreen,
    /// Exercises in progress, least recently touched first.
    pub drafts: Vec<SavedDraft>,
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
    /// Keyed by prompt id, so a reworded pack still finds each answer.
    pub answers: BTreeMap<String, SavedAnswer>,
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
        other: String,
        cursor: usize,
    },
    Feelings(FeelingsDraft),
    Ladder {
        items: Vec<LadderItem>,
        cursor: usize,
        editing: Option<SavedEdit>,
    },
}
