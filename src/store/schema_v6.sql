-- attune schema version 6: Insights reads only the answers it pictures, from small
-- indexes that hold what it needs, instead of reading every answer's words to find
-- them: checklists (what was ticked), feelings (which, how strong) and before/after
-- scales (paired ratings).
CREATE INDEX IF NOT EXISTS answers_checked ON answers (entry_id, label, text) WHERE kind = 'multi';
CREATE INDEX IF NOT EXISTS answers_felt ON answers (entry_id, number, scale_max, text)
    WHERE kind = 'feelings' AND number IS NOT NULL;
CREATE INDEX IF NOT EXISTS answers_paired ON answers (entry_id, position, pair, number, scale_max)
    WHERE kind = 'scale' AND pair IS NOT NULL;
