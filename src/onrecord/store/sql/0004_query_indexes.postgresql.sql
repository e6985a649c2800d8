-- Indexes for the store's queries (onrecord.store.queries), chosen and checked with
-- benchmarks/bench_store.py on 100k quotations (before/after: benchmarks/results/bench_store.json).
-- Lists are read newest first by keyset cursor: an index on exactly the listing order, alone and
-- after the usual equality filter (speaker, event type), hands out a page without sorting every
-- match. Date ranges compare the same `coalesce(published, '')`, so they use these indexes too.
-- Text keys are in the "C" collation the queries order and compare by.
CREATE INDEX articles_order ON articles ((coalesce(published, '')) COLLATE "C" DESC, doc_id COLLATE "C");
DROP INDEX articles_published;
CREATE INDEX quotes_order ON quotes ((coalesce(published, '')) COLLATE "C" DESC, doc_id COLLATE "C", (coalesce(start_offset, -1)), quote_id COLLATE "C");
DROP INDEX quotes_speaker;
-- Counts by period read only the date: a covering index instead of every quotation row.
CREATE INDEX quotes_published ON quotes (published);
CREATE INDEX quotes_speaker_order ON quotes (speaker_name, (coalesce(published, '')) COLLATE "C" DESC, doc_id COLLATE "C", (coalesce(start_offset, -1)), quote_id COLLATE "C");
CREATE INDEX events_order ON events ((coalesce(published, '')) COLLATE "C" DESC, doc_id COLLATE "C", event_id COLLATE "C");
DROP INDEX events_type;
CREATE INDEX events_type_order ON events (type, (coalesce(published, '')) COLLATE "C" DESC, doc_id COLLATE "C", event_id COLLATE "C");
-- An actor filter matches an actor id, name or country code (event source and target, actor
-- pages, timelines): the OR is answered from indexes only if each column has one
-- (source_actor_id is the head of events_pair).
CREATE INDEX events_source_name ON events (source_name);
CREATE INDEX events_source_country ON events (source_country);
CREATE INDEX events_target_actor ON events (target_actor_id);
CREATE INDEX events_target_name ON events (target_name);
CREATE INDEX events_target_country ON events (target_country);
