-- onrecord watch (docs/watch.md): alerts with the statement and evidence they fired on, and the
-- watcher's state, so a restart resumes where it stopped.
-- `story_key` says which story an alert is about (rule, speaker or pair, the quoted words or the
-- week): a wire copy of a story, read again from another outlet, gives the same key, and the
-- UNIQUE constraint keeps it to one alert. `delivered_at` is set once the webhook took it.
CREATE TABLE alerts (
    alert_id INTEGER PRIMARY KEY,
    story_key TEXT NOT NULL UNIQUE,
    rule TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    summary TEXT NOT NULL,
    doc_id TEXT,
    quote_id TEXT,
    event_id TEXT,
    quote TEXT,
    speaker TEXT,
    url TEXT,
    title TEXT,
    published TEXT,
    evidence TEXT NOT NULL,
    delivered_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX alerts_undelivered ON alerts (delivered_at);

-- Per watcher and feed: the validators of the last answer (sent back as If-None-Match and
-- If-Modified-Since), when to poll next (seconds since the epoch) and how many polls in a row
-- failed (the backoff).
CREATE TABLE watch_feeds (
    watch TEXT NOT NULL,
    url TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    polled_at TEXT,
    next_poll REAL NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    status TEXT,
    last_error TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (watch, url)
);

-- Articles a watcher stored and has run its rules on: one stored but not listed here (a watcher
-- killed between the two) is checked when it starts again.
CREATE TABLE watch_checked (
    watch TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (watch, doc_id)
);
