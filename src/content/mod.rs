//! The typed content model: six steps, their exercises and prompts.
//! Content is data (TOML in `content/`); this module only knows its shape.

mod load;
mod locate;
mod raw;
mod validate;

pub use load::{ContentError, builtin, load_dir, load_sources};
pub use locate::Problem;

/// Everything attune asks, in the order a person meets it.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    pub steps: Vec<Step>,
    /// Feeling words in families, for `feelings` prompts (declared once per pack).
    pub feelings: Vec<FeelingFamily>,
}

/// A family of feelings ("Sad"), its specific words, and body sensations that often
/// come with it, for the "I'm not sure" path.
#[derive(Debug, Clone, PartialEq)]
pub struct FeelingFamily {
    pub name: String,
    pub words: Vec<String>,
    pub sensations: Vec<String>,
    /// Pleasant (true), unpleasant (false), or neither (None).
    pub pleasant: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub id: String,
    pub number: u8,
    pub title: String,
    /// One line shown on the home screen.
    pub summary: String,
    /// A few short paragraphs shown when the step is opened.
    pub intro: String,
    pub exercises: Vec<Exercise>,
    /// A place of its own (the quick write), not one of the numbered steps: it is not
    /// listed with them, and its one exercise opens from Home with a key.
    pub place: bool,
}

impl Step {
    /// How an entry says where it belongs: "Step 4 · Challenge negative beliefs", or
    /// a place's own title ("Quick write").
    pub fn label(&self) -> String {
        if self.place {
            self.title.clone()
        } else {
            format!("Step {} · {}", self.number, self.title)
        }
    }

