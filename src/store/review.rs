//! Finding entries: filters by step, exercise and dates, full-text search (FTS5),
//! paging, editing with history, and deleting with an undo until attune closes.

use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use rusqlite::params;

use super::Store;
use super::entries::{forget_words, insert_answers, json_column, read_answers, time, to_json};
use crate::journal::{EntrySummary, EntryVersion, MATCH_END, MATCH_START, NewEntry, Updated};
use crate::session::Session;

/// Which entries Review shows. Every part is optional and they combine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub step: Option<String>,
    pub exercise: Option<String>,
    /// From this day ...
    pub since: Option<NaiveDate>,
    /// ... up to and including this day. A day is the date an entry was written on,
    /// where it was written (the date its own time shows), so a filter means the same
    /// wherever and whenever it is asked.
    pub until: Option<NaiveDate>,
    /// Words that must all appear in the entry's answers (prefixes match).
    pub words: String,
}

/// One page of results and how many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub offset: usize,
    pub rows: Vec<EntrySummary>,
    pub total: usize,
}

impl Filter {
    /// The search words as the index sees them (see `crate::search`).
    pub fn terms(&self) -> Vec<String> {
        crate::search::terms(&self.words)
    }

    /// The day bounds as the journal writes dates (YYYY-MM-DD).
    pub(super) fn days(&self) -> (Option<String>, Option<String>) {
        let day = |d: &NaiveDate| d.format("%Y-%m-%d").to_string();
        (self.since.as_ref().map(day), self.until.as_ref().map(day))
    }

    /// The five parameters of [`MATCHING`], in order: step, exercise, since, until,
    /// and the words as an FTS5 query.
    pub(super) fn matching_params(&self) -> MatchingParams {
        let (since, until) = self.days();
        (
            self.step.clone(),
            self.exercise.clone(),
            since,
            until,
            self.fts_query(),
        )
    }

    /// The words as an FTS5 query: each term quoted (so nothing is taken as syntax)
    /// and matched as a prefix; all must appear.
    pub fn fts_query(&self) -> Option<String> {
        crate::search::fts_query(&self.terms())
    }
}

/// What [`Filter::matching_params`] binds to `?1`..`?5` of [`MATCHING`].
pub(super) type MatchingParams = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The entries a filter selects. With words, the search index is asked once (IN,
/// not a join, which would ask it once per entry).
pub(super) const MATCHING: &str = "FROM entries e
     WHERE e.deleted_at IS NULL
       AND (?1 IS NULL OR e.step_id = ?1)
       AND (?2 IS NULL OR e.exercise_id = ?2)
       AND (?3 IS NULL OR substr(e.created_at, 1, 10) >= ?3)
       AND (?4 IS NULL OR substr(e.created_at, 1, 10) <= ?4)
       AND (?5 IS NULL OR e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?5))";

