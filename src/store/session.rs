//! The saved session: one row holding the open screen and every draft, as JSON.
//! Written on every prompt change, shortly after typing stops, and on every exit.

use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use crate::session::Session;

impl Store {
    /// Save the session. If the one in the journal could not be read at start, it is
    /// first kept aside (in `settings`, as `unreadable_session_<time>`), in the same
    /// transaction, so no save ever destroys it.
    pub fn save_session(&self, session: &Session) -> rusqlite::Result<()> {
        if !self.session_unreadable.get() {
            return write(&self.conn, session);
        }
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO settings (key, value)
             SELECT ?1, data FROM session WHERE id = 1",
            [format!(
                "unreadable_session_{}",
                chrono::Local::now().to_rfc3339()
            )],
        )?;
        write(&tx, session)?;
        tx.commit()?;
        self.session_unreadable.set(false);
        Ok(())
    }

    /// The last saved session. One that cannot be read (written by a newer attune,
    /// say) is reported as an error; it is left in place, and kept aside by the next
    /// save (reading never writes: the journal may not have been checked yet).
    pub fn load_session(&self) -> Result<Option<Session>, SessionError> {
        read(&self.conn).map_err(|e| {
            if let SessionRead::Unreadable { .. } = &e {
                self.session_unreadable.set(true);
                return SessionError(format!("{e}; it is kept aside, not overwritten"));
            }
            SessionError(e.to_string())
        })
    }
}

/// A second connection to an open journal that only saves the session: what
/// attune's writer thread holds, so typing never waits for the disk's flush. The
/// journal's [`Store`] (and its lock) must outlive it.
pub struct SessionWriter {
    conn: Connection,
    dir: std::path::PathBuf,
}

impl Store {
    /// May the session be saved through a [`SessionWriter`]? Not by a reader, and not
    /// while the saved session must first be kept aside (`save_session` does that, on
    /// this connection).
    pub fn may_save_elsewhere(&self) -> bool {
        self._lock.is_some() && !self.session_unreadable.get()
    }
}

impl SessionWriter {
    /// Open a second connection to the journal in `dir`, which a [`Store`] of this
    /// process holds open (and locked).
    pub fn open(
        dir: &std::path::Path,
        key: Option<&super::Key>,
    ) -> rusqlite::Result<SessionWriter> {
        super::key::quiet();
        let conn = Connection::open_with_flags(
            dir.join(super::DB_FILE),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        if let Some(key) = key {
            key.apply(&conn)?;
        }
        // The same care as the journal's own connection (see `Store::open`).
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.busy_timeout(std::time::Duration::from_secs(2))?;
        Ok(SessionWriter {
            conn,
            dir: dir.to_path_buf(),
        })
    }

    /// Save the session; an error is said in words (a full disk as such).
    pub fn save(&self, session: &Session) -> Result<(), String> {
        write(&self.conn, session).map_err(|e| super::explain(&self.dir, &e))
    }

    /// Cap the journal at `pages` pages for this connection (a real SQLITE_FULL for
    /// tests, as [`Store::limit_pages`]).
    #[doc(hidden)]
    pub fn limit_pages(&self, pages: u32) -> rusqlite::Result<()> {
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
    }
}

/// Why a saved session could not be read.
#[derive(Debug, thiserror::Error)]
pub(super) enum SessionRead {
    #[error("{0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{why}")]
    Unreadable { why: String, text: String },
}

/// The saved session, read through any connection (or transaction).
pub(super) fn read(conn: &Connection) -> Result<Option<Session>, SessionRead> {
    let data: Option<String> = conn
        .query_row("SELECT data FROM session WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    match data {
        None => Ok(None),
        Some(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| SessionRead::Unreadable {
                why: e.to_string(),
                text,
            }),
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the saved session could not be read: {0}")]
pub struct SessionError(String);

pub(super) fn write(conn: &Connection, session: &Session) -> rusqlite::Result<()> {
    let data = serde_json::to_string(session)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    conn.execute(
        "INSERT INTO session (id, saved_at, data) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET saved_at = excluded.saved_at, data = excluded.data",
        params![chrono::Local::now().to_rfc3339(), data],
    )?;
    Ok(())
}
