//! The only module that speaks SQL: opening (lock, permissions, crash-safe pragmas,
//! migrations), finished entries, and the saved session with its drafts.

mod activity;
mod backup;
mod cache;
mod convert;
mod entries;
mod errors;
mod import_file;
mod insights;
mod key;
mod open;
mod random;
mod review;
mod rungs;
mod search;
mod session;
mod stream;
mod transfer;

pub use import_file::{ExportFile, ImportSource, read_all as read_export_file};
pub use review::{Filter, Page};
pub use session::SessionWriter;
pub use stream::{Entries, ExportStream};
pub use transfer::{
    EXPORT_FORMAT, Export, ExportedEntry, ExportedVersion, ImportReport, TransferError,
};

pub use backup::{
    BACKUP_DIR, Backup, Damage, KEEP_BACKUPS, backup_if_due, backup_if_due_or_stop, check_file,
    check_journal, newest_backup_opens_with,
};
pub use convert::{Converted, change_interrupted, change_passphrase, decrypt, encrypt};
pub use errors::{OpenError, is_disk_full};
use errors::{classify, classify_keyed, explain, migration_failed};
pub use key::{
    KDF_ITERATIONS, Key, Looks, MAX_PASSPHRASE, PageMac, Pages, Passphrase, hide_from_dumps, looks,
};
pub use open::APPLICATION_ID;

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
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
    M::up(include_str!("schema_v4.sql")),
    M::up(concat!(
        include_str!("schema_v5.sql"),
        include_str!("activity_rebuild.sql")
    )),
    M::up(include_str!("schema_v6.sql")),
    M::up(include_str!("schema_v7.sql")),
    M::up(include_str!("schema_v8.sql")),
];

pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// An open journal: one SQLite file plus, when writable, the lock that keeps a second
/// attune out.
pub struct Store {
    conn: Connection,
    dir: PathBuf,
    /// The saved session could not be read at start: keep it aside before saving.
    session_unreadable: std::cell::Cell<bool>,
    /// The key of an encrypted journal, for every connection opened to it.
    key: Option<Key>,
    // Held for the life of the store; the OS releases it if the process dies.
    _lock: Option<File>,
}

impl Store {
    /// Open (creating if needed) the journal in `dir` for reading and writing. Anything
    /// that is not an attune journal this version can use is refused before a write.
    pub fn open(dir: &Path) -> Result<Store, OpenError> {
        Store::open_noting(dir, &|| {})
    }

    /// [`Store::open`], calling `upgrading` first when a journal made by an earlier
    /// version is about to be brought up to date (a large one can take seconds once,
    /// when a step rebuilds the search index), so the person can be told.
    pub fn open_noting(dir: &Path, upgrading: &dyn Fn()) -> Result<Store, OpenError> {
        Store::open_with(dir, None, upgrading)
    }

    /// Is the journal in `dir` free to open (no other attune has it)? Asked before the
    /// unlock screen, so nobody types a passphrase only to hear it is open elsewhere.
    pub fn free_to_open(dir: &Path) -> Result<(), OpenError> {
        open::data_dir(dir)?;
        drop(open::take_lock(dir)?);
        Ok(())
    }

