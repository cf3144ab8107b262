//! Export and import of the whole journal as JSON: every entry with its history,
//! the schema version and settings. Import is all or nothing and idempotent.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, RandomState};

use chrono::DateTime;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::activity::Newest;
use super::entries::{insert_answers, to_json};
use super::import_file::ImportSource;
use super::{Filter, Store, schema_version};
use crate::journal::Answer;
use crate::session::{SavedDraft, Session};

pub const EXPORT_FORMAT: &str = "attune-export";

/// A complete backup as JSON. Nothing in it depends on when it was made, so the same
/// journal always exports to the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    pub format: String,
    pub schema_version: i64,
    pub settings: BTreeMap<String, String>,
    pub entries: Vec<ExportedEntry>,
    /// Exercises in progress (and drafts kept aside), so a restore brings back every
    /// word, not only finished entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drafts: Vec<SavedDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedEntry {
    /// Stable across export and import: how an import knows what it already has.
    pub uid: String,
    pub step_id: String,
    pub exercise_id: String,
    pub exercise_title: String,
    /// RFC 3339 in the person's offset at the time, exactly as stored.
    pub created_at: String,
    pub updated_at: String,
    pub answers: Vec<Answer>,
    #[serde(default)]
    pub history: Vec<ExportedVersion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedVersion {
    pub changed_at: String,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub added: usize,
    pub already_there: usize,
    /// Entries not imported because an earlier entry of the same file has their uid
    /// with different content: (entry number in the file, the earlier one's number).
    pub clashing: Vec<(usize, usize)>,
    /// Drafts brought back into the session.
    pub drafts: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("this is not an attune export ({0}). Nothing was imported.")]
    NotAnExport(String),
    #[error(
        "this export comes from a newer attune (schema {found}; this one knows up to {supported}). Nothing was imported."
    )]
    Newer { found: i64, supported: i64 },
    #[error("it cannot be read ({0}). Nothing was imported.")]
    Unreadable(String),
    #[error("entry {index} of the export is not valid: {why}. Nothing was imported.")]
    BadEntry { index: usize, why: String },
    #[error("the journal could not be written: {0}. Nothing was imported.")]
    Store(#[from] rusqlite::Error),
    #[error(
        "the export has drafts, but the journal's saved session could not be read ({0}). Nothing was imported."
    )]
    Session(String),
}

impl Export {
    /// An export of these entries in this version's format, with no settings and no
    /// drafts (generated and test journals).
    pub fn of_entries(entries: Vec<ExportedEntry>) -> Export {
        Export {
            format: EXPORT_FORMAT.to_string(),
            schema_version: schema_version(),
            settings: BTreeMap::new(),
            entries,
            drafts: Vec::new(),
        }
    }

    /// An export holding only drafts: what a rescue file is.
    pub fn of_drafts(session: &Session) -> Export {
        Export {
            drafts: session
                .drafts
                .iter()
                .chain(&session.kept)
                .cloned()
                .collect(),
            ..Export::of_entries(Vec::new())
        }
    }

    /// Parse and check an export file completely before anything touches the journal.
    pub fn parse(bytes: &[u8]) -> Result<Export, TransferError> {
        let export: Export =
            serde_json::from_slice(bytes).map_err(|e| TransferError::NotAnExport(e.to_string()))?;
        if export.format != EXPORT_FORMAT {
            return Err(TransferError::NotAnExport(format!(
                "its format is \"{}\"",
                export.format
            )));
        }
        if export.schema_version > schema_version() {
            return Err(TransferError::Newer {
                found: export.schema_version,
                supported: schema_version(),
            });
        }
        for (index, e) in export.entries.iter().enumerate() {
            check_entry(index, e)?;
        }
        Ok(export)
    }
}

/// What every entry of an export must be (`index` from 0): ids, and dates that read.
pub(super) fn check_entry(index: usize, e: &ExportedEntry) -> Result<(), TransferError> {
    let bad = |why: String| TransferError::BadEntry {
        index: index + 1,
        why,
    };
    if e.uid.is_empty() || e.step_id.is_empty() || e.exercise_id.is_empty() {
        return Err(bad("uid, step_id and exercise_id must not be empty".into()));
    }
    for stamp in std::iter::once(&e.created_at)
        .chain([&e.updated_at])
        .chain(e.history.iter().map(|h| &h.changed_at))
    {
        DateTime::parse_from_rfc3339(stamp)
            .map_err(|err| bad(format!("\"{stamp}\" is not a date and time ({err})")))?;
    }
    Ok(())
}

