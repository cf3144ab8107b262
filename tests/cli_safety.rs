//! export and import as the real binary, as a hostile user would try them: a target
//! replaced whole or not at all, a closed pipe, control characters in journals,
//! import files and content packs, a repeated uid, export while attune is open, and
//! a JSON export complete enough to bring every draft back.

mod support;

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use attune::journal::{Answer, AnswerValue, NewEntry};
use attune::store::Store;

fn attune(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attune"));
    cmd.env_remove("ATTUNE_DATA_DIR")
        .arg("--data-dir")
        .arg(data);
    cmd
}

fn golden() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/export.json"))
        .unwrap()
}

/// Characters that would drive a terminal: reset, charset switch, bell, an 8-bit
/// CSI, a bidi override.
const HOSTILE: &str = "\x1bc\x1b(0\x07 \u{9b}2J \u{202e}reversed";

fn raw_controls(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .filter(|c| attune::sanitize::is_unsafe(*c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect()
}

#[test]
fn export_replaces_its_target_whole_and_makes_it_private() {
    let data = tempfile::tempdir().unwrap();
    support::journal_of(data.path(), 3);
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("journal.md");
    std::fs::write(&target, "an older export").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = attune(data.path())
        .args(["export", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("# attune journal")
    );
    assert_eq!(
        std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let left: Vec<_> = std::fs::read_dir(out_dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file left beside it");
    for side in ["attune.db-wal", "attune.db-shm"] {
        assert!(
            !data.path().join(side).exists(),
            "reading left {side} behind"
        );
    }
}

#[test]
fn export_into_a_pipe_or_a_link_to_one_writes_into_it_and_leaves_it_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let data = tempfile::tempdir().unwrap();
    support::journal_of(data.path(), 3);
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let link = dir.path().join("to-the-pipe");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    for target in [&fifo, &link] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let out = attune(data.path())
            .args(["export", "-o"])
            .arg(target)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(reader.join().unwrap().starts_with("# attune journal"));
        assert!(
            std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
            "still a pipe"
        );
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

#[test]
fn an_export_that_fails_leaves_the_old_file_whole() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: a really full disk (a small tmpfs) needs root");
        return;
    }
    let data = tempfile::tempdir().unwrap();
    support::journal_of(data.path(), 300);
    let disk = tempfile::tempdir().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=128k", "tmpfs"])
        .arg(disk.path())
        .status()
        .unwrap();
    assert!(mounted.success());
    let target = disk.path().join("journal.md");
    let old = "the previous export, whole\n".repeat(100);
    std::fs::write(&target, &old).unwrap();
    let out = attune(data.path())
        .args(["export", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    let kept = std::fs::read_to_string(&target).unwrap();
    let left = std::fs::read_dir(disk.path()).unwrap().count();
    let _ = Command::new("umount").arg(disk.path()).status();
    assert!(
        !out.status.success(),
        "a 300-entry export does not fit in 128 KiB"
    );
    assert!(said.contains("journal.md"), "names the file: {said}");
    assert_eq!(kept, old, "the old export is whole");
    assert_eq!(left, 1, "no partial file left");
}

#[test]
fn export_into_a_closed_pipe_ends_quietly() {
    let data = tempfile::tempdir().unwrap();
    support::journal_of(data.path(), 300);
    let mut child = attune(data.path())
        .arg("export")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // `| head -c 64`: the reader is gone.
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "not a word about pipes"
    );
}

#[test]
fn nothing_from_a_journal_import_file_or_content_pack_reaches_the_terminal_raw() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(data.path()).unwrap();
        let entry = NewEntry {
            step_id: "recognize".into(),
            exercise_id: "pattern-log\x1b[2J".into(),
            exercise_title: format!("Pattern log {HOSTILE}"),
            answers: vec![Answer {
                prompt_id: "situation".into(),
                label: format!("What happened? {HOSTILE}"),
                value: AnswerValue::Text(format!("It said {HOSTILE}\nand more")),
                pair: None,
            }],
        };
        store
            .commit_entry_at(&entry, None, chrono::Local::now().fixed_offset())
            .unwrap();
        store.close().unwrap();
    }
    for format in ["markdown", "json"] {
        let out = attune(data.path())
            .args(["export", "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(raw_controls(&out.stdout), Vec::<String>::new(), "{format}");
    }
    // The JSON keeps every character, escaped: it imports back exactly.
    let json = attune(data.path())
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    let export = attune::store::Export::parse(&json.stdout).unwrap();
    assert_eq!(
        export.entries[0].answers[0].value,
        AnswerValue::Text(format!("It said {HOSTILE}\nand more"))
    );

    // An import file whose own fields carry escapes, echoed in the refusal.
    let bad = golden().replace("attune-export", "\\u001b]0;pwned\\u0007\\u001bc");
    let file = data.path().join("../hostile-import.json");
    std::fs::write(&file, bad).unwrap();
    let out = attune(data.path())
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("pwned"),
        "the value is shown..."
    );
    assert_eq!(
        raw_controls(&out.stderr),
        Vec::<String>::new(),
        "...harmlessly"
    );

    // A content pack with escapes in what check-content prints.
    let pack = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/good/step.toml"),
    )
    .unwrap_or_default();
    assert!(!good.is_empty(), "the good fixture pack has step.toml");
    let hostile = good.replacen("id = \"", "id = \"\\u001b]0;x\\u0007", 2);
    std::fs::write(pack.path().join("step.toml"), hostile).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_attune"))
        .arg("check-content")
        .arg(pack.path())
        .output()
        .unwrap();
    assert_eq!(raw_controls(&out.stdout), Vec::<String>::new());
    assert_eq!(raw_controls(&out.stderr), Vec::<String>::new());
}

#[test]
fn a_repeated_uid_with_other_content_is_named_and_counts_read_right() {
    let data = tempfile::tempdir().unwrap();
    let mut export = attune::store::Export::parse(golden().as_bytes()).unwrap();
    let mut twin = export.entries[0].clone();
    twin.answers[0].value = AnswerValue::Text("different words under the same uid".into());
    export.entries.push(twin);
    let file = data.path().join("../twin.json");
    std::fs::write(&file, attune::export::json(&export).unwrap()).unwrap();
    let out = attune(data.path())
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(said.contains("Imported 3 entries"), "{said}");
    assert!(
        said.contains("entry 4") && said.contains("same uid as entry 1"),
        "{said}"
    );

    // One entry is "1 entry".
    let fresh = tempfile::tempdir().unwrap();
    export.entries.truncate(1);
    std::fs::write(&file, attune::export::json(&export).unwrap()).unwrap();
    let out = attune(fresh.path())
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Imported 1 entry into"));
}

#[test]
fn export_works_while_attune_is_open() {
    use support::pty::*;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    support::journal_of(&data, 5);
    let mut tui = Tui::start(&data);
    tui.wait_for("Six steps");
    let out = attune(&data).arg("export").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("5 entries"));
    // Import still needs attune closed.
    let file = dir.path().join("golden.json");
    std::fs::write(&file, golden()).unwrap();
    let out = attune(&data).arg("import").arg(&file).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("already open"));
    tui.send("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_json_export_brings_back_every_draft() {
    use crossterm::event::KeyCode::*;
    let mut h = support::Harness::new();
    h.keys(&[Enter, Down, Down, Down, Enter, Enter]);
    h.type_text("a draft that must survive a restore");
    h.send(attune::app::Msg::Tick);
    let data = h.dir.path().to_path_buf();
    let out = attune(&data)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\"drafts\"") && text.contains("must survive"),
        "{text}"
    );
    let fresh = tempfile::tempdir().unwrap();
    let file = fresh.path().join("backup.json");
    std::fs::write(&file, &out.stdout).unwrap();
    let restored = fresh.path().join("data");
    let out = attune(&restored).arg("import").arg(&file).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 draft"));
    assert_eq!(
        support::pty::saved_answer(&restored, "thought-record", "situation").as_deref(),
        Some("a draft that must survive a restore")
    );
}

