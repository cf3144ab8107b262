//! The command line, run as the real binary: check-content over broken fixture packs
//! (one per kind of error), a broken --content-dir refused at start, and `path`.

mod support;

use std::path::Path;
use std::process::Command;

fn attune() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attune"));
    cmd.env_remove("ATTUNE_DATA_DIR");
    cmd
}

#[test]
fn check_content_reports_each_kind_of_error_with_file_line_and_column() {
    let packs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs");
    let mut checked = 0;
    for dir in std::fs::read_dir(&packs)
        .unwrap()
        .map(|e| e.unwrap().path())
    {
        let Ok(expected) = std::fs::read_to_string(dir.join("expected.txt")) else {
            continue;
        };
        let out = attune().arg("check-content").arg(&dir).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {stderr}", dir.display());
        // expected.txt holds "step.toml:LINE:COL: message"; the CLI prefixes the folder.
        let want = dir.join(expected.trim()).display().to_string();
        assert!(
            stderr.contains(&want),
            "{}:\n wanted {want}\n got    {stderr}",
            dir.display()
        );
        checked += 1;
    }
    assert!(checked >= 12, "every fixture was checked ({checked})");
}

#[test]
fn check_content_passes_the_built_in_pack_and_a_good_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [root.join("content"), root.join("tests/fixtures/packs/good")] {
        let out = attune().arg("check-content").arg(&dir).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("no problems"));
    }
}

#[test]
fn a_broken_content_dir_is_refused_at_start_with_the_same_messages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/unknown-kind");
    let data = tempfile::tempdir().unwrap();
    let out = attune()
        .arg("--data-dir")
        .arg(data.path())
        .arg("--content-dir")
        .arg(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("cannot be used"), "{stderr}");
    assert!(
        stderr.contains("step.toml:16:8: unknown prompt kind"),
        "{stderr}"
    );
    assert!(
        std::fs::read_dir(data.path()).unwrap().next().is_none(),
        "nothing was written to the data dir"
    );
}

#[test]
fn path_prints_the_data_directory_from_the_flag_or_the_environment() {
    let out = attune()
        .args(["--data-dir", "/tmp/somewhere", "path"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "/tmp/somewhere"
    );
    let out = attune()
        .env("ATTUNE_DATA_DIR", "/tmp/from-env")
        .arg("path")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "/tmp/from-env");
    let out = attune()
        .env("XDG_DATA_HOME", "/tmp/xdg")
        .arg("path")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "/tmp/xdg/attune"
    );
}

#[test]
fn without_a_terminal_attune_says_so_instead_of_drawing() {
    let data = tempfile::tempdir().unwrap();
    let out = attune()
        .arg("--data-dir")
        .arg(data.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
}

fn golden() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/export.json")
}

/// `attune --data-dir DATA import FILE`.
fn import(data: &Path, file: &Path) -> std::process::Output {
    attune()
        .arg("--data-dir")
        .arg(data)
        .arg("import")
        .arg(file)
        .output()
        .unwrap()
}

/// A data dir holding the golden journal, closed cleanly (no side files).
fn golden_journal() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let out = import(data.path(), &golden());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Imported 3 entries"));
    data
}

fn journal_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    support::files_in(dir)
        .into_iter()
        .filter(|(name, _)| name != "attune.lock")
        .collect()
}

#[test]
fn bad_imports_are_refused_and_leave_the_journal_byte_for_byte_unchanged() {
    let data = golden_journal();
    let before = journal_bytes(data.path());
    let good = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/export.json"),
    )
    .unwrap();
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    // New entries (uids the journal lacks) that are added before the fault is read:
    // the import is one transaction, so they go too.
    let mut fresh: serde_json::Value = serde_json::from_str(&good).unwrap();
    for (i, entry) in fresh["entries"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        entry["uid"] = format!("fresh-{i}").into();
    }
    let fresh_entries = fresh["entries"].clone();
    let last = fresh_entries.as_array().unwrap().len() - 1;
    fresh["entries"][last]["updated_at"] = "soon".into();
    let header_last = format!(
        r#"{{"entries": {fresh_entries}, "format": "attune-export", "settings": {{}}, "schema_version": 99}}"#
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "new entries, then a bad date in the last one",
            fresh.to_string().into_bytes(),
            "not a date",
        ),
        (
            "new entries, then a newer schema",
            header_last.into_bytes(),
            "newer attune",
        ),
        (
            "new entries, then the file ends",
            fresh_entries_cut(&good),
            "not an attune export",
        ),
        (
            "wrong format",
            good.replace("attune-export", "something-else").into_bytes(),
            "not an attune export",
        ),
        (
            "newer schema",
            good.replace(
                &format!("\"schema_version\": {}", attune::store::schema_version()),
                "\"schema_version\": 99",
            )
            .into_bytes(),
            "newer attune",
        ),
        (
            "truncated",
            good.as_bytes()[..good.len() / 2].to_vec(),
            "not an attune export",
        ),
        ("random bytes", random, "not an attune export"),
        (
            "a bad date",
            good.replace("2026-11-20T09:30:00+01:00", "last tuesday")
                .into_bytes(),
            "not a date",
        ),
    ];
    for (what, bytes, says) in cases {
        let file = data.path().join("../import-case.json");
        std::fs::write(&file, bytes).unwrap();
        let out = import(data.path(), &file);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{what}");
        assert!(
            stderr.contains(says) && stderr.contains("Nothing was imported"),
            "{what}: {stderr}"
        );
        assert_eq!(
            journal_bytes(data.path()),
            before,
            "{what}: the journal is untouched"
        );
    }
}

