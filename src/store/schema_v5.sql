-- attune schema version 5: how often each exercise was finished and when last, kept
-- up to date by the store's own writes (src/store/activity.rs), so Home and Review's
-- counts read a few dozen rows instead of counting every entry. Only live entries
-- (not deleted) count. Not triggers: a trigger makes every insert a statement
-- transaction, and FTS5 flushes its pending words at each one (an import of 10,000
-- entries took 70% longer).
CREATE TABLE activity (
    step_id      TEXT    NOT NULL,
    exercise_id  TEXT    NOT NULL,
    times        INTEGER NOT NULL,
    -- The newest live entry's time, id and created_at (for display).
    last_unix    INTEGER,
    last_id      INTEGER,
    last_at      TEXT,
    PRIMARY KEY (step_id, exercise_id)
) WITHOUT ROWID;