#[test]
fn export_step_takes_a_number_or_an_id_and_lists_them_otherwise() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("../golden-steps.json");
    std::fs::write(&file, golden()).unwrap();
    assert!(
        attune(data.path())
            .arg("import")
            .arg(&file)
            .status()
            .unwrap()
            .success()
    );
    let by = |step: &str| {
        attune(data.path())
            .args(["export", "--step", step])
            .output()
            .unwrap()
    };
    let (four, named) = (by("4"), by("challenge-beliefs"));
    assert!(four.status.success());
    assert_eq!(four.stdout, named.stdout);
    assert!(String::from_utf8_lossy(&four.stdout).contains("Thought record"));
    let wrong = by("9");
    assert_eq!(wrong.status.code(), Some(2));
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        said.contains("no step \"9\"") && said.contains("4 challenge-beliefs"),
        "{said}"
    );
}

#[test]
fn an_export_read_as_a_stream_says_what_reading_it_whole_says() {
    // `attune import` reads files as a stream; `Export::parse` reads bytes whole.
    // For a good file and for each kind of bad one, both give the same answer.
    let good = golden();
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("good", good.clone()),
        (
            "format",
            good.replace("\"attune-export\"", "\"something-else\""),
        ),
        (
            "newer",
            good.replace(
                &format!("\"schema_version\": {}", attune::store::schema_version()),
                "\"schema_version\": 99",
            ),
        ),
        (
            "bad date",
            good.replacen("\"2026-11-20T09:30:00+01:00\"", "\"yesterday\"", 1),
        ),
        ("cut short", good[..good.len() / 2].to_string()),
        ("unknown field", good.replacen("{", "{\"extra\": 1,", 1)),
        ("not json", "random bytes".to_string()),
        ("trailing", format!("{good} {{}}")),
    ];
    for (name, text) in cases {
        let file = dir.path().join(format!("{name}.json"));
        std::fs::write(&file, &text).unwrap();
        let whole = attune::store::Export::parse(text.as_bytes());
        let streamed = attune::store::read_export_file(&file);
        match (whole, streamed) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{name}"),
            (Err(a), Err(b)) => assert_eq!(
                std::mem::discriminant(&a),
                std::mem::discriminant(&b),
                "{name}: {a} / {b}"
            ),
            (a, b) => panic!("{name}: whole {a:?}, streamed {b:?}"),
        }
    }
    let missing = attune::store::read_export_file(&dir.path().join("nowhere.json"));
    assert!(
        missing.unwrap_err().to_string().contains("cannot be read"),
        "a missing file is said as such"
    );
}
