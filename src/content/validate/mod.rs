//! Validation of one step and its exercises into the typed model: ids, prompts or a
//! reading, and the checks between prompts (recalls, before/after pairs).

mod prompt;

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;

use super::locate::{Locator, Problem};
use super::raw::{RawExercise, RawPrompt, RawStep};
use super::{Exercise, Prompt, PromptKind, RecallSource, RungSpec, Step};
use prompt::validate_prompt;

/// A field naming another prompt (`expected = "expected-distress"`): the field, the
/// prompt it names, and where.
type Named = (&'static str, String, Range<usize>);

/// A scale with a pair key: (key, where it is, its range).
type PairScale = (String, Range<usize>, Option<(i64, i64)>);

/// A recall into another step: where it is written (a problem still to be worded),
/// then the step, exercise and prompt it names.
pub(super) type Link = (Problem, String, String, String);

/// A rung prompt's ladder in another exercise: where `from` is written, the step,
/// exercise and prompt it names, and its `expected` scale (where, and its range),
/// which must rate on the ladder's range.
pub(super) type RungLink = (
    Problem,
    String,
    String,
    String,
    Option<(Problem, (i64, i64))>,
);

/// What validation of one step hands back for checks across the whole pack.
pub(super) struct Found<'a> {
    pub links: &'a mut Vec<Link>,
    pub rung_links: &'a mut Vec<RungLink>,
    pub feelings_used: &'a mut Option<Problem>,
    /// Where each exercise shown in help is (a pack may have one).
    pub in_help: &'a mut Vec<Problem>,
    /// Where each place of its own is (a pack may have one).
    pub places: &'a mut Vec<Problem>,
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
    let place = raw.place.as_ref().is_some_and(|p| *p.get_ref());
    if let Some(at_place) = raw.place.as_ref().filter(|_| place) {
        if raw.exercises.len() != 1 || raw.exercises[0].prompts.is_empty() {
            problems.push(at.problem(
                at_place.span(),
                "a place (place = true) has exactly one exercise, with prompts".into(),
            ));
        }
        found
            .places
            .push(at.problem(at_place.span(), String::new()));
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
        exercises.push(validate_exercise(ex, at, problems, found));
    }
    // Every exercise is checked even after a problem, so an author sees them all in
    // one run; the step is handed back only when it has none.
    (problems.len() == before).then(|| Step {
        id: raw.id.into_inner(),
        number: raw.number.into_inner(),
        title: raw.title,
        summary: raw.summary,
        intro: raw.intro.trim().to_string(),
        exercises,
        place,
    })
}

fn validate_exercise(
    ex: RawExercise,
    at: &Locator,
    problems: &mut Vec<Problem>,
    found: &mut Found,
) -> Exercise {
    let has_reading = !ex.reading.trim().is_empty();
    if ex.prompts.is_empty() && !has_reading {
        problems.push(at.problem(
            ex.id.span(),
            "an exercise needs at least one [[exercises.prompts]] table, or a reading".into(),
        ));
    }
    if !ex.prompts.is_empty() && has_reading {
        problems.push(at.problem(
            ex.id.span(),
            "an exercise has either prompts or a reading, not both".into(),
        ));
    }
    let in_help = ex.in_help.as_ref().is_some_and(|h| *h.get_ref());
    if let Some(at_help) = ex.in_help.as_ref().filter(|_| in_help) {
        if ex.prompts.is_empty() {
            problems.push(at.problem(
                at_help.span(),
                "in_help is for an exercise with prompts (a safety plan), not a reading".into(),
            ));
        }
        found
            .in_help
            .push(at.problem(at_help.span(), String::new()));
    }
    let prompts = validate_prompts(ex.prompts, at, problems, found);
    Exercise {
        id: ex.id.into_inner(),
        title: ex.title,
        purpose: ex.purpose,
        minutes: ex.minutes,
        repeatable: ex.repeatable,
        about: ex.about,
        reading: ex.reading.trim().to_string(),
        prompts,
        in_help,
        steady: ex.steady,
    }
}

/// Where a prompt's fields were written, kept before the raw prompt is consumed.
struct Spans {
    kind: Range<usize>,
    from: Option<Range<usize>>,
    pair: Option<Range<usize>>,
    /// Each prompt named in `show`, and where.
    show: Vec<(String, Range<usize>)>,
    timer_from: Option<Range<usize>>,
    /// A scale's `of`: the prompt it rates.
    of: Option<Range<usize>>,
    /// A rung prompt's `expected`, `actual` and `how`, each with where it is.
    rung: Vec<Named>,
}

