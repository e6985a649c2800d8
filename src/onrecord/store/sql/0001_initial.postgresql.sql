-- Articles, their duplicate copies, quotations, events, and the run log that makes batches resumable.
-- `record` is the whole Article JSON minus `text` (kept once, in `text`); quotes/events rows are
-- projections of it for querying, rewritten whenever the article is.
CREATE TABLE articles (
    doc_id TEXT PRIMARY KEY,
    url TEXT,
    source TEXT,
    title TEXT,
    published TEXT,
    text TEXT NOT NULL,
    record TEXT NOT NULL,
    body_hash TEXT,
    signature BYTEA,
    stored_at TEXT NOT NULL
);
CREATE INDEX articles_body_hash ON articles (body_hash);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE copies (
    doc_id TEXT NOT NULL REFERENCES articles (doc_id) ON DELETE CASCADE,
    copy_key TEXT NOT NULL,
    copy_doc_id TEXT NOT NULL,
    url TEXT,
    source TEXT,
    title TEXT,
    published TEXT,
    kind TEXT NOT NULL,
    similarity DOUBLE PRECISION,
    PRIMARY KEY (doc_id, copy_key)
);

CREATE TABLE quotes (
    doc_id TEXT NOT NULL REFERENCES articles (doc_id) ON DELETE CASCADE,
    quote_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    content TEXT NOT NULL,
    start_offset INTEGER,
    end_offset INTEGER,
    cue TEXT,
    speaker_mention TEXT,
    speaker_name TEXT,
    speaker_actor_id TEXT,
    addressee_name TEXT,
    addressee_actor_id TEXT,
    condition TEXT,
    negated BOOLEAN NOT NULL,
    hedged BOOLEAN NOT NULL,
    published TEXT,
    PRIMARY KEY (doc_id, quote_id)
);
CREATE INDEX quotes_speaker ON quotes (speaker_name);
CREATE INDEX quotes_speaker_actor ON quotes (speaker_actor_id);

CREATE TABLE events (
    doc_id TEXT NOT NULL REFERENCES articles (doc_id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    context TEXT,
    source_name TEXT,
    source_actor_id TEXT,
    source_country TEXT,
    target_name TEXT,
    target_actor_id TEXT,
    target_country TEXT,
    quote_id TEXT,
    condition TEXT,
    negated BOOLEAN NOT NULL,
    hedged BOOLEAN NOT NULL,
    intensity DOUBLE PRECISION,
    published TEXT,
    PRIMARY KEY (doc_id, event_id)
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_pair ON events (source_actor_id, target_actor_id);

CREATE TABLE runs (
    run_key TEXT PRIMARY KEY,
    command TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    summary TEXT
);

CREATE TABLE run_items (
    run_key TEXT NOT NULL REFERENCES runs (run_key) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    doc_id TEXT,
    PRIMARY KEY (run_key, item_key)
);

-- Full-text search: generated tsvector columns with GIN indexes.
ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS
    (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED;
CREATE INDEX articles_tsv ON articles USING GIN (tsv);
ALTER TABLE quotes ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED;
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);
