//! Validation of one step's exercises and prompts into the typed model, with a
//! located problem for everything a content author could get wrong.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;

use super::load::{Locator, Problem};
use super::raw::{RawPrompt, RawStep};
use super::{Exercise, LadderSpec, Prompt, PromptKind, RecallSource, ScaleSpec, Step};

/// A scale with a pair key: (key, where it is, its range).
type PairScale = (String, Range<usize>, Option<(i64, i64)>);

/// What validation of one step hands back for checks across the whole pack.
pub(super) struct Found<'a> {
    pub links: &'a mut Vec<(Problem, String, String, String)>,
    pub feelings_used: &'a mut Option<Problem>,
}

pub(super) fn validate_step(
    raw: RawStep,
    at: &Locator,
    problems: &mut Vec<Problem>,
    found: &mut Found,
) -> Option<Step> {
    let before = problems.len();
    check_id(&raw.id, "step", at, problems);
    if raw.exercises.is_empty() {
        problems.push(at.problem(
            raw.id.span(),
            "a step needs at least one [[exercises]] table".into(),
        ));
    }
    let mut exercise_ids = HashSet::new();
    let mut exercises = Vec::new();
    for ex in raw.exercises {
        check_id(&ex.id, "exercise", at, problems);
        if !exercise_ids.insert(ex.id.get_ref().clone()) {
            problems.push(at.problem(
                ex.id.span(),
                format!("duplicate exercise id \"{}\" in this step", ex.id.get_ref()),
            ));
        }
        if ex.prompts.is_empty() && ex.reading.trim().is_empty() {
            problems.push(at.problem(
                ex.id.span(),
                "an exercise needs at least one [[exercises.prompts]] table, or a reading".into(),
            ));
        }
        if !ex.prompts.is_empty() && !ex.reading.trim().is_empty() {
            problems.push(at.problem(
                ex.id.span(),
                "an exercise has either prompts or a reading, not both".into(),
            ));
        }
        let mut pairs: Vec<PairScale> = Vec::new();
        let mut prompt_ids = HashSet::new();
        let mut prompts = Vec::new();
        for p in ex.prompts {
            check_id(&p.id, "prompt", at, problems);
            if !prompt_ids.insert(p.id.get_ref().clone()) {
                problems.push(at.problem(
                    p.id.span(),
                    format!(
                        "duplicate prompt id \"{}\" in this exercise",
                        p.id.get_ref()
                    ),
                ));
            }
            let kind_span = p.kind.span();
            let from_span = p.from.as_ref().map(|f| f.span());
            let pair_span = p.pair.as_ref().map(|f| f.span());
            if let Some(prompt) = validate_prompt(p, at, problems) {
                match &prompt.kind {
                    PromptKind::Recall(RecallSource::ThisRun { prompt: target }) => {
                        let earlier = prompts.iter().any(|q: &Prompt| {
                            &q.id == target && !matches!(q.kind, PromptKind::Recall(_))
                        });
                        if !earlier {
                            problems.push(at.problem(
                                from_span.clone().unwrap_or(kind_span.clone()),
                                format!("recall points nowhere: no earlier prompt \"{target}\" in this exercise"),
                            ));
                        }
                    }
                    PromptKind::Recall(RecallSource::Linked {
                        step,
                        exercise,
                        prompt: target,
                    }) => {
                        let here = at.problem(
                            from_span.clone().unwrap_or(kind_span.clone()),
                            String::new(),
                        );
                        found
                            .links
                            .push((here, step.clone(), exercise.clone(), target.clone()));
                    }
                    PromptKind::Feelings { .. } if found.feelings_used.is_none() => {
                        *found.feelings_used = Some(at.problem(kind_span.clone(), String::new()));
                    }
                    PromptKind::Scale(spec) => {
                        if let (Some(key), Some(span)) = (&spec.pair, pair_span) {
                            pairs.push((key.clone(), span, Some((spec.min, spec.max))));
                        }
                    }
                    _ => {}
                }
                prompts.push(prompt);
            }
        }
        for (i, (key, span, range)) in pairs.iter().enumerate() {
            let same: Vec<_> = pairs.iter().filter(|(k, ..)| k == key).collect();
            let first = pairs.iter().position(|(k, ..)| k == key) == Some(i);
            if same.len() != 2 && first {
                problems.push(at.problem(
                    span.clone(),
                    format!(
                        "pair \"{key}\" needs exactly two scales (before and after), found {}",
                        same.len()
                    ),
                ));
            } else if same.len() == 2 && !first && same[0].2 != *range {
                problems.push(at.problem(
                    span.clone(),
                    format!("the two scales of pair \"{key}\" need the same min and max"),
                ));
            }
        }
        exercises.push(Exercise {
            id: ex.id.into_inner(),
            title: ex.title,
            purpose: ex.purpose,
            minutes: ex.minutes,
            repeatable: ex.repeatable,
            about: ex.about,
            reading: ex.reading.trim().to_string(),
            prompts,
        });
    }
    (problems.len() == before).then(|| Step {
        id: raw.id.into_inner(),
        number: raw.number.into_inner(),
        title: raw.title,
        summary: raw.summary,
        intro: raw.intro.trim().to_string(),
        exercises,
    })
}

