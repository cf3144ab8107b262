//! `attune encrypt`, `decrypt` and `passphrase`, and every other command on an
//! encrypted journal, run as the real binary with the passphrase from the
//! environment or a file (there is no terminal here to ask on).

mod support;

use std::path::Path;
use std::process::{Command, Output};

/// The binary in a session of its own: no controlling terminal, so a test run from a
/// terminal is never stopped by a passphrase prompt on /dev/tty.
fn attune(data: &Path) -> Command {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attune"));
    // SAFETY: setsid is async-signal-safe and touches only the child.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    cmd.env_remove("ATTUNE_DATA_DIR")
        .env_remove("ATTUNE_PASSPHRASE")
        .arg("--data-dir")
        .arg(data);
    cmd
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn db(data: &Path) -> Vec<u8> {
    std::fs::read(data.join("attune.db")).unwrap()
}

#[test]
fn encrypt_export_change_decrypt_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    support::journal_of(&data, 4);
    let out = attune(&data)
        .arg("encrypt")
        .env("ATTUNE_PASSPHRASE", "first one")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Encrypted 4 entries"), "{}", text(&out));
    assert!(!db(&data).starts_with(b"SQLite format 3"));

    // Encrypting twice is refused, and changes nothing.
    let before = db(&data);
    let again = attune(&data)
        .arg("encrypt")
        .env("ATTUNE_PASSPHRASE", "first one")
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(
        text(&again).contains("already encrypted"),
        "{}",
        text(&again)
    );
    assert_eq!(db(&data), before);

    // Export with the passphrase from a file; without one there is nothing to ask on.
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, "first one\nignored second line\n").unwrap();
    let out = attune(&data)
        .arg("--passphrase-file")
        .arg(&pass_file)
        .args(["export", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("entry 3"));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not encrypted like the journal"),
        "{}",
        text(&out)
    );
    let out = attune(&data)
        .arg("export")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out).contains("ATTUNE_PASSPHRASE"), "{}", text(&out));
    assert_eq!(db(&data), before, "a refused export changes nothing");

    // A wrong passphrase: refused, nothing changed.
    let out = attune(&data)
        .args(["export"])
        .env("ATTUNE_PASSPHRASE", "first on")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out).contains("does not open"), "{}", text(&out));
    assert!(!text(&out).contains("first on"), "never echoed");
    assert!(
        !text(&out).contains("hmac"),
        "SQLCipher's own log stays quiet"
    );
    assert_eq!(db(&data), before);

    // A new passphrase, from a file.
    let new_file = dir.path().join("new.txt");
    std::fs::write(&new_file, "second one\n").unwrap();
    let out = attune(&data)
        .arg("passphrase")
        .arg("--new-passphrase-file")
        .arg(&new_file)
        .env("ATTUNE_PASSPHRASE", "first one")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let old = attune(&data)
        .arg("export")
        .env("ATTUNE_PASSPHRASE", "first one")
        .output()
        .unwrap();
    assert!(!old.status.success());

    // An import into the encrypted journal stays encrypted.
    let json = dir.path().join("j.json");
    let out = attune(&data)
        .args(["export", "--format", "json", "-o"])
        .arg(&json)
        .env("ATTUNE_PASSPHRASE", "second one")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let out = attune(&data)
        .arg("import")
        .arg(&json)
        .env("ATTUNE_PASSPHRASE", "second one")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(!db(&data).starts_with(b"SQLite format 3"));

    let out = attune(&data)
        .arg("decrypt")
        .env("ATTUNE_PASSPHRASE", "second one")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(db(&data).starts_with(b"SQLite format 3"));
    let out = attune(&data)
        .args(["export", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("entry 3"));
}

#[test]
fn a_plain_journal_refuses_a_passphrase_and_an_empty_one_is_no_lock() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    support::journal_of(&data, 1);
    let before = db(&data);
    let out = attune(&data)
        .arg("export")
        .env("ATTUNE_PASSPHRASE", "stray")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out).contains("not encrypted"), "{}", text(&out));
    for command in ["decrypt", "passphrase"] {
        let out = attune(&data).arg(command).output().unwrap();
        assert!(!out.status.success());
        assert!(text(&out).contains("not encrypted"), "{}", text(&out));
    }
    let out = attune(&data)
        .arg("encrypt")
        .env("ATTUNE_PASSPHRASE", "")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out).contains("empty"), "{}", text(&out));
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "\n").unwrap();
    let out = attune(&data)
        .arg("--passphrase-file")
        .arg(&empty)
        .arg("encrypt")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out).contains("empty"), "{}", text(&out));
    // With no terminal to ask twice on, encrypt says where else it can come from.
    let out = attune(&data)
        .arg("encrypt")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(text(&out).contains("--passphrase-file"), "{}", text(&out));
    assert_eq!(db(&data), before);
}
