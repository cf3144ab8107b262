-- attune schema version 7: the search index also keeps every word's first one and
-- two characters (prefix = '1 2'), so a search's first keys read one list of entries
-- instead of merging the lists of every word they begin (at 100,000 entries a first
-- letter took about 111 ms). Otherwise declared as in version 3. FTS5 cannot add a
-- prefix index in place: the index is made again and filled from the answers, as
-- the store fills it (entries.rs, index_words): one row per entry, deleted ones not
-- yet purged included, holding its answers' words one answer a line; a scale's words
-- are its number, which `answers.text` does not hold. The trigger that forgets a
-- purged entry's words (version 3) names the index, not its definition, and stays.
DROP TABLE entries_fts;
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    text,
    content = '',
    contentless_delete = 1,
    -- Which entries hold a word is all a search needs; positions would only slow it.
    detail = 'none',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2'
);
INSERT INTO entries_fts (rowid, text)
    SELECT e.id, coalesce(
        (SELECT group_concat(
             CASE WHEN a.kind = 'scale' AND a.text IS NULL THEN CAST(a.number AS TEXT) ELSE a.text END,
             char(10) ORDER BY a.position)
         FROM answers a WHERE a.entry_id = e.id),
        '')
    FROM entries e ORDER BY e.id;
