//! Review's search: the entries holding every word typed (each as a prefix), newest
//! first, a page at a time, counted. Planned from the search index's answer, so its
//! cost follows what the words match, not the size of the journal:
//!
//! - A word of one or two letters is asked for as a prefix: the index keeps the list of
//!   entries for every such prefix (`prefix = '1 2'`), so it reads one list.
//! - A word of three letters or more is looked up in the index's word list first: if
//!   it begins at most a few words, they are asked for as whole words (the index
//!   answers that several times faster than a prefix), and a word that begins none
//!   ends the search at once.
//! - Few matches are sorted by date directly; many are paged by walking the entries
//!   newest first and keeping those matched, which stops as soon as the page is full.
//! - Words alone are counted from the index's answer, less the deleted entries still
//!   waiting to be purged (there are rarely any).

use rusqlite::{Transaction, params};

use super::review::{Page, snippet, summary};
use super::{Filter, Store};
use crate::journal::EntrySummary;

/// Matches up to this many are sorted by date directly; more are paged by walking.
const FEW: usize = 2000;
/// A typed word beginning at most this many of the index's words is asked for as
/// those words; beginning more, as a prefix.
const WORDS_PER_PREFIX: usize = 32;
/// Words shorter than this (in characters) are asked for as a prefix at once: they
/// begin too many words for a list to help, and the index keeps one list of entries
/// for each prefix of one or two characters (schema v7).
const LOOKED_UP_FROM: usize = 3;
/// How much of each answer the snippet may look through for the match.
const SNIPPET_READS: usize = 4000;

/// The filter's step, exercise and days, as `?1`..`?4`.
const NARROWED: &str = "(?1 IS NULL OR e.step_id = ?1)
       AND (?2 IS NULL OR e.exercise_id = ?2)
       AND (?3 IS NULL OR substr(e.created_at, 1, 10) >= ?3)
       AND (?4 IS NULL OR substr(e.created_at, 1, 10) <= ?4)";

impl Store {
    /// [`Store::find_entries`] with words (`terms`, as the index folds them).
    pub(super) fn search_entries(
        &self,
        filter: &Filter,
        terms: &[String],
        offset: usize,
        limit: usize,
    ) -> rusqlite::Result<Page> {
        // One snapshot for the index, the count and the page. Only this connection's
        // temporary tables are written.
        let tx = self.conn.unchecked_transaction()?;
        let empty = Page {
            offset,
            rows: Vec::new(),
            total: 0,
        };
        let Some(query) = index_query(&tx, terms)? else {
            return Ok(empty);
        };
        let found: Vec<i64> = tx
            .prepare_cached("SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?1")?
            .query_map([&query], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let (since, until) = filter.days();
        let narrowed = (
            filter.step.as_deref(),
            filter.exercise.as_deref(),
            since.as_deref(),
            until.as_deref(),
        );
        let by_words_alone = narrowed == (None, None, None, None);
        let (total, ids) = if found.len() <= FEW {
            sorted_directly(&tx, &found, narrowed, offset, limit)?
        } else {
            // The index gives row ids in order: membership is a binary search.
            let matched = |id: &i64| found.binary_search(id).is_ok();
            let total = if by_words_alone {
                found.len() - hidden(&tx)?.iter().filter(|id| matched(id)).count()
            } else {
                let mut stmt = tx.prepare_cached(&format!(
                    "SELECT e.id FROM entries e WHERE e.deleted_at IS NULL AND {NARROWED}"
                ))?;
                let mut rows = stmt.query(narrowed)?;
                let mut n = 0;
                while let Some(r) = rows.next()? {
                    n += usize::from(matched(&r.get(0)?));
                }
                n
            };
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT e.id FROM entries e INDEXED BY entries_by_time
                 WHERE e.deleted_at IS NULL AND {NARROWED}
                 ORDER BY e.created_unix DESC, e.id DESC"
            ))?;
            let mut rows = stmt.query(narrowed)?;
            let mut ids = Vec::new();
            let mut skipped = 0;
            while ids.len() < limit
                && let Some(r) = rows.next()?
            {
                let id: i64 = r.get(0)?;
                if !matched(&id) {
                    continue;
                }
                if skipped < offset {
                    skipped += 1;
                } else {
                    ids.push(id);
                }
            }
            (total, ids)
        };
        let rows = summaries(&tx, &ids, terms)?;
        tx.commit()?;
        Ok(Page {
            offset,
            rows,
            total,
        })
    }
}

/// The words as the index's query: each a group of whole words it begins, or a
/// prefix; all must appear. None when a word begins nothing in the index.
fn index_query(tx: &Transaction, terms: &[String]) -> rusqlite::Result<Option<String>> {
    let quoted = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
    let mut groups = Vec::new();
    for term in terms.iter().filter(|t| !t.is_empty()) {
        if term.chars().count() < LOOKED_UP_FROM {
            groups.push(format!("{}*", quoted(term)));
            continue;
        }
        match words_beginning(tx, term)? {
            None => groups.push(format!("{}*", quoted(term))),
            Some(words) if words.is_empty() => return Ok(None),
            Some(words) => groups.push(format!(
                "({})",
                words
                    .iter()
                    .map(|w| quoted(w))
                    .collect::<Vec<_>>()
                    .join(" OR ")
            )),
        }
    }
    Ok((!groups.is_empty()).then(|| groups.join(" AND ")))
}