impl Store {
    /// A page of entries matching the filter, newest first, and how many match. With
    /// words, see `search.rs`: the preview is a snippet around the first match, the
    /// matching words marked.
    pub fn find_entries(
        &self,
        filter: &Filter,
        offset: usize,
        limit: usize,
    ) -> rusqlite::Result<Page> {
        let terms = filter.terms();
        if filter.fts_query().is_some() {
            return self.search_entries(filter, &terms, offset, limit);
        }
        let (since, until) = filter.days();
        // One snapshot for the count and the page.
        let tx = self.conn.unchecked_transaction()?;
        // The preview is the first 300 characters of the answers, so no answer needs
        // more than that read.
        let sql = format!(
            "SELECT e.id, e.step_id, e.exercise_id, e.exercise_title, e.created_at,
                    (SELECT group_concat(substr(a.text, 1, 300), char(10)) FROM answers a
                     WHERE a.entry_id = e.id AND a.text IS NOT NULL AND trim(a.text) != '')
             {MATCHING}
             ORDER BY e.created_unix DESC, e.id DESC LIMIT ?6 OFFSET ?7"
        );
        // Counted apart: a window count would make SQLite build every row's preview.
        // By step and exercise alone, the summary Home reads already knows (schema v5).
        let total: i64 = if since.is_none() && until.is_none() {
            tx.prepare_cached(
                "SELECT coalesce(sum(times), 0) FROM activity
                     WHERE (?1 IS NULL OR step_id = ?1) AND (?2 IS NULL OR exercise_id = ?2)",
            )?
            .query_row(params![filter.step, filter.exercise], |r| r.get(0))?
        } else {
            tx.prepare_cached(&format!("SELECT count(*) {MATCHING}"))?
                .query_row(filter.matching_params(), |r| r.get(0))?
        };
        let mut stmt = tx.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(
                params![
                    filter.step,
                    filter.exercise,
                    since,
                    until,
                    None::<String>,
                    limit.min(i64::MAX as usize) as i64,
                    offset.min(i64::MAX as usize) as i64
                ],
                |r| summary(r, |text| cut(text, 300)),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        drop(stmt);
        tx.commit()?;
        Ok(Page {
            offset,
            rows,
            total: total as usize,
        })
    }

    /// Replace an entry's answers, keeping what they were in its history, and save
    /// the session without the edit's draft, in one transaction (a crash can neither
    /// lose the edit nor apply it twice). An entry deleted meanwhile is not brought
    /// back: the edit is saved as a new entry instead.
    pub fn update_entry(
        &mut self,
        id: i64,
        uid: Option<&str>,
        entry: &NewEntry,
        session: &Session,
    ) -> rusqlite::Result<Updated> {
        self.update_entry_at(id, uid, entry, Some(session), Local::now().fixed_offset())
    }

    pub fn update_entry_at(
        &mut self,
        id: i64,
        uid: Option<&str>,
        entry: &NewEntry,
        session: Option<&Session>,
        at: DateTime<FixedOffset>,
    ) -> rusqlite::Result<Updated> {
        let tx = self.conn.transaction()?;
        // The same entry: its row id, and its uid when the edit knows it (drafts made
        // before uids were kept know only the row id).
        let live: bool = tx.query_row(
            "SELECT count(*) > 0 FROM entries
             WHERE id = ?1 AND (?2 IS NULL OR uid = ?2) AND deleted_at IS NULL",
            params![id, uid],
            |r| r.get(0),
        )?;
        let saved = if live {
            let before = read_answers(&tx, id)?;
            tx.execute(
                "INSERT INTO entry_history (entry_id, changed_at, answers) VALUES (?1, ?2, ?3)",
                params![id, at.to_rfc3339(), to_json(&before)?],
            )?;
            tx.execute("DELETE FROM answers WHERE entry_id = ?1", [id])?;
            forget_words(&tx, id)?;
            insert_answers(&tx, id, &entry.answers)?;
            tx.execute(
                "UPDATE entries SET updated_at = ?2 WHERE id = ?1",
                params![id, at.to_rfc3339()],
            )?;
            Updated { id, as_new: false }
        } else {
            Updated {
                id: super::entries::insert_entry(&tx, entry, at)?,
                as_new: true,
            }
        };
        if let Some(session) = session {
            super::session::write(&tx, session)?;
        }
        tx.commit()?;
        Ok(saved)
    }

    /// Earlier versions of an entry, oldest first.
    pub fn history(&self, id: i64) -> rusqlite::Result<Vec<EntryVersion>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT changed_at, answers FROM entry_history WHERE entry_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([id], |r| {
            let answers = json_column(r, 1)?;
            Ok(EntryVersion {
                changed_at: time(r, 0)?,
                answers,
            })
        })?;
        rows.collect()
    }

    /// Hide an entry; it can be brought back with `undelete` until attune closes.
    pub fn delete_entry(&self, id: i64) -> rusqlite::Result<bool> {
        self.set_deleted(id, Some(Local::now().to_rfc3339()))
    }

    pub fn undelete_entry(&self, id: i64) -> rusqlite::Result<bool> {
        self.set_deleted(id, None)
    }

