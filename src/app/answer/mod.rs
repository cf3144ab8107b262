//! Draft answers, one kind per prompt kind: what a person has entered so far,
//! how it changes with each message, how it is saved and how it becomes an answer.

pub mod choice;
pub mod feelings;
pub mod ladder;
pub mod multi;
pub mod rerate;
pub mod rung;
pub mod text;

use choice::ChoiceDraft;
use feelings::FeelingsDraft;
use ladder::LadderDraft;
use multi::MultiDraft;
use rerate::RerateDraft;
use rung::{RungDraft, RungPick};
use text::Editor;

use super::Msg;
use crate::content::{FeelingFamily, Prompt, PromptKind, ScaleSpec};
use crate::journal::AnswerValue;
use crate::keys::Context;
use crate::session::SavedAnswer;

/// What a message did to an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    None,
    /// Only a cursor moved: nothing new to save, but redraw.
    Moved,
    Edited,
    /// Edited, and the person is done with this prompt (Enter on a choice).
    EditedAndNext,
    /// Nothing changed; the person is done with this prompt (Enter on an empty line).
    Next,
}

/// A scale value after a scale message: Some(new value, None meaning cleared), or
/// None when the message is not about the scale. The first arrow starts mid-range.
pub fn scale_move(spec: &ScaleSpec, value: Option<i64>, msg: &Msg) -> Option<Option<i64>> {
    let middle = spec.middle();
    let next = match msg {
        Msg::Decrease => Some(value.map_or(middle, |v| v - spec.step())),
        Msg::Increase => Some(value.map_or(middle, |v| v + spec.step())),
        // A digit outside the scale does nothing (not even clear it).
        Msg::Digit(d) => Some(spec.digit_value(*d)?),
        Msg::ScaleMin => Some(spec.min),
        Msg::ScaleMax => Some(spec.max),
        Msg::ClearAnswer => None,
        _ => return None,
    };
    Some(next.map(|v| v.clamp(spec.min, spec.max)))
}

pub fn changed(yes: bool) -> Change {
    if yes { Change::Edited } else { Change::None }
}

/// What typing in a field did: the words changed, or only the cursor moved.
pub fn typed((text, cursor): (bool, bool)) -> Change {
    match (text, cursor) {
        (true, _) => Change::Edited,
        (false, true) => Change::Moved,
        _ => Change::None,
    }
}

/// Can a saved answer be restored into this prompt whole: the same kind of answer,
/// a value in range, options the prompt still offers? What can't is kept aside.
pub fn fits(prompt: &Prompt, saved: &SavedAnswer) -> bool {
    match (&prompt.kind, saved) {
        (PromptKind::Text | PromptKind::Line, SavedAnswer::Text { .. }) => true,
        (PromptKind::Scale(spec), SavedAnswer::Scale { value }) => {
            (spec.min..=spec.max).contains(value)
        }
        (PromptKind::Choice { options }, SavedAnswer::Choice { chosen, .. }) => {
            chosen.as_ref().is_none_or(|c| options.contains(c))
        }
        (
            PromptKind::Multi { options, other },
            SavedAnswer::Multi {
                chosen,
                other: text,
                own,
                ..
            },
        ) => {
            chosen.iter().all(|c| options.contains(c))
                && (*other || (text.trim().is_empty() && own.is_empty()))
        }
        (PromptKind::Feelings { .. }, SavedAnswer::Feelings(_)) => true,
        (PromptKind::Ladder(_), SavedAnswer::Ladder { .. }) => true,
        (PromptKind::Rerate { intensity, .. }, SavedAnswer::Rerate { ratings, .. }) => ratings
            .iter()
            .filter_map(|r| r.intensity)
            .all(|v| (intensity.min..=intensity.max).contains(&v)),
        (PromptKind::Rung(_), SavedAnswer::Rung { .. }) => true,
        _ => false,
    }
}

#[derive(Debug, Clone)]
pub enum DraftAnswer {
    Text(Editor),
    Scale(Option<i64>),
    Choice(ChoiceDraft),
    Multi(MultiDraft),
    Feelings(FeelingsDraft),
    Ladder(LadderDraft),
    Rerate(RerateDraft),
    Rung(RungDraft),
    /// Shows an earlier answer; holds nothing itself.
    Recall,
}

