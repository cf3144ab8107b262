//! The only module that speaks SQL: opening (lock, permissions, crash-safe pragmas,
//! migrations), finished entries, and the saved session with its drafts.

mod backup;
mod entries;
mod review;
mod session;
mod transfer;

pub use review::{Filter, Page};
pub use transfer::{EXPORT_FORMAT, Export, ExportedEntry, ImportReport, TransferError};

pub use backup::{BACKUP_DIR, KEEP_BACKUPS};

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};

pub const DB_FILE: &str = "attune.db";
pub const LOCK_FILE: &str = "attune.lock";

/// Forward-only schema history. Each step runs in its own transaction and bumps
/// `PRAGMA user_version`; never edit a released step, only add new ones.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("schema_v1.sql")),
    M::up(include_str!("schema_v2.sql")).foreign_key_check(),
    M::up(include_str!("schema_v3.sql")),
];

pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Why the journal could not be opened. The runtime turns each into a message that
/// says what is wrong and what the person can do.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("attune is already open on {dir} (process {pid}). Close the other window first.")]
    Locked { dir: PathBuf, pid: String },
    #[error(
        "{file} was written by a newer attune (schema {found}, this one knows up to {supported}). \
         Run the newer attune; the file was not changed."
    )]
    TooNew {
        file: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "{file} is not an attune journal, or it is damaged ({detail}). attune did not change it. \
         To go on, restore a copy from the backups folder beside it (see \"Your data\" in the README), \
         or move the file aside to start a new journal."
    )]
    NotADatabase { file: PathBuf, detail: String },
    #[error("cannot use {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("cannot open the journal {file}: {detail}")]
    Sqlite { file: PathBuf, detail: String },
}

/// An open journal: one SQLite file plus the lock that keeps a second attune out.
pub struct Store {
    conn: Connection,
    dir: PathBuf,
    // Held for the life of the store; the OS releases it if the process dies.
    _lock: File,
}

impl Store {
    /// Open (creating if needed) the journal in `dir`.
    pub fn open(dir: &Path) -> Result<Store, OpenError> {
        let io_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| OpenError::Io { path, source }
        };
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(io_err(dir))?;
        let lock = take_lock(dir)?;

        let file = dir.join(DB_FILE);
        if !file.exists() {
            // Create it ourselves so it is private from the first byte; SQLite gives
            // its -wal and -shm files the same mode as the database.
            OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&file)
                .map_err(io_err(&file))?;
        }
        let sql_err = |file: &Path| {
            let file = file.to_path_buf();
            move |e: rusqlite::Error| classify(&file, e)
        };
        let mut conn = Connection::open_with_flags(
            &file,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql_err(&file))?;
        // Read before writing anything, so a foreign or newer file is left untouched.
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sql_err(&file))?;
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(sql_err(&file))?;
        if found > schema_version() {
            return Err(OpenError::TooNew {
                file,
                found,
                supported: schema_version(),
            });
        }
        // WAL is a property of the file; only a new journal needs it set (a write).
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .map_err(sql_err(&file))?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(sql_err(&file))?;
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sql_err(&file))?;
        // What is deleted is overwritten on disk, not just unlinked.
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(sql_err(&file))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(sql_err(&file))?;
        conn.busy_timeout(std::time::Duration::from_secs(2))
            .map_err(sql_err(&file))?;
        Migrations::from_slice(MIGRATIONS)
            .to_latest(&mut conn)
            .map_err(|e| OpenError::Sqlite {
                file: file.clone(),
                detail: format!("could not bring the schema up to date: {e}"),
            })?;
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
            _lock: lock,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.join(DB_FILE)
    }

    /// The schema version of the open file (`PRAGMA user_version`).
    pub fn user_version(&self) -> rusqlite::Result<i64> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))
    }

    /// `PRAGMA synchronous` of the open connection (2 is FULL).
    pub fn synchronous(&self) -> rusqlite::Result<i64> {
        self.conn.query_row("PRAGMA synchronous", [], |r| r.get(0))
    }

    /// Has the person read the first-run welcome?
    pub fn welcomed(&self) -> rusqlite::Result<bool> {
        self.conn
            .query_row(
                "SELECT count(*) FROM settings WHERE key = 'welcomed_at'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)
    }

    pub fn mark_welcomed(&self) -> rusqlite::Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO settings (key, value) VALUES ('welcomed_at', ?1)",
            [chrono::Local::now().to_rfc3339()],
        )?;
        Ok(())
    }
}

impl Store {
    /// Steps the person marked done by hand.
    pub fn done_steps(&self) -> rusqlite::Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT substr(key, 11) FROM settings WHERE key LIKE 'step_done:%' ORDER BY key",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect()
    }

    pub fn mark_step_done(&self, step_id: &str, done: bool) -> rusqlite::Result<()> {
        let key = format!("step_done:{step_id}");
        if done {
            self.conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, '1')",
                [key],
            )?;
        } else {
            self.conn
                .execute("DELETE FROM settings WHERE key = ?1", [key])?;
        }
        Ok(())
    }
}

fn take_lock(dir: &Path) -> Result<File, OpenError> {
    let path = dir.join(LOCK_FILE);
    let io_err = |source| OpenError::Io {
        path: path.clone(),
        source,
    };
    let mut lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(&path)
        .map_err(io_err)?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let pid = fs::read_to_string(&path)
                .map(|s| s.trim().to_string())
                .unwrap_or_default();
            let pid = if pid.is_empty() {
                "unknown".to_string()
            } else {
                pid
            };
            return Err(OpenError::Locked {
                dir: dir.to_path_buf(),
                pid,
            });
        }
        Err(fs::TryLockError::Error(e)) => return Err(io_err(e)),
    }
    // Only the holder writes its pid, so a second start can say who has it.
    lock.set_len(0).map_err(io_err)?;
    write!(lock, "{}", std::process::id()).map_err(io_err)?;
    Ok(lock)
}

fn classify(file: &Path, e: rusqlite::Error) -> OpenError {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    match e.sqlite_error_code() {
        Some(NotADatabase | DatabaseCorrupt) => OpenError::NotADatabase {
            file: file.to_path_buf(),
            detail: e.to_string(),
        },
        _ => OpenError::Sqlite {
            file: file.to_path_buf(),
            detail: e.to_string(),
        },
    }
}

impl Store {
    /// Files someone else could read: attune makes them private, but a later copy or
    /// chmod can loosen them. Reported, never changed behind the person's back.
    pub fn privacy_problems(&self) -> Vec<String> {
        use std::os::unix::fs::PermissionsExt;
        let mut problems = Vec::new();
        let mut check = |path: PathBuf, want: u32| {
            if let Ok(meta) = fs::metadata(&path) {
                let mode = meta.permissions().mode() & 0o777;
                if mode & 0o077 != 0 {
                    problems.push(format!(
                        "{} can be read by others (mode {mode:o}); `chmod {want:o} {}` makes it private again.",
                        path.display(),
                        path.display()
                    ));
                }
            }
        };
        check(self.dir.clone(), 0o700);
        for name in [DB_FILE, "attune.db-wal", "attune.db-shm", LOCK_FILE] {
            check(self.dir.join(name), 0o600);
        }
        problems
    }
}
