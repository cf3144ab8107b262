//! Encryption at rest, on real journals in temporary folders: nothing of what was
//! written is left readable in the journal, its WAL or its backups; a wrong
//! passphrase changes nothing; every conversion round-trips with nothing lost.

mod support;

use std::path::Path;

use attune::store::{
    self, BACKUP_DIR, Filter, Key, Looks, OpenError, Passphrase, Store, backup_if_due, check_file,
    check_journal, looks,
};
use chrono::NaiveDate;
use zeroize::Zeroizing;

const PROBE: &str = "ZEPHYR-QUINCE-PROBE the words only I should read";

fn pass(text: &str) -> Passphrase {
    Passphrase::new(Zeroizing::new(text.to_string()))
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// A closed journal of `n` entries plus one holding the probe, and two plain backups.
fn journal_with_probe(dir: &Path, n: usize) {
    support::journal_of(dir, n);
    let mut store = Store::open(dir).unwrap();
    store
        .commit_entry_at(
            &support::text_entry("pattern-log", PROBE),
            None,
            chrono::Local::now().fixed_offset(),
        )
        .unwrap();
    store.close().unwrap();
    backup_if_due(dir, day(1), None).unwrap();
    backup_if_due(dir, day(2), None).unwrap();
}

/// Every file attune keeps in `dir` (journal, WAL, backups), with its bytes.
fn every_file(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all = support::files_in(dir);
    if dir.join(BACKUP_DIR).is_dir() {
        all.extend(support::files_in(&dir.join(BACKUP_DIR)));
    }
    all.retain(|(name, _)| !name.ends_with(".lock"));
    all
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn finds_probe(store: &Store) -> bool {
    let filter = Filter {
        words: "quince".into(),
        ..Filter::default()
    };
    store.find_entries(&filter, 0, 10).unwrap().total == 1
}

fn entries(store: &Store) -> usize {
    store.list_entries().unwrap().len()
}

#[test]
fn an_encrypted_journal_and_its_backups_hold_no_word_in_the_clear() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 20);
    // The probe is there to be found before: the test can fail.
    assert!(
        every_file(dir.path())
            .iter()
            .any(|(_, bytes)| contains(bytes, b"ZEPHYR-QUINCE"))
    );
    let key = Key::fresh(&pass("correct horse battery")).unwrap();
    let done = store::encrypt(dir.path(), &key, &|| {}).unwrap();
    assert_eq!(
        (done.entries, done.backups, done.backups_skipped),
        (21, 2, 0)
    );

    // Used once more, so the WAL holds pages too.
    let store = Store::open_with(dir.path(), Some(&key), &|| {}).unwrap();
    assert!(finds_probe(&store));
    assert_eq!(entries(&store), 21);
    store.mark_step_done("recognize", true).unwrap();
    let files = every_file(dir.path());
    assert!(files.iter().any(|(name, _)| name.ends_with("-wal")));
    for (name, bytes) in &files {
        assert!(!contains(bytes, b"ZEPHYR-QUINCE"), "{name} holds the probe");
        assert!(!contains(bytes, b"QUINCE"), "{name} holds a word of it");
        assert!(
            !bytes.starts_with(b"SQLite format 3"),
            "{name} is plain SQLite"
        );
    }
    store.close().unwrap();
    for (name, bytes) in every_file(dir.path()) {
        assert!(
            !contains(&bytes, b"ZEPHYR-QUINCE"),
            "{name} holds the probe"
        );
    }
    // Backups open with the same key, and are whole.
    let backups = dir.path().join(BACKUP_DIR);
    for name in ["attune-2026-11-01.db", "attune-2026-11-02.db"] {
        assert_eq!(looks(&backups.join(name)).unwrap(), Looks::Encrypted);
        check_file(&backups.join(name), Some(&key)).unwrap();
    }
    // The daily backup of an encrypted journal is encrypted with the same key.
    backup_if_due(dir.path(), day(3), Some(&key)).unwrap();
    let third = backups.join("attune-2026-11-03.db");
    assert_eq!(looks(&third).unwrap(), Looks::Encrypted);
    check_file(&third, Some(&key)).unwrap();
    assert!(!contains(&std::fs::read(&third).unwrap(), b"ZEPHYR-QUINCE"));
    assert!(check_file(&third, None).is_err());
}

