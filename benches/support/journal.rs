//! A realistic journal for the benchmarks: every exercise of the built-in content,
//! each entry a few hundred to a few thousand characters, one every 2.6 hours or so.
//! 10,000 entries by default; `ATTUNE_BENCH_ENTRIES=100000` makes (and measures) a
//! larger one. Written once per size (one import transaction) and reused.

use std::path::{Path, PathBuf};

use attune::content::{Content, PromptKind};
use attune::journal::{Answer, AnswerValue, LadderItem};
use attune::store::{Export, ExportedEntry, Store};
use chrono::{DateTime, Duration, FixedOffset};

/// How many entries the benchmarks measure: `ATTUNE_BENCH_ENTRIES`, else 10,000.
pub fn entries() -> usize {
    std::env::var("ATTUNE_BENCH_ENTRIES")
        .ok()
        .and_then(|n| n.replace(['_', ','], "").parse().ok())
        .unwrap_or(10_000)
}

const WORDS: &[&str] = &[
    "I", "noticed", "that", "when", "Sam", "asked", "about", "the", "weekend", "my", "chest",
    "went", "tight", "and", "wanted", "to", "say", "was", "busy", "again", "later", "felt",
    "lonely", "relief", "worried", "close", "call", "sister", "work", "dinner", "quiet", "phone",
    "message", "because", "maybe", "trust", "small", "step", "kind", "friend", "would", "tell",
    "me", "it", "is", "okay", "need", "people", "weak", "strong", "evening", "walk",
];

/// A small deterministic generator, so every run measures the same journal.
pub struct Rng(pub u64);
impl Rng {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
    pub fn text(&mut self, min: usize, max: usize) -> String {
        let len = min + self.below((max - min) as u64) as usize;
        let mut out = String::with_capacity(len + 10);
        while out.len() < len {
            if !out.is_empty() {
                out.push(if self.below(14) == 0 { '\n' } else { ' ' });
            }
            out.push_str(&self.word());
        }
        out
    }

    /// Mostly common words, sometimes one of a few thousand rarer ones, as in
    /// real writing.
    fn word(&mut self) -> String {
        if self.below(3) > 0 {
            return WORDS[self.below(WORDS.len() as u64) as usize].to_string();
        }
        const SYLLABLES: &[&str] = &[
            "ka", "lo", "mi", "ren", "tu", "sa", "vel", "or", "ni", "das", "pe", "qui", "ra",
            "mon", "el", "ti",
        ];
        let n = 2 + self.below(2);
        (0..n)
            .map(|_| SYLLABLES[self.below(SYLLABLES.len() as u64) as usize])
            .collect()
    }
}

pub fn generate(content: &Content, count: usize) -> Export {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let exercises: Vec<_> = content
        .steps
        .iter()
        .flat_map(|s| {
            s.exercises
                .iter()
                .filter(|e| !e.is_reading())
                .map(move |e| (s, e))
        })
        .collect();
    let start: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339("2023-11-28T08:00:00+01:00").unwrap();
    let mut entries = Vec::with_capacity(count);
    for i in 0..count {
        let (step, ex) = exercises[rng.below(exercises.len() as u64) as usize];
        let when = start + Duration::minutes((i as i64) * 157 + rng.below(60) as i64);
        let answers = ex
            .prompts
            .iter()
            .filter(|p| !matches!(p.kind, PromptKind::Recall(_)))
            .map(|p| Answer {
                prompt_id: p.id.clone(),
                label: p.label.clone(),
                pair: match &p.kind {
                    PromptKind::Scale(s) => s.pair.clone(),
                    _ => None,
                },
                value: match &p.kind {
                    PromptKind::Text => AnswerValue::Text(rng.text(60, 700)),
                    PromptKind::Line => AnswerValue::Text(rng.text(10, 60)),
                    PromptKind::Scale(s) => AnswerValue::Scale {
                        value: s.min + rng.below((s.max - s.min) as u64) as i64,
                        min: s.min,
                        max: s.max,
                    },
                    PromptKind::Choice { options } => AnswerValue::Choice(
                        options[rng.below(options.len() as u64) as usize].clone(),
                    ),
                    PromptKind::Multi { options, .. } => AnswerValue::Multi {
                        chosen: options
                            .iter()
                            .filter(|_| rng.below(3) == 0)
                            .cloned()
                            .collect(),
                        other: rng.text(0, 40),
                    },
                    PromptKind::Feelings { intensity } => {
                        let f =
                            &content.feelings[rng.below(content.feelings.len() as u64) as usize];
                        AnswerValue::one_feeling(
                            &f.name,
                            &f.words[rng.below(f.words.len() as u64) as usize],
                            Some(rng.below(intensity.max as u64 + 1) as i64),
                            intensity.max,
                            None,
                        )
                    }
                    PromptKind::Ladder(spec) => AnswerValue::Ladder {
                        item: spec.item.clone(),
                        fields: spec.fields.clone(),
                        items: (0..3 + rng.below(6))
                            .map(|_| LadderItem {
                                text: rng.text(15, 60),
                                rating: Some(rng.below(spec.rating.max as u64 + 1) as i64),
                                fields: spec.fields.iter().map(|_| rng.text(3, 12)).collect(),
                            })
                            .collect(),
                        min: spec.rating.min,
                        max: spec.rating.max,
                    },
                    PromptKind::Recall(_) | PromptKind::Rerate { .. } => AnswerValue::Skipped,
                    PromptKind::Rung(_) => AnswerValue::Rung {
                        text: rng.text(15, 60),
                        rating: Some(rng.below(101) as i64),
                        max: 100,
                    },
                },
            })
            .collect();
        entries.push(ExportedEntry {
            uid: format!("bench{i:08}"),
            step_id: step.id.clone(),
            exercise_id: ex.id.clone(),
            exercise_title: ex.title.clone(),
            created_at: when.to_rfc3339(),
            updated_at: when.to_rfc3339(),
            answers,
            history: Vec::new(),
        });
    }
    let settings = [("welcomed_at".to_string(), start.to_rfc3339())]
        .into_iter()
        .collect();
    Export {
        settings,
        ..Export::of_entries(entries)
    }
}

/// The benchmark journal's data dir, made on first use and kept in target/.
/// The passphrase of the encrypted copy of the bench journal.
pub const PASSPHRASE: &str = "a bench passphrase";

/// The bench journal, encrypted with [`PASSPHRASE`] (made once from [`data_dir`]).
pub fn encrypted_dir() -> PathBuf {
    let plain = data_dir();
    let dir = plain.with_file_name(format!(
        "{}-encrypted",
        plain.file_name().unwrap().to_string_lossy()
    ));
    let marker = dir.join("complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("encrypted bench dir");
        std::fs::copy(plain.join("attune.db"), dir.join("attune.db")).expect("copy journal");
        let passphrase = attune::store::Passphrase::new(zeroize::Zeroizing::new(PASSPHRASE.into()));
        let key = attune::store::Key::fresh(&passphrase).expect("key");
        attune::store::encrypt(&dir, &key, &|| {}).expect("encrypt bench journal");
        std::fs::write(&marker, "").expect("marker");
    }
    dir
}

pub fn data_dir() -> PathBuf {
    let count = entries();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-journal-{count}"));
    let marker = dir.join("complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let content = attune::content::builtin().expect("content");
        let export = generate(&content, count);
        let mut store = Store::open(&dir).expect("open bench store");
        store.import(&export).expect("import bench journal");
        drop(store);
        std::fs::write(&marker, "").expect("marker");
    }
    dir
}