impl DraftAnswer {
    /// A new answer: empty, or the prompt's prefilled text with the cursor after it.
    pub fn empty(prompt: &Prompt) -> DraftAnswer {
        match &prompt.kind {
            PromptKind::Text | PromptKind::Line if !prompt.prefill.is_empty() => {
                DraftAnswer::Text(text::editor_at_end(
                    &prompt.placeholder,
                    &prompt.prefill_text(),
                    prompt.kind == PromptKind::Line,
                ))
            }
            _ => DraftAnswer::restore(prompt, None),
        }
    }

    /// Rebuild from the saved form; anything that no longer fits the prompt is dropped.
    pub fn restore(prompt: &Prompt, saved: Option<&SavedAnswer>) -> DraftAnswer {
        match (&prompt.kind, saved) {
            (PromptKind::Text | PromptKind::Line, Some(SavedAnswer::Text { text, row, col })) => {
                let line = prompt.kind == PromptKind::Line;
                DraftAnswer::Text(text::editor(&prompt.placeholder, text, *row, *col, line))
            }
            (PromptKind::Text | PromptKind::Line, _) => {
                let line = prompt.kind == PromptKind::Line;
                DraftAnswer::Text(text::editor(&prompt.placeholder, "", 0, 0, line))
            }
            (PromptKind::Scale(spec), Some(SavedAnswer::Scale { value })) => {
                DraftAnswer::Scale(Some((*value).clamp(spec.min, spec.max)))
            }
            (PromptKind::Scale(_), _) => DraftAnswer::Scale(None),
            (PromptKind::Choice { options }, Some(SavedAnswer::Choice { chosen, cursor })) => {
                DraftAnswer::Choice(ChoiceDraft::restore(options, chosen.as_deref(), *cursor))
            }
            (PromptKind::Choice { .. }, _) => DraftAnswer::Choice(ChoiceDraft::default()),
            (
                PromptKind::Multi { options, other },
                Some(SavedAnswer::Multi {
                    chosen,
                    other: text,
                    cursor,
                    own,
                }),
            ) => DraftAnswer::Multi(MultiDraft::restore(
                options, *other, chosen, own, text, *cursor,
            )),
            (PromptKind::Multi { options, other }, _) => {
                DraftAnswer::Multi(MultiDraft::new(options, *other))
            }
            (PromptKind::Feelings { intensity }, Some(SavedAnswer::Feelings(f))) => {
                let mut f = f.clone();
                f.clamp(intensity);
                DraftAnswer::Feelings(f)
            }
            (PromptKind::Feelings { .. }, _) => DraftAnswer::Feelings(FeelingsDraft::default()),
            (
                PromptKind::Ladder(spec),
                Some(SavedAnswer::Ladder {
                    items,
                    cursor,
                    editing,
                }),
            ) => DraftAnswer::Ladder(LadderDraft::restore(
                spec,
                items.clone(),
                *cursor,
                editing.as_ref(),
            )),
            (PromptKind::Ladder(_), _) => DraftAnswer::Ladder(LadderDraft::default()),
            (PromptKind::Rerate { .. }, Some(SavedAnswer::Rerate { ratings, cursor })) => {
                DraftAnswer::Rerate(RerateDraft {
                    ratings: ratings.clone(),
                    cursor: *cursor,
                })
            }
            (PromptKind::Rerate { .. }, _) => DraftAnswer::Rerate(RerateDraft::default()),
            (PromptKind::Rung(_), Some(SavedAnswer::Rung { chosen, cursor })) => {
                DraftAnswer::Rung(RungDraft {
                    cursor: *cursor,
                    chosen: chosen.clone(),
                })
            }
            (PromptKind::Rung(_), _) => DraftAnswer::Rung(RungDraft::default()),
            (PromptKind::Recall(_), _) => DraftAnswer::Recall,
        }
    }

