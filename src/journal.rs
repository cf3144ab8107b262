//! What a person has written: finished entries and their answers.
//! Shared by the store (which saves them), the App (which shows them) and export.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The longest passphrase attune takes, in bytes: the unlock screen's room, and so
/// the limit on a new one.
pub const MAX_PASSPHRASE: usize = 1024;

/// "70 → 40 (−30)": a before/after pair of scales as a change ("+10" up, "no change").
/// A pair of feelings answers gives each feeling rated both times its own change:
/// "anxious 7 → 4 (−3); hurt 6 → 6 (no change)".
pub fn change(before: &AnswerValue, after: &AnswerValue) -> Option<String> {
    match (before, after) {
        (AnswerValue::Scale { value: b, .. }, AnswerValue::Scale { value: a, .. }) => {
            Some(format!("{b} → {a} ({})", difference(*b, *a)))
        }
        (AnswerValue::Feeling(b), AnswerValue::Feeling(a)) => {
            let changes: Vec<String> = a
                .felt
                .iter()
                .filter_map(|now| {
                    let was = b.felt.iter().find(|f| f.same_feeling(now))?;
                    let (b, a) = (was.intensity?, now.intensity?);
                    Some(format!("{} {b} → {a} ({})", now.name(), difference(b, a)))
                })
                .collect();
            (!changes.is_empty()).then(|| changes.join("; "))
        }
        _ => None,
    }
}

/// "−30", "+10" or "no change" (a true minus sign).
pub fn difference(before: i64, after: i64) -> String {
    match after - before {
        0 => "no change".to_string(),
        d if d > 0 => format!("+{d}"),
        d => format!("−{}", d.unsigned_abs()),
    }
}

/// One answer as it is kept for good: the prompt's label is copied so old entries
/// still read correctly after the content changes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Answer {
    pub prompt_id: String,
    pub label: String,
    pub value: AnswerValue,
    /// Before/after scales share a pair key, so the change can be shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pair: Option<String>,
}

impl Answer {
    /// The change from this answer's before half, "70 → 40 (−30)", when both halves
    /// of its before/after pair are answered scales.
    pub fn change_from_before(&self, answers: &[Answer]) -> Option<String> {
        let before = self.pair_before(answers)?;
        change(&before.value, &self.value)
    }

    /// The earlier half of this answer's before/after pair among `answers` (the
    /// entry's answers, this one included), if this is the later half.
    pub fn pair_before<'a>(&self, answers: &'a [Answer]) -> Option<&'a Answer> {
        let pair = self.pair.as_ref()?;
        answers
            .iter()
            .take_while(|a| !std::ptr::eq(*a, self))
            .find(|a| a.pair.as_ref() == Some(pair))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum AnswerValue {
    Skipped,
    Text(String),
    Scale {
        value: i64,
        min: i64,
        max: i64,
    },
    Choice(String),
    Multi {
        chosen: Vec<String>,
        other: String,
    },
    /// One or more feelings, each with its own strength (JSON kind "feeling").
    Feeling(Feelings),
    Ladder {
        item: String,
        fields: Vec<String>,
        items: Vec<LadderItem>,
        min: i64,
        max: i64,
    },
    /// The rung of a ladder a person tried (e.g. in "A step taken"), with the rating
    /// it had on the ladder: what they expected, rated before they tried it.
    Rung {
        text: String,
        rating: Option<i64>,
        max: i64,
    },
}

/// A rung tried: which rung (its words), when, what was expected (its rating on
/// the ladder), how uncomfortable it was and how it went, when those were answered.
/// Found from the entries that tried it, never kept on the ladder itself, so saving
/// the ladder again can never wipe a try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RungTry {
    pub rung: String,
    pub on: DateTime<FixedOffset>,
    pub expected: Option<i64>,
    pub actual: Option<i64>,
    pub max: i64,
    pub how: Option<String>,
}

/// How much of how a try went a ladder shows (the rest is in the entry).
const HOW_SHOWN: usize = 60;

