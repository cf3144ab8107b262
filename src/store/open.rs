//! Opening a journal without harming what is there: the lock, a look at the file
//! through a read-only connection, and only then the writable connection.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use super::key::{Key, Looks, looks};
use super::{BACKUP_DIR, DB_FILE, LOCK_FILE, OpenError, schema_version};

/// `PRAGMA application_id` of every attune journal ("attn"): how attune tells its own
/// files from another program's SQLite database.
pub const APPLICATION_ID: i32 = 0x6174_746e;

/// The schema versions written before journals carried the application id.
const UNMARKED_VERSIONS: std::ops::RangeInclusive<i64> = 1..=3;

/// What a first, read-only look found in `attune.db`.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Found {
    /// No file, or an empty one with no backups beside it: a new journal.
    Nothing,
    /// An attune journal (or a database with no tables at all) at this schema version.
    Journal(i64),
}

/// An I/O error on `path`, said plainly when it is a full disk.
pub(super) fn io_error(path: &Path, error: io::Error) -> OpenError {
    match error.raw_os_error() {
        Some(libc::ENOSPC | libc::EDQUOT) => OpenError::DiskFull {
            file: path.to_path_buf(),
        },
        _ => OpenError::Io {
            path: path.to_path_buf(),
            error,
        },
    }
}

/// Take the lock file without following a symlink or truncating anything not ours.
pub(super) fn take_lock(dir: &Path) -> Result<File, OpenError> {
    let path = dir.join(LOCK_FILE);
    let io_err = |source: io::Error| io_error(&path, source);
    let mut lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => OpenError::NotOurs {
                path: path.clone(),
                why: "it is a symbolic link".into(),
            },
            _ => io_err(e),
        })?;
    let meta = lock.metadata().map_err(io_err)?;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    let why = if !meta.is_file() {
        Some("it is not a regular file")
    } else if meta.nlink() > 1 {
        Some("it is a hard link to another file")
    } else if meta.uid() != me {
        Some("it belongs to another user")
    } else {
        None
    };
    if let Some(why) = why {
        return Err(OpenError::NotOurs {
            path,
            why: why.into(),
        });
    }
    match lock.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let pid = fs::read_to_string(&path)
                .map(|s| s.trim().to_string())
                .unwrap_or_default();
            return Err(OpenError::Locked {
                dir: dir.to_path_buf(),
                pid: if pid.is_empty() {
                    "unknown".to_string()
                } else {
                    pid
                },
            });
        }
        Err(fs::TryLockError::Error(e)) => return Err(io_err(e)),
    }
    // Only the holder writes its pid, so a second start can say who has it.
    lock.set_len(0).map_err(io_err)?;
    write!(lock, "{}", std::process::id()).map_err(io_err)?;
    Ok(lock)
}

/// Look at `attune.db` through a read-only connection that never checkpoints, so a
/// foreign, newer or damaged file (and any WAL beside it) stays byte for byte as it was.
pub(super) fn inspect(file: &Path, locked: Locked, key: Option<&Key>) -> Result<Found, OpenError> {
    // Reading a WAL-mode file makes SQLite create its -wal and -shm beside it. A
    // file that is refused is left as it was found: side files that were not there
    // before, and hold nothing, go again, but only when no attune can be using them.
    let side = |end: &str| file.with_file_name(format!("{DB_FILE}-{end}"));
    let absent = |end: &str| fs::symlink_metadata(side(end)).is_err();
    let (no_wal, no_shm) = (absent("wal"), absent("shm"));
    let found = inspect_file(file, key);
    let empty_wal = fs::symlink_metadata(side("wal")).is_ok_and(|m| m.is_file() && m.len() == 0);
    let alone = match locked {
        Locked::ByUs => true,
        Locked::Not => file.parent().is_some_and(no_attune_running),
    };
    if found.is_err() && no_wal && no_shm && empty_wal && alone {
        let _ = fs::remove_file(side("wal"));
        let _ = fs::remove_file(side("shm"));
    }
    found
}

/// Whether the caller holds the journal's lock (opening to write) or not (reading).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Locked {
    ByUs,
    Not,
}

/// No attune has the journal in `dir` open: there is no lock file (attune makes it
/// before anything else), or its lock can be taken.
fn no_attune_running(dir: &Path) -> bool {
    match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(dir.join(LOCK_FILE))
    {
        Ok(lock) => lock.try_lock().is_ok(),
        Err(e) => e.kind() == io::ErrorKind::NotFound,
    }
}

