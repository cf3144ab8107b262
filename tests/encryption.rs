//! Encryption at rest, on real journals in temporary folders: nothing of what was
//! written is left readable in the journal, its WAL or its backups; a wrong
//! passphrase changes nothing; every conversion round-trips with nothing lost.

mod support;

use std::path::Path;

use attune::store::{
    self, BACKUP_DIR, Filter, Key, Looks, OpenError, PageMac, Pages, Passphrase, Store,
    backup_if_due, check_file, check_journal, looks,
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

/// [`journal_with_probe`] of `n` entries, encrypted with `passphrase` (its two
/// backups too).
fn encrypted(n: usize, passphrase: &str) -> (tempfile::TempDir, Key) {
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), n);
    let key = Key::fresh(&pass(passphrase)).unwrap();
    store::encrypt(dir.path(), &key, &|| {}).unwrap();
    (dir, key)
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
    assert_eq!((done.entries, done.backups), (21, 2));

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
fn any_sqlcipher_opens_it_with_the_passphrase_and_its_page_layout() {
    // attune derives the key itself (once) and gives connections the raw key; the
    // file must still be a standard SQLCipher 4 file that the passphrase opens, told
    // only its page size and that its pages carry HMAC-SHA256 (the README says how).
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 3);
    let key = Key::fresh(&pass("s3cret words")).unwrap();
    assert_eq!(key.pages(), Pages::NEW);
    store::encrypt(dir.path(), &key, &|| {}).unwrap();
    let file = dir.path().join("attune.db");
    // Named, not left to the defaults: the defaults are the process's, and a backup
    // in another test may have changed them.
    let count = |passphrase: &str, size: u32, hmac: &str| -> Option<i64> {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.pragma_update(None, "key", passphrase).unwrap();
        conn.pragma_update(None, "cipher_page_size", size).unwrap();
        conn.pragma_update(None, "cipher_hmac_algorithm", hmac)
            .unwrap();
        conn.query_row("SELECT count(*) FROM entries", [], |r| r.get::<_, i64>(0))
            .ok()
    };
    assert_eq!(count("s3cret words", 16384, "HMAC_SHA256"), Some(4));
    assert_eq!(count("s3cret word", 16384, "HMAC_SHA256"), None);
    // SQLCipher's default page size (4 KB) and HMAC (SHA-512) do not open it.
    assert_eq!(count("s3cret words", 4096, "HMAC_SHA256"), None);
    assert_eq!(count("s3cret words", 16384, "HMAC_SHA512"), None);
    assert_eq!(std::fs::metadata(&file).unwrap().len() % 16384, 0);
    let store = Store::open_with(dir.path(), Some(&key), &|| {}).unwrap();
    for backup in store.backups().unwrap() {
        let key = Key::for_file(&pass("s3cret words"), &backup).unwrap();
        assert_eq!(key.pages(), Pages::NEW, "{}", backup.display());
    }
    // The daily backup, made with `VACUUM INTO`, gets the journal's layout too.
    backup_if_due(dir.path(), day(3), Some(&key)).unwrap();
    let today = dir.path().join(BACKUP_DIR).join("attune-2026-11-03.db");
    assert_eq!(
        Key::for_file(&pass("s3cret words"), &today)
            .unwrap()
            .pages(),
        Pages::NEW
    );
    assert_eq!(std::fs::metadata(&today).unwrap().len() % 16384, 0);
}

/// Copy the journal open on `conn` into the attached `schema` (its layout already
/// set), marked as an attune journal of this version, and detach it.
fn export_into(conn: &rusqlite::Connection, schema: &str) {
    conn.query_row(&format!("SELECT sqlcipher_export('{schema}')"), [], |_| {
        Ok(())
    })
    .unwrap();
    conn.execute_batch(&format!(
        "PRAGMA {schema}.user_version = {}; PRAGMA {schema}.application_id = {};",
        store::schema_version(),
        store::APPLICATION_ID
    ))
    .unwrap();
    conn.execute(&format!("DETACH DATABASE {schema}"), [])
        .unwrap();
}

