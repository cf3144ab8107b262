//! The rung picker in an exercise: its rungs come from the ladder the App loaded,
//! and picking a rated rung puts its rating in the exercise's expected scale.

use std::collections::BTreeMap;

use super::answer::{Change, DraftAnswer};
use super::exercise::Draft;
use super::{LadderRecall, Msg, RecallKey};
use crate::content::{Exercise, PromptKind, RungSpec};
use crate::session::RungPick;

/// The key of the ladder a rung prompt picks from.
pub fn ladder_key(spec: &RungSpec) -> RecallKey {
    RecallKey {
        step: spec.step.clone(),
        exercise: spec.exercise.clone(),
        prompt: spec.prompt.clone(),
    }
}

/// A message for the open prompt when it is a rung picker (None otherwise). The
/// rung's rating was given on the ladder, before it was tried: it is the expected
/// value, so picking the rung puts it there.
pub(super) fn apply(
    draft: &mut Draft,
    ex: &Exercise,
    ladders: &BTreeMap<RecallKey, LadderRecall>,
    msg: &Msg,
) -> Option<Change> {
    let prompt = ex.prompts.get(draft.prompt)?;
    let PromptKind::Rung(spec) = &prompt.kind else {
        return None;
    };
    let DraftAnswer::Rung(answer) = draft.answers.get_mut(draft.prompt)? else {
        return None;
    };
    let (rungs, max) = ladders
        .get(&ladder_key(spec))
        .map_or((&[][..], 0), LadderRecall::rungs);
    let rating_of = |pick: &Option<RungPick>| match pick {
        Some(RungPick::Rung {
            rating: Some(r), ..
        }) => Some(*r),
        _ => None,
    };
    let before = rating_of(&answer.chosen);
    let change = answer.apply(rungs, max, msg);
    if !matches!(change, Change::Edited | Change::EditedAndNext) {
        return Some(change);
    }
    let now = rating_of(&answer.chosen);
    let expected = spec
        .expected
        .as_ref()
        .and_then(|id| ex.prompts.iter().position(|p| &p.id == id));
    // The expected scale follows the rung picked while it holds what the ladder put
    // there (or nothing): a value the person set themselves is theirs and stays.
    if let Some(i) = expected
        && let (Some(DraftAnswer::Scale(value)), PromptKind::Scale(s)) =
            (draft.answers.get_mut(i), &ex.prompts[i].kind)
        && (value.is_none() || *value == before.map(|r| r.clamp(s.min, s.max)))
    {
        *value = now.map(|r| r.clamp(s.min, s.max));
    }
    Some(change)
}

/// The rung picked in this run whose rating the scale `prompt` holds (its expected
/// scale, unchanged since): the scale says where its value came from.
pub fn expected_from<'a>(ex: &'a Exercise, draft: &'a Draft, prompt: &str) -> Option<&'a str> {
    ex.prompts.iter().zip(&draft.answers).find_map(|(p, a)| {
        let (PromptKind::Rung(spec), DraftAnswer::Rung(r)) = (&p.kind, a) else {
            return None;
        };
        let Some(RungPick::Rung {
            text,
            rating: Some(rating),
            ..
        }) = &r.chosen
        else {
            return None;
        };
        let i = ex
            .prompts
            .iter()
            .position(|q| Some(&q.id) == spec.expected.as_ref())?;
        (ex.prompts[i].id == prompt
            && matches!(draft.answers.get(i), Some(DraftAnswer::Scale(Some(v))) if v == rating))
        .then_some(text.as_str())
    })
}
