-- How sure the coder is of each event (0..1, the record's events[].confidence), so lists can
-- keep the events above a confidence. Stored events take it from their records; an event
-- coded before the coder gave one keeps NULL, which no minimum admits.
ALTER TABLE events ADD COLUMN confidence DOUBLE PRECISION;
UPDATE events e SET confidence = coded.confidence
FROM (
    SELECT a.doc_id, ev ->> 'id' AS event_id, (ev ->> 'confidence')::double precision AS confidence
    FROM articles a, jsonb_array_elements(a.record::jsonb -> 'events') ev
) coded
WHERE coded.doc_id = e.doc_id AND coded.event_id = e.event_id
    AND coded.confidence IS NOT NULL;
