//! Validation of one prompt on its own: its kind, the fields that kind takes, and
//! what each kind needs (a range, options, a place to recall from).

use crate::content::locate::{Locator, Problem};
use crate::content::raw::RawPrompt;
use crate::content::{
    LadderSpec, Prompt, PromptKind, RecallSource, RungSpec, ScaleSpec, TimerSpec, Trend,
};

/// How one kind of prompt is validated; it has already been checked for stray fields.
type Build = fn(&RawPrompt, &Locator, &mut Vec<Problem>) -> Option<PromptKind>;

/// Every prompt kind, the optional fields it takes and how it is built, side by side
/// so they cannot drift apart; the unknown-kind message lists the kinds from here too.
#[rustfmt::skip]
const KINDS: &[(&str, &[&str], Build)] = &[
    ("text",     &["prefill", "timer", "timer_from"],                         |_, _, _| Some(PromptKind::Text)),
    ("line",     &["prefill"],                                                |_, _, _| Some(PromptKind::Line)),
    ("scale",    &["min", "max", "min_label", "max_label", "pair", "trend", "of"], scale),
    ("choice",   &["options"],                                                choice),
    ("multi",    &["options", "other"],                                       multi),
    ("feelings", &["min", "max", "min_label", "max_label"],                   feelings),
    ("ladder",   &["min", "max", "min_label", "max_label", "item", "fields"], ladder),
    ("recall",   &["from"],                                                   recall),
    ("rerate",   &["from", "min", "max", "min_label", "max_label"],           rerate),
    ("rung",     &["from", "expected", "actual", "how"],                      rung),
];

pub(super) fn validate_prompt(
    p: RawPrompt,
    at: &Locator,
    problems: &mut Vec<Problem>,
) -> Option<Prompt> {
    let name = p.kind.get_ref().as_str();
    let Some((_, allowed, build)) = KINDS.iter().find(|(kind, ..)| *kind == name) else {
        problems.push(at.problem(
            p.kind.span(),
            format!("unknown prompt kind \"{name}\" (expected {})", kind_names()),
        ));
        return None;
    };
    // Fields that belong to other kinds are mistakes worth pointing at.
    let stray = stray_fields(&p, allowed);
    if !stray.is_empty() {
        problems.push(at.problem(
            p.kind.span(),
            match stray.as_slice() {
                [one] => format!("{one} does not belong to a \"{name}\" prompt"),
                many => format!("{} do not belong to a \"{name}\" prompt", many.join(", ")),
            },
        ));
        return None;
    }
    let kind = build(&p, at, problems)?;
    let timer = timer(&p, at, problems);
    let trend = p.trend.as_ref().map(|t| Trend {
        group: t.group.trim().to_string(),
        name: t.name.trim().to_string(),
    });
    let show = p
        .show
        .iter()
        .flatten()
        .map(|s| s.get_ref().clone())
        .collect();
    let prefill = p
        .prefill
        .unwrap_or_default()
        .replace("{crisis lines}", &crate::crisis::as_text());
    Some(Prompt {
        id: p.id.into_inner(),
        label: p.label,
        hint: p.hint,
        placeholder: p.placeholder,
        prefill: prefill.trim().to_string(),
        kind,
        show,
        timer,
        trend,
        of: p.of.map(|o| o.into_inner()),
    })
}

/// The longest writing timer content may offer, in minutes.
const LONGEST_TIMER: u16 = 180;

/// A writing timer's minutes (1 to 180), and where its length may come from.
fn timer(p: &RawPrompt, at: &Locator, problems: &mut Vec<Problem>) -> Option<TimerSpec> {
    let Some(minutes) = &p.timer else {
        if let Some(from) = &p.timer_from {
            problems.push(at.problem(
                from.span(),
                "timer_from needs timer too (the minutes when nothing is chosen)".into(),
            ));
        }
        return None;
    };
    if !(1..=LONGEST_TIMER).contains(minutes.get_ref()) {
        problems.push(at.problem(
            minutes.span(),
            format!(
                "timer is {} minutes (expected 1 to {LONGEST_TIMER})",
                minutes.get_ref()
            ),
        ));
        return None;
    }
    Some(TimerSpec {
        minutes: *minutes.get_ref(),
        from: p.timer_from.as_ref().map(|f| f.get_ref().clone()),
    })
}

/// "text, line, ... or recall", in the order of `KINDS`.
fn kind_names() -> String {
    let names: Vec<&str> = KINDS.iter().map(|(name, ..)| *name).collect();
    match names.split_last() {
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The optional fields written in this prompt that its kind does not take.
fn stray_fields(p: &RawPrompt, allowed: &[&str]) -> Vec<&'static str> {
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
        ("prefill", p.prefill.is_some()),
        ("timer", p.timer.is_some()),
        ("trend", p.trend.is_some()),
        ("timer_from", p.timer_from.is_some()),
        ("of", p.of.is_some()),
        ("expected", p.expected.is_some()),
        ("actual", p.actual.is_some()),
        ("how", p.how.is_some()),
    ];
    present
        .into_iter()
        .filter(|(name, set)| *set && !allowed.contains(name))
        .map(|(name, _)| name)
        .collect()
}

fn scale(p: &RawPrompt, at: &Locator, problems: &mut Vec<Problem>) -> Option<PromptKind> {
    range(p, None, at, problems).map(PromptKind::Scale)
}

fn choice(p: &RawPrompt, at: &Locator, problems: &mut Vec<Problem>) -> Option<PromptKind> {
    Some(PromptKind::Choice {
        options: options(p, at, problems)?,
    })
}

