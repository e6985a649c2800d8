-- Actors met in the record (quote speakers and addressees, event sources and targets) that were
-- resolved to an actor_id: one row each, so queries by speaker can filter and label by country
-- and sector, which quotes rows do not carry (they keep only the id and the name). Upserted with
-- every article; a later article never blanks a known value. Speakers that were not resolved
-- (actor_id null) are found by quotes.speaker_name instead.
CREATE TABLE actors (
    actor_id TEXT PRIMARY KEY,
    name TEXT,
    country TEXT,
    sector TEXT
);
CREATE INDEX actors_country ON actors (country);
CREATE INDEX actors_name ON actors (name);
CREATE INDEX quotes_addressee_actor ON quotes (addressee_actor_id);
