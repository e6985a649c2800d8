-- Each quotation's and event's JSON as the API lists it, with its article (onrecord.store.items):
-- a page is its rows' fragments joined, not every row's article record parsed, checked and
-- written again (about 60 us a row, most of a page's time). item_format holds the signature of
-- the models the fragments were written with; an empty one (as here) has them all written anew
-- from the records when the store is next opened.
ALTER TABLE quotes ADD COLUMN item TEXT;
ALTER TABLE events ADD COLUMN item TEXT;
CREATE TABLE item_format (signature TEXT NOT NULL);
-- A quotation's words are indexed again only when its content changes: writing its fragment
-- must not delete and re-add every row of the full-text index (which left the index in
-- thousands of segments, and the search by words three times slower).
DROP TRIGGER quotes_fts_update;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF content ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
    INSERT INTO quotes_fts (rowid, content) VALUES (new.rowid, new.content);
END;
