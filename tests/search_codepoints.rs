//! Every Unicode scalar value, tokenized by SQLite's FTS5 and by the search module: token
//! characters, diacritics and folding agree for each one, inside a word and on its own.

mod support;

use attune::search::{self, fold_char, is_token_char};
use support::fts5::Fts5;

/// Code points per document: one row per code point would make the test slow.
const BATCH: u32 = 256;

/// The text each code point is tested in: inside a token (between two letters), and alone.
/// Folding, token characters and diacritics (which continue a token but never start one) all
/// show in the tokens of this text.
fn probe(c: char) -> String {
    format!("q{c}q {c} ")
}

/// The document for batch `n`: the probes of its code points, one after another.
fn document(n: u32) -> String {
    (n * BATCH..(n + 1) * BATCH)
        .filter_map(char::from_u32)
        .map(probe)
        .collect()
}

/// The Basic Multilingual Plane by default (where nearly all text lives); every plane
/// when ATTUNE_LONG_TESTS is set, as `.ci/run` does.
fn last_code_point() -> u32 {
    if std::env::var_os("ATTUNE_LONG_TESTS").is_some() {
        char::MAX as u32
    } else {
        0xFFFF
    }
}

#[test]
fn every_code_point_tokenizes_as_in_fts5() {
    let documents = last_code_point() / BATCH + 1;
    let fts = Fts5::with("");
    let conn = fts.conn();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE cp USING fts5 (text, content = '',
             tokenize = 'unicode61 remove_diacritics 2');
         CREATE VIRTUAL TABLE cp_vocab USING fts5vocab (cp, 'instance');
         BEGIN;",
    )
    .unwrap();
    {
        let mut insert = conn
            .prepare("INSERT INTO cp (rowid, text) VALUES (?1, ?2)")
            .unwrap();
        for n in 0..documents {
            insert.execute((n, document(n))).unwrap();
        }
    }
    conn.execute_batch("COMMIT").unwrap();

    // The tokens FTS5 stored for each document, with their positions.
    let mut stored: Vec<Vec<(i64, Vec<u8>)>> = vec![Vec::new(); documents as usize];
    let mut rows = conn
        .prepare("SELECT doc, offset, CAST(term AS BLOB) FROM cp_vocab")
        .unwrap();
    let mut rows = rows.query([]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        let doc = usize::try_from(row.get::<_, i64>(0).unwrap()).unwrap();
        stored[doc].push((row.get(1).unwrap(), row.get(2).unwrap()));
    }

    let mut wrong = Vec::new();
    for (n, mut theirs) in (0..).zip(stored) {
        theirs.sort_unstable();
        let theirs: Vec<Vec<u8>> = theirs.into_iter().map(|(_, term)| term).collect();
        let ours: Vec<Vec<u8>> = search::tokens(&document(n))
            .map(|t| t.folded.into_bytes())
            .collect();
        if theirs != ours {
            wrong.push(format!(
                "U+{:04X} and on: fts5 {theirs:?}, ours {ours:?}",
                n * BATCH
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} batches of {BATCH} code points differ:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(40)].join("\n")
    );
}

/// Folding a token gives a token that FTS5 reads back as itself, so a folded term can be put in
/// a query unchanged: each folded character is a token character and folds to itself.
#[test]
fn folded_token_characters_are_fixed_points() {
    for c in (0..=last_code_point()).filter_map(char::from_u32) {
        if !is_token_char(c) {
            continue;
        }
        if let Some(f) = fold_char(c) {
            assert!(
                is_token_char(f),
                "U+{:04X} folds to U+{:04X}, not a token character",
                c as u32,
                f as u32
            );
            assert_eq!(
                fold_char(f),
                Some(f),
                "U+{:04X} folds to U+{:04X}, which folds again",
                c as u32,
                f as u32
            );
        } else {
            panic!("token character U+{:04X} folds to nothing", c as u32);
        }
    }
}