impl RungTry {
    /// "tried 7 Sep: 30 of 100, expected 60. Did it turn out as you predicted? Partly".
    pub fn describe(&self) -> String {
        let mut s = format!("tried {}", self.on.format("%-d %b"));
        match (self.actual, self.expected) {
            (Some(a), Some(e)) => s.push_str(&format!(": {a} of {}, expected {e}", self.max)),
            (Some(a), None) => s.push_str(&format!(": {a} of {}", self.max)),
            (None, Some(e)) => s.push_str(&format!(", expected {e} of {}", self.max)),
            (None, None) => {}
        }
        // How it went, in its own words: the start of it, on one line.
        if let Some(how) = self.how.as_deref().filter(|h| !h.trim().is_empty()) {
            let words = how.split_whitespace().collect::<Vec<_>>().join(" ");
            let cut: String = words.chars().take(HOW_SHOWN).collect();
            let more = if cut.len() < words.len() { "…" } else { "" };
            s.push_str(&format!(". {cut}{more}"));
        }
        s
    }
}

/// The feelings of one answer, each rated on the same scale (0 to `max`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "FeelingsForm")]
pub struct Feelings {
    pub felt: Vec<Felt>,
    pub max: i64,
}

/// One feeling named: its family ("Scared"), its word ("anxious"), how strong, and
/// where in the body it was noticed when the person started from there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Felt {
    pub family: String,
    pub word: String,
    pub intensity: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensation: Option<String>,
}

impl Felt {
    /// The word, or the family when no word was picked.
    pub fn name(&self) -> &str {
        if self.word.is_empty() {
            &self.family
        } else {
            &self.word
        }
    }

    /// The same feeling named again (to pair a re-rating with the first rating).
    pub fn same_feeling(&self, other: &Felt) -> bool {
        self.family == other.family && self.word == other.word
    }

    /// "Scared: anxious, 7 of 10 (felt as tight chest)": one feeling on one line.
    pub fn line(&self, max: i64) -> String {
        let mut s = if self.word.is_empty() {
            self.family.clone()
        } else {
            format!("{}: {}", self.family, self.word)
        };
        if let Some(i) = self.intensity {
            s.push_str(&format!(", {i} of {max}"));
        }
        if let Some(where_) = &self.sensation {
            s.push_str(&format!(" (felt as {where_})"));
        }
        s
    }
}

/// How feelings answers are read: the shape since schema 8 (several feelings), or
/// the single feeling every earlier journal, export and session holds.
#[derive(Deserialize)]
#[serde(untagged)]
enum FeelingsForm {
    Several {
        felt: Vec<Felt>,
        max: i64,
    },
    One {
        family: String,
        word: String,
        intensity: Option<i64>,
        max: i64,
        #[serde(default)]
        sensation: Option<String>,
    },
}

impl From<FeelingsForm> for Feelings {
    fn from(form: FeelingsForm) -> Feelings {
        match form {
            FeelingsForm::Several { felt, max } => Feelings { felt, max },
            FeelingsForm::One {
                family,
                word,
                intensity,
                max,
                sensation,
            } => Feelings {
                felt: vec![Felt {
                    family,
                    word,
                    intensity,
                    sensation,
                }],
                max,
            },
        }
    }
}

impl AnswerValue {
    /// A feelings answer naming one feeling (as every answer did before schema 8).
    pub fn one_feeling(
        family: &str,
        word: &str,
        intensity: Option<i64>,
        max: i64,
        sensation: Option<&str>,
    ) -> AnswerValue {
        AnswerValue::Feeling(Feelings {
            felt: vec![Felt {
                family: family.to_string(),
                word: word.to_string(),
                intensity,
                sensation: sensation.map(str::to_string),
            }],
            max,
        })
    }
}

impl Feelings {
    /// The strongest rating given, if any (kept in the answers table's `number`).
    pub fn strongest(&self) -> Option<i64> {
        self.felt.iter().filter_map(|f| f.intensity).max()
    }
}

/// One rung of a ladder: its text, its own rating, and any extra fields, in the
/// order of the ladder's field names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct LadderItem {
    pub text: String,
    pub rating: Option<i64>,
    pub fields: Vec<String>,
}

