//! The activity summary (schema v5): per exercise, how many live entries and the
//! newest one. Every write that adds, hides or brings back an entry keeps it right,
//! in the same transaction; `tests/activity.rs` checks it against counting.

use rusqlite::{Connection, params};

/// The newest of some live entries of one exercise: when it was made (Unix
/// seconds), its id, and its `created_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Newest {
    pub unix: i64,
    pub id: i64,
    pub at: String,
}

impl Newest {
    /// Whether an entry made at `unix` with this `id` is newer (the Review order).
    pub fn older_than(&self, unix: i64, id: i64) -> bool {
        (unix, id) > (self.unix, self.id)
    }
}

/// One more live entry of an exercise: counted, and the newest if it is newer.
pub(super) fn added(
    conn: &Connection,
    step_id: &str,
    exercise_id: &str,
    id: i64,
    unix: i64,
    at: &str,
) -> rusqlite::Result<()> {
    added_many(conn, step_id, exercise_id, 1, id, unix, at)
}

/// `times` more live entries of an exercise, the newest of them made at `unix`
/// with this `id` and `at`: counted, and that one the newest if it is newer. An
/// import counts as it goes and says so once per exercise, instead of counting the
/// whole journal again.
pub(super) fn added_many(
    conn: &Connection,
    step_id: &str,
    exercise_id: &str,
    times: i64,
    id: i64,
    unix: i64,
    at: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO activity (step_id, exercise_id, times, last_unix, last_id, last_at)
         VALUES (?1, ?2, ?6, ?3, ?4, ?5)
         ON CONFLICT (step_id, exercise_id) DO UPDATE SET
             times = times + excluded.times,
             last_unix = CASE WHEN last_unix IS NULL OR (excluded.last_unix, excluded.last_id) > (last_unix, last_id)
                 THEN excluded.last_unix ELSE last_unix END,
             last_id = CASE WHEN last_unix IS NULL OR (excluded.last_unix, excluded.last_id) > (last_unix, last_id)
                 THEN excluded.last_id ELSE last_id END,
             last_at = CASE WHEN last_unix IS NULL OR (excluded.last_unix, excluded.last_id) > (last_unix, last_id)
                 THEN excluded.last_at ELSE last_at END",
    )?
    .execute(params![step_id, exercise_id, unix, id, at, times])?;
    Ok(())
}

/// Count one exercise again (after a delete or an undo): its entries by the index.
pub(super) fn recount(conn: &Connection, step_id: &str, exercise_id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM activity WHERE step_id = ?1 AND exercise_id = ?2")?
        .execute(params![step_id, exercise_id])?;
    conn.prepare_cached(
        "WITH newest AS (
             SELECT created_unix, id, created_at FROM entries
             WHERE step_id = ?1 AND exercise_id = ?2 AND deleted_at IS NULL
             ORDER BY created_unix DESC, id DESC LIMIT 1)
         INSERT INTO activity (step_id, exercise_id, times, last_unix, last_id, last_at)
         SELECT ?1, ?2, count(*),
                (SELECT created_unix FROM newest), (SELECT id FROM newest),
                (SELECT created_at FROM newest)
         FROM entries WHERE step_id = ?1 AND exercise_id = ?2 AND deleted_at IS NULL
         HAVING count(*) > 0",
    )?
    .execute(params![step_id, exercise_id])?;
    Ok(())
}
