//! Turning encryption on, off, or to a new passphrase, all or nothing.
//!
//! 1. Each backup is copied with `sqlcipher_export` into `.attune-DATE.db.converting`,
//!    checked (the same entries and answers, SQLite's integrity check), synced, and
//!    renamed `.attune-DATE.db.converted`: a finished copy, not yet in place.
//! 2. The journal is copied the same way, beside the real file (through a symlink,
//!    where it points), its WAL folded in and removed, and the copy renamed over it.
//!    This rename is the moment the conversion happens.
//! 3. Each finished backup copy is renamed over its backup.
//!
//! A kill before 2 leaves the old journal, whole; the next open removes every copy. A
//! kill after 2 leaves the new journal, whole; the next open (which has the new key)
//! renames into place the finished copies that open with it, so no backup is left
//! under the old key or in the clear. A backup that cannot be converted (damaged, or
//! under another passphrase) stops the whole conversion before anything changes.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use rusqlite::{Connection, OpenFlags};

use super::key::Key;
use super::{BACKUP_DIR, DB_FILE, Store, backup};

/// A copy being made.
const CONVERTING: &str = ".converting";
/// A copy made and checked, waiting to be renamed over its backup.
const CONVERTED: &str = ".converted";

/// What a conversion did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// Entries in the journal (the same before and after).
    pub entries: i64,
    /// Backups converted with it.
    pub backups: usize,
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
    let file = real_journal(dir)?;
    backup::check_journal(dir, from).map_err(|damage| {
        anyhow::anyhow!(
            "the journal is damaged ({damage}), so it was not converted and nothing was \
             changed. Restore a backup first (see \"Restoring a backup\" in the README)."
        )
    })?;
    let counts = counts(&store.conn).context("cannot count the journal's entries")?;

    // 1. Every backup, converted and checked beside it, not yet in place.
    let backups = backup::list(&dir.join(BACKUP_DIR)).unwrap_or_default();
    let mut staged = Vec::new();
    for original in &backups {
        match stage_backup(original, from, to) {
            Ok(ready) => staged.push((ready, original.clone())),
            Err(e) => {
                for (ready, _) in &staged {
                    let _ = fs::remove_file(ready);
                }
                bail!(
                    "the backup {} could not be converted ({e:#}), so nothing was changed. It \
                     may be damaged, or kept under another passphrase: move it out of the \
                     backups folder (or delete it), then run this again.",
                    original.display()
                );
            }
        }
    }

    // 2. The journal itself.
    let copy = beside(&file, CONVERTING);
    let unstage = |staged: &[(PathBuf, PathBuf)]| {
        for (ready, _) in staged {
            let _ = fs::remove_file(ready);
        }
    };
    if let Err(e) = copy_checked(&store.conn, &copy, to, counts, true) {
        unstage(&staged);
        return Err(e.context("the converted copy could not be made; nothing was changed"));
    }
    // Fold the WAL in and close, keeping the lock: nothing may write in between, and
    // no WAL of the old file may be left to be read into the new one.
    let Store { conn, _lock, .. } = store;
    let closed = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .and_then(|()| conn.close().map_err(|(_, e)| e));
    if let Err(e) = closed {
        let _ = fs::remove_file(&copy);
        unstage(&staged);
        return Err(
            anyhow::Error::new(e).context("cannot fold in the journal's WAL; nothing was changed")
        );
    }
    for side in ["-wal", "-shm"] {
        let path = sibling(&file, side);
        match fs::symlink_metadata(&path) {
            Ok(meta) if side == "-wal" && meta.len() > 0 => {
                let _ = fs::remove_file(&copy);
                unstage(&staged);
                bail!("the journal's WAL could not be emptied; nothing was changed");
            }
            Ok(_) => fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?,
            Err(_) => {}
        }
    }
    fs::rename(&copy, &file).with_context(|| format!("cannot replace {}", file.display()))?;
    crate::fsutil::sync_dir(file.parent().unwrap_or(dir))?;

    // 3. The backups into place (or at the next open, if this is stopped).
    for (ready, original) in &staged {
        fs::rename(ready, original)
            .with_context(|| format!("cannot replace {}", original.display()))?;
    }
    if !staged.is_empty() {
        crate::fsutil::sync_dir(&dir.join(BACKUP_DIR))?;
    }
    drop(_lock);
    Ok(Converted {
        entries: counts.0,
        backups: staged.len(),
    })
}

/// The journal file itself: where `attune.db` points if it is a symlink (the copy is
/// made and renamed there, so no plain file is left behind the link). One with other
/// hard links is refused: the other names would keep the old file.
fn real_journal(dir: &Path) -> anyhow::Result<PathBuf> {
    let file = dir.join(DB_FILE);
    let real =
        fs::canonicalize(&file).with_context(|| format!("cannot read {}", file.display()))?;
    let links = fs::metadata(&real)?.nlink();
    if links > 1 {
        bail!(
            "{} has {} other hard links, which would keep the old file under their names; \
             nothing was changed. Remove the other links, then run this again.",
            file.display(),
            links - 1
        );
    }
    Ok(real)
}

