-- How sure the coder is of each event (0..1, the record's events[].confidence), so lists can
-- keep the events above a confidence. Stored events take it from their records; an event
-- coded before the coder gave one keeps NULL, which no minimum admits.
ALTER TABLE events ADD COLUMN confidence REAL;
UPDATE events SET confidence = coded.confidence
FROM (
    SELECT a.doc_id, json_extract(ev.value, '$.id') AS event_id,
        json_extract(ev.value, '$.confidence') AS confidence
    FROM articles a, json_each(a.record, '$.events') ev
) coded
WHERE coded.doc_id = events.doc_id AND coded.event_id = events.event_id
    AND coded.confidence IS NOT NULL;
