//! Search words exactly as the journal's FTS5 index sees them (unicode61, remove_diacritics 2):
//! the tokens of a text and their folded forms, the query for typed words, and where they match.

// A port of SQLite 3.50.2's FTS5 `unicode61` tokenizer (fts5_tokenize.c, with the tables of
// fts5_unicode2.c; public domain), with the default token categories "L* N* Co" and
// remove_diacritics=2, as declared by the index:
//
//     CREATE VIRTUAL TABLE entries_fts USING fts5 (text, content = '', contentless_delete = 1,
//         detail = 'none', tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2');
//
// Why a port and not a guess: a term that the index folds differently from this module can
// never be found, and a highlight computed on a folded copy of the text cannot be mapped back
// onto the original (lower-casing changes byte lengths: "ẞ" is 3 bytes, "ß" 2). Here every range
// is a byte range of the original text, and the folded form travels beside it. The tests compare
// all of this with SQLite's own FTS5, for every code point and for generated texts.

mod tables;
mod unicode61;

use std::ops::Range;

/// FTS5 keeps at most this many bytes of a token, in the index and in a query alike
/// (`FTS5_MAX_TOKEN_SIZE`); longer tokens are compared on their first 32768 bytes only.
pub const MAX_TOKEN_BYTES: usize = 32768;

/// One token of a text: where it is in the original, and what the index stores for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range into the original text, on char boundaries; never empty.
    pub range: Range<usize>,
    /// The token as FTS5 folds it: lower case, without diacritics. Never empty.
    pub folded: String,
}

/// The tokens of `text`, in order, as FTS5 tokenizes it when the text is indexed.
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

/// The folded terms of what the person typed, tokenized exactly as the index tokenizes entries:
/// "don't" is "don" and "t", and punctuation is never query syntax, only a separator.
pub fn terms(typed: &str) -> Vec<String> {
    tokens(typed).map(|t| t.folded).collect()
}

/// The FTS5 query for `terms` (as [`terms`] returns them): each term a quoted prefix, all of them
/// required. `None` when there is nothing to search for. Empty terms are left out.
pub fn fts_query(terms: &[String]) -> Option<String> {
    let phrases: Vec<String> = terms
        .iter()
        .filter(|t| !t.is_empty())
        // Inside an FTS5 string a quote is written twice. Folded tokens never contain one
        // (it is a separator), but a caller's term might.
        .map(|t| format!("\"{}\"*", t.replace('"', "\"\"")))
        .collect();
    (!phrases.is_empty()).then(|| phrases.join(" "))
}

/// The byte ranges, in the original `text`, of every token that starts with one of `terms`
/// (as FTS5's `"term"*` matches and its `highlight()` marks: the whole token). Sorted and
/// non-overlapping, on char boundaries. Empty terms match nothing.
pub fn matches(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    tokens(text)
        .filter(|token| is_match(&token.folded, terms))
        .map(|token| token.range)
        .collect()
}

/// Whether a token (its folded form) is one FTS5 finds for any of `terms`.
pub fn is_match(folded: &str, terms: &[String]) -> bool {
    terms.iter().any(|term| starts_with_term(folded, term))
}

/// Whether FTS5 finds `text` for the query of `terms`: every term starts some token of the text.
/// With no (non-empty) terms there is no query, and every text is shown.
pub fn entry_matches(text: &str, terms: &[String]) -> bool {
    let folded: Vec<String> = tokens(text).map(|t| t.folded).collect();
    terms
        .iter()
        .filter(|t| !t.is_empty())
        .all(|term| folded.iter().any(|token| starts_with_term(token, term)))
}

/// What FTS5 stores for the characters of one token: each folded by [`fold_char`], the dropped
/// ones left out. Meant for the text of a token; for any other text use [`terms`].
pub fn fold(word: &str) -> String {
    word.chars().filter_map(fold_char).collect()
}

/// What FTS5 writes for `c` when `c` is part of a token: its lower case without diacritics
/// ("É" is "e", "ẞ" is "ß", "İ" is "i"), or `None` for the combining diacritics that
/// remove_diacritics drops. Folding happens one character at a time: "ß" stays "ß".
pub fn fold_char(c: char) -> Option<char> {
    let code = unicode61::fold(fts_code(c));
    // `fold` only ever returns 0 (dropped) or a valid char; the exhaustive test checks it.
    char::from_u32(code).filter(|_| code != 0)
}

/// Whether FTS5 takes `c` as a token character: letters, digits and private-use characters,
/// and also every code point its Unicode 6.1 tables do not know (such as newer emoji).
pub fn is_token_char(c: char) -> bool {
    unicode61::is_token_char(fts_code(c))
}

/// A token's key as FTS5 compares it: the folded bytes, cut to `MAX_TOKEN_BYTES`.
fn key(folded: &str) -> &[u8] {
    let bytes = folded.as_bytes();
    &bytes[..bytes.len().min(MAX_TOKEN_BYTES)]
}

/// FTS5's prefix match of a token's folded form against a query term.
fn starts_with_term(folded: &str, term: &str) -> bool {
    !term.is_empty() && key(folded).starts_with(key(term))
}

/// The code point FTS5's UTF-8 reader (READ_UTF8) yields for `c`: it reads U+FFFE and U+FFFF
/// as U+FFFD, a symbol and so a separator. All other chars of a Rust string read as themselves.
fn fts_code(c: char) -> u32 {
    let code = u32::from(c);
    if code & !1 == 0xFFFE { 0xFFFD } else { code }
}

/// The iterator of [`tokens`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    /// Byte offset where the search for the next token starts.
    pos: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    /// As `fts5UnicodeTokenize`: skip separators up to a token character, then take token
    /// characters and combining diacritics up to the next separator. A diacritic continues a
    /// token but never starts one, so "e\u{301}" is one token "e" and a lone "\u{301}" none.
    fn next(&mut self) -> Option<Token> {
        let rest = self.text.get(self.pos..).unwrap_or_default();
        let mut chars = rest.char_indices().map(|(at, c)| (self.pos + at, c));
        let Some((start, first)) = chars.find(|&(_, c)| is_token_char(c)) else {
            self.pos = self.text.len();
            return None;
        };
        let mut folded = String::new();
        folded.extend(fold_char(first));
        let mut end = start + first.len_utf8();
        for (at, c) in chars {
            let code = fts_code(c);
            if !unicode61::is_token_char(code) && !unicode61::is_diacritic(code) {
                break;
            }
            folded.extend(fold_char(c));
            end = at + c.len_utf8();
        }
        self.pos = end;
        Some(Token {
            range: start..end,
            folded,
        })
    }
}

impl std::iter::FusedIterator for Tokens<'_> {}
