-- attune schema version 8: a feelings answer holds one or more feelings, each with
-- its own strength: {"felt": [{"family", "word", "intensity", "sensation"}...], "max"}
-- instead of one feeling's fields beside "max". Each answer of the old shape becomes
-- a list of that one feeling; its words (`text`) and strength (`number`) read the
-- same as before. Earlier versions of an edited entry and a saved session keep the
-- shape they were written in: attune reads both.
UPDATE answers
SET data = json_object(
    'kind', 'feeling',
    'value', json_object(
        'felt', json_array(json_object(
            'family', json_extract(data, '$.value.family'),
            'word', json_extract(data, '$.value.word'),
            'intensity', json_extract(data, '$.value.intensity'),
            'sensation', json_extract(data, '$.value.sensation'))),
        'max', json_extract(data, '$.value.max')))
WHERE kind = 'feelings' AND data IS NOT NULL
  AND json_valid(data) AND json_type(data, '$.value.felt') IS NULL
  AND json_type(data, '$.value.family') IS NOT NULL;