/// A 64-bit hash of an entry's content under a key chosen for this import: how an
/// import tells a repeat of an earlier entry of the same file from a clash without
/// keeping it (two different entries agree by chance once in 2^64).
fn fingerprint(e: &ExportedEntry, key: &RandomState) -> u64 {
    key.hash_one(e)
}

impl Store {
    /// The drafts an export carries: all for a full export, a step's for a per-step
    /// one; drafts have no date or words, so one narrowed by those carries none.
    pub(super) fn drafts_for(&self, filter: &Filter) -> Vec<SavedDraft> {
        match (filter.since, filter.until, filter.words.trim()) {
            (None, None, "") => self
                .load_session()
                .ok()
                .flatten()
                .map(|s| {
                    s.drafts
                        .into_iter()
                        .chain(s.kept)
                        .filter(|d| filter.step.as_ref().is_none_or(|x| *x == d.step_id))
                        .filter(|d| filter.exercise.as_ref().is_none_or(|x| *x == d.exercise_id))
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Add what the export has and the journal lacks, in one transaction: importing
    /// the same file twice adds nothing the second time. Drafts join the session.
    /// The entries are read one at a time (see `ImportSource`) and added as they come;
    /// an error anywhere in the source rolls back everything.
    pub fn import(&mut self, source: &dyn ImportSource) -> Result<ImportReport, TransferError> {
        let tx = self.conn.transaction()?;
        let mut report = ImportReport::default();
        // uid -> (its place in the file, its content's fingerprint), to tell a repeat
        // from a clash.
        let key = RandomState::new();
        let mut seen: HashMap<String, (usize, u64)> = HashMap::new();
        // Per exercise, how many entries were added and the newest of them: the
        // activity summary is told once per exercise at the end.
        let mut counted: HashMap<(String, String), (i64, Newest)> = HashMap::new();
        let export = source.each(&mut |index, e| {
            check_entry(index, e)?;
            let print = fingerprint(e, &key);
            if let Some((first, earlier)) = seen.get(e.uid.as_str()) {
                if *earlier == print {
                    report.already_there += 1;
                } else {
                    report.clashing.push((index + 1, first + 1));
                }
                return Ok(());
            }
            seen.insert(e.uid.clone(), (index, print));
            let created = DateTime::parse_from_rfc3339(&e.created_at).map_err(|err| {
                TransferError::BadEntry {
                    index: index + 1,
                    why: err.to_string(),
                }
            })?;
            // Cached statements: preparing one per entry costs more than the insert.
            // A uid the journal has is the entry it has: nothing is added (the uid's
            // unique index says so, without a lookup of its own).
            let added = tx
                .prepare_cached(
                    "INSERT INTO entries (step_id, exercise_id, exercise_title, created_at, created_unix, updated_at, uid)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (uid) DO NOTHING",
                )?
                .execute(params![e.step_id, e.exercise_id, e.exercise_title, e.created_at, created.timestamp(), e.updated_at, e.uid])?;
            if added == 0 {
                report.already_there += 1;
                return Ok(());
            }
            let id = tx.last_insert_rowid();
            let unix = created.timestamp();
            let this = || Newest {
                unix,
                id,
                at: e.created_at.clone(),
            };
            counted
                .entry((e.step_id.clone(), e.exercise_id.clone()))
                .and_modify(|(times, newest)| {
                    *times += 1;
                    if newest.older_than(unix, id) {
                        *newest = this();
                    }
                })
                .or_insert_with(|| (1, this()));
            insert_answers(&tx, id, &e.answers)?;
            for version in &e.history {
                tx.prepare_cached(
                    "INSERT INTO entry_history (entry_id, changed_at, answers) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![
                    id,
                    version.changed_at,
                    to_json(&version.answers)?
                ])?;
            }
            report.added += 1;
            Ok(())
        })?;
        for ((step_id, exercise_id), (times, newest)) in &counted {
            super::activity::added_many(
                &tx,
                step_id,
                exercise_id,
                *times,
                newest.id,
                newest.unix,
                &newest.at,
            )?;
        }
        for (key, value) in &export.settings {
            tx.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES (?1, ?2)",
                params![key, value],
            )?;
        }
        if !export.drafts.is_empty() {
            let mut session = super::session::read(&tx)
                .map_err(|e| TransferError::Session(e.to_string()))?
                .unwrap_or_else(Session::empty);
            report.drafts = session.merge(export.drafts.clone());
            super::session::write(&tx, &session)?;
        }
        tx.commit()?;
        Ok(report)
    }
}