/// The golden export with new uids, cut off after its second entry.
fn fresh_entries_cut(good: &str) -> Vec<u8> {
    let fresh = good.replace("\"uid\": \"", "\"uid\": \"fresh-");
    let second = fresh.match_indices("\"uid\"").nth(2).unwrap().0;
    fresh.as_bytes()[..second].to_vec()
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let data = golden_journal();
    let out = import(data.path(), &golden());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Imported 0 entries"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn export_filters_and_writes_a_private_file() {
    use std::os::unix::fs::PermissionsExt;
    let data = golden_journal();
    let out = attune()
        .arg("--data-dir")
        .arg(data.path())
        .args(["export", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        include_str!("golden/export.md"),
        "stdout by default, identical to the golden file"
    );
    let file = data.path().join("out.md");
    let out = attune()
        .arg("--data-dir")
        .arg(data.path())
        .args([
            "export",
            "--step",
            "challenge-beliefs",
            "--since",
            "2026-11-20",
            "--until",
            "2026-11-20",
            "-o",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("## Thought record") && text.contains("1 entry"),
        "{text}"
    );
    assert!(!text.contains("Pattern log"));
    assert!(
        text.contains("\nOnly step 4 (Challenge negative beliefs), on 20 November 2026.\n"),
        "the export names the filters it applied at the top: {text}"
    );
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let out = attune()
        .arg("--data-dir")
        .arg(data.path())
        .args(["export", "--since", "2026-11-21", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uids: Vec<&str> = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap())
        .collect();
    assert_eq!(uids, ["0003cc"], "{json}");
}

#[test]
fn since_and_until_mean_the_day_an_entry_was_written_in_any_time_zone() {
    // Two entries on either side of midnight, written in far-apart zones: the first
    // on 20 November by its own clock (21 November in UTC), the second on 21
    // November by its own clock (20 November in UTC).
    let golden = std::fs::read_to_string(golden()).unwrap();
    let moved = golden
        .replace("2026-11-01T21:15:00+01:00", "2026-11-20T23:30:00-10:00")
        .replace("2026-11-20T09:30:00+01:00", "2026-11-21T00:30:00+13:00");
    assert_ne!(moved, golden);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("moved.json");
    std::fs::write(&file, moved).unwrap();
    let data = dir.path().join("data");
    assert!(import(&data, &file).status.success());
    for tz in [
        "UTC",
        "Pacific/Honolulu",
        "Pacific/Kiritimati",
        "Asia/Kolkata",
    ] {
        let days = |since: &str, until: &str| -> Vec<String> {
            let out = attune()
                .env("TZ", tz)
                .arg("--data-dir")
                .arg(&data)
                .args(["export", "--format", "json", "--since", since])
                .args(["--until", until])
                .output()
                .unwrap();
            assert!(out.status.success(), "{tz}");
            let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            json["entries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["created_at"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(
            days("2026-11-21", "2026-11-21"),
            vec!["2026-11-21T00:30:00+13:00"],
            "{tz}"
        );
        assert_eq!(
            days("2026-11-20", "2026-11-20"),
            vec!["2026-11-20T23:30:00-10:00"],
            "{tz}"
        );
    }
}

#[test]
fn a_refused_import_into_a_new_folder_leaves_no_journal_behind() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.json");
    std::fs::write(
        &bad,
        r#"{"format": "something-else", "schema_version": 1, "settings": {}, "entries": []}"#,
    )
    .unwrap();
    for file in [bad, dir.path().join("missing.json")] {
        let data = dir.path().join("data");
        let out = import(&data, &file);
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("Nothing was imported"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!data.exists(), "no folder made for {}", file.display());
    }
    // An existing empty folder stays, empty.
    let data = dir.path().join("kept");
    std::fs::create_dir(&data).unwrap();
    let out = import(&data, &dir.path().join("notes.json"));
    assert!(!out.status.success());
    assert!(data.exists());
    assert_eq!(std::fs::read_dir(&data).unwrap().count(), 0);
}