    /// A draft answer holding what an earlier entry said, so a one-off exercise can
    /// be revisited and revised.
    pub fn from_value(prompt: &Prompt, value: &AnswerValue) -> DraftAnswer {
        let saved = match (&prompt.kind, value) {
            (PromptKind::Text | PromptKind::Line, AnswerValue::Text(text)) => {
                let row = text.split('\n').count().saturating_sub(1);
                let col = text
                    .split('\n')
                    .next_back()
                    .map_or(0, |l| l.chars().count());
                SavedAnswer::Text {
                    text: text.clone(),
                    row,
                    col,
                }
            }
            (PromptKind::Scale(_), AnswerValue::Scale { value, .. }) => {
                SavedAnswer::Scale { value: *value }
            }
            (PromptKind::Choice { .. }, AnswerValue::Choice(chosen)) => SavedAnswer::Choice {
                chosen: Some(chosen.clone()),
                cursor: 0,
            },
            // Their own words come back as items, one per line, each ticked.
            (PromptKind::Multi { .. }, AnswerValue::Multi { chosen, other }) => {
                SavedAnswer::Multi {
                    chosen: chosen.clone(),
                    other: String::new(),
                    cursor: 0,
                    own: other
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(|l| (l.to_string(), true))
                        .collect(),
                }
            }
            (PromptKind::Feelings { .. }, AnswerValue::Feeling(f)) => {
                SavedAnswer::Feelings(FeelingsDraft::from_feelings(f))
            }
            (PromptKind::Rerate { .. }, AnswerValue::Feeling(f)) => SavedAnswer::Rerate {
                ratings: f.felt.clone(),
                cursor: 0,
            },
            (PromptKind::Ladder(_), AnswerValue::Ladder { items, .. }) => SavedAnswer::Ladder {
                items: items.clone(),
                cursor: 0,
                editing: None,
            },
            (PromptKind::Rung(_), AnswerValue::Rung { text, rating, max }) => SavedAnswer::Rung {
                chosen: Some(RungPick::Rung {
                    text: text.clone(),
                    rating: *rating,
                    max: *max,
                }),
                cursor: 0,
            },
            (PromptKind::Rung(_), AnswerValue::Choice(c)) if c == rung::OFF_LADDER => {
                SavedAnswer::Rung {
                    chosen: Some(RungPick::OffLadder),
                    cursor: 0,
                }
            }
            _ => return DraftAnswer::empty(prompt),
        };
        DraftAnswer::restore(prompt, Some(&saved))
    }

    /// The saved form, or None when there is nothing worth keeping.
    pub fn save(&self, prompt: &Prompt) -> Option<SavedAnswer> {
        if self.is_empty() && !self.has_position() {
            return None;
        }
        Some(match self {
            DraftAnswer::Text(editor) => {
                let (row, col) = editor.field.cursor();
                SavedAnswer::Text {
                    text: text::text_of(editor),
                    row,
                    col,
                }
            }
            DraftAnswer::Scale(value) => SavedAnswer::Scale { value: (*value)? },
            DraftAnswer::Choice(c) => {
                let PromptKind::Choice { options } = &prompt.kind else {
                    return None;
                };
                SavedAnswer::Choice {
                    chosen: c.chosen.and_then(|i| options.get(i).cloned()),
                    cursor: c.cursor,
                }
            }
            DraftAnswer::Multi(m) => {
                let PromptKind::Multi { options, .. } = &prompt.kind else {
                    return None;
                };
                SavedAnswer::Multi {
                    chosen: m.chosen(options),
                    other: m.other.as_ref().map(text::text_of).unwrap_or_default(),
                    cursor: m.cursor,
                    own: m.own.clone(),
                }
            }
            DraftAnswer::Feelings(f) => SavedAnswer::Feelings(f.clone()),
            DraftAnswer::Ladder(l) => SavedAnswer::Ladder {
                items: l.items.clone(),
                cursor: l.cursor,
                editing: l.saved_edit(),
            },
            DraftAnswer::Rerate(r) => SavedAnswer::Rerate {
                ratings: r.ratings.clone(),
                cursor: r.cursor,
            },
            DraftAnswer::Rung(r) => SavedAnswer::Rung {
                chosen: r.chosen.clone(),
                cursor: r.cursor,
            },
            DraftAnswer::Recall => return None,
        })
    }

    /// A list cursor or a level reached is worth restoring even before anything is picked.
    fn has_position(&self) -> bool {
        match self {
            DraftAnswer::Choice(c) => c.cursor > 0,
            DraftAnswer::Multi(m) => m.cursor > 0,
            DraftAnswer::Feelings(f) => *f != FeelingsDraft::default(),
            DraftAnswer::Ladder(l) => l.editing.is_some(),
            DraftAnswer::Rerate(r) => r.cursor > 0,
            DraftAnswer::Rung(r) => r.cursor > 0,
            _ => false,
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            DraftAnswer::Text(area) => text::is_blank(area),
            DraftAnswer::Scale(v) => v.is_none(),
            DraftAnswer::Choice(c) => c.chosen.is_none(),
            DraftAnswer::Multi(m) => m.is_empty(),
            DraftAnswer::Feelings(f) => f.is_empty(),
            DraftAnswer::Ladder(l) => l.is_empty(),
            DraftAnswer::Rerate(r) => r.is_empty(),
            DraftAnswer::Rung(r) => r.chosen.is_none(),
            DraftAnswer::Recall => true,
        }
    }

