//! SQLite's own FTS5 as the oracle for the search module: the journal's index declared exactly
//! as attune declares it, and a table with the same tokenizer whose highlight() shows the spans.

use std::ops::Range;

use rusqlite::{Connection, OptionalExtension, params};

/// attune's index, word for word.
const INDEX: &str = "CREATE VIRTUAL TABLE entries_fts USING fts5 (text, content = '', \
     contentless_delete = 1, detail = 'none', tokenize = 'unicode61 remove_diacritics 2', \
     prefix = '1 2')";

/// The same tokenizer with the text stored and positions kept (detail=full), so that
/// highlight() can mark what matched.
const HIGHLIGHT: &str =
    "CREATE VIRTUAL TABLE hl USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2')";

/// Markers for highlight(); `highlight_text` takes them out of a text.
pub const OPEN: &str = "\u{27E6}";
pub const CLOSE: &str = "\u{27E7}";

/// Both tables, holding one text at a time.
pub struct Fts5 {
    conn: Connection,
}

impl Fts5 {
    /// The tables, holding `text` as row 1.
    pub fn with(text: &str) -> Self {
        let conn = Connection::open_in_memory().expect("in-memory SQLite opens");
        conn.execute_batch(&format!("{INDEX}; {HIGHLIGHT};"))
            .expect("FTS5 tables are created");
        conn.execute(
            "INSERT INTO entries_fts (rowid, text) VALUES (1, ?1)",
            [text],
        )
        .expect("insert into the index");
        conn.execute("INSERT INTO hl (rowid, text) VALUES (1, ?1)", [text])
            .expect("insert into hl");
        Self { conn }
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Whether the index finds the text for `query`.
    pub fn index_matches(&self, query: &str) -> bool {
        let found: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?1",
                [query],
                |row| row.get(0),
            )
            .unwrap_or_else(|e| panic!("FTS5 rejects query {query:?}: {e}"));
        found == 1
    }

    /// The text with highlight()'s marks for `query`, or `None` when `query` does not find it.
    pub fn highlight(&self, query: &str) -> Option<String> {
        self.conn
            .query_row(
                "SELECT highlight(hl, 0, ?2, ?3) FROM hl WHERE hl MATCH ?1",
                params![query, OPEN, CLOSE],
                |row| row.get(0),
            )
            .optional()
            .unwrap_or_else(|e| panic!("FTS5 rejects query {query:?}: {e}"))
    }
}

/// `text` fit for comparing highlights: highlight() stops at a NUL (it builds its result as a C
/// string), and a marker in the text would make the marked spans ambiguous.
pub fn highlight_text(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '\0' && !OPEN.contains(c) && !CLOSE.contains(c))
        .collect()
}

/// `text` with `ranges` between the highlight markers, as highlight() would show them.
pub fn render(text: &str, ranges: &[Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for range in ranges {
        out.push_str(&text[at..range.start]);
        out.push_str(OPEN);
        out.push_str(&text[range.clone()]);
        out.push_str(CLOSE);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Any of `terms` as prefixes: the query whose highlight() marks what `matches` returns.
pub fn any_of(terms: &[String]) -> Option<String> {
    let phrases: Vec<String> = terms
        .iter()
        .map(|t| attune::search::fts_query(std::slice::from_ref(t)))
        .collect::<Option<_>>()?;
    (!phrases.is_empty()).then(|| phrases.join(" OR "))
}
