-- attune schema version 3: review and backup features.
-- A stable id per entry, so an import can tell what it already has.
ALTER TABLE entries ADD COLUMN uid TEXT;
UPDATE entries SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE UNIQUE INDEX entries_by_uid ON entries (uid);
-- Deleted entries stay (hidden) until attune closes, so a delete can be undone.
ALTER TABLE entries ADD COLUMN deleted_at TEXT;

-- Earlier versions of an entry: when it changed and what it said before.
CREATE TABLE entry_history (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    changed_at  TEXT    NOT NULL,
    -- JSON: the answers as they were before this change.
    answers     TEXT    NOT NULL
);
CREATE INDEX entry_history_by_entry ON entry_history (entry_id, id);

-- Full-text search: one row per entry (rowid = entry id) holding all its answers'
-- words, so a search yields entry ids directly. Contentless: the words live in
-- `answers`; the index keeps only what it needs to find them. Kept in step by the
-- store whenever answers are written (see entries.rs).
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    text,
    content = '',
    contentless_delete = 1,
    -- Which entries hold a word is all a search needs; positions would only slow it.
    detail = 'none',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO entries_fts (rowid, text)
    SELECT entry_id, group_concat(text, char(10)) FROM answers WHERE text IS NOT NULL GROUP BY entry_id;
CREATE TRIGGER entries_fts_forget AFTER DELETE ON entries BEGIN
    DELETE FROM entries_fts WHERE rowid = old.id;
END;
