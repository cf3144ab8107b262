//! Finished entries: commit (together with the session, atomically), list, read,
//! and the per-exercise activity that Home and Step show.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, Local};
use rusqlite::{OptionalExtension, Row, params};

use super::Store;
use crate::journal::{Answer, AnswerValue, Entry, EntrySummary, ExerciseActivity, NewEntry};
use crate::session::Session;

impl Store {
    /// Save a finished entry and the session without its draft in one transaction,
    /// so a crash can neither lose the entry nor save it twice.
    pub fn commit_entry(&mut self, entry: &NewEntry, session: &Session) -> rusqlite::Result<i64> {
        self.commit_entry_at(entry, Some(session), Local::now().fixed_offset())
    }

    /// As [`Store::commit_entry`], at a given time (for imports and tests).
    pub fn commit_entry_at(
        &mut self,
        entry: &NewEntry,
        session: Option<&Session>,
        at: DateTime<FixedOffset>,
    ) -> rusqlite::Result<i64> {
        let tx = self.conn.transaction()?;
        let id = insert_entry(&tx, entry, at)?;
        if let Some(session) = session {
            super::session::write(&tx, session)?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// Every entry, newest first, without answers.
    pub fn list_entries(&self) -> rusqlite::Result<Vec<EntrySummary>> {
        Ok(self
            .find_entries(&super::Filter::default(), 0, usize::MAX)?
            .rows)
    }

    /// One entry with every answer, in the order they were asked.
    pub fn entry(&self, id: i64) -> rusqlite::Result<Option<Entry>> {
        let head = self
            .conn
            .query_row(
                "SELECT id, step_id, exercise_id, exercise_title, created_at, updated_at, uid
                 FROM entries WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| {
                    Ok(Entry {
                        id: r.get(0)?,
                        uid: r.get(6)?,
                        step_id: r.get(1)?,
                        exercise_id: r.get(2)?,
                        exercise_title: r.get(3)?,
                        created_at: time(r, 4)?,
                        updated_at: time(r, 5)?,
                        answers: Vec::new(),
                        history: Vec::new(),
                    })
                },
            )
            .optional()?;
        let Some(mut entry) = head else {
            return Ok(None);
        };
        entry.answers = read_answers(&self.conn, id)?;
        entry.history = self.history(id)?;
        Ok(Some(entry))
    }

    /// The latest entry of an exercise, whole.
    pub fn latest_entry(
        &self,
        step_id: &str,
        exercise_id: &str,
    ) -> rusqlite::Result<Option<Entry>> {
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM entries WHERE step_id = ?1 AND exercise_id = ?2 AND deleted_at IS NULL
                 ORDER BY created_unix DESC, id DESC LIMIT 1",
                params![step_id, exercise_id],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.entry(id),
            None => Ok(None),
        }
    }

    /// The words of a prompt's answer in the latest entry of an exercise that has one,
    /// for a recall prompt elsewhere.
    pub fn latest_answer(
        &self,
        step_id: &str,
        exercise_id: &str,
        prompt_id: &str,
    ) -> rusqlite::Result<Option<(DateTime<FixedOffset>, String)>> {
        self.conn
            .query_row(
                "SELECT e.created_at, coalesce(a.text, CAST(a.number AS TEXT), '')
                 FROM entries e JOIN answers a ON a.entry_id = e.id
                 WHERE e.step_id = ?1 AND e.exercise_id = ?2 AND a.prompt_id = ?3 AND a.kind != 'skipped'
                   AND e.deleted_at IS NULL
                 ORDER BY e.created_unix DESC, e.id DESC LIMIT 1",
                params![step_id, exercise_id, prompt_id],
                |r| Ok((time(r, 0)?, r.get(1)?)),
            )
            .optional()
    }

    /// How often each exercise was finished and when last, from the summary the
    /// journal keeps up to date (schema v5): Home never counts entries.
    pub fn activity(&self) -> rusqlite::Result<Vec<ExerciseActivity>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT step_id, exercise_id, times, last_unix, last_at FROM activity
             WHERE times > 0 ORDER BY step_id, exercise_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ExerciseActivity {
                step_id: r.get(0)?,
                exercise_id: r.get(1)?,
                times: r.get(2)?,
                last_at: time(r, 4)?,
            })
        })?;
        rows.collect()
    }
}

