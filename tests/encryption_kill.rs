//! `attune encrypt`, `decrypt` and `passphrase` killed (SIGKILL) at random moments:
//! the journal is always whole, plain or encrypted, with every entry; the next open
//! removes any half-made copy and puts finished backups in place, so every backup is
//! under the journal's own key (or plain with it).

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use attune::store::{self, BACKUP_DIR, Key, Looks, Passphrase, Store, looks};
use zeroize::Zeroizing;

const PASSPHRASE: &str = "kill me gently";
const ENTRIES: usize = 400;

fn key_for(data: &Path) -> Key {
    let p = Passphrase::new(Zeroizing::new(PASSPHRASE.to_string()));
    Key::for_file(&p, &data.join("attune.db")).unwrap()
}

fn run(data: &Path, command: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_attune"))
        .arg("--data-dir")
        .arg(data)
        .args(command)
        .env("ATTUNE_PASSPHRASE", PASSPHRASE)
        .env_remove("ATTUNE_DATA_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The journal as it is now: plain or encrypted, whole, every entry there.
fn whole(data: &Path, round: usize) -> Looks {
    let found = looks(&data.join("attune.db")).unwrap();
    let key = match found {
        Looks::Plain => None,
        Looks::Encrypted => Some(key_for(data)),
        other => panic!("round {round}: the journal looks {other:?}"),
    };
    let store = Store::open_with(data, key.as_ref(), &|| {})
        .unwrap_or_else(|e| panic!("round {round}: the journal does not open: {e}"));
    assert_eq!(
        store.list_entries().unwrap().len(),
        ENTRIES,
        "round {round}"
    );
    store.close().unwrap();
    store::check_journal(data, key.as_ref()).unwrap();
    for dir in [data.to_path_buf(), data.join(BACKUP_DIR)] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!name.contains("convert"), "round {round}: {name} left");
        }
    }
    // Every backup is as the journal is: under its key, or plain with it.
    for entry in std::fs::read_dir(data.join(BACKUP_DIR)).unwrap() {
        let backup = entry.unwrap().path();
        assert_eq!(looks(&backup).unwrap(), found, "round {round}: {backup:?}");
        store::check_file(&backup, key.as_ref())
            .unwrap_or_else(|e| panic!("round {round}: {backup:?} does not open: {e}"));
    }
    found
}

#[test]
fn a_kill_during_encrypt_or_decrypt_leaves_one_whole_journal() {
    let rounds = support::cases(6, 40) as usize;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    support::journal_of(&data, ENTRIES);
    for day in [1, 2] {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
        store::backup_if_due(&data, day, None).unwrap();
    }
    // A passphrase "changed" to itself is still a new key: a new salt.
    let same = dir.path().join("same.txt");
    std::fs::write(&same, PASSPHRASE).unwrap();
    let same = same.to_str().unwrap();
    // How long one conversion takes uninterrupted, to kill within it.
    let start = Instant::now();
    assert!(run(&data, &["encrypt"]).wait().unwrap().success());
    let took = start.elapsed();
    assert_eq!(whole(&data, 0), Looks::Encrypted);
    let mut state = Looks::Encrypted;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut changed = 0;
    for round in 1..=rounds {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let command: &[&str] = match (state, seed % 2) {
            (Looks::Encrypted, 0) => &["decrypt"],
            (Looks::Encrypted, _) => &["passphrase", "--new-passphrase-file", same],
            _ => &["encrypt"],
        };
        let mut child = run(&data, command);
        let wait = took.mul_f64((seed % 1000) as f64 / 1000.0 * 1.2);
        std::thread::sleep(wait.min(Duration::from_secs(10)));
        let _ = child.kill();
        child.wait().unwrap();
        let now = whole(&data, round);
        if now != state {
            changed += 1;
        }
        state = now;
    }
    eprintln!("{rounds} kills, {changed} after the journal was converted (one took {took:?})");
}
