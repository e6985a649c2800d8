"""What a watcher keeps in the store between runs: each feed's validators, schedule and failures,
and which of the articles it stored its rules have been run on."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import Connection, text

from onrecord.store import Store


@dataclass
class FeedState:
    """One feed of one watcher. ``next_poll`` is seconds since the epoch."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    polled_at: str | None = None
    next_poll: float = 0.0
    failures: int = 0
    status: str | None = None  # new, unchanged (304), same (200, nothing new), error
    last_error: str | None = None
    articles: int = 0


_FIELDS = "url, etag, last_modified, polled_at, next_poll, failures, status, last_error, articles"
_UPSERT = text(
    f"INSERT INTO watch_feeds (watch, {_FIELDS}) VALUES (:watch, :{_FIELDS.replace(', ', ', :')}) "
    "ON CONFLICT (watch, url) DO UPDATE SET etag = excluded.etag, "
    "last_modified = excluded.last_modified, polled_at = excluded.polled_at, "
    "next_poll = excluded.next_poll, failures = excluded.failures, status = excluded.status, "
    "last_error = excluded.last_error, articles = excluded.articles"
)


def load_feeds(store: Store, watch: str, urls: list[str]) -> dict[str, FeedState]:
    """The saved state of each of ``urls`` (a fresh one for a feed never polled)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            text(f"SELECT {_FIELDS} FROM watch_feeds WHERE watch = :w"), {"w": watch}
        )
        saved = {row.url: FeedState(**row._mapping) for row in rows}
    return {url: saved.get(url) or FeedState(url) for url in urls}


def save_feed(store: Store, watch: str, state: FeedState) -> None:
    with store.engine.begin() as conn:
        conn.execute(_UPSERT, {"watch": watch, **asdict(state)})


def unchecked(store: Store, watch: str, run_key: str) -> list[str]:
    """Articles the watcher's run stored that its rules have not been run on, oldest first."""
    sql = text(
        "SELECT DISTINCT i.doc_id, a.stored_at FROM run_items i JOIN articles a "
        "ON a.doc_id = i.doc_id WHERE i.run_key = :k AND i.status = 'stored' AND NOT EXISTS "
        "(SELECT 1 FROM watch_checked c WHERE c.watch = :w AND c.doc_id = i.doc_id) "
        "ORDER BY a.stored_at, i.doc_id"
    )
    with store.engine.connect() as conn:
        return [row.doc_id for row in conn.execute(sql, {"k": run_key, "w": watch})]


def mark_checked(conn: Connection, watch: str, doc_id: str) -> None:
    """In the caller's transaction, with the alerts the check raised."""
    conn.execute(
        text("INSERT INTO watch_checked (watch, doc_id) VALUES (:w, :d) "
             "ON CONFLICT (watch, doc_id) DO NOTHING"),
        {"w": watch, "d": doc_id},
    )
