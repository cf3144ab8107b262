-- attune schema version 2: answers of every prompt kind (choice, multi, feelings,
-- ladder) keep their shape as JSON in `data`, and before/after scales their pair key.
-- SQLite cannot relax a CHECK in place, so the table is rebuilt.
CREATE TABLE answers_v2 (
    entry_id   INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    prompt_id  TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    -- Every answer's words, for reading and searching.
    text       TEXT,
    number     INTEGER,
    scale_min  INTEGER,
    scale_max  INTEGER,
    pair       TEXT,
    data       TEXT,
    PRIMARY KEY (entry_id, position)
);
INSERT INTO answers_v2 (entry_id, position, prompt_id, label, kind, text, number, scale_min, scale_max)
    SELECT entry_id, position, prompt_id, label, kind, text, number, scale_min, scale_max FROM answers;
DROP TABLE answers;
ALTER TABLE answers_v2 RENAME TO answers;