/// Encrypt the journal in `dir` with pages laid out as `pages` (as attune did before
/// 30 November 2026; SHA-512 and 4 KB are SQLCipher's defaults): the `sqlcipher`
/// shell's own way. Then write to it once more and leave that in its WAL, as a
/// closed terminal would, so finding its layout must read through the WAL.
fn encrypt_as_before(dir: &Path, passphrase: &str, pages: Pages) {
    let file = dir.join("attune.db");
    let copy = dir.join("default.db");
    let hmac = match pages.mac {
        PageMac::Sha256 => "HMAC_SHA256",
        PageMac::Sha512 => "HMAC_SHA512",
    };
    let layout = |conn: &rusqlite::Connection, schema: &str| {
        // Named, not left to the defaults: attune's backups in other tests of this
        // process change the defaults.
        conn.execute_batch(&format!(
            "PRAGMA {schema}.cipher_page_size = {}; PRAGMA {schema}.cipher_hmac_algorithm = {hmac};",
            pages.size
        ))
        .unwrap();
    };
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute(
            "ATTACH DATABASE ?1 AS enc KEY ?2",
            rusqlite::params![copy.to_string_lossy(), passphrase],
        )
        .unwrap();
        layout(&conn, "enc");
        export_into(&conn, "enc");
    }
    std::fs::rename(&copy, &file).unwrap();
    let _ = std::fs::remove_file(dir.join("attune.db-wal"));
    let _ = std::fs::remove_file(dir.join("attune.db-shm"));
    std::fs::remove_dir_all(dir.join("backups")).unwrap();
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.pragma_update(None, "key", passphrase).unwrap();
    layout(&conn, "main");
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.execute_batch(&format!(
        "PRAGMA user_version = {};",
        store::schema_version()
    ))
    .unwrap();
    drop(conn);
    assert!(
        std::fs::metadata(dir.join("attune.db-wal")).unwrap().len() > 0,
        "a write left in the WAL"
    );
}

#[test]
fn journals_with_earlier_page_layouts_open_are_backed_up_and_move_on_a_new_passphrase() {
    for before in &Pages::KNOWN[1..] {
        let dir = tempfile::tempdir().unwrap();
        journal_with_probe(dir.path(), 5);
        encrypt_as_before(dir.path(), "older words", *before);
        let file = dir.path().join("attune.db");
        let key = Key::for_file(&pass("older words"), &file).unwrap();
        assert_eq!(key.pages(), *before);
        {
            let store = Store::open_with(dir.path(), Some(&key), &|| {}).unwrap();
            assert_eq!(entries(&store), 6);
            assert!(finds_probe(&store));
            assert!(check_journal(dir.path(), Some(&key)).is_ok());
            // Today's backup, made from it, has its pages and opens the same way.
            backup_if_due(dir.path(), day(3), Some(&key)).unwrap();
            let backups = store.backups().unwrap();
            assert_eq!(backups.len(), 1);
            let backup_key = Key::for_file(&pass("older words"), &backups[0]).unwrap();
            assert_eq!(backup_key.pages(), *before, "{before:?}");
            assert!(store::newest_backup_opens_with(
                dir.path(),
                &pass("older words")
            ));
        }
        // A wrong passphrase is still only wrong.
        let wrong = Key::for_file(&pass("older word"), &file).unwrap();
        assert!(matches!(
            Store::open_with(dir.path(), Some(&wrong), &|| {}),
            Err(store::OpenError::WrongPassphrase { .. })
        ));
        // A new passphrase rewrites the journal and its backup in the new layout.
        let new = Key::fresh(&pass("newer words")).unwrap();
        store::change_passphrase(dir.path(), &key, &new, &|| {}).unwrap();
        let again = Key::for_file(&pass("newer words"), &file).unwrap();
        assert_eq!(again.pages(), Pages::NEW);
        let store = Store::open_with(dir.path(), Some(&again), &|| {}).unwrap();
        assert_eq!(entries(&store), 6);
        assert!(finds_probe(&store));
        for backup in store.backups().unwrap() {
            let key = Key::for_file(&pass("newer words"), &backup).unwrap();
            assert_eq!(key.pages(), Pages::NEW);
        }
    }
}

