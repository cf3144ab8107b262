//! Where an import's time goes, measured in one process round by round (the machine's
//! speed drifts, so each round times every part in turn):
//!
//! - **read**: the export file read as `attune import` reads it (every entry parsed,
//!   the head checked; not the import's own checks of each entry), nothing written;
//! - **import**: `Store::import` into a fresh journal (what `attune import` does, less
//!   the process);
//! - **words**: on the journal that import made, every entry's words gathered as the
//!   search index is filled (schema version 7), nothing written;
//! - **index**: the same words put into a new search index declared as the journal's
//!   (every word's first one and two characters kept too, for the first keys of a
//!   search), in one transaction, then rolled back;
//! - **index, no prefixes**: the same without the first characters kept.
//!
//! The index's own share is "index" less "words". Nothing here changes a journal
//! that stays: each round's is made in a temporary folder and removed.
//!
//! `cargo run --release --example import_parts -- EXPORT.json [ROUNDS]` (3 rounds by
//! default). The process bench writes a generated export of 100,000 entries to
//! `target/bench-process-100000/journal.json` (`ATTUNE_BENCH_ENTRIES=100000 cargo
//! bench --bench process`).

use std::path::Path;
use std::time::Instant;

use attune::store::{ExportFile, ImportSource, Store};
use rusqlite::Connection;

/// The words of every entry, as schema version 7 fills the index.
const WORDS: &str = "SELECT e.id, coalesce(
        (SELECT group_concat(
             CASE WHEN a.kind = 'scale' AND a.text IS NULL THEN CAST(a.number AS TEXT) ELSE a.text END,
             char(10) ORDER BY a.position)
         FROM answers a WHERE a.entry_id = e.id),
        '')
    FROM entries e ORDER BY e.id";

/// The search index as the journal declares it, under another name, with `prefix`.
fn declare(prefix: &str) -> String {
    format!(
        "CREATE VIRTUAL TABLE parts_fts USING fts5 (
            text, content = '', contentless_delete = 1, detail = 'none',
            tokenize = 'unicode61 remove_diacritics 2'{prefix})"
    )
}

fn seconds(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64()
}

/// Fill a new index with every entry's words, and roll it all back.
fn index(db: &Path, prefix: &str) -> f64 {
    let mut conn = Connection::open(db).expect("the journal opens");
    let tx = conn.transaction().expect("a transaction");
    tx.execute_batch(&declare(prefix))
        .expect("the index is made");
    let took = seconds(|| {
        let added = tx
            .execute(&format!("INSERT INTO parts_fts (rowid, text) {WORDS}"), [])
            .expect("the index is filled");
        assert!(added > 0, "the journal has entries");
    });
    tx.rollback().expect("rolled back");
    took
}

/// Gather every entry's words (the index's input), writing nothing.
fn words(db: &Path) -> f64 {
    let conn = Connection::open(db).expect("the journal opens");
    seconds(|| {
        let bytes: i64 = conn
            .query_row(
                &format!("WITH t (id, w) AS ({WORDS}) SELECT sum(length(w)) FROM t"),
                [],
                |r| r.get(0),
            )
            .expect("the words are read");
        assert!(bytes > 0, "the journal has words");
    })
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(file) = args.get(1) else {
        eprintln!("usage: import_parts EXPORT.json [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(3).max(1);
    let names = ["read", "import", "words", "index", "index, no prefixes"];
    let mut all: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
    for round in 1..=rounds {
        let source = ExportFile::new(Path::new(file));
        let mut entries = 0;
        let read = seconds(|| {
            source
                .each(&mut |_, _| {
                    entries += 1;
                    Ok(())
                })
                .expect("the export reads");
        });
        let dir = tempfile::tempdir().expect("a temporary folder");
        let data = dir.path().join("journal");
        let import = seconds(|| {
            let mut store = Store::open(&data).expect("a fresh journal");
            let report = store.import(&source).expect("the import");
            assert_eq!(report.added, entries, "every entry is added");
            store.close().expect("the journal closes");
        });
        let db = data.join(attune::store::DB_FILE);
        let times = [
            read,
            import,
            words(&db),
            index(&db, ", prefix = '1 2'"),
            index(&db, ""),
        ];
        print!("round {round} ({entries} entries):");
        for (k, t) in times.iter().enumerate() {
            all[k].push(*t);
            print!("  {} {t:.2} s", names[k]);
        }
        println!();
    }
    println!("medians of {rounds}:");
    for (name, v) in names.iter().zip(&mut all) {
        println!("  {name:20} {:.2} s", median(v));
    }
}
