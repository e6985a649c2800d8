-- Article identity (docs/ingest.md, "Identity"): an article whose text changes at the same id,
-- URL or input keeps its doc_id and gets a new version; the text and record it replaces are
-- kept here, numbered from 1, so nothing stored is ever overwritten without a trace.
CREATE TABLE article_versions (
    doc_id TEXT NOT NULL REFERENCES articles (doc_id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    url TEXT,
    source TEXT,
    title TEXT,
    published TEXT,
    text TEXT NOT NULL,
    record TEXT NOT NULL,
    body_hash TEXT,
    stored_at TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (doc_id, version)
);
-- What each input item read (the hash of its normalised body), so a re-run of the same command
-- reads local files again and tells an unchanged item (done) from an edited one (a new version).
ALTER TABLE run_items ADD COLUMN body_hash TEXT;
