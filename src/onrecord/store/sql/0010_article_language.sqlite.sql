-- The language told at ingest (onrecord.language; the record's `language`), a column so that
-- queries and exports can filter by it (`--language`, `language=`). Records stored before
-- carry none: their column stays NULL (unknown).
ALTER TABLE articles ADD COLUMN language TEXT;
UPDATE articles SET language = json_extract(record, '$.language');
CREATE INDEX articles_language ON articles (language);
