-- Tables the store keeps up to date with every write (onrecord.store.db, in the transaction of
-- the upsert) so that the slowest queries of benchmarks/bench_store.py read hundreds or
-- thousands of rows instead of every quotation or event (100k quotes, 55k events). Each is
-- filled here from the rows already stored.
--
-- Quotations per publication day ('' for an undated article): counts by period without a
-- filter read ~730 rows instead of scanning the 100k-row quotes_published index.
CREATE TABLE quote_days (
    day TEXT PRIMARY KEY,
    quotes INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO quote_days (day, quotes)
SELECT coalesce(substr(published, 1, 10), ''), count(*) FROM quotes WHERE true GROUP BY 1;

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
) WITHOUT ROWID;
INSERT INTO network_nodes (actor, type, name, events)
SELECT actor, type, name, count(*) FROM (
    SELECT coalesce(source_actor_id, source_name) AS actor, type, coalesce(source_name, '') AS name
    FROM events WHERE negated = FALSE AND coalesce(source_actor_id, source_name) IS NOT NULL
        AND coalesce(target_actor_id, target_name) IS NOT NULL
    UNION ALL
    SELECT coalesce(target_actor_id, target_name), type, coalesce(target_name, '')
    FROM events WHERE negated = FALSE AND coalesce(source_actor_id, source_name) IS NOT NULL
        AND coalesce(target_actor_id, target_name) IS NOT NULL
) ends WHERE true GROUP BY actor, type, name;
CREATE TABLE network_edges (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    type TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (source, target, type)
) WITHOUT ROWID;
INSERT INTO network_edges (source, target, type, events)
SELECT coalesce(source_actor_id, source_name), coalesce(target_actor_id, target_name), type,
    count(*)
FROM events WHERE negated = FALSE AND coalesce(source_actor_id, source_name) IS NOT NULL
    AND coalesce(target_actor_id, target_name) IS NOT NULL
GROUP BY 1, 2, 3;
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
) WITHOUT ROWID;
INSERT INTO speaker_tallies (speaker_name, kind, value, quotes)
SELECT speaker_name, kind, value, count(*) FROM (
    SELECT speaker_name, 'actor' AS kind, nullif(speaker_actor_id, '') AS value FROM quotes
    UNION ALL
    SELECT speaker_name, 'mention', nullif(speaker_mention, '') FROM quotes
    UNION ALL
    SELECT speaker_name, 'addressee', coalesce(nullif(addressee_name, ''), nullif(addressee_actor_id, ''))
    FROM quotes
    UNION ALL
    SELECT speaker_name, 'cue', nullif(cue, '') FROM quotes
) said WHERE speaker_name IS NOT NULL AND value IS NOT NULL GROUP BY 1, 2, 3;
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
) WITHOUT ROWID;
WITH ends AS (
    SELECT coalesce(source_actor_id, source_name) AS actor, type, source_name AS name, source_country AS country,
        coalesce(target_actor_id, target_name) AS other, target_name AS other_name, 'as_source' AS kind, 'sent' AS with_other
    FROM events
    UNION ALL
    SELECT source_name, type, source_name AS name, source_country AS country,
        coalesce(target_actor_id, target_name) AS other, target_name AS other_name, 'as_source' AS kind, 'sent' AS with_other
    FROM events WHERE source_name <> coalesce(source_actor_id, source_name)
    UNION ALL
    SELECT coalesce(target_actor_id, target_name) AS actor, type, target_name AS name, target_country AS country,
        coalesce(source_actor_id, source_name) AS other, source_name AS other_name, 'as_target' AS kind, 'received' AS with_other
    FROM events
    UNION ALL
    SELECT target_name, type, target_name AS name, target_country AS country,
        coalesce(source_actor_id, source_name) AS other, source_name AS other_name, 'as_target' AS kind, 'received' AS with_other
    FROM events WHERE target_name <> coalesce(target_actor_id, target_name)
)
INSERT INTO actor_tallies (actor, kind, value, detail, events)
SELECT actor, kind, value, detail, count(*) FROM (
    SELECT actor, kind, type AS value, '' AS detail FROM ends
    UNION ALL
    SELECT actor, 'name', nullif(name, ''), '' FROM ends
    UNION ALL
    SELECT actor, 'country', nullif(country, ''), '' FROM ends
    UNION ALL
    SELECT actor, with_other, other, coalesce(other_name, '') FROM ends
) tallied WHERE actor IS NOT NULL AND value IS NOT NULL GROUP BY 1, 2, 3, 4;

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
) WITHOUT ROWID;
INSERT INTO quote_countries (doc_id, quote_id, country, published, start_offset)
SELECT DISTINCT q.doc_id, q.quote_id, e.source_country, coalesce(q.published, ''),
    coalesce(q.start_offset, -1)
FROM events e JOIN quotes q ON q.doc_id = e.doc_id AND q.quote_id = e.quote_id
WHERE e.source_country IS NOT NULL;
CREATE INDEX quote_countries_order ON quote_countries (country, published DESC, doc_id, start_offset, quote_id);

-- Articles of one outlet, newest first (the API's articles?source=): the outlet, then the
-- listing order of articles_order.
CREATE INDEX articles_source_order ON articles (source, coalesce(published, '') DESC, doc_id);
