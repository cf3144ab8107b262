//! Opening a journal harms nothing that is there: another program's database, an
//! empty file beside backups, a stray WAL, a newer journal, symlinks and hard links
//! where the lock goes, a file where a folder should be. Real files in temp dirs.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use attune::store::{APPLICATION_ID, OpenError, Store};

mod support;

use support::files_in as snapshot;

/// A database in WAL mode with a write still in its WAL, copied (with the WAL) the
/// way a crash would leave it.
fn crashed_copy(make: &str, into: &Path, name: &str) {
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("db");
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
    conn.execute_batch(make).unwrap();
    std::fs::copy(&file, into.join(name)).unwrap();
    std::fs::copy(
        scratch.path().join("db-wal"),
        into.join(format!("{name}-wal")),
    )
    .unwrap();
    drop(conn);
}

#[test]
fn another_programs_database_is_refused_byte_for_byte_untouched() {
    // In rollback mode, and in WAL mode (where merely reading makes SQLite create
    // side files, which must not be left behind).
    for mode in ["DELETE", "WAL"] {
        let dir = tempfile::tempdir().unwrap();
        let conn = rusqlite::Connection::open(dir.path().join("attune.db")).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = {mode}; CREATE TABLE recipes (name TEXT);
             INSERT INTO recipes VALUES ('soup');"
        ))
        .unwrap();
        drop(conn);
        let before = snapshot(dir.path());
        assert_eq!(before.len(), 1, "{mode}: only the database before");
        for open in [Store::open, Store::open_read_only] {
            match open(dir.path()) {
                Err(e @ OpenError::Foreign { .. }) => {
                    assert!(e.to_string().contains("another program"), "{e}")
                }
                other => panic!("expected Foreign, got {:?}", other.map(|_| ())),
            }
            let after: Vec<_> = snapshot(dir.path())
                .into_iter()
                .filter(|(n, _)| n != "attune.lock")
                .collect();
            assert_eq!(
                after, before,
                "{mode}: not one byte changed, no side file left"
            );
        }
    }
}

#[test]
fn a_stray_wal_from_another_program_is_not_merged_into_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path()).unwrap().close().unwrap();
    // Another program's database crashed with a write in its WAL; its WAL ends up
    // beside the journal under the journal's name.
    let other = tempfile::tempdir().unwrap();
    crashed_copy(
        "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
        other.path(),
        "attune.db",
    );
    std::fs::copy(
        other.path().join("attune.db-wal"),
        dir.path().join("attune.db-wal"),
    )
    .unwrap();
    let before = snapshot(dir.path());
    assert!(matches!(
        Store::open(dir.path()),
        Err(OpenError::Foreign { .. })
    ));
    let after: Vec<_> = snapshot(dir.path())
        .into_iter()
        .filter(|(n, _)| n != "attune.lock" && n != "attune.db-shm")
        .collect();
    let before: Vec<_> = before
        .into_iter()
        .filter(|(n, _)| n != "attune.lock")
        .collect();
    assert_eq!(
        after, before,
        "the journal and the stray WAL are as they were"
    );
}

#[test]
fn a_newer_journal_with_a_leftover_wal_says_truly_that_nothing_changed() {
    let dir = tempfile::tempdir().unwrap();
    crashed_copy(
        &format!(
            "PRAGMA application_id = {APPLICATION_ID}; CREATE TABLE future (x);
             PRAGMA user_version = 99; INSERT INTO future VALUES (1);"
        ),
        dir.path(),
        "attune.db",
    );
    let before = snapshot(dir.path());
    match Store::open(dir.path()) {
        Err(e @ OpenError::TooNew { found: 99, .. }) => {
            assert!(e.to_string().contains("was not changed"), "{e}")
        }
        other => panic!("expected TooNew, got {:?}", other.map(|_| ())),
    }
    for (name, bytes) in &before {
        assert_eq!(
            &std::fs::read(dir.path().join(name)).unwrap(),
            bytes,
            "{name} changed"
        );
    }
}

#[test]
fn journals_from_before_the_mark_open_and_get_it() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        store.mark_welcomed().unwrap();
        store.close().unwrap();
    }
    // As every journal made before the application id was written (schema 3).
    rusqlite::Connection::open(dir.path().join("attune.db"))
        .unwrap()
        .execute_batch(
            "PRAGMA application_id = 0; PRAGMA user_version = 3; DROP INDEX entries_by_day;
             DROP TABLE activity;",
        )
        .unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert!(store.welcomed().unwrap());
    assert_eq!(
        store.user_version().unwrap(),
        attune::store::schema_version()
    );
    store.close().unwrap();
    let id: i32 = rusqlite::Connection::open(dir.path().join("attune.db"))
        .unwrap()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, APPLICATION_ID);
}

