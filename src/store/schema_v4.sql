-- attune schema version 4: finding entries by the day they were written on, as
-- their own time shows it (the first ten characters of created_at, YYYY-MM-DD).
CREATE INDEX entries_by_day ON entries (substr(created_at, 1, 10));
