//! Checking the journal and backing it up: an integrity check through its own
//! read-only connection, then at most one backup a day (`backups/attune-YYYY-MM-DD.db`,
//! the newest seven kept), each checked before an older one makes room for it.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;

use super::key::Key;
use super::open::{APPLICATION_ID, read_only};
use super::{DB_FILE, Store};

pub const BACKUP_DIR: &str = "backups";
pub const KEEP_BACKUPS: usize = 7;

/// What the daily backup did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backup {
    Made(PathBuf),
    /// Today's was already there.
    AlreadyMade,
    /// The clock says a day before the newest backup: making one now would sort it
    /// first and rotate it straight out, so none is made.
    ClockBehind {
        today: NaiveDate,
        newest: NaiveDate,
    },
}

/// Damage found by the integrity check, in SQLite's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Damage(pub String);

/// The page cache of the check and of each side of a backup, in KiB (a size, not a
/// count of pages: an encrypted journal's pages are four times a plain one's). Both
/// read every page once, beside the open app.
const SMALL_CACHE_KIB: i64 = 256;

/// `PRAGMA quick_check` of a journal file, read-only: Ok when SQLite finds every page
/// in order and the file is an attune journal.
pub fn check_file(file: &Path, key: Option<&Key>) -> Result<(), Damage> {
    let conn = read_only(file, key).map_err(|e| Damage(e.to_string()))?;
    // It reads every page once: a small cache keeps attune's memory small meanwhile.
    conn.pragma_update(None, "cache_size", -SMALL_CACHE_KIB)
        .map_err(|e| Damage(e.to_string()))?;
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| Damage(e.to_string()))?;
    if app_id != APPLICATION_ID {
        return Err(Damage("it is not marked as an attune journal".into()));
    }
    let mut stmt = conn
        .prepare("PRAGMA quick_check(5)")
        .map_err(|e| Damage(e.to_string()))?;
    let findings = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| Damage(e.to_string()))?;
    match findings.as_slice() {
        [ok] if ok == "ok" => Ok(()),
        _ => Err(Damage(findings.join("; "))),
    }
}

/// Check the journal in `dir` (see [`check_file`]).
pub fn check_journal(dir: &Path, key: Option<&Key>) -> Result<(), Damage> {
    check_file(&dir.join(DB_FILE), key)
}

/// Today's backup of the journal in `dir`, unless there is one. Uses its own
/// connection, so it can run beside a writing attune; call it only once the journal
/// passed [`check_journal`], so a damaged journal never pushes out a good backup.
/// A backup of an encrypted journal is encrypted with the same key.
pub fn backup_if_due(dir: &Path, today: NaiveDate, key: Option<&Key>) -> anyhow::Result<Backup> {
    backup_if_due_or_stop(dir, today, key, None)
}

/// [`backup_if_due`], given up (its half-made copy removed, the journal untouched)
/// as soon as `stop` is set: attune quitting does not wait for a backup, and must not
/// end while one is inside SQLCipher (OpenSSL's exit handlers free what it uses).
/// The next start makes it.
pub fn backup_if_due_or_stop(
    dir: &Path,
    today: NaiveDate,
    key: Option<&Key>,
    stop: Option<Arc<AtomicBool>>,
) -> anyhow::Result<Backup> {
    use anyhow::Context as _;
    let backups = dir.join(BACKUP_DIR);
    crate::fsutil::private_dir(&backups)?;
    let target = backups.join(format!("attune-{}.db", today.format("%Y-%m-%d")));
    if target.exists() {
        return Ok(Backup::AlreadyMade);
    }
    let existing = list(&backups)?;
    if let Some(newest) = existing.last().and_then(|p| date_of(p))
        && newest > today
    {
        return Ok(Backup::ClockBehind { today, newest });
    }
    // Written under a temporary name, checked, then renamed, so a half-made or bad
    // copy never looks like a backup.
    let partial = backups.join(format!(".attune-{}.db.partial", today.format("%Y-%m-%d")));
    let _ = fs::remove_file(&partial);
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&partial)
        .with_context(|| format!("cannot write {}", partial.display()))?;
    let made = (|| {
        // A compact copy of one consistent snapshot: free pages (and any deleted
        // words left in them) are not carried over.
        let conn = read_only(&dir.join(DB_FILE), key)?;
        // Every page is read once and written once; VACUUM gives the copy the
        // journal's cache size. A small one keeps attune's memory small meanwhile.
        conn.pragma_update(None, "cache_size", -SMALL_CACHE_KIB)?;
        if let Some(stop) = stop {
            // Asked every thousand steps of SQLite's: a copy stops within a moment.
            conn.progress_handler(1000, Some(move || stop.load(Ordering::Relaxed)))?;
        }
        {
            // The default is the process's: one copy at a time sets and uses it.
            static COPYING: std::sync::Mutex<()> = std::sync::Mutex::new(());
            let _one_at_a_time = COPYING.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(key) = key {
                key.make_pages_default(&conn)?;
            }
            conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()])
                .context("the copy failed")?;
        }
        fs::File::open(&partial)?.sync_all()?;
        check_file(&partial, key).context("the new copy did not check out")?;
        fs::rename(&partial, &target)?;
        crate::fsutil::sync_dir(&backups)?;
        anyhow::Ok(())
    })();
    if let Err(e) = made {
        let _ = fs::remove_file(&partial);
        return Err(e);
    }
    // Only now, with a good new backup in place, does the oldest make room.
    let all = list(&backups)?;
    for old in &all[..all.len().saturating_sub(KEEP_BACKUPS)] {
        fs::remove_file(old)?;
    }
    Ok(Backup::Made(target))
}

/// Backups in a folder, oldest first.
pub(super) fn list(backups: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = fs::read_dir(backups)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| date_of(p).is_some())
        .collect();
    found.sort();
    Ok(found)
}

/// Does `passphrase` open the newest backup in `dir`? Asked when it does not open
/// the journal: if it opens the backup, the journal is damaged, not the passphrase
/// wrong. (A backup may have its own salt, so the key is derived for it.)
pub fn newest_backup_opens_with(dir: &Path, passphrase: &super::Passphrase) -> bool {
    let Some(newest) = list(&dir.join(BACKUP_DIR))
        .ok()
        .and_then(|l| l.last().cloned())
    else {
        return false;
    };
    let Ok(key) = Key::for_file(passphrase, &newest) else {
        return false;
    };
    read_only(&newest, Some(&key)).ok().and_then(|conn| {
        conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0))
            .ok()
    }) == Some(APPLICATION_ID)
}

/// Is `name` a backup's file name (`attune-YYYY-MM-DD.db`)?
pub(super) fn is_backup_name(name: &str) -> bool {
    date_of(Path::new(name)).is_some()
}

fn date_of(path: &Path) -> Option<NaiveDate> {
    let name = path.file_name()?.to_str()?;
    let date = name.strip_prefix("attune-")?.strip_suffix(".db")?;
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

impl Store {
    pub fn backup_dir(&self) -> PathBuf {
        self.dir.join(BACKUP_DIR)
    }

    /// Backups present, oldest first.
    pub fn backups(&self) -> std::io::Result<Vec<PathBuf>> {
        list(&self.backup_dir())
    }
}
