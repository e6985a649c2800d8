-- Tables the store keeps up to date with every write (onrecord.store.db, in the transaction of
-- the upsert) so that the slowest queries of benchmarks/bench_store.py read hundreds or
-- thousands of rows instead of every quotation or event (100k quotes, 55k events). After this
-- script, in its transaction, each is filled from the rows already stored by the statement
-- writes keep it with (onrecord.store.aggregates), run over every row.
--
-- Quotations per publication day ('' for an undated article): counts by period without a
-- filter read ~730 rows instead of scanning the 100k-row quotes_published index.
CREATE TABLE quote_days (
    day TEXT PRIMARY KEY,
    quotes INTEGER NOT NULL
);

-- The actor network over all dates: each end of an event that is not negated and names both
-- parties, by party (actor id, else name), type and the name it was given there ('' if none);
-- and each such event by (source, target, type). ~17k and ~42k rows for 55k events; the
-- busiest parties are summed from the first in key order, and edges are looked up by source.
CREATE TABLE network_nodes (
    actor TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (actor, type, name)
);
CREATE TABLE network_edges (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    type TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (source, target, type)
);
-- A speaker's record: their quotations by actor id, mention, addressee (name, else actor id)
-- and cue, with '' as none (as the speaker query counts them). The busiest speaker has 7k
-- quotations, which took 40-90 ms to group four ways; a record is now ~100 rows. Their number
-- and first and last dates come from a covering index.
CREATE TABLE speaker_tallies (
    speaker_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    quotes INTEGER NOT NULL,
    PRIMARY KEY (speaker_name, kind, value)
);
CREATE INDEX quotes_speaker_dates ON quotes (speaker_name, published);
-- Event counts by period of some types read only the dates: 40 ms down to 8 for 8k events.
CREATE INDEX events_type_dates ON events (type, published);

-- An actor's record (actor id or name, as either end of an event): events by type as source
-- and as target, the names and countries it was given, and its counterparts by key and name.
-- An end counts under its key (actor id, else name) and under its name if that differs, as
-- the actor query matches either; '' stands for no counterpart name. The busiest actor has
-- 4k events, which took 40-60 ms to group eight ways; a record is now a few hundred rows.
CREATE TABLE actor_tallies (
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    detail TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (actor, kind, value, detail)
);

-- A re-put article first takes its old rows' counts away; keys left at zero are deleted.
CREATE INDEX quote_days_zero ON quote_days (day) WHERE quotes = 0;
CREATE INDEX network_nodes_zero ON network_nodes (actor) WHERE events = 0;
CREATE INDEX network_edges_zero ON network_edges (source) WHERE events = 0;
CREATE INDEX speaker_tallies_zero ON speaker_tallies (speaker_name) WHERE quotes = 0;
CREATE INDEX actor_tallies_zero ON actor_tallies (actor) WHERE events = 0;

-- Quotations by the country of their events' source, in listing order: a page of a country's
-- quotations is the first rows of this index (a projection rewritten with the article, like
-- quotes), where the query by events.source_country read the whole quotes_order index to find
-- a rare country's few quotations.
CREATE TABLE quote_countries (
    doc_id TEXT NOT NULL,
    quote_id TEXT NOT NULL,
    country TEXT NOT NULL,
    published TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    PRIMARY KEY (doc_id, quote_id, country),
    FOREIGN KEY (doc_id, quote_id) REFERENCES quotes (doc_id, quote_id) ON DELETE CASCADE
);
-- Text keys in the "C" collation the listing orders by; the country is matched by equality.
CREATE INDEX quote_countries_order ON quote_countries (country, published COLLATE "C" DESC, doc_id COLLATE "C", start_offset, quote_id COLLATE "C");

-- Articles of one outlet, newest first (the API's articles?source=): the outlet, then the
-- listing order of articles_order.
CREATE INDEX articles_source_order ON articles (source, (coalesce(published, '')) COLLATE "C" DESC, doc_id COLLATE "C");