fn validate_prompt(p: RawPrompt, at: &Locator, problems: &mut Vec<Problem>) -> Option<Prompt> {
    let kind_name = p.kind.get_ref().as_str();
    // Fields that belong to other kinds are mistakes worth pointing at.
    let allowed: &[&str] = match kind_name {
        "text" | "line" => &[],
        "scale" => &["min", "max", "min_label", "max_label", "pair"],
        "choice" => &["options"],
        "multi" => &["options", "other"],
        "feelings" => &["min", "max", "min_label", "max_label"],
        "ladder" => &["min", "max", "min_label", "max_label", "item", "fields"],
        "recall" => &["from"],
        other => {
            problems.push(at.problem(
                p.kind.span(),
                format!("unknown prompt kind \"{other}\" (expected text, line, scale, choice, multi, feelings, ladder or recall)"),
            ));
            return None;
        }
    };
    let present = [
        ("min", p.min.is_some()),
        ("max", p.max.is_some()),
        ("min_label", p.min_label.is_some()),
        ("max_label", p.max_label.is_some()),
        ("pair", p.pair.is_some()),
        ("options", p.options.is_some()),
        ("other", p.other.is_some()),
        ("item", p.item.is_some()),
        ("fields", p.fields.is_some()),
        ("from", p.from.is_some()),
    ];
    let stray: Vec<&str> = present
        .iter()
        .filter(|(name, set)| *set && !allowed.contains(name))
        .map(|(n, _)| *n)
        .collect();
    if !stray.is_empty() {
        problems.push(at.problem(
            p.kind.span(),
            match stray.as_slice() {
                [one] => format!("{one} does not belong to a \"{kind_name}\" prompt"),
                many => format!(
                    "{} do not belong to a \"{kind_name}\" prompt",
                    many.join(", ")
                ),
            },
        ));
        return None;
    }
    let scale = |problems: &mut Vec<Problem>, default: Option<(i64, i64)>| -> Option<ScaleSpec> {
        let (min, max) = match (&p.min, &p.max, default) {
            (Some(min), Some(max), _) => {
                if min.get_ref() >= max.get_ref() {
                    problems.push(at.problem(
                        min.span(),
                        format!(
                            "scale min ({}) must be less than max ({})",
                            min.get_ref(),
                            max.get_ref()
                        ),
                    ));
                    return None;
                }
                (*min.get_ref(), *max.get_ref())
            }
            (None, None, Some(range)) => range,
            _ => {
                problems.push(at.problem(
                    p.kind.span(),
                    format!("a {kind_name} prompt needs both min and max"),
                ));
                return None;
            }
        };
        Some(ScaleSpec {
            min,
            max,
            min_label: p.min_label.clone().unwrap_or_default(),
            max_label: p.max_label.clone().unwrap_or_default(),
            pair: p.pair.as_ref().map(|s| s.get_ref().clone()),
        })
    };
    let options = |problems: &mut Vec<Problem>| -> Option<Vec<String>> {
        match &p.options {
            Some(list) if !list.get_ref().is_empty() => Some(list.get_ref().clone()),
            Some(list) => {
                problems.push(at.problem(list.span(), "options must not be empty".into()));
                None
            }
            None => {
                problems.push(at.problem(
                    p.kind.span(),
                    format!("a {kind_name} prompt needs options = [...]"),
                ));
                None
            }
        }
    };
    let kind = match kind_name {
        "text" => PromptKind::Text,
        "line" => PromptKind::Line,
        "scale" => PromptKind::Scale(scale(problems, None)?),
        "choice" => PromptKind::Choice {
            options: options(problems)?,
        },
        "multi" => PromptKind::Multi {
            options: options(problems)?,
            other: p.other.unwrap_or(false),
        },
        "feelings" => PromptKind::Feelings {
            intensity: scale(problems, Some((0, 10)))?,
        },
        "ladder" => PromptKind::Ladder(LadderSpec {
            item: p.item.clone().unwrap_or_else(|| "item".to_string()),
            rating: scale(problems, Some((0, 10)))?,
            fields: p.fields.clone().unwrap_or_default(),
        }),
        _ => {
            let Some(from) = &p.from else {
                problems.push(at.problem(
                    p.kind.span(),
                    "a recall prompt needs from = \"prompt\" or \"step/exercise/prompt\"".into(),
                ));
                return None;
            };
            let parts: Vec<&str> = from.get_ref().split('/').collect();
            PromptKind::Recall(match parts.as_slice() {
                [prompt] if !prompt.is_empty() => RecallSource::ThisRun {
                    prompt: prompt.to_string(),
                },
                [step, exercise, prompt] => RecallSource::Linked {
                    step: step.to_string(),
                    exercise: exercise.to_string(),
                    prompt: prompt.to_string(),
                },
                _ => {
                    problems.push(at.problem(
                        from.span(),
                        format!(
                            "recall from \"{}\" must be \"prompt\" or \"step/exercise/prompt\"",
                            from.get_ref()
                        ),
                    ));
                    return None;
                }
            })
        }
    };
    Some(Prompt {
        id: p.id.into_inner(),
        label: p.label,
        hint: p.hint,
        placeholder: p.placeholder,
        kind,
    })
}

fn check_id(id: &Spanned<String>, what: &str, at: &Locator, problems: &mut Vec<Problem>) {
    let s = id.get_ref();
    let ok = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        problems.push(at.problem(
            id.span(),
            format!("{what} id \"{s}\" must be lowercase letters, digits and dashes"),
        ));
    }
}