#[test]
fn any_sqlcipher_opens_it_with_the_passphrase_alone() {
    // attune derives the key itself (once) and gives connections the raw key; the
    // file must still be a standard SQLCipher 4 file that the passphrase opens.
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 3);
    let key = Key::fresh(&pass("s3cret words")).unwrap();
    store::encrypt(dir.path(), &key, &|| {}).unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("attune.db")).unwrap();
    conn.pragma_update(None, "key", "s3cret words").unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 4);
    let wrong = rusqlite::Connection::open(dir.path().join("attune.db")).unwrap();
    wrong.pragma_update(None, "key", "s3cret word").unwrap();
    assert!(
        wrong
            .query_row("SELECT count(*) FROM entries", [], |r| r.get::<_, i64>(0))
            .is_err()
    );
}

#[test]
fn encrypt_use_change_passphrase_decrypt_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 5);
    let first = Key::fresh(&pass("first passphrase")).unwrap();
    store::encrypt(dir.path(), &first, &|| {}).unwrap();

    let mut store = Store::open_with(dir.path(), Some(&first), &|| {}).unwrap();
    store
        .commit_entry_at(
            &support::text_entry("pattern-log", "written while encrypted"),
            None,
            chrono::Local::now().fixed_offset(),
        )
        .unwrap();
    store.close().unwrap();

    let second = Key::fresh(&pass("second passphrase")).unwrap();
    let done = store::change_passphrase(dir.path(), &first, &second, &|| {}).unwrap();
    assert_eq!((done.entries, done.backups), (7, 2));
    // The old passphrase opens nothing any more, the backups included.
    let old = Key::for_file(&pass("first passphrase"), &dir.path().join("attune.db")).unwrap();
    assert!(matches!(
        Store::open_with(dir.path(), Some(&old), &|| {}),
        Err(OpenError::WrongPassphrase { .. })
    ));
    let again = Key::for_file(&pass("second passphrase"), &dir.path().join("attune.db")).unwrap();
    let backups = dir.path().join(BACKUP_DIR);
    check_file(&backups.join("attune-2026-11-01.db"), Some(&again)).unwrap();
    assert!(check_file(&backups.join("attune-2026-11-01.db"), Some(&old)).is_err());

    let done = store::decrypt(dir.path(), &again, &|| {}).unwrap();
    assert_eq!((done.entries, done.backups), (7, 2));
    assert_eq!(looks(&dir.path().join("attune.db")).unwrap(), Looks::Plain);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(entries(&store), 7);
    assert!(finds_probe(&store));
    store.close().unwrap();
    check_journal(dir.path(), None).unwrap();
    check_file(&backups.join("attune-2026-11-02.db"), None).unwrap();
    // No copy is left beside the journal or its backups.
    for (name, _) in every_file(dir.path()) {
        assert!(!name.contains("converting"), "{name} was left");
    }
}

#[test]
fn a_wrong_passphrase_or_none_changes_nothing_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 3);
    let key = Key::fresh(&pass("right")).unwrap();
    store::encrypt(dir.path(), &key, &|| {}).unwrap();
    let before = every_file(dir.path());
    let file = dir.path().join("attune.db");

    let wrong = Key::for_file(&pass("wrong"), &file).unwrap();
    let refused = Store::open_with(dir.path(), Some(&wrong), &|| {})
        .err()
        .unwrap();
    assert!(matches!(refused, OpenError::WrongPassphrase { .. }));
    assert!(refused.to_string().contains("does not open"), "{refused}");
    assert!(Store::open_read_only_with(dir.path(), Some(&wrong), &|| {}).is_err());
    let without = Store::open(dir.path()).err().unwrap();
    assert!(matches!(without, OpenError::Encrypted { .. }), "{without}");
    assert!(without.to_string().contains("ATTUNE_PASSPHRASE"));
    assert!(matches!(
        Store::open_read_only(dir.path()),
        Err(OpenError::Encrypted { .. })
    ));
    assert_eq!(every_file(dir.path()), before);
}