impl Spans {
    fn of(p: &RawPrompt) -> Spans {
        Spans {
            kind: p.kind.span(),
            from: p.from.as_ref().map(|f| f.span()),
            pair: p.pair.as_ref().map(|f| f.span()),
            show: p
                .show
                .iter()
                .flatten()
                .map(|s| (s.get_ref().clone(), s.span()))
                .collect(),
            timer_from: p.timer_from.as_ref().map(|f| f.span()),
            of: p.of.as_ref().map(|f| f.span()),
            rung: [
                ("expected", &p.expected),
                ("actual", &p.actual),
                ("how", &p.how),
            ]
            .into_iter()
            .filter_map(|(name, f)| Some((name, f.as_ref()?.get_ref().clone(), f.as_ref()?.span())))
            .collect(),
        }
    }

    /// A recall's problem is shown at its `from`, where the author would fix it.
    fn recall(&self) -> Range<usize> {
        self.from.clone().unwrap_or(self.kind.clone())
    }
}

/// One exercise's prompts, each checked alone and then against the prompts before it;
/// what can only be checked once the whole pack is read is handed on in `found`.
fn validate_prompts(
    raw: Vec<RawPrompt>,
    at: &Locator,
    problems: &mut Vec<Problem>,
    found: &mut Found,
) -> Vec<Prompt> {
    let mut pairs: Vec<PairScale> = Vec::new();
    let mut prompt_ids = HashSet::new();
    let mut prompts: Vec<Prompt> = Vec::new();
    let mut rungs: Vec<(Problem, RungSpec, Vec<Named>)> = Vec::new();
    for p in raw {
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
        let spans = Spans::of(&p);
        let Some(prompt) = validate_prompt(p, at, problems) else {
            continue;
        };
        for (target, span) in &spans.show {
            if matches!(prompt.kind, PromptKind::Recall(_) | PromptKind::Rung(_)) {
                problems.push(
                    at.problem(
                        span.clone(),
                        "show does not belong to a \"recall\" prompt (it shows an answer already)"
                            .into(),
                    ),
                );
                break;
            }
            check_earlier("show", target, &prompts, span.clone(), at, problems);
        }
        if let (Some(of), Some(span)) = (&prompt.of, &spans.of) {
            check_of(of, &prompts, span.clone(), at, problems);
        }
        if let (Some(from), Some(span)) = (
            prompt.timer.as_ref().and_then(|t| t.from.as_ref()),
            &spans.timer_from,
        ) {
            check_timer_from(from, &prompts, span.clone(), at, problems);
        }
        match &prompt.kind {
            PromptKind::Recall(RecallSource::ThisRun { prompt: target }) => {
                check_earlier("recall", target, &prompts, spans.recall(), at, problems);
            }
            PromptKind::Recall(RecallSource::Linked {
                step,
                exercise,
                prompt: target,
            }) => {
                let here = at.problem(spans.recall(), String::new());
                found
                    .links
                    .push((here, step.clone(), exercise.clone(), target.clone()));
            }
            PromptKind::Rung(spec) => {
                rungs.push((
                    at.problem(spans.recall(), String::new()),
                    spec.clone(),
                    spans.rung.clone(),
                ));
            }
            PromptKind::Feelings { .. } if found.feelings_used.is_none() => {
                *found.feelings_used = Some(at.problem(spans.kind, String::new()));
            }
            PromptKind::Rerate { from, intensity } => {
                check_rerate(from, intensity, &prompts, spans.recall(), at, problems);
            }
            PromptKind::Scale(spec) => {
                if let (Some(key), Some(span)) = (&spec.pair, spans.pair) {
                    pairs.push((key.clone(), span, Some((spec.min, spec.max))));
                }
            }
            _ => {}
        }
        prompts.push(prompt);
    }
    check_pairs(&pairs, at, problems);
    for (here, spec, named) in rungs {
        let expected = check_rung(&named, &prompts, at, problems);
        found
            .rung_links
            .push((here, spec.step, spec.exercise, spec.prompt, expected));
    }
    prompts
}