/// Convert a backup into a finished copy beside it (`.NAME.converted`).
fn stage_backup(file: &Path, from: Option<&Key>, to: Option<&Key>) -> anyhow::Result<PathBuf> {
    super::key::quiet();
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if let Some(key) = from {
        // The journal's key, and the backup's own page layout: a backup kept from
        // an earlier build may have another.
        key.as_found_in(file)?.apply(&conn)?;
    }
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    let counts = counts(&conn)?;
    let copy = beside(file, CONVERTING);
    copy_checked(&conn, &copy, to, counts, false)?;
    conn.close().map_err(|(_, e)| e)?;
    let ready = beside(file, CONVERTED);
    fs::rename(&copy, &ready)?;
    Ok(ready)
}

/// `.NAME<end>` beside `file`.
fn beside(file: &Path, end: &str) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    file.with_file_name(format!(".{name}{end}"))
}

/// `NAME<end>` beside `file` (its -wal, -shm).
fn sibling(file: &Path, end: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(end);
    PathBuf::from(name)
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
        if let Some(key) = to {
            key.apply_pages(conn, "converted")?;
        }
        let exported = (|| {
            // One transaction for the whole copy: one commit, not one per statement.
            let tx = conn.unchecked_transaction()?;
            tx.query_row("SELECT sqlcipher_export('converted')", [], |_| Ok(()))?;
            let (version, app_id): (i64, i64) = conn.query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        (SELECT application_id FROM pragma_application_id)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            conn.execute_batch(&format!(
                "PRAGMA converted.user_version = {version};
                 PRAGMA converted.application_id = {app_id};"
            ))?;
            tx.commit()
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
        let mode = if wal { "WAL" } else { "DELETE" };
        check.pragma_update(None, "journal_mode", mode)?;
        check.close().map_err(|(_, e)| e)?;
        fs::File::open(copy)?.sync_all()?;
        anyhow::Ok(())
    })();
    if made.is_err() {
        let _ = fs::remove_file(copy);
    }
    made
}

/// After a conversion stopped by a kill: finished backup copies that open with the
/// journal's own key (or, for a plain journal, are plain) are renamed into place; every
/// other copy is removed (a plain one holds the journal's words). Called under the
/// journal's lock, once the journal is known to open with `key`.
pub(super) fn finish_or_tidy(dir: &Path, key: Option<&Key>) {
    let mut folders = vec![dir.to_path_buf(), dir.join(BACKUP_DIR)];
    // The journal's own copy is made where the journal really is.
    if let Some(real) = fs::canonicalize(dir.join(DB_FILE))
        .ok()
        .and_then(|r| r.parent().map(Path::to_path_buf))
        && !folders.contains(&real)
    {
        folders.push(real);
    }
    for folder in folders {
        let Ok(found) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in found.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours =
                name.starts_with('.') && (name.contains(CONVERTING) || name.contains(CONVERTED));
            if !ours || !entry.file_type().is_ok_and(|t| t.is_file()) {
                continue;
            }
            let path = entry.path();
            let target = name
                .strip_suffix(CONVERTED)
                .and_then(|n| n.strip_prefix('.'))
                .filter(|n| backup::is_backup_name(n))
                .map(|n| folder.join(n));
            match target {
                Some(target) if folder == dir.join(BACKUP_DIR) && opens_with(&path, key) => {
                    let _ = fs::rename(&path, &target);
                }
                _ => {
                    let _ = fs::remove_file(&path);
                }
            }
        }
    }
}

/// Was a conversion stopped after the journal was converted and before its backups
/// were put in place? Then finished copies of backups wait beside them, and the
/// backups still open with what opened the journal before: the old passphrase opens
/// them but not the journal, which is not damage. The next open with the journal's
/// own key (the new passphrase) finishes the change.
pub fn change_interrupted(dir: &Path) -> bool {
    fs::read_dir(dir.join(BACKUP_DIR)).is_ok_and(|found| {
        found.flatten().any(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_prefix('.')
                .and_then(|n| n.strip_suffix(CONVERTED))
                .is_some_and(backup::is_backup_name)
        })
    })
}

/// Does `file` open as an attune journal with `key` (plain when None)?
fn opens_with(file: &Path, key: Option<&Key>) -> bool {
    let plain = super::key::looks(file).is_ok_and(|l| l == super::key::Looks::Plain);
    if plain != key.is_none() {
        return false;
    }
    super::open::read_only(file, key)
        .and_then(|conn| {
            conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0))
                .map_err(|e| super::classify(file, e))
        })
        .is_ok_and(|id| id == super::open::APPLICATION_ID)
}