    /// [`Store::open_noting`] for a journal that may be encrypted: `key` must open it
    /// when it is, and must be None when it is not.
    pub fn open_with(
        dir: &Path,
        key: Option<&Key>,
        upgrading: &dyn Fn(),
    ) -> Result<Store, OpenError> {
        key::quiet();
        open::data_dir(dir)?;
        let lock = open::take_lock(dir)?;
        open::mend_stale_shm(dir);
        let file = dir.join(DB_FILE);
        if open::inspect(&file, open::Locked::ByUs, key)? == open::Found::Nothing {
            if key.is_some() {
                return Err(OpenError::NotEncrypted { file });
            }
            open::create_private(&file)?;
        }
        let sql = |e| classify_keyed(&file, key.is_some(), e);
        let mut conn = Connection::open_with_flags(
            &file,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql)?;
        if let Some(key) = key {
            key.apply(&conn).map_err(sql)?;
        }
        // Until the file is known to be ours, closing must not fold a WAL into it.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
            .map_err(sql)?;
        // The look above was through the same file and WAL, under the same lock, but
        // this is the connection that will write: ask once more before it does.
        let app_id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(sql)?;
        if app_id != 0 && app_id != APPLICATION_ID {
            return Err(OpenError::Foreign { file });
        }
        // WAL is a property of the file; only a new journal needs it set (a write).
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .map_err(sql)?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(sql)?;
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sql)?;
        // What is deleted is overwritten on disk, not just unlinked.
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(sql)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(sql)?;
        // Sorting and search's temporary table stay in memory: no temporary file
        // outside the private folder ever holds anything of the journal.
        conn.pragma_update(None, "temp_store", "MEMORY")
            .map_err(sql)?;
        conn.busy_timeout(std::time::Duration::from_secs(2))
            .map_err(sql)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sql)?;
        if version > 0 && version < schema_version() {
            upgrading();
        }
        Migrations::from_slice(MIGRATIONS)
            .to_latest(&mut conn)
            .map_err(|e| migration_failed(&file, e))?;
        if app_id != APPLICATION_ID {
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(sql)?;
        }
        // Ours now: closing may fold the WAL into the file again.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)
            .map_err(sql)?;
        // A conversion stopped by a kill: finish it, or tidy its copies away.
        convert::finish_or_tidy(dir, key);
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
            session_unreadable: Default::default(),
            key: key.cloned(),
            _lock: Some(lock),
        })
    }

    /// Open the journal for reading only, without the lock, so `export` works while
    /// attune is open (WAL gives it a consistent snapshot). A journal that still needs
    /// its schema brought up to date is opened as with [`Store::open`].
    pub fn open_read_only(dir: &Path) -> Result<Store, OpenError> {
        Store::open_read_only_noting(dir, &|| {})
    }

    /// [`Store::open_read_only`], saying so first when the journal must be brought up
    /// to date (see [`Store::open_noting`]).
    pub fn open_read_only_noting(dir: &Path, upgrading: &dyn Fn()) -> Result<Store, OpenError> {
        Store::open_read_only_with(dir, None, upgrading)
    }

    /// [`Store::open_read_only_noting`] for a journal that may be encrypted (see
    /// [`Store::open_with`]).
    pub fn open_read_only_with(
        dir: &Path,
        key: Option<&Key>,
        upgrading: &dyn Fn(),
    ) -> Result<Store, OpenError> {
        // A file where the folder should be: said with what to do, as `open` says it.
        if dir.exists() && !dir.is_dir() {
            open::data_dir(dir)?;
        }
        let file = dir.join(DB_FILE);
        match open::inspect(&file, open::Locked::Not, key)? {
            open::Found::Nothing => Err(OpenError::NoJournal {
                dir: dir.to_path_buf(),
            }),
            open::Found::Journal(v) if v < schema_version() => {
                Store::open_with(dir, key, upgrading)
            }
            open::Found::Journal(_) => Ok(Store {
                conn: open::read_only(&file, key)?,
                dir: dir.to_path_buf(),
                session_unreadable: Default::default(),
                key: key.cloned(),
                _lock: None,
            }),
        }
    }

    /// A second connection to the journal in `dir`, read-only, for a thread that
    /// reads while the journal's own connection writes (Review's search). WAL gives
    /// each read its own snapshot. Drop it rather than close it: it never folds the
    /// WAL in or tidies side files.
    pub fn open_reader(dir: &Path, key: Option<&Key>) -> Result<Store, OpenError> {
        Ok(Store {
            conn: open::read_only(&dir.join(DB_FILE), key)?,
            dir: dir.to_path_buf(),
            session_unreadable: Default::default(),
            key: key.cloned(),
            _lock: None,
        })
    }

    /// The key of an encrypted journal (None for a plain one), for the connections
    /// other threads open to it.
    pub fn key(&self) -> Option<&Key> {
        self.key.as_ref()
    }

    /// A handle another thread can use to stop a query running on this connection
    /// (it then fails with SQLITE_INTERRUPT).
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// Leave the journal whole in `attune.db` alone: fold the WAL into it, truncate
    /// the WAL, and close. Every way of leaving attune ends here.
    pub fn close(self) -> rusqlite::Result<()> {
        let writer = self._lock.is_some();
        if writer {
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        self.conn.close().map_err(|(_, e)| e)?;
        if !writer {
            open::tidy_after_reading(&self.dir);
        }
        Ok(())
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

    /// What went wrong, in the person's words where it matters: a full disk is said
    /// as such, whatever SQLite called it.
    pub fn explain(&self, e: &rusqlite::Error) -> String {
        explain(&self.dir, e)
    }

    /// Cap the journal at `pages` pages for this connection, so a test can meet a
    /// real SQLITE_FULL without filling a disk.
    #[doc(hidden)]
    pub fn limit_pages(&self, pages: u32) -> rusqlite::Result<()> {
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
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

impl Store {
    /// Files someone else could read: attune makes them private, but a later copy or
    /// chmod can loosen them. Reported, never changed behind the person's back.
    pub fn privacy_problems(&self) -> Vec<String> {
        use std::os::unix::fs::PermissionsExt;
        let mut problems = Vec::new();
        let mut check = |path: PathBuf, want: u32, shown: String| {
            if let Ok(meta) = fs::metadata(&path) {
                let mode = meta.permissions().mode() & 0o777;
                if mode & 0o077 != 0 {
                    problems.push(format!(
                        "{shown} can be read by others (mode {mode:o}); `chmod {want:o} {}` makes it private again.",
                        path.display()
                    ));
                }
            }
        };
        check(self.dir.clone(), 0o700, self.dir.display().to_string());
        for name in [DB_FILE, "attune.db-wal", "attune.db-shm", LOCK_FILE] {
            let path = self.dir.join(name);
            check(path.clone(), 0o600, path.display().to_string());
        }
        // A journal kept elsewhere through a symlink: its real file and side files
        // are as private as they are there, whatever the link looks like.
        if let Some(real) = open::real_location(&self.db_path()) {
            let name = real.file_name().map(|n| n.to_string_lossy().into_owned());
            for suffix in ["", "-wal", "-shm"] {
                let file =
                    real.with_file_name(format!("{}{suffix}", name.as_deref().unwrap_or(DB_FILE)));
                let shown = format!(
                    "{} (where {} points)",
                    file.display(),
                    self.db_path().display()
                );
                check(file, 0o600, shown);
            }
        }
        problems
    }
}