fn inspect_file(file: &Path, key: Option<&Key>) -> Result<Found, OpenError> {
    let meta = match fs::symlink_metadata(file) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(io_error(file, e)),
    };
    if fs::metadata(file).map(|m| m.len()).unwrap_or(meta.len()) == 0 {
        let backups = file.with_file_name(BACKUP_DIR);
        let has_backups = fs::read_dir(&backups)
            .map(|mut d| {
                d.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".db")))
            })
            .unwrap_or(false);
        return if has_backups {
            Err(OpenError::Empty {
                file: file.to_path_buf(),
                backups,
            })
        } else {
            Ok(Found::Nothing)
        };
    }
    match (looks(file).map_err(|e| io_error(file, e))?, key) {
        (Looks::Plain, Some(_)) => {
            return Err(OpenError::NotEncrypted {
                file: file.to_path_buf(),
            });
        }
        (Looks::Encrypted, None) => {
            return Err(OpenError::Encrypted {
                file: file.to_path_buf(),
            });
        }
        _ => {}
    }
    let conn = read_only(file, key)?;
    let sql = |e| super::classify_keyed(file, key.is_some(), e);
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(sql)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(sql)?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .map_err(sql)?;
    let ours: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'
             AND name IN ('entries', 'answers', 'session', 'settings')",
            [],
            |r| r.get(0),
        )
        .map_err(sql)?;
    let foreign = || OpenError::Foreign {
        file: file.to_path_buf(),
    };
    let found = match app_id {
        APPLICATION_ID => version,
        // Journals from before the mark, and a file whose first start stopped early.
        0 if UNMARKED_VERSIONS.contains(&version) && ours == 4 => version,
        0 if version == 0 && tables == 0 => 0,
        _ => return Err(foreign()),
    };
    if found > schema_version() {
        return Err(OpenError::TooNew {
            file: file.to_path_buf(),
            found,
            supported: schema_version(),
        });
    }
    Ok(Found::Journal(found))
}

/// A connection that can only read and never folds the WAL into the file on close.
pub(super) fn read_only(file: &Path, key: Option<&Key>) -> Result<Connection, OpenError> {
    super::key::quiet();
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| super::classify(file, e))?;
    if let Some(key) = key {
        key.apply(&conn).map_err(|e| super::classify(file, e))?;
    }
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
        .map_err(|e| super::classify(file, e))?;
    // No temporary file outside the private folder (see `Store::open`).
    conn.pragma_update(None, "temp_store", "MEMORY")
        .map_err(|e| super::classify(file, e))?;
    Ok(conn)
}

/// SQLite gives its `-shm` file the journal's mode at the time it was made; one left
/// read-only from a journal the person has since made writable again would keep
/// failing. It holds nothing the WAL doesn't, so a stale one of ours is made writable.
pub(super) fn mend_stale_shm(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let shm = dir.join(format!("{DB_FILE}-shm"));
    let Ok(meta) = fs::symlink_metadata(&shm) else {
        return;
    };
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if meta.is_file() && meta.uid() == me && meta.permissions().mode() & 0o200 == 0 {
        let _ = fs::set_permissions(&shm, fs::Permissions::from_mode(0o600));
    }
}

/// Create `attune.db` ourselves so it is private from the first byte; SQLite gives
/// its -wal and -shm files the same mode as the database.
pub(super) fn create_private(file: &Path) -> Result<(), OpenError> {
    let io_err = |error| io_error(file, error);
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(file)
    {
        Ok(_) => Ok(()),
        // The empty file of a first start that stopped early: use it.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(io_err(e)),
    }
}

/// The data directory, created private, or a clear word on why it can't be.
pub(super) fn data_dir(dir: &Path) -> Result<(), OpenError> {
    crate::fsutil::private_dir(dir).map_err(|error| io_error(dir, error))
}

/// Where a symlinked journal really is, for the privacy check.
pub(super) fn real_location(file: &Path) -> Option<PathBuf> {
    let meta = fs::symlink_metadata(file).ok()?;
    meta.file_type()
        .is_symlink()
        .then(|| fs::canonicalize(file).ok())
        .flatten()
}

/// A reader (export while attune is closed) leaves an empty `-wal` and a `-shm` that
/// only a writer would remove. When no attune holds the lock and the WAL is empty,
/// they hold nothing: remove them, so `attune.db` stands alone again.
pub(super) fn tidy_after_reading(dir: &Path) {
    let wal = dir.join(format!("{DB_FILE}-wal"));
    if !fs::symlink_metadata(&wal).is_ok_and(|m| m.is_file() && m.len() == 0) {
        return;
    }
    // No lock file means no attune made this journal; leave such a folder as it is.
    if dir.join(LOCK_FILE).exists() && no_attune_running(dir) {
        let _ = fs::remove_file(&wal);
        let _ = fs::remove_file(dir.join(format!("{DB_FILE}-shm")));
    }
}
