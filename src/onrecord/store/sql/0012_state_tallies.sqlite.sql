-- A state's events as actor_tallies keeps an actor's (by type as source and target, negated
-- ones also under 'not_as_source' / 'not_as_target', the names at its end, the other ends),
-- counted over the ends that are the state itself, its bodies and its officials, never a
-- non-state group based there: a state's page and the states offered as parties read these
-- rows instead of grouping every event of the state on each request (RUS on the
-- 100,000-quotation store of benchmarks/bench_pages.py: 40,000 events, 146 ms a page).
CREATE TABLE state_tallies (
    country TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    detail TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (country, kind, value, detail)
) WITHOUT ROWID;
CREATE INDEX state_tallies_zero ON state_tallies (country) WHERE events = 0;
