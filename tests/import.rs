//! `attune import`'s reading of a file: a file imported from disk (streamed, one
//! entry at a time) makes the same journal as the same export parsed whole, into an
//! empty journal and into one with entries; and a file that goes wrong anywhere adds
//! nothing.

use attune::journal::{Answer, AnswerValue};
use attune::store::{
    EXPORT_FORMAT, Export, ExportFile, ExportedEntry, ExportedVersion, Filter, Store,
    TransferError, schema_version,
};

const WORDS: &[&str] = &[
    "trust",
    "lonely",
    "Sam",
    "dinner",
    "chest",
    "tight",
    "relief",
    "café",
    "naïve",
    "work",
    "quiet",
    "\"quoted\"",
    "back\\slash",
    "{brace}",
    "[bracket]",
];

fn entry(n: usize) -> ExportedEntry {
    let word = |k: usize| WORDS[(n * 7 + k * 3) % WORDS.len()];
    let text: String = (0..12).map(word).collect::<Vec<_>>().join(" ");
    let answers = vec![
        Answer {
            prompt_id: "what".into(),
            label: "What happened?".into(),
            value: AnswerValue::Text(format!("{text}\nentry{n} line two")),
            pair: None,
        },
        Answer {
            prompt_id: "how".into(),
            label: "How strong".into(),
            value: AnswerValue::Scale {
                value: (n % 7) as i64 + 1,
                min: 1,
                max: 7,
            },
            pair: None,
        },
        Answer {
            prompt_id: "skip".into(),
            label: "Skipped".into(),
            value: AnswerValue::Skipped,
            pair: None,
        },
    ];
    let exercises = [
        ("recognize", "triggers"),
        ("seek-help", "questions"),
        ("build-trust", "ladder"),
    ];
    let (step, exercise) = exercises[n % exercises.len()];
    ExportedEntry {
        uid: format!("uid-{n:05}"),
        step_id: step.into(),
        exercise_id: exercise.into(),
        exercise_title: format!("Exercise {exercise}"),
        created_at: format!(
            "2024-0{}-{:02}T08:{:02}:00+01:00",
            1 + n % 9,
            1 + n % 28,
            n % 60
        ),
        updated_at: "2024-10-01T08:00:00Z".into(),
        answers,
        history: if n.is_multiple_of(5) {
            vec![ExportedVersion {
                changed_at: "2024-09-01T08:00:00Z".into(),
                answers: Vec::new(),
            }]
        } else {
            Vec::new()
        },
    }
}

fn export(range: std::ops::Range<usize>) -> Export {
    Export {
        format: EXPORT_FORMAT.into(),
        schema_version: schema_version(),
        settings: [(
            "welcomed_at".to_string(),
            "2024-01-01T00:00:00Z".to_string(),
        )]
        .into(),
        entries: range.map(entry).collect(),
        drafts: Vec::new(),
    }
}

/// Everything a person sees of a journal: every entry whole, activity, and search
/// results for whole words and prefixes.
fn seen(store: &Store) -> String {
    let mut out = String::new();
    for summary in store.list_entries().unwrap() {
        let mut e = store.entry(summary.id).unwrap().unwrap();
        e.id = 0;
        out += &format!("{summary:?}\n{e:?}\n");
    }
    out += &format!("{:?}\n", store.activity().unwrap());
    for words in [
        "trust",
        "t",
        "tr",
        "cafe",
        "café",
        "naive",
        "quoted",
        "slash",
        "brace",
        "entry1",
        "e",
        "7",
        "Sam lonely",
        "zzz",
    ] {
        let page = store
            .find_entries(
                &Filter {
                    words: words.into(),
                    ..Filter::default()
                },
                0,
                usize::MAX,
            )
            .unwrap();
        let uids: Vec<String> = page
            .rows
            .iter()
            .map(|r| store.entry(r.id).unwrap().unwrap().uid)
            .collect();
        out += &format!("{words}: {} {uids:?}\n", page.total);
    }
    out
}

fn file_of(dir: &std::path::Path, name: &str, export: &Export) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(export).unwrap()).unwrap();
    path
}

#[test]
fn a_file_makes_the_journal_its_parsed_export_makes() {
    let tmp = tempfile::tempdir().unwrap();
    let all = export(0..400);
    let file = file_of(tmp.path(), "all.json", &all);
    let mut from_file = Store::open(&tmp.path().join("file")).unwrap();
    let mut parsed = Store::open(&tmp.path().join("parsed")).unwrap();
    let report = from_file.import(&ExportFile::new(&file)).unwrap();
    assert_eq!(report.added, 400);
    assert_eq!(parsed.import(&all).unwrap(), report);
    assert_eq!(seen(&from_file), seen(&parsed));
    // Into journals that already have some of the entries, and some others.
    let mut some = Store::open(&tmp.path().join("some-file")).unwrap();
    let mut some_parsed = Store::open(&tmp.path().join("some-parsed")).unwrap();
    for store in [&mut some, &mut some_parsed] {
        store.import(&export(350..450)).unwrap();
    }
    let report = some.import(&ExportFile::new(&file)).unwrap();
    assert_eq!((report.added, report.already_there), (350, 50));
    assert_eq!(some_parsed.import(&all).unwrap(), report);
    assert_eq!(seen(&some), seen(&some_parsed));
    // The same file again adds nothing.
    let again = some.import(&ExportFile::new(&file)).unwrap();
    assert_eq!((again.added, again.already_there), (0, 400));
    assert_eq!(seen(&some), seen(&some_parsed));
}

#[test]
fn a_file_that_goes_wrong_anywhere_adds_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&tmp.path().join("journal")).unwrap();
    store.import(&export(0..20)).unwrap();
    let before = seen(&store);
    let mut bad = export(10..300);
    bad.entries[150].created_at = "yesterday".into();
    let file = file_of(tmp.path(), "bad.json", &bad);
    match store.import(&ExportFile::new(&file)) {
        Err(TransferError::BadEntry { index: 151, .. }) => {}
        other => panic!("not refused at entry 151: {other:?}"),
    }
    assert_eq!(seen(&store), before);
    // Cut short, or broken in its last entry, or with something after the end.
    let good = std::fs::read(file_of(tmp.path(), "good.json", &export(10..300))).unwrap();
    let last = good.windows(9).rposition(|w| w == b"\"history\"").unwrap();
    for (name, bytes) in [
        ("cut.json", good[..good.len() / 2].to_vec()),
        ("end.json", [&good[..last], b"!", &good[last..]].concat()),
        ("after.json", [&good[..], b" {}"].concat()),
    ] {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        match store.import(&ExportFile::new(&path)) {
            Err(TransferError::NotAnExport(_)) => {}
            other => panic!("{name} was not refused: {other:?}"),
        }
        assert_eq!(seen(&store), before, "{name}");
    }
}
