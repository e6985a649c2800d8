-- Events from one state to another per day and type, as a timeline of two states counts them
-- (not negated; each end the state itself, its body or its official, never a non-state group
-- based there): conditional threats and the sum of intensities with how many had one. The
-- timeline of two states reads these rows instead of grouping every event of the pair on
-- each request (RUS -> DEU on the 100,000-quotation store of benchmarks/bench_pages.py:
-- 40,000 events, 50 ms of CPU to group; about 3,500 rows here).
CREATE TABLE state_pair_days (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    day TEXT NOT NULL,
    type TEXT NOT NULL,
    events INTEGER NOT NULL,
    threats INTEGER NOT NULL,
    intensity DOUBLE PRECISION NOT NULL,
    scored INTEGER NOT NULL,
    PRIMARY KEY (source, target, day, type)
);
CREATE INDEX state_pair_days_zero ON state_pair_days (source) WHERE events = 0;