/// A rung prompt's `expected` and `actual` name scales of its exercise and `how` a
/// prompt that asks something; hands back the expected scale's place and range.
fn check_rung(
    named: &[Named],
    prompts: &[Prompt],
    at: &Locator,
    problems: &mut Vec<Problem>,
) -> Option<(Problem, (i64, i64))> {
    let mut expected = None;
    for (field, target, span) in named {
        let kind = prompts.iter().find(|q| &q.id == target).map(|q| &q.kind);
        let message = match (kind, *field) {
            (None, _) => format!("{field} points nowhere: no prompt \"{target}\" in this exercise"),
            (Some(PromptKind::Scale(s)), "expected") => {
                expected = Some((at.problem(span.clone(), String::new()), (s.min, s.max)));
                continue;
            }
            (Some(PromptKind::Scale(_)), _) => continue,
            (Some(_), "expected" | "actual") => {
                format!("{field} must name a \"scale\" prompt; \"{target}\" is not one")
            }
            (Some(PromptKind::Recall(_) | PromptKind::Rung(_)), _) => {
                format!("how must name a prompt that asks something; \"{target}\" does not")
            }
            (Some(_), _) => continue,
        };
        problems.push(at.problem(span.clone(), message));
    }
    expected
}

/// A recall (or a prompt's `show`) within a run shows an answer given earlier in it,
/// and only a prompt that asks something (not a recall) has an answer to show.
fn check_earlier(
    what: &str,
    target: &str,
    earlier: &[Prompt],
    span: Range<usize>,
    at: &Locator,
    problems: &mut Vec<Problem>,
) {
    let known = earlier
        .iter()
        .any(|q| q.id == target && !matches!(q.kind, PromptKind::Recall(_)));
    if !known {
        problems.push(at.problem(
            span,
            format!("{what} points nowhere: no earlier prompt \"{target}\" in this exercise"),
        ));
    }
}

/// The kind of the earlier prompt `target` that a prompt's field `what` names, or
/// the message that it names none.
fn earlier_kind<'p>(
    what: &str,
    target: &str,
    earlier: &'p [Prompt],
) -> Result<&'p PromptKind, String> {
    earlier
        .iter()
        .find(|q| q.id == target)
        .map(|q| &q.kind)
        .ok_or_else(|| {
            format!("{what} points nowhere: no earlier prompt \"{target}\" in this exercise")
        })
}

/// A scale rates the answer of an earlier line or text prompt (the thought whose
/// belief it measures).
fn check_of(
    target: &str,
    earlier: &[Prompt],
    span: Range<usize>,
    at: &Locator,
    problems: &mut Vec<Problem>,
) {
    let message = match earlier_kind("of", target, earlier) {
        Ok(PromptKind::Line | PromptKind::Text) => return,
        Ok(_) => format!("of must name a \"line\" or \"text\" prompt; \"{target}\" is not one"),
        Err(nowhere) => nowhere,
    };
    problems.push(at.problem(span, message));
}

/// A timer's length comes from an earlier choice whose every option begins with its
/// minutes ("15 minutes").
fn check_timer_from(
    target: &str,
    earlier: &[Prompt],
    span: Range<usize>,
    at: &Locator,
    problems: &mut Vec<Problem>,
) {
    let message = match earlier_kind("timer_from", target, earlier) {
        Err(nowhere) => nowhere,
        Ok(PromptKind::Choice { options }) => {
            match options
                .iter()
                .find(|o| crate::content::leading_minutes(o).is_none())
            {
                None => return,
                Some(o) => format!(
                    "timer_from's choice \"{target}\" has an option that does not begin with its minutes: \"{o}\""
                ),
            }
        }
        Ok(_) => format!("timer_from must name a \"choice\" prompt; \"{target}\" is not one"),
    };
    problems.push(at.problem(span, message));
}

/// Feelings rated again come from a feelings prompt before this one, on its range,
/// so the two ratings of each feeling can be compared.
fn check_rerate(
    target: &str,
    spec: &crate::content::ScaleSpec,
    earlier: &[Prompt],
    span: Range<usize>,
    at: &Locator,
    problems: &mut Vec<Problem>,
) {
    let message = match earlier_kind("rerate", target, earlier) {
        Err(nowhere) => nowhere,
        Ok(PromptKind::Feelings { intensity }) => {
            if (intensity.min, intensity.max) == (spec.min, spec.max) {
                return;
            }
            format!(
                "rerate needs the same min and max as \"{target}\" ({} to {})",
                intensity.min, intensity.max
            )
        }
        Ok(_) => format!("rerate must name a \"feelings\" prompt; \"{target}\" is not one"),
    };
    problems.push(at.problem(span, message));
}

/// Before/after scales are compared, so a pair is exactly two scales on one range.
/// A wrong count is reported once, at the first scale; a wrong range at the second.
fn check_pairs(pairs: &[PairScale], at: &Locator, problems: &mut Vec<Problem>) {
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