/// A new entry with its answers, created at `at`.
pub(super) fn insert_entry(
    conn: &rusqlite::Connection,
    entry: &NewEntry,
    at: DateTime<FixedOffset>,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO entries (step_id, exercise_id, exercise_title, created_at, created_unix, updated_at, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?4, lower(hex(randomblob(16))))",
    )?
    .execute(params![entry.step_id, entry.exercise_id, entry.exercise_title, at.to_rfc3339(), at.timestamp()])?;
    let id = conn.last_insert_rowid();
    super::activity::added(
        conn,
        &entry.step_id,
        &entry.exercise_id,
        id,
        at.timestamp(),
        &at.to_rfc3339(),
    )?;
    insert_answers(conn, id, &entry.answers)?;
    Ok(id)
}

pub(super) fn time(r: &Row, i: usize) -> rusqlite::Result<DateTime<FixedOffset>> {
    let text: String = r.get(i)?;
    DateTime::parse_from_rfc3339(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Forget an entry's words in the search index, before its answers are written again.
pub(super) fn forget_words(conn: &rusqlite::Connection, entry_id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM entries_fts WHERE rowid = ?1")?
        .execute([entry_id])?;
    Ok(())
}

/// Write an entry's answers (position by position), for an entry that has none (a
/// new one, or after `DELETE FROM answers` and [`forget_words`]). Text stays searchable in `text`;
/// richer kinds keep their shape as JSON in `data`.
pub(super) fn insert_answers(
    conn: &rusqlite::Connection,
    entry_id: i64,
    answers: &[Answer],
) -> rusqlite::Result<()> {
    // Each answer's words once, borrowed where they are the answer itself (free
    // text, the bulk of a journal): for the `text` column and the search index.
    let texts: Vec<Cow<str>> = answers.iter().map(|a| words_of(&a.value)).collect();
    index_words(conn, entry_id, &texts)?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO answers (entry_id, position, prompt_id, label, kind, text, number, scale_min, scale_max, pair, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (position, (answer, words)) in answers.iter().zip(&texts).enumerate() {
        let text = Some(words.as_ref());
        let (text, number, min, max, data) = match &answer.value {
            AnswerValue::Skipped => (None, None, None, None, None),
            AnswerValue::Text(_) => (text, None, None, None, None),
            AnswerValue::Scale { value, min, max } => {
                (None, Some(*value), Some(*min), Some(*max), None)
            }
            // One feeling per line of `text`; `number` holds the strongest rating,
            // which Insights draws: not for feelings rated again later in the run
            // (the after half of a pair), which are not named anew.
            AnswerValue::Feeling(f) => (
                text,
                f.strongest()
                    .filter(|_| answer.pair_before(answers).is_none()),
                Some(0),
                Some(f.max),
                Some(to_json(&answer.value)?),
            ),
            other => (text, None, None, None, Some(to_json(other)?)),
        };
        insert.execute(params![
            entry_id,
            position as i64,
            answer.prompt_id,
            answer.label,
            answer.value.kind(),
            text,
            number,
            min,
            max,
            answer.pair,
            data
        ])?;
    }
    Ok(())
}

/// An answer's words ([`AnswerValue::full_text`]), not copied when they are its text.
fn words_of(value: &AnswerValue) -> Cow<'_, str> {
    match value {
        AnswerValue::Text(t) => Cow::Borrowed(t),
        other => Cow::Owned(other.full_text()),
    }
}

/// An entry's answers in the order they were asked.
pub(super) fn read_answers(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<Vec<Answer>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ANSWER_COLUMNS} FROM answers WHERE entry_id = ?1 ORDER BY position"
    ))?;
    let answers = stmt.query_map([id], |r| answer_from_row(r, 0))?;
    answers.collect()
}