#[test]
fn encrypt_use_change_passphrase_decrypt_loses_nothing() {
    let (dir, first) = encrypted(5, "first passphrase");

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
    // Plain again, with plain SQLite's pages (4 KB), not the encrypted layout's.
    for file in [
        dir.path().join("attune.db"),
        backups.join("attune-2026-11-02.db"),
    ] {
        let conn = rusqlite::Connection::open(&file).unwrap();
        let size: i64 = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        assert_eq!(size, 4096, "{}", file.display());
    }
    // No copy is left beside the journal or its backups.
    for (name, _) in every_file(dir.path()) {
        assert!(!name.contains("converting"), "{name} was left");
    }
}

#[test]
fn a_wrong_passphrase_or_none_changes_nothing_byte_for_byte() {
    let (dir, _key) = encrypted(3, "right");
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
    let (dir, key) = encrypted(60, "pass");
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
fn backups_converted_before_a_kill_are_put_in_place_by_the_next_open() {
    // A kill after the journal was renamed, before the converted backups were: their
    // finished copies wait beside them as `.NAME.converted`.
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 2);
    let backups = dir.path().join(BACKUP_DIR);
    let one = backups.join("attune-2026-11-01.db");
    let two = backups.join("attune-2026-11-02.db");
    let plain_one = std::fs::read(&one).unwrap();
    let plain_two = std::fs::read(&two).unwrap();
    let key = Key::fresh(&pass("pass")).unwrap();
    store::encrypt(dir.path(), &key, &|| {}).unwrap();
    std::fs::rename(&one, backups.join(".attune-2026-11-01.db.converted")).unwrap();
    std::fs::write(&one, &plain_one).unwrap();
    // And one that does not open with this journal's key: not put in place.
    std::fs::write(backups.join(".attune-2026-11-02.db.converted"), &plain_two).unwrap();
    assert_eq!(looks(&one).unwrap(), Looks::Plain);
    let store = Store::open_with(dir.path(), Some(&key), &|| {}).unwrap();
    store.close().unwrap();
    assert_eq!(looks(&one).unwrap(), Looks::Encrypted);
    check_file(&one, Some(&key)).unwrap();
    check_file(&two, Some(&key)).unwrap();
    for (name, _) in every_file(dir.path()) {
        assert!(!name.contains("convert"), "{name} was left");
    }
}

#[test]
fn a_backup_with_an_earlier_page_layout_than_its_journal_is_converted_with_it() {
    // A backup kept from an earlier build, with the journal's key but 4 KB pages
    // checked with HMAC-SHA512, beside a journal in the new layout: a new passphrase
    // and decrypting read each backup with its own layout.
    let (dir, key) = encrypted(3, "one key");
    let backups = dir.path().join(BACKUP_DIR);
    let older = backups.join("attune-2026-11-01.db");
    let made = dir.path().join("older.db");
    {
        // Attached without a key, a new file takes the journal's key and salt.
        let conn = rusqlite::Connection::open(dir.path().join("attune.db")).unwrap();
        conn.execute_batch(
            "PRAGMA key = 'one key'; PRAGMA cipher_page_size = 16384;
             PRAGMA cipher_hmac_algorithm = HMAC_SHA256;",
        )
        .unwrap();
        conn.execute("ATTACH DATABASE ?1 AS older", [made.to_string_lossy()])
            .unwrap();
        conn.execute_batch(
            "PRAGMA older.cipher_page_size = 4096;
             PRAGMA older.cipher_hmac_algorithm = HMAC_SHA512;",
        )
        .unwrap();
        export_into(&conn, "older");
    }
    std::fs::rename(&made, &older).unwrap();
    let found = Key::for_file(&pass("one key"), &older).unwrap();
    assert_eq!(
        found.pages(),
        Pages::KNOWN[2],
        "the backup has the older layout"
    );
    let new = Key::fresh(&pass("two key")).unwrap();
    let done = store::change_passphrase(dir.path(), &key, &new, &|| {}).unwrap();
    assert_eq!(done.backups, 2);
    let again = Key::for_file(&pass("two key"), &older).unwrap();
    assert_eq!(again.pages(), Pages::NEW);
    check_file(&older, Some(&again)).unwrap();
    let journal = Key::for_file(&pass("two key"), &dir.path().join("attune.db")).unwrap();
    store::decrypt(dir.path(), &journal, &|| {}).unwrap();
    check_file(&older, None).unwrap();
}