    /// Hide or bring back an entry, and count its exercise again, in one transaction.
    fn set_deleted(&self, id: i64, at: Option<String>) -> rusqlite::Result<bool> {
        let tx = self.conn.unchecked_transaction()?;
        let changed: Option<(String, String)> = tx
            .prepare_cached(
                "UPDATE entries SET deleted_at = ?2
                 WHERE id = ?1 AND (deleted_at IS NULL) = (?2 IS NOT NULL)
                 RETURNING step_id, exercise_id",
            )?
            .query_map(params![id, at], |r| Ok((r.get(0)?, r.get(1)?)))?
            .next()
            .transpose()?;
        if let Some((step, exercise)) = &changed {
            super::activity::recount(&tx, step, exercise)?;
        }
        tx.commit()?;
        Ok(changed.is_some())
    }

    /// Remove deleted entries for good (on the way out, and at start for any left
    /// by a crash). `secure_delete` overwrites their words on disk.
    pub fn purge_deleted(&self) -> rusqlite::Result<usize> {
        let purged = self
            .conn
            .execute("DELETE FROM entries WHERE deleted_at IS NOT NULL", [])?;
        if purged > 0 {
            // The search index only marks deleted rows; merging it rewrites its words
            // without theirs, and secure_delete zeroes the pages the old ones were on.
            self.conn.execute(
                "INSERT INTO entries_fts (entries_fts) VALUES ('optimize')",
                [],
            )?;
        }
        Ok(purged)
    }
}

/// A row of (id, step, exercise, title, created_at, answers' text) as Review lists
/// it, the preview made from the text.
pub(super) fn summary(
    r: &rusqlite::Row,
    preview: impl FnOnce(&str) -> String,
) -> rusqlite::Result<EntrySummary> {
    let text: String = r.get::<_, Option<String>>(5)?.unwrap_or_default();
    Ok(EntrySummary {
        id: r.get(0)?,
        step_id: r.get(1)?,
        exercise_id: r.get(2)?,
        exercise_title: r.get(3)?,
        created_at: time(r, 4)?,
        preview: preview(&text),
    })
}

fn cut(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// A window of the text around the first match, each matching word between the match
/// markers, and runs of white space (line breaks too) shown as one space. Reads the
/// text only as far as the window reaches.
pub(super) fn snippet(text: &str, terms: &[String]) -> String {
    let hit = |t: &crate::search::Token| crate::search::is_match(&t.folded, terms);
    let first = crate::search::tokens(text)
        .find(hit)
        .map_or(0, |t| t.range.start);
    // Some words of what came before, starting at a word.
    let before: Vec<usize> = text[..first]
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .take(7)
        .collect();
    let start = if before.len() == 7 { before[6] } else { 0 };
    let end = text[start..]
        .char_indices()
        .nth(240)
        .map_or(text.len(), |(i, _)| start + i);
    let window = &text[start..end];
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    let push = |out: &mut String, piece: &str| {
        for c in piece.chars() {
            if c.is_whitespace() {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
    };
    let mut at = 0;
    for token in crate::search::tokens(window).filter(hit) {
        push(&mut out, &window[at..token.range.start]);
        out.push(MATCH_START);
        push(&mut out, &window[token.range.clone()]);
        out.push(MATCH_END);
        at = token.range.end;
    }
    push(&mut out, &window[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::snippet;
    use crate::journal::{MATCH_END, MATCH_START};

    fn marked(text: &str, words: &str) -> String {
        snippet(text, &crate::search::terms(words))
            .replace(MATCH_START, "[")
            .replace(MATCH_END, "]")
    }

    #[test]
    fn a_snippet_marks_whole_words_around_the_first_match() {
        assert_eq!(
            marked("We walked to the park", "wal"),
            "We [walked] to the park"
        );
        assert_eq!(marked("Déjà vu, déjà", "deja"), "[Déjà] vu, [déjà]");
        // Line breaks read as spaces; the text before is cut to six words.
        let long = "one two three four five six seven eight nine\nten lonely eleven";
        assert_eq!(
            marked(long, "lonely"),
            "… five six seven eight nine ten [lonely] eleven"
        );
    }

    #[test]
    fn a_snippet_never_cuts_a_character_and_copes_with_no_match() {
        assert_eq!(marked("İstanbul ẞ straße", "istan"), "[İstanbul] ẞ straße");
        assert_eq!(marked("nothing here", "zebra"), "nothing here");
        assert_eq!(marked("", "a"), "");
    }
}
