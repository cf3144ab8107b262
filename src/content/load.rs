//! Parsing and validating content packs. Every problem carries file:line:column,
//! and a pack with any problem is refused whole, never half-loaded.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{
    Content, Exercise, FeelingFamily, LadderSpec, Prompt, PromptKind, RecallSource, ScaleSpec, Step,
};

/// A scale with a pair key: (key, where it is, its range).
type PairScale = (String, Range<usize>, Option<(i64, i64)>);

/// What validation of one step hands back for checks across the whole pack.
struct Found<'a> {
    links: &'a mut Vec<(Problem, String, String, String)>,
    feelings_used: &'a mut Option<Problem>,
}

/// The built-in pack, compiled into the binary.
const BUILTIN: &[(&str, &str)] = &[
    (
        "content/recognize.toml",
        include_str!("../../content/recognize.toml"),
    ),
    (
        "content/seek-help.toml",
        include_str!("../../content/seek-help.toml"),
    ),
    (
        "content/self-compassion.toml",
        include_str!("../../content/self-compassion.toml"),
    ),
    (
        "content/challenge-beliefs.toml",
        include_str!("../../content/challenge-beliefs.toml"),
    ),
    (
        "content/express-emotions.toml",
        include_str!("../../content/express-emotions.toml"),
    ),
    (
        "content/build-trust.toml",
        include_str!("../../content/build-trust.toml"),
    ),
];

/// One thing wrong in a content file, located for a person to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// A content pack that cannot be used, with every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentError {}

/// The pack that ships inside attune.
pub fn builtin() -> Result<Content, ContentError> {
    load_sources(
        BUILTIN
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string())),
    )
}

/// A pack from a folder of `*.toml` files, one per step.
pub fn load_dir(dir: &Path) -> Result<Content, ContentError> {
    let problem = |message: String| ContentError {
        problems: vec![Problem {
            file: dir.display().to_string(),
            line: 1,
            column: 1,
            message,
        }],
    };
    let listing =
        std::fs::read_dir(dir).map_err(|e| problem(format!("cannot read this folder: {e}")))?;
    let mut paths: Vec<_> = listing
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(problem("no .toml step files in this folder".into()));
    }
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match std::fs::read_to_string(&path) {
            Ok(text) => sources.push((path.display().to_string(), text)),
            Err(e) => problems.push(Problem {
                file: path.display().to_string(),
                line: 1,
                column: 1,
                message: format!("cannot read this file as UTF-8 text: {e}"),
            }),
        }
    }
    match load_sources(sources) {
        Err(mut e) => {
            problems.append(&mut e.problems);
            Err(ContentError { problems })
        }
        Ok(_) if !problems.is_empty() => Err(ContentError { problems }),
        Ok(content) => Ok(content),
    }
}

/// Parse and validate named TOML sources into one pack.
pub fn load_sources(
    sources: impl IntoIterator<Item = (String, String)>,
) -> Result<Content, ContentError> {
    let mut problems = Vec::new();
    let mut steps = Vec::new();
    let mut feelings: Vec<FeelingFamily> = Vec::new();
    let mut links: Vec<(Problem, String, String, String)> = Vec::new();
    let mut feelings_used: Option<Problem> = None;
    let mut seen_ids: HashSet<String> = HashSet::new();
    let mut seen_numbers: HashSet<u8> = HashSet::new();
    for (file, text) in sources {
        let at = Locator {
            file: &file,
            text: &text,
        };
        let raw: RawStep = match toml::from_str(&text) {
            Ok(raw) => raw,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                problems.push(at.problem(span, e.message().trim().to_string()));
                continue;
            }
        };
        if !seen_ids.insert(raw.id.get_ref().clone()) {
            problems.push(at.problem(
                raw.id.span(),
                format!("duplicate step id \"{}\"", raw.id.get_ref()),
            ));
        }
        if !seen_numbers.insert(*raw.number.get_ref()) {
            problems.push(at.problem(
                raw.number.span(),
                format!("duplicate step number {}", raw.number.get_ref()),
            ));
        }
        for family in &raw.feelings {
            if feelings.iter().any(|f| f.name == *family.name.get_ref()) {
                problems.push(at.problem(
                    family.name.span(),
                    format!("duplicate feeling family \"{}\"", family.name.get_ref()),
                ));
            }
            if family.words.is_empty() {
                problems.push(at.problem(
                    family.name.span(),
                    "a feeling family needs at least one word".into(),
                ));
            }
            feelings.push(FeelingFamily {
                name: family.name.get_ref().clone(),
                words: family.words.clone(),
                sensations: family.sensations.clone(),
            });
        }
        let mut found = Found {
            links: &mut links,
            feelings_used: &mut feelings_used,
        };
        if let Some(step) = validate_step(raw, &at, &mut problems, &mut found) {
            steps.push(step);
        }
    }
    for (at, step, exercise, prompt) in links {
        let target = steps
            .iter()
            .find(|s| s.id == step)
            .and_then(|s| s.exercises.iter().find(|e| e.id == exercise));
        let known = target.is_some_and(|e| {
            e.prompts
                .iter()
                .any(|p| p.id == prompt && !matches!(p.kind, PromptKind::Recall(_)))
        });
        if !known && problems.is_empty() {
            problems.push(Problem { message: format!("recall points nowhere: no prompt \"{prompt}\" in exercise \"{exercise}\" of step \"{step}\""), ..at });
        }
    }
    if let Some(at) = feelings_used
        && feelings.is_empty()
    {
        problems.push(Problem {
            message: "a feelings prompt needs [[feelings]] families somewhere in the pack".into(),
            ..at
        });
    }
    if steps.is_empty() && problems.is_empty() {
        problems.push(Problem {
            file: "(pack)".into(),
            line: 1,
            column: 1,
            message: "the pack has no steps".into(),
        });
    }
    if !problems.is_empty() {
        return Err(ContentError { problems });
    }
    steps.sort_by_key(|s| s.number);
    Ok(Content { steps, feelings })
}

struct Locator<'a> {
    file: &'a str,
    text: &'a str,
}

impl Locator<'_> {
    fn problem(&self, span: Range<usize>, message: String) -> Problem {
        let offset = span.start.min(self.text.len());
        let before = &self.text[..floor_char_boundary(self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Problem {
            file: self.file.to_string(),
            line,
            column,
            message,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn validate_step(
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: Spanned<String>,
    number: Spanned<u8>,
    title: String,
    summary: String,
    intro: String,
    #[serde(default)]
    exercises: Vec<RawExercise>,
    #[serde(default)]
    feelings: Vec<RawFamily>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFamily {
    name: Spanned<String>,
    words: Vec<String>,
    #[serde(default)]
    sensations: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    id: Spanned<String>,
    title: String,
    purpose: String,
    minutes: u16,
    #[serde(default)]
    repeatable: bool,
    about: String,
    #[serde(default)]
    reading: String,
    #[serde(default)]
    prompts: Vec<RawPrompt>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrompt {
    id: Spanned<String>,
    kind: Spanned<String>,
    label: String,
    #[serde(default)]
    hint: String,
    #[serde(default)]
    placeholder: String,
    min: Option<Spanned<i64>>,
    max: Option<Spanned<i64>>,
    min_label: Option<String>,
    max_label: Option<String>,
    pair: Option<Spanned<String>>,
    options: Option<Spanned<Vec<String>>>,
    other: Option<bool>,
    item: Option<String>,
    fields: Option<Vec<String>>,
    from: Option<Spanned<String>>,
}