#[test]
fn an_encrypted_journals_wal_is_folded_back_as_often_as_a_plain_ones() {
    // 16 KB pages, and SQLite folds the WAL back every 1,000 pages: it would grow to
    // 16 MB between folds, four times what a plain journal's does.
    let (dir, key) = encrypted(1, "walls");
    let mut store = Store::open_with(dir.path(), Some(&key), &|| {}).unwrap();
    let long = "a long evening of words written out ".repeat(600);
    let wal = dir.path().join("attune.db-wal");
    let mut largest = 0;
    for _ in 0..400 {
        store
            .commit_entry_at(
                &support::text_entry("pattern-log", &long),
                None,
                chrono::Local::now().fixed_offset(),
            )
            .unwrap();
        largest = largest.max(std::fs::metadata(&wal).map_or(0, |m| m.len()));
    }
    assert!(largest > 1 << 20, "the WAL was written: {largest}");
    assert!(largest < 6 << 20, "the WAL grew to {largest} bytes");
    assert_eq!(entries(&store), 402);
}

#[test]
fn a_passphrase_change_stopped_partway_is_told_from_a_damaged_journal() {
    // A kill after the journal had the new passphrase and before its backups were
    // put in place: the old passphrase opens the backups but not the journal. That is
    // no damage (restoring a backup would lose what came after it): the new
    // passphrase opens the journal and finishes the change.
    let (dir, old) = encrypted(4, "old words");
    let backups = dir.path().join(BACKUP_DIR);
    let newest = backups.join("attune-2026-11-02.db");
    let old_newest = std::fs::read(&newest).unwrap();
    let new = Key::fresh(&pass("new words")).unwrap();
    store::change_passphrase(dir.path(), &old, &new, &|| {}).unwrap();
    // Put the newest backup back as it was, its converted copy waiting beside it.
    std::fs::rename(&newest, backups.join(".attune-2026-11-02.db.converted")).unwrap();
    std::fs::write(&newest, &old_newest).unwrap();
    assert!(store::newest_backup_opens_with(
        dir.path(),
        &pass("old words")
    ));
    assert!(store::change_interrupted(dir.path()));
    let file = dir.path().join("attune.db");
    let stale = Key::for_file(&pass("old words"), &file).unwrap();
    assert!(matches!(
        Store::open_with(dir.path(), Some(&stale), &|| {}),
        Err(OpenError::WrongPassphrase { .. })
    ));
    // The new passphrase opens the journal and finishes the change.
    let key = Key::for_file(&pass("new words"), &file).unwrap();
    let store = Store::open_with(dir.path(), Some(&key), &|| {}).unwrap();
    assert_eq!(entries(&store), 5);
    store.close().unwrap();
    assert!(!store::change_interrupted(dir.path()));
    check_file(&newest, Some(&key)).unwrap();
    assert!(!store::newest_backup_opens_with(
        dir.path(),
        &pass("old words")
    ));
    // A journal that is damaged, with no change waiting, is still called damaged.
    let plain = tempfile::tempdir().unwrap();
    journal_with_probe(plain.path(), 1);
    assert!(!store::change_interrupted(plain.path()));
}

