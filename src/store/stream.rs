//! Exports read as they are written: the head (settings, drafts, how many entries
//! and their first and last day) first, then one entry at a time from a single
//! ordered query, so a journal of any size exports in the memory of one entry.
//! Everything is read inside one read transaction: one consistent snapshot, even
//! while attune writes from another process.

use std::collections::HashMap;
use std::io;

use rusqlite::Transaction;

use super::cache::WideCache;
use super::entries::{ANSWER_COLUMNS, answer_into, json_column, text_into};
use super::review::MATCHING;
use super::transfer::{EXPORT_FORMAT, Export, ExportedEntry, ExportedVersion};
use super::{Filter, Store, schema_version};
use crate::journal::{Answer, AnswerValue};

/// What an export writer needs, whether the entries are in memory or still in the
/// journal.
pub trait Entries {
    /// Format, schema version, settings and drafts (entries are read with `each`).
    fn head(&self) -> &Export;
    fn count(&self) -> usize;
    /// `created_at` of the first and the last entry, oldest first.
    fn first_and_last(&self) -> (Option<&str>, Option<&str>);
    /// Every entry, oldest first; stops at the first error.
    fn each(&self, f: &mut dyn FnMut(&ExportedEntry) -> io::Result<()>) -> io::Result<()>;
}

impl Entries for Export {
    fn head(&self) -> &Export {
        self
    }
    fn count(&self) -> usize {
        self.entries.len()
    }
    fn first_and_last(&self) -> (Option<&str>, Option<&str>) {
        (
            self.entries.first().map(|e| e.created_at.as_str()),
            self.entries.last().map(|e| e.created_at.as_str()),
        )
    }
    fn each(&self, f: &mut dyn FnMut(&ExportedEntry) -> io::Result<()>) -> io::Result<()> {
        self.entries.iter().try_for_each(f)
    }
}

/// An export being read from the journal.
pub struct ExportStream<'a> {
    tx: Transaction<'a>,
    // Dropped after the transaction: the cache is given back once reading is over.
    _cache: WideCache<'a>,
    filter: Filter,
    head: Export,
    count: usize,
    first: Option<String>,
    last: Option<String>,
}

impl Store {
    /// Every entry the filter matches, oldest first, with its history: read as it
    /// is written (see [`Entries`]).
    pub fn export_stream(&self, filter: &Filter) -> rusqlite::Result<ExportStream<'_>> {
        let cache = WideCache::new(&self.conn, self.key.is_some());
        // Deferred: the snapshot starts with the first read and holds to the end.
        let tx = self.conn.unchecked_transaction()?;
        let bounds = |order: &str| -> rusqlite::Result<Option<String>> {
            tx.prepare_cached(&format!(
                "SELECT e.created_at {MATCHING} ORDER BY e.created_unix {order}, e.id {order} LIMIT 1"
            ))?
            .query_map(
                filter.matching_params(),
                |r| r.get(0),
            )?
            .next()
            .transpose()
        };
        let first = bounds("ASC")?;
        let last = bounds("DESC")?;
        let count: i64 = match filter.matching_params() {
            // Every live entry: the activity summary counts them (kept with every
            // write), without reading every entry's row (14 ms at 100,000 entries).
            (None, None, None, None, None) => tx
                .prepare_cached("SELECT coalesce(sum(times), 0) FROM activity")?
                .query_row([], |r| r.get(0))?,
            narrowed => tx
                .prepare_cached(&format!("SELECT count(*) {MATCHING}"))?
                .query_row(narrowed, |r| r.get(0))?,
        };
        let settings = tx
            .prepare_cached(
                "SELECT key, value FROM settings WHERE key NOT LIKE 'unreadable_session_%' ORDER BY key",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let head = Export {
            format: EXPORT_FORMAT.to_string(),
            schema_version: schema_version(),
            settings,
            entries: Vec::new(),
            drafts: self.drafts_for(filter),
        };
        Ok(ExportStream {
            tx,
            _cache: cache,
            filter: filter.clone(),
            head,
            count: count as usize,
            first,
            last,
        })
    }

    /// Every entry the filter matches, in memory (tests, small exports).
    pub fn export(&self, filter: &Filter) -> rusqlite::Result<Export> {
        let stream = self.export_stream(filter)?;
        let mut entries = Vec::with_capacity(stream.count);
        let read = stream.read(&mut |e| {
            entries.push(e.clone());
            Ok(())
        });
        match read {
            Ok(()) => {}
            Err(Stop::Sql(e)) => return Err(e),
            // Pushing into a Vec writes nothing that can fail.
            Err(Stop::Write(e)) => {
                return Err(rusqlite::Error::ToSqlConversionFailure(Box::new(e)));
            }
        }
        Ok(Export {
            entries,
            ..stream.head
        })
    }
}

