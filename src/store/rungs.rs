//! Rungs tried: the latest answer of a ladder prompt, and every try of its rungs,
//! found from the entries whose rung prompts picked them (never kept on the ladder).

use chrono::{DateTime, FixedOffset};
use rusqlite::{OptionalExtension, params};

use super::Store;
use super::entries::{ANSWER_COLUMNS, answer_from_row, time};
use crate::content::RungSource;
use crate::journal::{AnswerValue, RungTry};

impl Store {
    /// The latest answer of a prompt (any kind, whole), and when it was written.
    pub fn latest_value(
        &self,
        step_id: &str,
        exercise_id: &str,
        prompt_id: &str,
    ) -> rusqlite::Result<Option<(DateTime<FixedOffset>, AnswerValue)>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT e.created_at, {} FROM entries e JOIN answers a ON a.entry_id = e.id
                     WHERE e.step_id = ?1 AND e.exercise_id = ?2 AND a.prompt_id = ?3
                       AND a.kind != 'skipped' AND e.deleted_at IS NULL
                     ORDER BY e.created_unix DESC, e.id DESC LIMIT 1",
                    prefixed("a", ANSWER_COLUMNS)
                ),
                params![step_id, exercise_id, prompt_id],
                |r| Ok((time(r, 0)?, answer_from_row(r, 1)?.value)),
            )
            .optional()
    }

    /// Every try of a rung by the rung prompts `sources`, oldest first: the rung's
    /// words and rating from the rung answer, how uncomfortable it was and how it
    /// went from the prompts of the same entry the content names.
    pub fn rung_tries(&self, sources: &[RungSource]) -> rusqlite::Result<Vec<RungTry>> {
        let mut tries = Vec::new();
        for s in sources {
            every_try(&self.conn, s, &mut tries)?;
        }
        tries.sort_by_key(|t| t.on);
        Ok(tries)
    }

    /// The latest `limit` tries by each rung prompt, oldest first, without how they
    /// went: what Insights pictures, read in a few milliseconds however long the
    /// journal (each try is a look-up of its entry's answers).
    pub fn latest_rung_tries(
        &self,
        sources: &[RungSource],
        limit: usize,
    ) -> rusqlite::Result<Vec<RungTry>> {
        // How it went is not read: its words are long, and Insights does not show it.
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.created_at, r.data, act.number
             FROM entries e
             JOIN answers r ON r.entry_id = e.id AND r.prompt_id = ?3 AND r.kind = 'rung'
             LEFT JOIN answers act ON act.entry_id = e.id AND act.prompt_id = ?4 AND act.kind = 'scale'
             WHERE e.step_id = ?1 AND e.exercise_id = ?2 AND e.deleted_at IS NULL
             ORDER BY e.created_unix DESC, e.id DESC LIMIT ?5",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut tries = Vec::new();
        for s in sources {
            let none = String::new();
            let rows = stmt.query_map(
                params![
                    s.step,
                    s.exercise,
                    s.prompt,
                    s.spec.actual.as_ref().unwrap_or(&none),
                    limit
                ],
                |r| {
                    let value: AnswerValue = super::entries::json_column(r, 1)?;
                    Ok((time(r, 0)?, value, r.get::<_, Option<i64>>(2)?))
                },
            )?;
            for row in rows {
                let (on, value, actual) = row?;
                if let AnswerValue::Rung { text, rating, max } = value {
                    tries.push(RungTry {
                        rung: text,
                        on,
                        expected: rating,
                        actual,
                        max,
                        how: None,
                    });
                }
            }
        }
        tries.sort_by_key(|t| t.on);
        Ok(tries)
    }
}

/// Every try by the rung prompt `s`, newest first, onto `tries`: each entry of its
/// exercise read once, with its answers to the rung prompt and to the prompts saying
/// how uncomfortable it was and how it went. (Joining the answers once for each of
/// the three read every answer of every entry three times: an eighth of a Markdown
/// export's samples at 10,000 entries.) An entry with several answers to one of them,
/// which only an import can bring, gives a try for each rung answer with each of the
/// others, as a join would.
fn every_try(
    conn: &rusqlite::Connection,
    s: &RungSource,
    tries: &mut Vec<RungTry>,
) -> rusqlite::Result<()> {
    let none = String::new();
    let actual = s.spec.actual.as_ref().unwrap_or(&none);
    let how = s.spec.how.as_ref().unwrap_or(&none);
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.created_at, a.prompt_id, a.kind, a.data, a.number, a.label, a.text
         FROM entries e JOIN answers a ON a.entry_id = e.id
         WHERE e.step_id = ?1 AND e.exercise_id = ?2 AND e.deleted_at IS NULL
           AND a.prompt_id IN (?3, ?4, ?5)
         ORDER BY e.created_unix DESC, e.id DESC",
    )?;
    let mut rows = stmt.query(params![s.step, s.exercise, s.prompt, actual, how])?;
    // The entry being read (its id, and when it was made: read as a time only if it
    // has a rung), and its answers to the three prompts, gathered until the next's.
    let mut entry: Option<(i64, String)> = None;
    let mut rungs: Vec<AnswerValue> = Vec::new();
    let mut actuals: Vec<Option<i64>> = Vec::new();
    let mut hows: Vec<Option<String>> = Vec::new();
    let mut flush = |at: &str,
                     rungs: &mut Vec<AnswerValue>,
                     actuals: &mut Vec<Option<i64>>,
                     hows: &mut Vec<Option<String>>|
     -> rusqlite::Result<()> {
        if rungs.is_empty() {
            actuals.clear();
            hows.clear();
            return Ok(());
        }
        let on = DateTime::parse_from_rfc3339(at).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
        })?;
        // No answer to a prompt is one try without it (a LEFT JOIN's NULL).
        let actuals = if actuals.is_empty() {
            vec![None]
        } else {
            std::mem::take(actuals)
        };
        let hows = if hows.is_empty() {
            vec![None]
        } else {
            std::mem::take(hows)
        };
        for value in rungs.drain(..) {
            let AnswerValue::Rung { text, rating, max } = value else {
                continue;
            };
            for actual in &actuals {
                for how in &hows {
                    tries.push(RungTry {
                        rung: text.clone(),
                        on,
                        expected: rating,
                        actual: *actual,
                        max,
                        how: how.clone(),
                    });
                }
            }
        }
        Ok(())
    };
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if entry.as_ref().is_none_or(|(last, _)| *last != id) {
            if let Some((_, at)) = &entry {
                flush(at, &mut rungs, &mut actuals, &mut hows)?;
            }
            entry = Some((id, r.get(1)?));
        }
        let prompt = r.get_ref(2)?.as_str()?;
        let kind = r.get_ref(3)?.as_str()?;
        if prompt == s.prompt && kind == "rung" {
            rungs.push(super::entries::json_column(r, 4)?);
        }
        if prompt == actual && kind == "scale" {
            actuals.push(r.get(5)?);
        }
        if prompt == how {
            let label = r.get_ref(6)?.as_str()?;
            hows.push(match r.get_ref(7)?.as_str_or_null()? {
                Some(text) if !text.trim().is_empty() => Some(format!("{} {text}", label.trim())),
                _ => None,
            });
        }
    }
    if let Some((_, at)) = &entry {
        flush(at, &mut rungs, &mut actuals, &mut hows)?;
    }
    Ok(())
}

/// "a.prompt_id, a.label, ...": the columns, each of table `table`.
fn prefixed(table: &str, columns: &str) -> String {
    columns
        .split(", ")
        .map(|c| format!("{table}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}
