-- attune schema version 1.
CREATE TABLE entries (
    id              INTEGER PRIMARY KEY,
    step_id         TEXT    NOT NULL,
    exercise_id     TEXT    NOT NULL,
    exercise_title  TEXT    NOT NULL,
    -- RFC 3339 in the person's local offset at the time, for display.
    created_at      TEXT    NOT NULL,
    -- The same instant in Unix seconds, for ordering across offsets.
    created_unix    INTEGER NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX entries_by_time ON entries (created_unix DESC, id DESC);
CREATE INDEX entries_by_exercise ON entries (step_id, exercise_id, created_unix);

CREATE TABLE answers (
    entry_id   INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    prompt_id  TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('skipped', 'text', 'scale')),
    text       TEXT,
    number     INTEGER,
    scale_min  INTEGER,
    scale_max  INTEGER,
    PRIMARY KEY (entry_id, position)
);

-- The one saved session: open screen, exercises in progress, every draft answer.
CREATE TABLE session (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    saved_at  TEXT NOT NULL,
    data      TEXT NOT NULL
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
