//! Parsing and validating content packs. Every problem carries file:line:column,
//! and a pack with any problem is refused whole, never half-loaded.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Content, Exercise, Prompt, PromptKind, ScaleSpec, Step};

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
        if let Some(step) = validate_step(raw, &at, &mut problems) {
            steps.push(step);
        }
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
    Ok(Content { steps })
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

fn validate_step(raw: RawStep, at: &Locator, problems: &mut Vec<Problem>) -> Option<Step> {
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
        if ex.prompts.is_empty() {
            problems.push(at.problem(
                ex.id.span(),
                "an exercise needs at least one [[exercises.prompts]] table".into(),
            ));
        }
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
            if let Some(prompt) = validate_prompt(p, at, problems) {
                prompts.push(prompt);
            }
        }
        exercises.push(Exercise {
            id: ex.id.into_inner(),
            title: ex.title,
            purpose: ex.purpose,
            minutes: ex.minutes,
            repeatable: ex.repeatable,
            about: ex.about,
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
    let scale_fields =
        p.min.is_some() || p.max.is_some() || p.min_label.is_some() || p.max_label.is_some();
    let kind = match p.kind.get_ref().as_str() {
        "text" | "line" if scale_fields => {
            problems.push(at.problem(
                p.kind.span(),
                format!(
                    "min, max, min_label and max_label belong to scale prompts, not \"{}\"",
                    p.kind.get_ref()
                ),
            ));
            return None;
        }
        "text" => PromptKind::Text,
        "line" => PromptKind::Line,
        "scale" => {
            let (Some(min), Some(max)) = (&p.min, &p.max) else {
                problems.push(at.problem(
                    p.kind.span(),
                    "a scale prompt needs both min and max".into(),
                ));
                return None;
            };
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
            PromptKind::Scale(ScaleSpec {
                min: *min.get_ref(),
                max: *max.get_ref(),
                min_label: p.min_label.unwrap_or_default(),
                max_label: p.max_label.unwrap_or_default(),
            })
        }
        other => {
            problems.push(at.problem(
                p.kind.span(),
                format!("unknown prompt kind \"{other}\" (expected text, line or scale)"),
            ));
            return None;
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
}