#[test]
fn a_plain_journal_given_a_passphrase_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 2);
    let before = every_file(dir.path());
    let key = Key::fresh(&pass("not needed")).unwrap();
    let refused = Store::open_with(dir.path(), Some(&key), &|| {})
        .err()
        .unwrap();
    assert!(
        matches!(refused, OpenError::NotEncrypted { .. }),
        "{refused}"
    );
    assert_eq!(every_file(dir.path()), before);
    // And encrypting what is already encrypted is refused by the command (see cli).
}

#[test]
fn a_damaged_encrypted_journal_is_found_and_refused() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 60);
    let key = Key::fresh(&pass("pass")).unwrap();
    store::encrypt(dir.path(), &key, &|| {}).unwrap();
    assert!(check_journal(dir.path(), Some(&key)).is_ok());
    support::damage(dir.path());
    let before = every_file(dir.path());
    assert!(check_journal(dir.path(), Some(&key)).is_err());
    // Nor can it be converted: that would copy the damage into a "good" file.
    let decrypted = store::decrypt(dir.path(), &key, &|| {});
    assert!(decrypted.is_err());
    assert_eq!(
        looks(&dir.path().join("attune.db")).unwrap(),
        Looks::Encrypted
    );
    let after: Vec<_> = every_file(dir.path())
        .into_iter()
        .filter(|(n, _)| n == "attune.db")
        .collect();
    let was: Vec<_> = before
        .into_iter()
        .filter(|(n, _)| n == "attune.db")
        .collect();
    assert_eq!(after, was, "the damaged journal was not written to");
}

#[test]
fn a_half_made_copy_is_removed_on_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 2);
    // What a kill mid-way through `attune decrypt` could leave: a plain copy.
    std::fs::write(dir.path().join(".attune.db.converting"), PROBE).unwrap();
    std::fs::write(
        dir.path()
            .join(BACKUP_DIR)
            .join(".attune-2026-11-01.db.converting"),
        PROBE,
    )
    .unwrap();
    Store::open(dir.path()).unwrap().close().unwrap();
    for (name, bytes) in every_file(dir.path()) {
        assert!(!name.contains("converting"), "{name} was left");
        if name.starts_with("attune-") {
            assert!(
                contains(&bytes, b"ZEPHYR"),
                "a plain backup keeps its words"
            );
        }
    }
}

#[test]
fn plain_backups_beside_an_encrypted_journal_are_made_again_encrypted() {
    // A kill after the journal was converted but before its backups were.
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 2);
    let backups = dir.path().join(BACKUP_DIR);
    let keep = backups.join("attune-2026-11-01.db");
    let saved = std::fs::read(&keep).unwrap();
    let key = Key::fresh(&pass("pass")).unwrap();
    store::encrypt(dir.path(), &key, &|| {}).unwrap();
    std::fs::write(&keep, &saved).unwrap();
    assert_eq!(looks(&keep).unwrap(), Looks::Plain);
    // The start-up backup (on its own thread in attune) brings them in line.
    backup_if_due(dir.path(), day(2), Some(&key)).unwrap();
    assert_eq!(looks(&keep).unwrap(), Looks::Encrypted);
    check_file(&keep, Some(&key)).unwrap();
}

#[test]
fn converted_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 2);
    let key = Key::fresh(&pass("pass")).unwrap();
    store::encrypt(dir.path(), &key, &|| {}).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.path().join("attune.db")), 0o600);
    for entry in std::fs::read_dir(dir.path().join(BACKUP_DIR)).unwrap() {
        assert_eq!(mode(&entry.unwrap().path()), 0o600);
    }
}

#[test]
fn holding_a_key_keeps_the_process_out_of_core_dumps() {
    let _key = Key::fresh(&pass("anything")).unwrap();
    // SAFETY: PR_GET_DUMPABLE only reads this process's flag.
    let dumpable = unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) };
    assert_eq!(dumpable, 0);
}

#[test]
fn debug_output_never_shows_a_passphrase_or_key() {
    let p = pass("hunter2-secret");
    let key = Key::fresh(&p).unwrap();
    let shown = format!("{p:?} {key:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert_eq!(shown, "Passphrase(hidden) Key(hidden)");
}
