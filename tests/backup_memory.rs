//! The day's backup runs beside the open app, so its memory is the app's: it reads
//! and writes every page of the journal through a small cache, whatever the
//! journal's size and whether it is encrypted. Alone in its own test binary, with a
//! single test: SQLite counts its memory for the whole process, and no other test
//! may use SQLite meanwhile.

mod support;

use attune::store::{Backup, Export, Key, Passphrase, Store, backup_if_due};
use chrono::NaiveDate;
use std::path::Path;

/// The most memory SQLite held while today's backup of `dir` was made.
fn backup_memory(dir: &Path, key: Option<&Key>) -> i64 {
    let _ = std::fs::remove_dir_all(dir.join(attune::store::BACKUP_DIR));
    // SAFETY: plain calls into SQLite's memory statistics.
    unsafe { rusqlite::ffi::sqlite3_memory_highwater(1) };
    let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let made = backup_if_due(dir, day, key).unwrap();
    // SAFETY: as above.
    let most = unsafe { rusqlite::ffi::sqlite3_memory_highwater(0) };
    assert!(matches!(made, Backup::Made(_)), "{made:?}");
    most
}

#[test]
fn a_backup_of_a_large_journal_uses_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let entries = (0..3000)
        .map(|i| {
            let text = format!("word{i} and some more words ").repeat(80);
            support::exported_text(&format!("entry-{i}"), text)
        })
        .collect();
    store.import(&Export::of_entries(entries)).unwrap();
    store.close().unwrap();
    let size = std::fs::metadata(dir.path().join("attune.db"))
        .unwrap()
        .len();
    assert!(
        size > 6 << 20,
        "the journal is larger than SQLite's default cache: {size}"
    );

    // SQLite's default cache alone is 2 MB for each of the journal and the copy.
    let plain = backup_memory(dir.path(), None);
    assert!(plain < 1 << 20, "a plain backup used {plain} bytes at most");

    // Encrypted pages are 16 KB: a cache counted in pages would hold four times more.
    let passphrase = Passphrase::new(zeroize::Zeroizing::new("a test passphrase".into()));
    let key = Key::fresh(&passphrase).unwrap();
    attune::store::encrypt(dir.path(), &key, &|| {}).unwrap();
    let encrypted = backup_memory(dir.path(), Some(&key));
    assert!(
        encrypted < 3 << 19,
        "an encrypted backup used {encrypted} bytes at most"
    );
}
