-- Quote provenance: the group of quotations reporting the same words each quotation belongs to
-- (onrecord.provenance). `cluster_id` is the "doc_id/quote_id" of the group's earliest member.
-- Rows go with their quotation (re-putting an article deletes them), so a store whose quotes
-- outnumber these rows has groups to rebuild.
CREATE TABLE quote_clusters (
    doc_id TEXT NOT NULL,
    quote_id TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    PRIMARY KEY (doc_id, quote_id),
    FOREIGN KEY (doc_id, quote_id) REFERENCES quotes (doc_id, quote_id) ON DELETE CASCADE
);
CREATE INDEX quote_clusters_cluster ON quote_clusters (cluster_id);