    pub fn value(&self, prompt: &Prompt) -> AnswerValue {
        if self.is_empty() {
            return AnswerValue::Skipped;
        }
        match (self, &prompt.kind) {
            // Only unticked items of their own: kept in the draft, but nothing chosen.
            (DraftAnswer::Multi(m), _) if m.chose_nothing() => AnswerValue::Skipped,
            (DraftAnswer::Text(area), _) => {
                AnswerValue::Text(text::text_of(area).trim_end().to_string())
            }
            (DraftAnswer::Scale(Some(value)), PromptKind::Scale(spec)) => AnswerValue::Scale {
                value: *value,
                min: spec.min,
                max: spec.max,
            },
            (DraftAnswer::Choice(c), PromptKind::Choice { options }) => c
                .chosen
                .and_then(|i| options.get(i))
                .map_or(AnswerValue::Skipped, |o| AnswerValue::Choice(o.clone())),
            (DraftAnswer::Multi(m), PromptKind::Multi { options, .. }) => AnswerValue::Multi {
                chosen: m.chosen(options),
                other: m.other_text(),
            },
            (DraftAnswer::Feelings(f), PromptKind::Feelings { intensity }) => {
                AnswerValue::Feeling(crate::journal::Feelings {
                    felt: f.all_felt(),
                    max: intensity.max,
                })
            }
            (DraftAnswer::Ladder(l), PromptKind::Ladder(spec)) => AnswerValue::Ladder {
                item: spec.item.clone(),
                fields: spec.fields.clone(),
                items: l.items.clone(),
                min: spec.rating.min,
                max: spec.rating.max,
            },
            // As rated; the run gives them the order of the feelings they rate again.
            (DraftAnswer::Rerate(r), PromptKind::Rerate { intensity, .. }) => {
                AnswerValue::Feeling(r.value(&r.ratings, intensity))
            }
            (DraftAnswer::Rung(r), _) => r.value(),
            _ => AnswerValue::Skipped,
        }
    }

    /// Apply an editing message to this answer; `field` is the size the text field
    /// was last drawn at (for moving by visual rows and keeping the cursor in view).
    pub fn apply(
        &mut self,
        prompt: &Prompt,
        feelings: &[FeelingFamily],
        msg: Msg,
        field: (u16, u16),
    ) -> Change {
        let edited = changed;
        match (self, &prompt.kind) {
            (DraftAnswer::Text(editor), _) => typed(text::apply(editor, msg, field)),
            (DraftAnswer::Scale(value), PromptKind::Scale(spec)) => {
                let Some(next) = scale_move(spec, *value, &msg) else {
                    return Change::None;
                };
                let changed = *value != next;
                *value = next;
                edited(changed)
            }
            (DraftAnswer::Choice(c), PromptKind::Choice { options }) => c.apply(options, msg),
            (DraftAnswer::Multi(m), PromptKind::Multi { options, .. }) => {
                m.apply(options, msg, field)
            }
            (DraftAnswer::Feelings(f), PromptKind::Feelings { intensity }) => {
                f.apply(feelings, intensity, msg)
            }
            (DraftAnswer::Ladder(l), PromptKind::Ladder(spec)) => l.apply(spec, msg, field),
            _ => Change::None,
        }
    }

    /// Which keys apply while this answer is open.
    pub fn context(&self, prompt: &Prompt) -> Context {
        match (self, &prompt.kind) {
            (_, PromptKind::Line) => Context::Line,
            (DraftAnswer::Text(_), _) => Context::Text,
            (DraftAnswer::Scale(_), _) => Context::Scale,
            (DraftAnswer::Choice(_), _) => Context::Choice,
            (DraftAnswer::Multi(m), _) if m.on_other() => Context::MultiOther,
            (DraftAnswer::Multi(_), _) => Context::Multi,
            (DraftAnswer::Feelings(f), _) if f.stage == feelings::Stage::Intensity => {
                Context::FeelingsIntensity
            }
            (DraftAnswer::Feelings(f), _) if f.stage == feelings::Stage::More => {
                Context::FeelingsMore
            }
            (DraftAnswer::Feelings(_), _) => Context::Feelings,
            (DraftAnswer::Ladder(l), _) if l.editing.is_some() => Context::LadderEdit,
            (DraftAnswer::Ladder(_), _) => Context::Ladder,
            (DraftAnswer::Rerate(_), _) => Context::Rerate,
            (DraftAnswer::Rung(_), _) => Context::Choice,
            (DraftAnswer::Recall, _) => Context::Recall,
        }
    }
}
