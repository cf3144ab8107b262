//! Turning encryption on, off, or to a new passphrase, all or nothing. The journal is
//! copied with `sqlcipher_export` into a new file beside it, which is checked (the same
//! entries and answers, SQLite's integrity check), synced to disk, and only then
//! renamed over the old one; a kill at any moment leaves the old journal or the new
//! one, whole. The backups follow, each the same way. A copy left half made by a kill
//! is removed the next time the journal is opened.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use rusqlite::{Connection, OpenFlags};

use super::key::{Key, Looks, looks};
use super::{BACKUP_DIR, DB_FILE, Store, backup};

/// The name a journal (or backup) is copied under while it is being converted.
const CONVERTING: &str = ".converting";

/// What a conversion did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// Entries in the journal (the same before and after).
    pub entries: i64,
    /// Backups made again with the new key (or none).
    pub backups: usize,
    /// Backups left as they were, because the key at hand does not open them.
    pub backups_skipped: usize,
}

/// Encrypt the plain journal in `dir` with `key` (see [`Key::fresh`]).
pub fn encrypt(dir: &Path, key: &Key, upgrading: &dyn Fn()) -> anyhow::Result<Converted> {
    convert(dir, None, Some(key), upgrading)
}

/// Make the encrypted journal in `dir` (opened by `key`) plain again.
pub fn decrypt(dir: &Path, key: &Key, upgrading: &dyn Fn()) -> anyhow::Result<Converted> {
    convert(dir, Some(key), None, upgrading)
}

/// Encrypt the journal (opened by `old`) with `new` instead.
pub fn change_passphrase(
    dir: &Path,
    old: &Key,
    new: &Key,
    upgrading: &dyn Fn(),
) -> anyhow::Result<Converted> {
    convert(dir, Some(old), Some(new), upgrading)
}

fn convert(
    dir: &Path,
    from: Option<&Key>,
    to: Option<&Key>,
    upgrading: &dyn Fn(),
) -> anyhow::Result<Converted> {
    let store = Store::open_with(dir, from, upgrading)?;
    backup::check_journal(dir, from).map_err(|damage| {
        anyhow::anyhow!(
            "the journal is damaged ({damage}), so it was not converted; nothing was changed"
        )
    })?;
    let counts = counts(&store.conn).context("cannot count the journal's entries")?;
    let file = dir.join(DB_FILE);
    let copy = converting(&file);
    copy_checked(&store.conn, &copy, to, counts, true)
        .with_context(|| "the converted copy could not be made; the journal was not changed")?;
    // Fold the WAL in and close, keeping the lock: nothing may write in between, and
    // no WAL of the old file may be left to be read into the new one.
    let Store { conn, _lock, .. } = store;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .context("cannot fold the journal's WAL into it; the journal was not changed")?;
    conn.close()
        .map_err(|(_, e)| e)
        .context("cannot close the journal; it was not changed")?;
    for side in ["-wal", "-shm"] {
        let path = dir.join(format!("{DB_FILE}{side}"));
        match fs::symlink_metadata(&path) {
            Ok(meta) if side == "-wal" && meta.len() > 0 => {
                let _ = fs::remove_file(&copy);
                bail!("the journal's WAL could not be emptied; the journal was not changed");
            }
            Ok(_) => fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?,
            Err(_) => {}
        }
    }
    fs::rename(&copy, &file).with_context(|| format!("cannot replace {}", file.display()))?;
    crate::fsutil::sync_dir(dir)?;

    let mut done = Converted {
        entries: counts.0,
        backups: 0,
        backups_skipped: 0,
    };
    for backup in backup::list(&dir.join(BACKUP_DIR)).unwrap_or_default() {
        match convert_file(&backup, from, to) {
            Ok(()) => done.backups += 1,
            Err(_) => done.backups_skipped += 1,
        }
    }
    drop(_lock);
    Ok(done)
}

/// Convert one backup in place, all or nothing.
fn convert_file(file: &Path, from: Option<&Key>, to: Option<&Key>) -> anyhow::Result<()> {
    super::key::quiet();
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if let Some(key) = from {
        key.apply(&conn)?;
    }
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    let counts = counts(&conn)?;
    let copy = converting(file);
    copy_checked(&conn, &copy, to, counts, false)?;
    conn.close().map_err(|(_, e)| e)?;
    fs::rename(&copy, file)?;
    if let Some(dir) = file.parent() {
        crate::fsutil::sync_dir(dir)?;
    }
    Ok(())
}

/// Bring the backups in line with an encrypted journal: any plain one left by a
/// conversion that was stopped half way is made again with `key`.
pub fn encrypt_plain_backups(dir: &Path, key: &Key) -> usize {
    backup::list(&dir.join(BACKUP_DIR))
        .unwrap_or_default()
        .iter()
        .filter(|b| looks(b).is_ok_and(|l| l == Looks::Plain))
        .filter(|b| convert_file(b, None, Some(key)).is_ok())
        .count()
}

fn converting(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    file.with_file_name(format!(".{name}{CONVERTING}"))
}

/// Entries and answers in a journal.
fn counts(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM entries), (SELECT count(*) FROM answers)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Copy the database open on `conn` into `copy`, encrypted with `to` (or plain), then
/// check the copy and sync it to disk. The journal itself is kept in WAL mode.
fn copy_checked(
    conn: &Connection,
    copy: &Path,
    to: Option<&Key>,
    counts: (i64, i64),
    wal: bool,
) -> anyhow::Result<()> {
    let _ = fs::remove_file(copy);
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(copy)
        .with_context(|| format!("cannot write {}", copy.display()))?;
    let made = (|| {
        let spec = to.map(Key::spec);
        let spec: &str = spec.as_deref().map(String::as_str).unwrap_or("");
        conn.execute(
            "ATTACH DATABASE ?1 AS converted KEY ?2",
            rusqlite::params![copy.to_string_lossy(), spec],
        )?;
        let exported = (|| {
            conn.query_row("SELECT sqlcipher_export('converted')", [], |_| Ok(()))?;
            let (version, app_id): (i64, i64) = conn.query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        (SELECT application_id FROM pragma_application_id)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            conn.execute_batch(&format!(
                "PRAGMA converted.user_version = {version};
                 PRAGMA converted.application_id = {app_id};"
            ))
        })();
        conn.execute("DETACH DATABASE converted", [])?;
        exported?;
        let check = Connection::open_with_flags(
            copy,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        if let Some(key) = to {
            key.apply(&check)?;
        }
        let verdict: String = check.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if verdict != "ok" {
            bail!("the copy did not check out: {verdict}");
        }
        let copied = self::counts(&check)?;
        if copied != counts {
            bail!(
                "the copy holds {} entries and {} answers, not {} and {}",
                copied.0,
                copied.1,
                counts.0,
                counts.1
            );
        }
        if wal {
            check.pragma_update(None, "journal_mode", "WAL")?;
        }
        check.close().map_err(|(_, e)| e)?;
        fs::File::open(copy)?.sync_all()?;
        anyhow::Ok(())
    })();
    if made.is_err() {
        let _ = fs::remove_file(copy);
    }
    made
}

/// Remove copies a conversion stopped by a kill left half made (a plain one holds the
/// journal's words), with their rollback journals and WAL. Called under the
/// journal's lock.
pub(super) fn tidy_leftovers(dir: &Path) {
    for folder in [dir.to_path_buf(), dir.join(BACKUP_DIR)] {
        let Ok(found) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in found.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let copy = name.starts_with(".attune") && name.contains(CONVERTING);
            if copy && entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}