#[test]
fn an_empty_journal_beside_backups_is_not_silently_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path()).unwrap().close().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    attune::store::backup_if_due(dir.path(), today, None).unwrap();
    std::fs::write(dir.path().join("attune.db"), b"").unwrap();
    match Store::open(dir.path()) {
        Err(e @ OpenError::Empty { .. }) => {
            let said = e.to_string();
            assert!(
                said.contains("is empty") && said.contains("backups"),
                "{said}"
            );
        }
        other => panic!("expected Empty, got {:?}", other.map(|_| ())),
    }
    assert_eq!(std::fs::read(dir.path().join("attune.db")).unwrap(), b"");
    // With no backups beside it, an empty file is a first start that stopped early.
    let fresh = tempfile::tempdir().unwrap();
    std::fs::write(fresh.path().join("attune.db"), b"").unwrap();
    Store::open(fresh.path()).expect("a new journal");
}

#[test]
fn a_symlinked_or_hard_linked_lock_is_refused_and_its_target_untouched() {
    let outside = tempfile::tempdir().unwrap();
    let precious = outside.path().join("precious.txt");
    std::fs::write(&precious, "do not truncate me").unwrap();

    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&precious, dir.path().join("attune.lock")).unwrap();
    match Store::open(dir.path()) {
        Err(e @ OpenError::NotOurs { .. }) => {
            assert!(e.to_string().contains("symbolic link"), "{e}")
        }
        other => panic!("expected NotOurs, got {:?}", other.map(|_| ())),
    }
    assert_eq!(
        std::fs::read_to_string(&precious).unwrap(),
        "do not truncate me"
    );

    let dir = tempfile::tempdir().unwrap();
    std::fs::hard_link(&precious, dir.path().join("attune.lock")).unwrap();
    match Store::open(dir.path()) {
        Err(e @ OpenError::NotOurs { .. }) => {
            assert!(e.to_string().contains("hard link"), "{e}")
        }
        other => panic!("expected NotOurs, got {:?}", other.map(|_| ())),
    }
    assert_eq!(
        std::fs::read_to_string(&precious).unwrap(),
        "do not truncate me"
    );
}

#[test]
fn a_file_where_the_data_folder_should_be_is_named_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::write(&data, "a file").unwrap();
    // Opening to write, and to read (`attune export`).
    for open in [Store::open, Store::open_read_only] {
        let said = open(&data).err().expect("refused").to_string();
        assert!(said.contains(&data.display().to_string()), "{said}");
        assert!(
            said.contains("is a file, not a folder") && said.contains("move it aside"),
            "{said}"
        );
        // The cause is said once, not twice.
        assert_eq!(said.matches("not a folder").count(), 1, "{said}");
    }
}

#[test]
fn a_backups_file_in_the_way_is_named_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path()).unwrap().close().unwrap();
    std::fs::write(dir.path().join("backups"), "in the way").unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let said = format!(
        "{:#}",
        attune::store::backup_if_due(dir.path(), today, None).unwrap_err()
    );
    assert!(said.contains("backups is a file, not a folder"), "{said}");
}

#[test]
fn a_stale_read_only_shm_of_ours_is_made_writable_again() {
    let running = tempfile::tempdir().unwrap();
    let store = Store::open(running.path()).unwrap();
    store.mark_welcomed().unwrap();
    // The files as a crash would leave them, with the -shm made while the journal
    // was read-only.
    let dir = tempfile::tempdir().unwrap();
    for name in ["attune.db", "attune.db-wal", "attune.db-shm"] {
        std::fs::copy(running.path().join(name), dir.path().join(name)).unwrap();
    }
    drop(store);
    let shm = dir.path().join("attune.db-shm");
    std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o400)).unwrap();
    let store = Store::open(dir.path()).expect("opens");
    assert_eq!(
        std::fs::metadata(&shm).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(store.welcomed().unwrap(), "what was in the WAL is there");
}

#[test]
fn a_journal_kept_elsewhere_through_a_symlink_is_checked_where_it_really_is() {
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("journal.db");
    let dir = tempfile::tempdir().unwrap();
    {
        Store::open(dir.path()).unwrap().close().unwrap();
    }
    std::fs::rename(dir.path().join("attune.db"), &real).unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("attune.db")).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o644)).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let problems = store.privacy_problems();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("journal.db") && p.contains("where") && p.contains("chmod 600")),
        "{problems:?}"
    );
}

#[test]
fn side_files_are_never_removed_while_an_attune_holds_the_lock() {
    // A reader that finds a file it must refuse tidies the side files its look made,
    // but not while an attune has the folder: they may be that attune's.
    let dir = tempfile::tempdir().unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("attune.db")).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE recipes (name TEXT);")
        .unwrap();
    drop(conn);
    let lock = std::fs::File::create(dir.path().join("attune.lock")).unwrap();
    lock.try_lock().unwrap();
    assert!(matches!(
        Store::open_read_only(dir.path()),
        Err(OpenError::Foreign { .. })
    ));
    assert!(dir.path().join("attune.db-wal").exists(), "left in place");
    drop(lock);
    // With the lock free, the same look leaves nothing behind.
    std::fs::remove_file(dir.path().join("attune.db-wal")).unwrap();
    let _ = std::fs::remove_file(dir.path().join("attune.db-shm"));
    assert!(Store::open_read_only(dir.path()).is_err());
    assert!(!dir.path().join("attune.db-wal").exists());
    assert!(!dir.path().join("attune.db-shm").exists());
}