#[test]
fn a_backup_that_cannot_be_converted_stops_everything_before_a_change() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 60);
    let backups = dir.path().join(BACKUP_DIR);
    // Damage the first backup as a bad disk might.
    let bad = backups.join("attune-2026-11-01.db");
    let mut bytes = std::fs::read(&bad).unwrap();
    let middle = bytes.len() / 2 / 4096 * 4096;
    bytes[middle..middle + 4096].fill(0xA5);
    std::fs::write(&bad, &bytes).unwrap();
    let before = every_file(dir.path());
    let key = Key::fresh(&pass("pass")).unwrap();
    let refused = store::encrypt(dir.path(), &key, &|| {}).unwrap_err();
    let said = format!("{refused:#}");
    assert!(
        said.contains("attune-2026-11-01.db") && said.contains("nothing was changed"),
        "{said}"
    );
    // The empty WAL a reader left beside the journal goes with the writer's close.
    let kept = |files: Vec<(String, Vec<u8>)>| {
        files
            .into_iter()
            .filter(|(name, _)| !name.ends_with("-wal") && !name.ends_with("-shm"))
            .collect::<Vec<_>>()
    };
    assert!(
        kept(every_file(dir.path())) == kept(before),
        "nothing changed, nothing left"
    );
}

#[test]
fn a_symlinked_journal_is_converted_where_it_really_is() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    journal_with_probe(&data, 2);
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::rename(data.join("attune.db"), elsewhere.join("journal.db")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("journal.db"), data.join("attune.db")).unwrap();
    let key = Key::fresh(&pass("pass")).unwrap();
    store::encrypt(&data, &key, &|| {}).unwrap();
    let link = std::fs::symlink_metadata(data.join("attune.db")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    for (name, bytes) in support::files_in(&elsewhere) {
        assert!(
            !contains(&bytes, b"ZEPHYR-QUINCE"),
            "{name} holds the probe"
        );
    }
    assert_eq!(
        looks(&elsewhere.join("journal.db")).unwrap(),
        Looks::Encrypted
    );
    let store = Store::open_with(&data, Some(&key), &|| {}).unwrap();
    assert!(finds_probe(&store));
    store.close().unwrap();
}

#[test]
fn a_hard_linked_journal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 2);
    std::fs::hard_link(
        dir.path().join("attune.db"),
        dir.path().join("other-name.db"),
    )
    .unwrap();
    let key = Key::fresh(&pass("pass")).unwrap();
    let refused = format!(
        "{:#}",
        store::encrypt(dir.path(), &key, &|| {}).unwrap_err()
    );
    assert!(refused.contains("hard link"), "{refused}");
    assert_eq!(looks(&dir.path().join("attune.db")).unwrap(), Looks::Plain);
}

#[test]
fn converted_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _key) = encrypted(2, "pass");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.path().join("attune.db")), 0o600);
    for entry in std::fs::read_dir(dir.path().join(BACKUP_DIR)).unwrap() {
        assert_eq!(mode(&entry.unwrap().path()), 0o600);
    }
}

#[test]
fn a_plain_journal_with_its_first_bytes_damaged_is_not_taken_for_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    journal_with_probe(dir.path(), 2);
    let file = dir.path().join("attune.db");
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[..16].fill(0);
    std::fs::write(&file, &bytes).unwrap();
    assert_eq!(looks(&file).unwrap(), Looks::Other);
    assert!(matches!(
        Store::open(dir.path()),
        Err(OpenError::NotADatabase { .. })
    ));
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn a_new_passphrase_must_be_one_the_unlock_screen_can_take() {
    for (text, fit) in [
        ("correct horse", true),
        ("  é😀 שלום  ", true),
        ("   ", false),
        ("tab\there", false),
    ] {
        assert_eq!(pass(text).unfit().is_none(), fit, "{text:?}");
    }
    assert!(pass(&"x".repeat(1025)).unfit().is_some());
    assert!(pass(&"x".repeat(1024)).unfit().is_none());
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
