-- The activity summary counted from the entries (see activity.rs).
DELETE FROM activity;
INSERT INTO activity (step_id, exercise_id, times)
    SELECT step_id, exercise_id, count(*) FROM entries
    WHERE deleted_at IS NULL GROUP BY step_id, exercise_id;
UPDATE activity SET (last_unix, last_id, last_at) = (
    SELECT e.created_unix, e.id, e.created_at FROM entries e
    WHERE e.step_id = activity.step_id AND e.exercise_id = activity.exercise_id
      AND e.deleted_at IS NULL
    ORDER BY e.created_unix DESC, e.id DESC LIMIT 1);
