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
        self.tries(sources, None)
    }

    /// The latest `limit` tries by each rung prompt, oldest first, without how they
    /// went: what Insights pictures, read in a few milliseconds however long the
    /// journal (each try is a look-up of its entry's answers).
    pub fn latest_rung_tries(
        &self,
        sources: &[RungSource],
        limit: usize,
    ) -> rusqlite::Result<Vec<RungTry>> {
        self.tries(sources, Some(limit))
    }

    fn tries(
        &self,
        sources: &[RungSource],
        limit: Option<usize>,
    ) -> rusqlite::Result<Vec<RungTry>> {
        // How it went is read only for the ladder (not Insights): its words are long.
        let (how, how_join) = if limit.is_none() {
            (
                "how.label, how.text",
                "LEFT JOIN answers how ON how.entry_id = e.id AND how.prompt_id = ?5",
            )
        } else {
            ("NULL, NULL", "")
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT e.created_at, r.data, act.number, {how}
             FROM entries e
             JOIN answers r ON r.entry_id = e.id AND r.prompt_id = ?3 AND r.kind = 'rung'
             LEFT JOIN answers act ON act.entry_id = e.id AND act.prompt_id = ?4 AND act.kind = 'scale'
             {how_join}
             WHERE e.step_id = ?1 AND e.exercise_id = ?2 AND e.deleted_at IS NULL
             ORDER BY e.created_unix DESC, e.id DESC LIMIT ?6"
        ))?;
        let limit = limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let mut tries = Vec::new();
        for s in sources {
            let none = String::new();
            let rows = stmt.query_map(
                params![
                    s.step,
                    s.exercise,
                    s.prompt,
                    s.spec.actual.as_ref().unwrap_or(&none),
                    s.spec.how.as_ref().unwrap_or(&none),
                    limit
                ],
                |r| {
                    let value: AnswerValue = super::entries::json_column(r, 1)?;
                    let how = match (
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                    ) {
                        (Some(label), Some(text)) if !text.trim().is_empty() => {
                            Some(format!("{} {text}", label.trim()))
                        }
                        _ => None,
                    };
                    Ok((time(r, 0)?, value, r.get(2)?, how))
                },
            )?;
            for row in rows {
                let (on, value, actual, how): (_, _, Option<i64>, Option<String>) = row?;
                if let AnswerValue::Rung { text, rating, max } = value {
                    tries.push(RungTry {
                        rung: text,
                        on,
                        expected: rating,
                        actual,
                        max,
                        how,
                    });
                }
            }
        }
        tries.sort_by_key(|t| t.on);
        Ok(tries)
    }
}

/// "a.prompt_id, a.label, ...": the columns, each of table `table`.
fn prefixed(table: &str, columns: &str) -> String {
    columns
        .split(", ")
        .map(|c| format!("{table}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}
