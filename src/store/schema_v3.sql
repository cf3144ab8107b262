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

-- Full-text search over every answer's words.
CREATE VIRTUAL TABLE answers_fts USING fts5 (
    text,
    content = 'answers',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER answers_fts_insert AFTER INSERT ON answers BEGIN
    INSERT INTO answers_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER answers_fts_delete AFTER DELETE ON answers BEGIN
    INSERT INTO answers_fts (answers_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER answers_fts_update AFTER UPDATE ON answers BEGIN
    INSERT INTO answers_fts (answers_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO answers_fts (rowid, text) VALUES (new.rowid, new.text);
END;
INSERT INTO answers_fts (answers_fts) VALUES ('rebuild');
