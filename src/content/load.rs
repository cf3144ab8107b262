//! Loading content packs: the built-in one and folders of TOML files. Every problem
//! carries file:line:column, and a pack with any problem is refused whole.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use super::locate::{Locator, Problem};
use super::raw::RawStep;
use super::validate::{Found, Link, RungLink, validate_step};
use super::{Content, FeelingFamily, PromptKind, Step};

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
    (
        "content/quick-write.toml",
        include_str!("../../content/quick-write.toml"),
    ),
];

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
    let mut links: Vec<Link> = Vec::new();
    let mut rung_links: Vec<RungLink> = Vec::new();
    let mut feelings_used: Option<Problem> = None;
    let mut in_help: Vec<Problem> = Vec::new();
    let mut places: Vec<Problem> = Vec::new();
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
                problems.push(Problem::from_toml(&file, &text, &e));
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
        add_families(&raw, &at, &mut feelings, &mut problems);
        let mut found = Found {
            links: &mut links,
            rung_links: &mut rung_links,
            feelings_used: &mut feelings_used,
            in_help: &mut in_help,
            places: &mut places,
        };
        if let Some(step) = validate_step(raw, &at, &mut problems, &mut found) {
            steps.push(step);
        }
    }
    check_links(links, &steps, &mut problems);
    check_rung_links(rung_links, &steps, &mut problems);
    // One safety plan: help shows one, and one key opens it.
    for at in in_help.into_iter().skip(1) {
        problems.push(Problem {
            message: "only one exercise in a pack can be in_help (help shows one safety plan)"
                .into(),
            ..at
        });
    }
    // One quick write: Home opens it with one key.
    for at in places.into_iter().skip(1) {
        problems.push(Problem {
            message: "only one step in a pack can be a place (place = true)".into(),
            ..at
        });
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
    // The numbered steps in order, then a place of its own (the quick write).
    steps.sort_by_key(|s| (s.place, s.number));
    Ok(Content { steps, feelings })
}

/// Feeling families may be declared in any step file and are shared by the whole
/// pack, so a name is checked against every family read so far.
fn add_families(
    raw: &RawStep,
    at: &Locator,
    feelings: &mut Vec<FeelingFamily>,
    problems: &mut Vec<Problem>,
) {
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
            pleasant: family.pleasant,
        });
    }
}

/// A recall into another step can only be checked once every file is read. A step
/// with a problem is left out of `steps`, so links into it would all look dangling:
/// a link is reported only while nothing else is (so at most one is).
fn check_links(links: Vec<Link>, steps: &[Step], problems: &mut Vec<Problem>) {
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
            problems.push(Problem {
                message: format!(
                    "recall points nowhere: no prompt \"{prompt}\" in exercise \"{exercise}\" of step \"{step}\""
                ),
                ..at
            });
        }
    }
}

/// A rung prompt picks from a ladder prompt, and its expected scale rates on the
/// ladder's range (the rung's rating is put there). As with recalls, reported only
/// while nothing else is.
fn check_rung_links(links: Vec<RungLink>, steps: &[Step], problems: &mut Vec<Problem>) {
    for (at, step, exercise, prompt, expected) in links {
        if !problems.is_empty() {
            return;
        }
        let target = steps
            .iter()
            .find(|s| s.id == step)
            .and_then(|s| s.exercises.iter().find(|e| e.id == exercise))
            .and_then(|e| e.prompts.iter().find(|p| p.id == prompt));
        let ladder = match target.map(|p| &p.kind) {
            Some(PromptKind::Ladder(spec)) => spec,
            Some(_) => {
                problems.push(Problem {
                    message: format!("a rung prompt picks from a \"ladder\" prompt; \"{step}/{exercise}/{prompt}\" is not one"),
                    ..at
                });
                continue;
            }
            None => {
                problems.push(Problem {
                    message: format!(
                        "rung points nowhere: no prompt \"{prompt}\" in exercise \"{exercise}\" of step \"{step}\""
                    ),
                    ..at
                });
                continue;
            }
        };
        if let Some((at, (min, max))) = expected
            && (min, max) != (ladder.rating.min, ladder.rating.max)
        {
            problems.push(Problem {
                message: format!(
                    "expected must rate on the ladder's range ({} to {}), not {min} to {max}",
                    ladder.rating.min, ladder.rating.max
                ),
                ..at
            });
        }
    }
}