/// Why reading stopped: the journal, or the writer the entries went to.
enum Stop {
    Sql(rusqlite::Error),
    Write(io::Error),
}

impl From<rusqlite::Error> for Stop {
    fn from(e: rusqlite::Error) -> Stop {
        Stop::Sql(e)
    }
}

impl ExportStream<'_> {
    /// Earlier versions of the exported entries that were edited, by entry id (few:
    /// only edits make them).
    fn history(&self) -> rusqlite::Result<HashMap<i64, Vec<ExportedVersion>>> {
        let mut history: HashMap<i64, Vec<ExportedVersion>> = HashMap::new();
        // Each earlier version asks whether its entry is exported: few are, and the
        // list of every exported entry, made first, took 21 ms at 100,000 entries
        // even when no entry had been edited.
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT h.entry_id, h.changed_at, h.answers FROM entry_history h
             WHERE EXISTS (SELECT 1 {MATCHING} AND e.id = h.entry_id)
             ORDER BY h.entry_id, h.id"
        ))?;
        let mut rows = stmt.query(self.filter.matching_params())?;
        while let Some(r) = rows.next()? {
            history.entry(r.get(0)?).or_default().push(ExportedVersion {
                changed_at: r.get(1)?,
                answers: json_column(r, 2)?,
            });
        }
        Ok(history)
    }

    fn read(&self, f: &mut dyn FnMut(&ExportedEntry) -> io::Result<()>) -> Result<(), Stop> {
        let mut history = self.history()?;
        // The same selection Review shows ("export what Review shows"), oldest first,
        // read by two queries in the same order stepped side by side: the entries, and
        // their answers (each entry's in order), so an answer's row does not carry its
        // entry's columns again.
        let mut entries = self.tx.prepare_cached(&format!(
            "SELECT e.id, e.uid, e.step_id, e.exercise_id, e.exercise_title, e.created_at,
                    e.updated_at {MATCHING}
             ORDER BY e.created_unix, e.id"
        ))?;
        let columns = ANSWER_COLUMNS
            .split(", ")
            .map(|c| format!("a.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut answers = self.tx.prepare_cached(&format!(
            "SELECT a.entry_id, {columns}
             FROM (SELECT e.id, e.created_unix {MATCHING}) e
             JOIN answers a ON a.entry_id = e.id
             ORDER BY e.created_unix, e.id, a.position"
        ))?;
        let mut entries = entries.query(self.filter.matching_params())?;
        let mut answers = answers.query(self.filter.matching_params())?;
        let mut answer = answers.next()?;
        // One entry and its answers, written over for each entry in turn: strings
        // are made again only when one outgrows its memory.
        let mut entry = ExportedEntry {
            uid: String::new(),
            step_id: String::new(),
            exercise_id: String::new(),
            exercise_title: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
            answers: Vec::new(),
            history: Vec::new(),
        };
        let mut spare: Vec<Answer> = Vec::new();
        while let Some(r) = entries.next()? {
            let id: i64 = r.get(0)?;
            text_into(r, 1, &mut entry.uid)?;
            text_into(r, 2, &mut entry.step_id)?;
            text_into(r, 3, &mut entry.exercise_id)?;
            text_into(r, 4, &mut entry.exercise_title)?;
            text_into(r, 5, &mut entry.created_at)?;
            text_into(r, 6, &mut entry.updated_at)?;
            entry.history = history.remove(&id).unwrap_or_default();
            // The last entry's answers, first answer on top, to be written over.
            spare.extend(entry.answers.drain(..).rev());
            while let Some(a) = answer
                && a.get::<_, i64>(0)? == id
            {
                let mut next = spare.pop().unwrap_or_else(|| Answer {
                    prompt_id: String::new(),
                    label: String::new(),
                    value: AnswerValue::Skipped,
                    pair: None,
                });
                answer_into(a, 1, &mut next)?;
                entry.answers.push(next);
                answer = answers.next()?;
            }
            f(&entry).map_err(Stop::Write)?;
        }
        // Every answer belongs to an entry read above, in the same order.
        match answer {
            None => Ok(()),
            Some(_) => Err(Stop::Sql(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_INTERNAL),
                Some("the answers were read out of step with their entries".into()),
            ))),
        }
    }
}

impl Entries for ExportStream<'_> {
    fn head(&self) -> &Export {
        &self.head
    }
    fn count(&self) -> usize {
        self.count
    }
    fn first_and_last(&self) -> (Option<&str>, Option<&str>) {
        (self.first.as_deref(), self.last.as_deref())
    }
    fn each(&self, f: &mut dyn FnMut(&ExportedEntry) -> io::Result<()>) -> io::Result<()> {
        self.read(f).map_err(|e| match e {
            Stop::Write(e) => e,
            Stop::Sql(e) => io::Error::other(e),
        })
    }
}
