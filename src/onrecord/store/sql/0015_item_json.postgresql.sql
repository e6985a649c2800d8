-- Each quotation's and event's JSON as the API lists it, with its article (onrecord.store.items):
-- a page is its rows' fragments joined, not every row's article record parsed, checked and
-- written again (about 60 us a row, most of a page's time). item_format holds the signature of
-- the models the fragments were written with; an empty one (as here) has them all written anew
-- from the records when the store is next opened.
ALTER TABLE quotes ADD COLUMN item TEXT;
ALTER TABLE events ADD COLUMN item TEXT;
CREATE TABLE item_format (signature TEXT NOT NULL);