/// The columns `answer_from_row` reads, in order.
pub(super) const ANSWER_COLUMNS: &str =
    "prompt_id, label, kind, text, number, scale_min, scale_max, pair, data";

/// One answer from `ANSWER_COLUMNS`, starting at column `at`.
pub(super) fn answer_from_row(r: &Row, at: usize) -> rusqlite::Result<Answer> {
    let mut answer = Answer {
        prompt_id: String::new(),
        label: String::new(),
        value: AnswerValue::Skipped,
        pair: None,
    };
    answer_into(r, at, &mut answer)?;
    Ok(answer)
}

/// [`answer_from_row`] into an answer already made, its strings written over rather
/// than made again (an export reads every answer of the journal through a few).
/// Kind and JSON are read where they lie, not copied.
pub(super) fn answer_into(r: &Row, at: usize, answer: &mut Answer) -> rusqlite::Result<()> {
    let kind = r.get_ref(at + 2)?.as_str()?;
    match (kind, r.get_ref(at + 8)?.as_str_or_null()?) {
        (_, Some(json)) => answer.value = parse_json(json, at + 8)?,
        ("text", None) => {
            let text = r.get_ref(at + 3)?.as_str_or_null()?.unwrap_or_default();
            match &mut answer.value {
                AnswerValue::Text(old) => refill(old, text),
                value => *value = AnswerValue::Text(text.to_owned()),
            }
        }
        ("scale", None) => {
            answer.value = AnswerValue::Scale {
                value: r.get::<_, Option<i64>>(at + 4)?.unwrap_or_default(),
                min: r.get::<_, Option<i64>>(at + 5)?.unwrap_or_default(),
                max: r.get::<_, Option<i64>>(at + 6)?.unwrap_or_default(),
            }
        }
        _ => answer.value = AnswerValue::Skipped,
    }
    refill(&mut answer.prompt_id, r.get_ref(at)?.as_str()?);
    refill(&mut answer.label, r.get_ref(at + 1)?.as_str()?);
    match (r.get_ref(at + 7)?.as_str_or_null()?, &mut answer.pair) {
        (None, pair) => *pair = None,
        (Some(new), Some(old)) => refill(old, new),
        (Some(new), pair) => *pair = Some(new.to_owned()),
    }
    Ok(())
}

/// `to` made to hold `from`, in the memory it has.
fn refill(to: &mut String, from: &str) {
    to.clear();
    to.push_str(from);
}

/// A text column into a string already made ([`refill`]).
pub(super) fn text_into(r: &Row, i: usize, to: &mut String) -> rusqlite::Result<()> {
    refill(to, r.get_ref(i)?.as_str()?);
    Ok(())
}

pub(super) fn to_json(value: &impl serde::Serialize) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// Put an entry's words in the search index: each answer's words
/// ([`AnswerValue::full_text`]), those with any, one after another on lines of
/// their own.
fn index_words(
    conn: &rusqlite::Connection,
    entry_id: i64,
    texts: &[Cow<str>],
) -> rusqlite::Result<()> {
    let mut words = String::with_capacity(texts.iter().map(|t| t.len() + 1).sum());
    for text in texts.iter().filter(|t| !t.is_empty()) {
        if !words.is_empty() {
            words.push('\n');
        }
        words.push_str(text);
    }
    conn.prepare_cached("INSERT INTO entries_fts (rowid, text) VALUES (?1, ?2)")?
        .execute(params![entry_id, words])?;
    Ok(())
}

/// A JSON column read into its type; a damaged value is a conversion error, not a panic.
pub(super) fn json_column<T: serde::de::DeserializeOwned>(
    r: &Row,
    i: usize,
) -> rusqlite::Result<T> {
    let json: String = r.get(i)?;
    parse_json(&json, i)
}

fn parse_json<T: serde::de::DeserializeOwned>(json: &str, column: usize) -> rusqlite::Result<T> {
    serde_json::from_str(json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
    })
}
