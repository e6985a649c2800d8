-- Conditional events ("if they cross the line, we will respond") in list order, alone and by
-- type: the home page's "all conditional threats" and any list with conditional=true are the
-- first rows of these, and their totals a count of them. Without them the list read every
-- THREATEN event to find the conditional ones (8,000 on the 100,000-quotation store of
-- benchmarks/bench_pages.py, which has none: 100 ms for the count and the page).
CREATE INDEX events_conditional_order ON events (coalesce(published, '') DESC, doc_id, event_id)
    WHERE condition IS NOT NULL;
CREATE INDEX events_conditional_type_order
    ON events (type, coalesce(published, '') DESC, doc_id, event_id) WHERE condition IS NOT NULL;
