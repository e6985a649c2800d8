-- Whether each end of an event is a non-state armed group (its sector is one of the knowledge
-- base's non_state_sectors, in data/actors/organisations.yaml): a country code then matches
-- only the events whose end is that state, its bodies or its officials, not a group based
-- there, so the series ISR -> LBN does not count Israel -> Hezbollah (which is HEZBOLLAH, LBN,
-- REB). Writes mark new rows from the sector in the record (onrecord.store.db._event_rows).
ALTER TABLE events ADD COLUMN source_non_state BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE events ADD COLUMN target_non_state BOOLEAN NOT NULL DEFAULT FALSE;
-- Stored events are marked from their records, with the sectors shipped when this migration
-- was written (REB, INS, SEP, UAF). Each record is read once; only marked ends are updated.
UPDATE events SET
    source_non_state = coalesce(coded.source_sector IN ('REB', 'INS', 'SEP', 'UAF'), FALSE),
    target_non_state = coalesce(coded.target_sector IN ('REB', 'INS', 'SEP', 'UAF'), FALSE)
FROM (
    SELECT a.doc_id, json_extract(ev.value, '$.id') AS event_id,
        json_extract(ev.value, '$.source.sector') AS source_sector,
        json_extract(ev.value, '$.target.sector') AS target_sector
    FROM articles a, json_each(a.record, '$.events') ev
) coded
WHERE coded.doc_id = events.doc_id AND coded.event_id = events.event_id
    AND (coded.source_sector IN ('REB', 'INS', 'SEP', 'UAF')
         OR coded.target_sector IN ('REB', 'INS', 'SEP', 'UAF'));
-- quote_countries now lists a quotation under a country only for a source that is that state
-- (0005 listed it under a non-state source's host country too): the migration runner empties
-- and refills it with the write-time statement (onrecord.store.aggregates).