impl LadderItem {
    /// "Share good news (40 of 100); with whom: Jo": the rung, its rating on the
    /// ladder (`max` its top) and its fields that are filled in, named by `fields`.
    pub fn line(&self, fields: &[String], max: i64) -> String {
        let mut line = self.text.clone();
        if let Some(r) = self.rating {
            line.push_str(&format!(" ({r} of {max})"));
        }
        for (name, value) in fields.iter().zip(&self.fields) {
            if !value.trim().is_empty() {
                line.push_str(&format!("; {name}: {value}"));
            }
        }
        line
    }
}

impl AnswerValue {
    pub fn kind(&self) -> &'static str {
        match self {
            AnswerValue::Skipped => "skipped",
            AnswerValue::Text(_) => "text",
            AnswerValue::Scale { .. } => "scale",
            AnswerValue::Choice(_) => "choice",
            AnswerValue::Multi { .. } => "multi",
            AnswerValue::Feeling { .. } => "feelings",
            AnswerValue::Ladder { .. } => "ladder",
            AnswerValue::Rung { .. } => "rung",
        }
    }

    /// All the words of the answer, for reading and searching.
    pub fn full_text(&self) -> String {
        match self {
            AnswerValue::Skipped => String::new(),
            AnswerValue::Text(t) | AnswerValue::Choice(t) => t.clone(),
            AnswerValue::Scale { value, .. } => value.to_string(),
            AnswerValue::Multi { chosen, other } => {
                let mut all = chosen.clone();
                if !other.trim().is_empty() {
                    all.push(other.clone());
                }
                all.join("\n")
            }
            // One feeling per line.
            AnswerValue::Feeling(f) => f
                .felt
                .iter()
                .map(|felt| felt.line(f.max))
                .collect::<Vec<_>>()
                .join("\n"),
            AnswerValue::Ladder {
                items, fields, max, ..
            } => items
                .iter()
                .map(|i| i.line(fields, *max))
                .collect::<Vec<_>>()
                .join("\n"),
            AnswerValue::Rung { text, rating, max } => match rating {
                Some(r) => format!("{text} (expected {r} of {max})"),
                None => text.clone(),
            },
        }
    }

    /// A short, one-line rendering for lists and summaries.
    pub fn preview(&self) -> String {
        match self {
            AnswerValue::Skipped => "skipped".to_string(),
            AnswerValue::Text(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
            AnswerValue::Scale { value, max, .. } => format!("{value} of {max}"),
            AnswerValue::Feeling(f) => f
                .felt
                .iter()
                .map(|felt| felt.line(f.max))
                .collect::<Vec<_>>()
                .join("; "),
            AnswerValue::Ladder { items, item, .. } => match items.len() {
                1 => format!("1 {item}: {}", items[0].text),
                n => format!(
                    "{n} {item}s: {}",
                    items
                        .iter()
                        .map(|i| i.text.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            },
            other => other
                .full_text()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
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
    /// Stable for good (a row id can be reused once its entry is gone).
    pub uid: String,
    pub step_id: String,
    pub exercise_id: String,
    pub exercise_title: String,
    /// Local time of the person when they saved it.
    pub created_at: DateTime<FixedOffset>,
    /// When it last changed (the same as `created_at` until it is edited).
    pub updated_at: DateTime<FixedOffset>,
    pub answers: Vec<Answer>,
    /// Earlier versions, oldest first.
    pub history: Vec<EntryVersion>,
}

/// What an entry said before a change, and when the change was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryVersion {
    pub changed_at: DateTime<FixedOffset>,
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
    /// One line from the answers: the first written one, or where a search matched
    /// (with the matching words between `MATCH_START` and `MATCH_END`).
    pub preview: String,
}

/// Marks around search matches in previews (private-use characters, never typed).
pub const MATCH_START: char = '\u{E000}';
pub const MATCH_END: char = '\u{E001}';

/// How often an exercise was finished, and when last: all Home and Step need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseActivity {
    pub step_id: String,
    pub exercise_id: String,
    pub times: u32,
    pub last_at: DateTime<FixedOffset>,
}

/// Where an edit was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Updated {
    pub id: i64,
    /// The entry it changed was gone, so it was saved as a new one.
    pub as_new: bool,
}