fn multi(p: &RawPrompt, at: &Locator, problems: &mut Vec<Problem>) -> Option<PromptKind> {
    Some(PromptKind::Multi {
        options: options(p, at, problems)?,
        other: p.other.unwrap_or(false),
    })
}

/// Feelings and ladders rate on 0–10 unless the author gives another range.
const DEFAULT_RATING: (i64, i64) = (0, 10);

fn feelings(p: &RawPrompt, at: &Locator, problems: &mut Vec<Problem>) -> Option<PromptKind> {
    Some(PromptKind::Feelings {
        intensity: range(p, Some(DEFAULT_RATING), at, problems)?,
    })
}

fn ladder(p: &RawPrompt, at: &Locator, problems: &mut Vec<Problem>) -> Option<PromptKind> {
    Some(PromptKind::Ladder(LadderSpec {
        item: p.item.clone().unwrap_or_else(|| "item".to_string()),
        rating: range(p, Some(DEFAULT_RATING), at, problems)?,
        fields: p.fields.clone().unwrap_or_default(),
    }))
}

fn recall(p: &RawPrompt, at: &Locator, problems: &mut Vec<Problem>) -> Option<PromptKind> {
    let Some(from) = &p.from else {
        problems.push(at.problem(
            p.kind.span(),
            "a recall prompt needs from = \"prompt\" or \"step/exercise/prompt\"".into(),
        ));
        return None;
    };
    let parts: Vec<&str> = from.get_ref().split('/').collect();
    let source = match parts.as_slice() {
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
    };
    Some(PromptKind::Recall(source))
}

/// Feelings named earlier in the run, rated again: `from` names that prompt (checked
/// against the prompts before it once they are known).
fn rerate(p: &RawPrompt, at: &Locator, problems: &mut Vec<Problem>) -> Option<PromptKind> {
    let Some(from) = &p.from else {
        problems.push(at.problem(
            p.kind.span(),
            "a rerate prompt needs from = \"a feelings prompt earlier in this exercise\"".into(),
        ));
        return None;
    };
    Some(PromptKind::Rerate {
        from: from.get_ref().clone(),
        intensity: range(p, Some(DEFAULT_RATING), at, problems)?,
    })
}

/// A rung prompt names a ladder prompt in full ("step/exercise/prompt"); whether it
/// is one, and whether its other prompts are right, is checked with the exercise and
/// the pack.
fn rung(p: &RawPrompt, at: &Locator, problems: &mut Vec<Problem>) -> Option<PromptKind> {
    let from = p
        .from
        .as_ref()
        .map(|f| (f.get_ref().split('/').collect::<Vec<_>>(), f.span()));
    let Some(([step, exercise, prompt], _)) = from
        .as_ref()
        .and_then(|(parts, span)| Some((<[&str; 3]>::try_from(parts.as_slice()).ok()?, span)))
        .filter(|(parts, _)| parts.iter().all(|s| !s.is_empty()))
    else {
        let span = p.from.as_ref().map_or(p.kind.span(), |f| f.span());
        problems.push(at.problem(
            span,
            "a rung prompt needs from = \"step/exercise/prompt\" naming a ladder prompt".into(),
        ));
        return None;
    };
    let name = |f: &Option<toml::Spanned<String>>| f.as_ref().map(|f| f.get_ref().clone());
    Some(PromptKind::Rung(RungSpec {
        step: step.to_string(),
        exercise: exercise.to_string(),
        prompt: prompt.to_string(),
        expected: name(&p.expected),
        actual: name(&p.actual),
        how: name(&p.how),
    }))
}

/// The range and labels of a scale, or of the rating inside a feelings or ladder
/// prompt; `default` is the range used when neither min nor max is written.
/// The widest a scale may run.
const SCALE_LIMITS: std::ops::RangeInclusive<i64> = -10_000..=10_000;

fn range(
    p: &RawPrompt,
    default: Option<(i64, i64)>,
    at: &Locator,
    problems: &mut Vec<Problem>,
) -> Option<ScaleSpec> {
    let (min, max) = match (&p.min, &p.max, default) {
        (Some(min), Some(max), _) if min.get_ref() >= max.get_ref() => {
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
        // A scale a person can move along: its arithmetic (steps, a digit's place)
        // must never overflow, and a wider range could not be set by hand anyway.
        (Some(min), Some(max), _)
            if !(SCALE_LIMITS.contains(min.get_ref()) && SCALE_LIMITS.contains(max.get_ref())) =>
        {
            problems.push(at.problem(
                min.span(),
                format!(
                    "scale min and max must be between {} and {}",
                    SCALE_LIMITS.start(),
                    SCALE_LIMITS.end()
                ),
            ));
            return None;
        }
        (Some(min), Some(max), _) => (*min.get_ref(), *max.get_ref()),
        (None, None, Some(range)) => range,
        _ => {
            problems.push(at.problem(
                p.kind.span(),
                format!("a {} prompt needs both min and max", p.kind.get_ref()),
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
}

/// The options of a choice or multi prompt: there must be something to pick.
fn options(p: &RawPrompt, at: &Locator, problems: &mut Vec<Problem>) -> Option<Vec<String>> {
    match &p.options {
        Some(list) if !list.get_ref().is_empty() => Some(list.get_ref().clone()),
        Some(list) => {
            problems.push(at.problem(list.span(), "options must not be empty".into()));
            None
        }
        None => {
            problems.push(at.problem(
                p.kind.span(),
                format!("a {} prompt needs options = [...]", p.kind.get_ref()),
            ));
            None
        }
    }
}
