//! The activity summary (schema v5): per exercise, how many live entries and the
//! newest one. Every write that adds, hides or brings back an entry keeps it right,
//! in the same transaction; `tests/activity.rs` checks it against counting.

use rusqlite::{Connection, params};

/// One more live entry of an exercise: counted, and the newest if it is newer.
pub(super) fn added(
    conn: &Connection,
    step_id: &str,
    exercise_id: &str,
    id: i64,
    unix: i64,
    at: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO activity (step_id, exercise_id, times, last_unix, last_id, last_at)
         VALUES (?1, ?2, 1, ?3, ?4, ?5)
         ON CONFLICT (step_id, exercise_id) DO UPDATE SET
             times = times + 1,
             last_unix = CASE WHEN last_unix IS NULL OR (excluded.last_unix, excluded.last_id) > (last_unix, last_id)
                 THEN excluded.last_unix ELSE last_unix END,
             last_id = CASE WHEN last_unix IS NULL OR (excluded.last_unix, excluded.last_id) > (last_unix, last_id)
                 THEN excluded.last_id ELSE last_id END,
             last_at = CASE WHEN last_unix IS NULL OR (excluded.last_unix, excluded.last_id) > (last_unix, last_id)
                 THEN excluded.last_at ELSE last_at END",
    )?
    .execute(params![step_id, exercise_id, unix, id, at])?;
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

/// Count everything again: after an import, and when a journal first gets the
/// summary (the same SQL is the end of migration 5).
pub(super) fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(REBUILD)
}

pub(super) const REBUILD: &str = include_str!("activity_rebuild.sql");