    /// The short form: "Step 4", or a place's title.
    pub fn short(&self) -> String {
        if self.place {
            self.title.clone()
        } else {
            format!("Step {}", self.number)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    pub purpose: String,
    pub minutes: u16,
    pub repeatable: bool,
    /// Where the idea comes from (author, year), so it can be looked up.
    pub about: String,
    /// A read-only page (e.g. therapy approaches explained); such an exercise has
    /// no prompts and saves no entry.
    pub reading: String,
    pub prompts: Vec<Prompt>,
    /// The person's safety plan: its latest entry shows on the help screen, and help
    /// opens it with one key. At most one exercise in a pack.
    pub in_help: bool,
    /// Heavy writing: after it, the steadying page is offered (never forced).
    pub steady: bool,
}

impl Exercise {
    pub fn is_reading(&self) -> bool {
        self.prompts.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub id: String,
    pub label: String,
    pub hint: String,
    pub placeholder: String,
    /// What a new answer starts with (text and line prompts).
    pub prefill: String,
    pub kind: PromptKind,
    /// Earlier prompts of the exercise (by id) whose answers are shown while this
    /// one is answered (content's `show = [...]`).
    pub show: Vec<String>,
    /// Timed writing: a countdown the person can start (content's `timer`).
    pub timer: Option<TimerSpec>,
    /// A scale Insights draws over time with the others of its group (`trend`).
    pub trend: Option<Trend>,
    /// The earlier prompt whose answer this scale rates (`of`), e.g. the hot thought:
    /// Insights draws each thing rated over time.
    pub of: Option<String>,
}

/// Where a scale goes in Insights' "Over time": its group's picture, under its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trend {
    pub group: String,
    pub name: String,
}

/// A writing timer: its length, unless an earlier choice says another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimerSpec {
    pub minutes: u16,
    /// An earlier choice prompt whose options begin with minutes ("15 minutes").
    pub from: Option<String>,
}

/// The minutes an option begins with ("15 minutes" is 15), if it begins with some.
pub fn leading_minutes(option: &str) -> Option<u16> {
    let digits: String = option
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().filter(|m| *m > 0)
}

impl Prompt {
    /// The text a new answer starts with: the prefill, and for a multi-line answer a
    /// fresh line after it to write on.
    pub fn prefill_text(&self) -> String {
        match self.kind {
            PromptKind::Text if !self.prefill.is_empty() => format!("{}\n", self.prefill),
            _ => self.prefill.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PromptKind {
    /// Multi-line free text, soft-wrapped.
    Text,
    /// One line of text.
    Line,
    /// A whole number on a labelled range.
    Scale(ScaleSpec),
    /// One option of a list.
    Choice { options: Vec<String> },
    /// Several options of a list, plus an optional free "other" line.
    Multi { options: Vec<String>, other: bool },
    /// A feeling word picked in two levels, then its intensity.
    Feelings { intensity: ScaleSpec },
    /// An ordered list of items, each with its own rating and optional fields.
    Ladder(LadderSpec),
    /// Shows an earlier answer, read-only.
    Recall(RecallSource),
    /// Each feeling named in an earlier feelings prompt of the run (`from`), rated again.
    Rerate { from: String, intensity: ScaleSpec },
    /// Picks the rung tried from the latest answer of a ladder prompt.
    Rung(RungSpec),
}

/// Where a rung is picked from, and the prompts of the same exercise that go with it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RungSpec {
    /// The ladder prompt: step, exercise and prompt ids.
    pub step: String,
    pub exercise: String,
    pub prompt: String,
    /// A scale prefilled with the rung's own rating (what was expected, rated
    /// before it was tried).
    pub expected: Option<String>,
    /// A scale saying how uncomfortable it was in the end.
    pub actual: Option<String>,
    /// A prompt whose answer says how it went.
    pub how: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderSpec {
    /// What one item is called ("rung", "therapist", "situation").
    pub item: String,
    pub rating: ScaleSpec,
    /// Extra one-line fields per item ("who with", "contacted on").
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecallSource {
    /// An earlier prompt of the same run, e.g. the hot thought while weighing evidence.
    ThisRun { prompt: String },
    /// The latest entry of another exercise, e.g. step 1's pattern log in step 2.
    Linked {
        step: String,
        exercise: String,
        prompt: String,
    },
}

/// A rung prompt where it is: its step, exercise and prompt ids, and what it asks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RungSource {
    pub step: String,
    pub exercise: String,
    pub prompt: String,
    pub spec: RungSpec,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleSpec {
    pub min: i64,
    pub max: i64,
    pub min_label: String,
    pub max_label: String,
    /// Two scales of one exercise sharing a pair key are a before/after pair.
    pub pair: Option<String>,
}

impl ScaleSpec {
    /// Does a digit key mean that very number here (every value is 0 to 10)?
    pub fn digits_are_values(&self) -> bool {
        self.min >= 0 && self.max <= 10
    }

    /// Where a digit key goes. On a scale of single numbers (0–10, 1–7, 1–5) a digit
    /// means that number, and one outside the scale does nothing. On a wider scale
    /// it jumps in tenths of the range: on 0–100, 7 goes to 70.
    pub fn digit_value(&self, digit: u8) -> Option<i64> {
        let digit = i64::from(digit);
        if self.digits_are_values() {
            return (self.min..=self.max).contains(&digit).then_some(digit);
        }
        Some(self.min + (self.max - self.min) * digit / 10)
    }

    /// One arrow press: one on scales of single numbers, five on wider ones (0–100).
    pub fn step(&self) -> i64 {
        if self.digits_are_values() { 1 } else { 5 }
    }

    /// Where the first arrow on an unset scale starts: the middle, said in the hint.
    pub fn middle(&self) -> i64 {
        self.min + (self.max - self.min) / 2
    }

    /// The rule of this scale's keys, in words, for the line under it.
    pub fn keys_rule(&self) -> String {
        let jump = if self.digits_are_values() {
            "a digit is that number".to_string()
        } else {
            let seven = self.digit_value(7).unwrap_or(self.min);
            format!("a digit jumps in tenths (7 is {seven})")
        };
        format!(
            "arrows move by {} and start from {}; {jump}",
            self.step(),
            self.middle()
        )
    }
}

impl PromptKind {
    pub fn name(&self) -> &'static str {
        match self {
            PromptKind::Text => "text",
            PromptKind::Line => "line",
            PromptKind::Scale(_) => "scale",
            PromptKind::Choice { .. } => "choice",
            PromptKind::Multi { .. } => "multi",
            PromptKind::Feelings { .. } => "feelings",
            PromptKind::Ladder(_) => "ladder",
            PromptKind::Recall(_) => "recall",
            PromptKind::Rerate { .. } => "rerate",
            PromptKind::Rung(_) => "rung",
        }
    }
}

impl Content {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// An exercise by its place: the step's index, then the exercise's.
    pub fn exercise_at(&self, step: usize, exercise: usize) -> Option<&Exercise> {
        self.steps.get(step)?.exercises.get(exercise)
    }

    pub fn exercise(&self, step_id: &str, exercise_id: &str) -> Option<(&Step, &Exercise)> {
        let (step, exercise) = self.position(step_id, exercise_id)?;
        Some((&self.steps[step], &self.steps[step].exercises[exercise]))
    }

    /// The quick write: the place of its own and its exercise, by index.
    pub fn quick_write(&self) -> Option<(usize, usize)> {
        self.steps
            .iter()
            .position(|s| s.place)
            .filter(|&i| !self.steps[i].exercises.is_empty())
            .map(|i| (i, 0))
    }

    /// Every scale drawn over time: step, exercise, prompt and its trend, in content
    /// order.
    pub fn trends(&self) -> Vec<(String, String, String, Trend)> {
        self.steps
            .iter()
            .flat_map(|s| s.exercises.iter().map(move |e| (s, e)))
            .flat_map(|(s, e)| {
                e.prompts.iter().filter_map(move |p| {
                    let t = p.trend.clone()?;
                    Some((s.id.clone(), e.id.clone(), p.id.clone(), t))
                })
            })
            .collect()
    }

    /// Every scale that rates an earlier answer: step, exercise, the scale's prompt
    /// and the prompt it rates, in content order.
    pub fn rated(&self) -> Vec<(String, String, String, String)> {
        self.steps
            .iter()
            .flat_map(|s| s.exercises.iter().map(move |e| (s, e)))
            .flat_map(|(s, e)| {
                e.prompts.iter().filter_map(move |p| {
                    let of = p.of.clone()?;
                    Some((s.id.clone(), e.id.clone(), p.id.clone(), of))
                })
            })
            .collect()
    }

    /// Every rung prompt that picks from the ladder prompt `step/exercise/prompt`,
    /// with the step and exercise it is in.
    pub fn rungs_from(&self, step: &str, exercise: &str, prompt: &str) -> Vec<RungSource> {
        self.rung_prompts()
            .into_iter()
            .filter(|r| {
                r.spec.step == step && r.spec.exercise == exercise && r.spec.prompt == prompt
            })
            .collect()
    }

    /// Every rung prompt of the pack, in content order.
    pub fn rung_prompts(&self) -> Vec<RungSource> {
        self.steps
            .iter()
            .flat_map(|s| s.exercises.iter().map(move |e| (s, e)))
            .flat_map(|(s, e)| {
                e.prompts.iter().filter_map(move |p| match &p.kind {
                    PromptKind::Rung(spec) => Some(RungSource {
                        step: s.id.clone(),
                        exercise: e.id.clone(),
                        prompt: p.id.clone(),
                        spec: spec.clone(),
                    }),
                    _ => None,
                })
            })
            .collect()
    }

    /// The numbered steps (not a place of its own), with their index.
    pub fn numbered(&self) -> impl Iterator<Item = (usize, &Step)> {
        self.steps.iter().enumerate().filter(|(_, s)| !s.place)
    }

    /// The pack's safety plan (its `in_help` exercise), with its step.
    pub fn safety_plan(&self) -> Option<(&Step, &Exercise)> {
        self.steps
            .iter()
            .find_map(|s| s.exercises.iter().find(|e| e.in_help).map(|e| (s, e)))
    }

    /// Where an exercise is, by ids: the step's index and the exercise's.
    pub fn position(&self, step_id: &str, exercise_id: &str) -> Option<(usize, usize)> {
        let step = self.step_index(step_id)?;
        let exercise = self.steps[step]
            .exercises
            .iter()
            .position(|e| e.id == exercise_id)?;
        Some((step, exercise))
    }
}
