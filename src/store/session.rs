//! The saved session: one row holding the open screen and every draft, as JSON.
//! Written on every prompt change, shortly after typing stops, and on every exit.

use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use crate::app::session::Session;

impl Store {
    pub fn save_session(&self, session: &Session) -> rusqlite::Result<()> {
        write(&self.conn, session)
    }

    /// The last saved session. One that cannot be read (written by a newer attune,
    /// say) is reported as an error and left in place, never overwritten silently.
    pub fn load_session(&self) -> Result<Option<Session>, SessionError> {
        let data: Option<String> = self
            .conn
            .query_row("SELECT data FROM session WHERE id = 1", [], |r| r.get(0))
            .optional()
            .map_err(|e| SessionError(e.to_string()))?;
        match data {
            None => Ok(None),
            Some(text) => serde_json::from_str(&text).map(Some).map_err(|e| {
                // Keep the unreadable copy aside so the next save cannot destroy it.
                let kept = self.conn.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                    params![
                        format!("unreadable_session_{}", chrono::Local::now().to_rfc3339()),
                        text
                    ],
                );
                SessionError(format!(
                    "{e} (a copy was kept: {})",
                    if kept.is_ok() { "yes" } else { "no" }
                ))
            }),
        }
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
