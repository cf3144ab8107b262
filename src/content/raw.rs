//! The shape of a content file as written, before validation. Spanned fields keep
//! their position so problems can point at them.

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    pub id: Spanned<String>,
    pub number: Spanned<u8>,
    pub title: String,
    pub summary: String,
    pub intro: String,
    /// Not one of the numbered steps but a place of its own (the quick write): one
    /// exercise, opened from Home with a key.
    pub place: Option<Spanned<bool>>,
    #[serde(default)]
    pub exercises: Vec<RawExercise>,
    #[serde(default)]
    pub feelings: Vec<RawFamily>,
}

/// `trend = { group = "How they responded", name = "understood" }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTrend {
    pub group: String,
    pub name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFamily {
    pub name: Spanned<String>,
    pub words: Vec<String>,
    #[serde(default)]
    pub sensations: Vec<String>,
    /// Pleasant or not, so Insights never shows strong joy and strong fear alike;
    /// left out, the family is neither (numbness).
    pub pleasant: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExercise {
    pub id: Spanned<String>,
    pub title: String,
    pub purpose: String,
    pub minutes: u16,
    #[serde(default)]
    pub repeatable: bool,
    pub about: String,
    /// The person's safety plan: its latest entry shows on the help screen.
    pub in_help: Option<Spanned<bool>>,
    /// Heavy writing: the save page and the note after saving offer the steadying page.
    #[serde(default)]
    pub steady: bool,
    #[serde(default)]
    pub reading: String,
    #[serde(default)]
    pub prompts: Vec<RawPrompt>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrompt {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub label: String,
    #[serde(default)]
    pub hint: String,
    #[serde(default)]
    pub placeholder: String,
    /// Text a new answer starts with; `{crisis lines}` is the built-in crisis lines.
    pub prefill: Option<String>,
    pub min: Option<Spanned<i64>>,
    pub max: Option<Spanned<i64>>,
    pub min_label: Option<String>,
    pub max_label: Option<String>,
    pub pair: Option<Spanned<String>>,
    pub options: Option<Spanned<Vec<String>>>,
    pub other: Option<bool>,
    pub item: Option<String>,
    pub fields: Option<Vec<String>>,
    pub from: Option<Spanned<String>>,
    /// Earlier prompts of this exercise whose answers stay in view while this one is
    /// answered.
    pub show: Option<Vec<Spanned<String>>>,
    /// A scale Insights draws over time, with others of its group.
    pub trend: Option<RawTrend>,
    /// What a scale rates: an earlier line or text prompt of the exercise ("how much
    /// do you believe it" rates the hot thought). Insights follows each belief.
    pub of: Option<Spanned<String>>,
    /// Timed writing: a countdown of this many minutes the person can start.
    pub timer: Option<Spanned<u16>>,
    /// An earlier choice of this exercise whose options begin with minutes ("15
    /// minutes"): the one chosen sets the timer's length.
    pub timer_from: Option<Spanned<String>>,
    /// A rung prompt's scale prefilled with the rung's rating (what was expected).
    pub expected: Option<Spanned<String>>,
    /// A rung prompt's scale for how uncomfortable it was in the end.
    pub actual: Option<Spanned<String>>,
    /// A rung prompt's prompt whose answer says how it went.
    pub how: Option<Spanned<String>>,
}