/// The index's words that begin with `term`, in order, or None when it is better
/// asked for as a prefix: it begins more than [`WORDS_PER_PREFIX`] words, or one the
/// index cut in the middle of a character (FTS5 keeps a word's first 32,768 bytes).
/// Each word is found by one seek in the index's list of words (an `fts5vocab`
/// table of instances, read one row at a time): the table of words with their counts
/// would read every entry each word is in to count them, about a millisecond per
/// common word at 100,000 entries.
fn words_beginning(tx: &Transaction, term: &str) -> rusqlite::Result<Option<Vec<String>>> {
    // On this connection only.
    tx.prepare_cached(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.entries_words
         USING fts5vocab(main, entries_fts, instance)",
    )?
    .execute([])?;
    let mut first_from =
        tx.prepare_cached("SELECT term FROM temp.entries_words WHERE term >= ?1 LIMIT 1")?;
    let mut words: Vec<String> = Vec::new();
    let mut from = term.to_string();
    loop {
        // As bytes: the word after the last that matches may be one cut short.
        let mut rows = first_from.query([&from])?;
        let Some(row) = rows.next()? else {
            break;
        };
        let word = row.get_ref(0)?.as_bytes()?;
        if !word.starts_with(term.as_bytes()) {
            break;
        }
        let Ok(word) = std::str::from_utf8(word) else {
            return Ok(None);
        };
        if words.len() == WORDS_PER_PREFIX {
            return Ok(None);
        }
        // The first word after this one: no word holds a control character (the
        // tokenizer splits at them), so none sorts between the two.
        from.clear();
        from.push_str(word);
        from.push('\u{1}');
        words.push(word.to_string());
    }
    Ok(Some(words))
}

type Narrowed<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

/// Few matches: counted and sorted by date from a temporary table of them.
fn sorted_directly(
    tx: &Transaction,
    found: &[i64],
    narrowed: Narrowed,
    offset: usize,
    limit: usize,
) -> rusqlite::Result<(usize, Vec<i64>)> {
    tx.prepare_cached("CREATE TEMP TABLE IF NOT EXISTS found (id INTEGER PRIMARY KEY)")?
        .execute([])?;
    tx.prepare_cached("DELETE FROM temp.found")?.execute([])?;
    let mut insert = tx.prepare_cached("INSERT INTO temp.found (id) VALUES (?1)")?;
    for id in found {
        insert.execute([id])?;
    }
    let matching = format!(
        "FROM temp.found f CROSS JOIN entries e ON e.id = f.id
         WHERE e.deleted_at IS NULL AND {NARROWED}"
    );
    let total: i64 = tx
        .prepare_cached(&format!("SELECT count(*) {matching}"))?
        .query_row(narrowed, |r| r.get(0))?;
    let ids = tx
        .prepare_cached(&format!(
            "SELECT e.id {matching} ORDER BY e.created_unix DESC, e.id DESC LIMIT ?5 OFFSET ?6"
        ))?
        .query_map(
            params![
                narrowed.0,
                narrowed.1,
                narrowed.2,
                narrowed.3,
                limit.min(i64::MAX as usize) as i64,
                offset.min(i64::MAX as usize) as i64
            ],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok((total as usize, ids))
}

/// Deleted entries not yet purged, by id. Counting every row is quick (SQLite counts
/// the smallest index) and matches the summary's live count unless some are hidden.
fn hidden(tx: &Transaction) -> rusqlite::Result<Vec<i64>> {
    let rows: i64 = tx
        .prepare_cached("SELECT count(*) FROM entries")?
        .query_row([], |r| r.get(0))?;
    let live: i64 = tx
        .prepare_cached("SELECT coalesce(sum(times), 0) FROM activity")?
        .query_row([], |r| r.get(0))?;
    if rows == live {
        return Ok(Vec::new());
    }
    tx.prepare_cached("SELECT id FROM entries WHERE deleted_at IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect()
}

/// The page's entries, in the order given, each with a snippet around its match.
fn summaries(
    tx: &Transaction,
    ids: &[i64],
    terms: &[String],
) -> rusqlite::Result<Vec<EntrySummary>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT e.id, e.step_id, e.exercise_id, e.exercise_title, e.created_at,
                (SELECT group_concat(substr(a.text, 1, {SNIPPET_READS}), char(10)) FROM answers a
                 WHERE a.entry_id = e.id AND a.text IS NOT NULL AND trim(a.text) != '')
         FROM entries e WHERE e.id = ?1"
    ))?;
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        let row = stmt.query_row([id], |r| summary(r, |text| snippet(text, terms)))?;
        rows.push(row);
    }
    Ok(rows)
}
