"""The article store: SQLite (default, one file, WAL) or PostgreSQL, behind one small class.

Whole ``Article`` records are kept (JSON, with the text in its own column) so quotations and
events round-trip exactly; ``quotes`` and ``events`` rows are query projections rewritten with the
article. Every write is an upsert by ``doc_id``, so re-ingesting never duplicates anything.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, bindparam, create_engine, event, make_url, text
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.exc import OperationalError

from onrecord.errors import InputError
from onrecord.model import ActorRef, Article, Mention
from onrecord.store.aggregates import CURRENT
from onrecord.store.items import article_item, event_items, quote_items, refresh, with_text
from onrecord.store.migrations import applied, migrate

DEFAULT_DB = "onrecord.db"


@dataclass(frozen=True)
class Copy:
    """Another publication of a stored (canonical) article: a syndicated or re-posted copy."""

    doc_id: str
    copy_doc_id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None
    kind: str = "exact"
    similarity: float | None = None


@dataclass(frozen=True)
class Stored:
    """An article with the fingerprints de-duplication needs to find it again later."""

    article: Article
    body_hash: str | None = None
    signature: bytes | None = None


@dataclass(frozen=True)
class ItemMark:
    """What happened to one input item of a run (``stored``, ``duplicate``, ``skipped``...)."""

    item_key: str
    status: str
    reason: str | None = None
    doc_id: str | None = None
    body_hash: str | None = None  # what the item read, so a re-run can tell an edit


def engine_url(db: str) -> str:
    """SQLAlchemy URL for ``db``: a ``postgresql://`` DSN, a ``sqlite://`` URL or a file path."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return f"sqlite:///{Path(db)}"


#: Seconds a SQLite connection waits for a lock (its busy timeout), and opening a store waits
#: out "database is locked".
BUSY_WAIT = 30.0


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # First: switching to WAL may wait for a lock.
    cursor.execute(f"PRAGMA busy_timeout={round(BUSY_WAIT * 1000)}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fts_phrases(query: str) -> list[str]:
    """A user's words as FTS5 quoted terms, never a syntax error."""
    return ['"' + term.replace('"', '""') + '"' for term in re.findall(r"\w+", query)]


def _fts_terms(query: str) -> str:
    """A user's words as an FTS5 query of quoted terms (all must match)."""
    return " ".join(_fts_phrases(query))


def sqlite_revision(store: Store) -> Callable[[], int] | None:
    """A function giving the store's write revision, or None when it has none (PostgreSQL,
    an in-memory SQLite database): SQLite's ``PRAGMA data_version`` on a connection of its own
    that never writes, which changes on every commit by any other connection, this process's
    or another's, and costs a few microseconds."""
    path = store.engine.url.database if store.dialect == "sqlite" else None
    if not path or path == ":memory:":
        return None
    watcher = sqlite3.connect(Path(path).resolve().as_uri(), uri=True, check_same_thread=False)
    lock = threading.Lock()

    def revision() -> int:
        with lock:
            return watcher.execute("PRAGMA data_version").fetchone()[0]

    return revision


_UPSERT_ARTICLE = text(
    "INSERT INTO articles (doc_id, url, source, title, published, text, record, body_hash, "
    "signature, language, stored_at, item) VALUES (:doc_id, :url, :source, :title, :published, "
    ":text, :record, :body_hash, :signature, :language, :now, :item) "
    "ON CONFLICT (doc_id) DO UPDATE SET url = excluded.url, source = excluded.source, "
    "title = excluded.title, published = excluded.published, text = excluded.text, "
    "record = excluded.record, body_hash = excluded.body_hash, "
    "signature = excluded.signature, language = excluded.language, "
    "stored_at = excluded.stored_at, item = excluded.item"
)


def _insert(table: str, columns: str) -> str:
    return f"INSERT INTO {table} ({columns}) VALUES (:{columns.replace(', ', ', :')})"


_INSERT_QUOTE = text(_insert(
    "quotes", "doc_id, quote_id, kind, content, start_offset, end_offset, cue, speaker_mention, "
    "speaker_name, speaker_actor_id, addressee_name, addressee_actor_id, condition, negated, "
    "hedged, published, item"))
_INSERT_EVENT = text(_insert(
    "events", "doc_id, event_id, type, mode, context, source_name, source_actor_id, "
    "source_country, target_name, target_actor_id, target_country, quote_id, condition, negated, "
    "hedged, intensity, published, source_non_state, target_non_state, confidence, item"))
_UPSERT_ACTOR = text(
    "INSERT INTO actors (actor_id, name, country, sector) VALUES (:actor_id, :name, :country, "
    ":sector) ON CONFLICT (actor_id) DO UPDATE SET name = coalesce(excluded.name, actors.name), "
    "country = coalesce(excluded.country, actors.country), "
    "sector = coalesce(excluded.sector, actors.sector)"
)
_UPSERT_COPY = text(
    "INSERT INTO copies (doc_id, copy_key, copy_doc_id, url, source, title, published, kind, "
    "similarity) VALUES (:doc_id, :copy_key, :copy_doc_id, :url, :source, :title, :published, "
    ":kind, :similarity) ON CONFLICT (doc_id, copy_key) DO NOTHING"
)
#: Bound doc_ids per aggregate statement: each is bound up to four times, which stays under
#: the 999 parameters older SQLite builds allow, whatever batch size a runner writes.
_IDS_PER_STATEMENT = 200
_STORED = text("SELECT doc_id FROM articles WHERE doc_id IN :ids").bindparams(
    bindparam("ids", expanding=True)
)
_UPSERT_ITEM = text(
    f"{_insert('run_items', 'run_key, item_key, status, reason, doc_id, body_hash')} "
    "ON CONFLICT (run_key, item_key) DO UPDATE SET status = excluded.status, "
    "reason = excluded.reason, doc_id = excluded.doc_id, body_hash = excluded.body_hash"
)
#: The version a changed article replaces goes to ``article_versions`` first.
_KEEP_VERSION = text(
    "INSERT INTO article_versions (doc_id, version, url, source, title, published, text, record, "
    "body_hash, stored_at, replaced_at) SELECT doc_id, (SELECT count(*) + 1 FROM "
    "article_versions v WHERE v.doc_id = articles.doc_id), url, source, title, published, text, "
    "record, body_hash, stored_at, :now FROM articles WHERE doc_id = :doc_id AND text <> :text"
)


def _quote_rows(article: Article) -> list[dict]:
    rows = []
    for quote, item in zip(article.quotes, quote_items(article), strict=True):
        speaker, addressee = quote.speaker, quote.addressee
        rows.append({
            "doc_id": article.doc_id, "quote_id": quote.id, "kind": quote.kind,
            "content": quote.content,
            "start_offset": quote.spans[0][0] if quote.spans else None,
            "end_offset": quote.spans[-1][1] if quote.spans else None,
            "cue": quote.cue,
            "speaker_mention": speaker.mention if speaker else None,
            "speaker_name": speaker.name if speaker else None,
            "speaker_actor_id": speaker.actor_id if speaker else None,
            "addressee_name": addressee.name if addressee else None,
            "addressee_actor_id": addressee.actor_id if addressee else None,
            "condition": quote.condition, "negated": quote.negated, "hedged": quote.hedged,
            "published": article.published, "item": item,
        })
    return rows


def _event_rows(article: Article) -> list[dict]:
    """The events' rows; an end is non-state when the coder said so (``ActorRef.non_state``,
    from the knowledge base it coded with)."""
    rows = []
    for ev, item in zip(article.events, event_items(article), strict=True):
        src, tgt = ev.source, ev.target
        rows.append({
            "doc_id": article.doc_id, "event_id": ev.id, "type": ev.type, "mode": ev.mode,
            "context": ",".join(ev.context) or None,
            "source_name": src.name if src else None,
            "source_actor_id": src.actor_id if src else None,
            "source_country": src.country if src else None,
            "target_name": tgt.name if tgt else None,
            "target_actor_id": tgt.actor_id if tgt else None,
            "target_country": tgt.country if tgt else None,
            "source_non_state": src is not None and src.non_state,
            "target_non_state": tgt is not None and tgt.non_state,
            "quote_id": ev.quote_id, "condition": ev.condition, "negated": ev.negated,
            "hedged": ev.hedged, "intensity": ev.intensity, "published": article.published,
            "confidence": ev.confidence, "item": item,
        })
    return rows


def _actor_rows(article: Article) -> list[dict]:
    """One row per resolved actor of the article, its known values merged (first non-null wins)."""
    refs: list[Mention | ActorRef] = [
        m for q in article.quotes for m in (q.speaker, q.addressee) if m is not None
    ] + [r for ev in article.events for r in (ev.source, ev.target) if r is not None]
    rows: dict[str, dict] = {}
    for ref in refs:
        if ref.actor_id is None:
            continue
        row = rows.setdefault(
            ref.actor_id, {"actor_id": ref.actor_id, "name": None, "country": None, "sector": None}
        )
        for column in ("name", "country", "sector"):
            row[column] = row[column] or getattr(ref, column, None)
    return list(rows.values())


class Store:
    """One database of articles, copies, quotes, events and runs at the latest schema
    (``open_store`` migrates it there first)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    @property
    def version(self) -> int:
        """The schema version: the number of the last migration applied."""
        return applied(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def write(
        self,
        articles: Iterable[Stored] = (),
        copies: Iterable[Copy] = (),
        run_key: str | None = None,
        items: Iterable[ItemMark] = (),
    ) -> None:
        """Upsert articles, add copies and mark run items, all in one transaction.

        The aggregate tables lose the counts of the articles' stored rows before those are
        replaced and gain the new rows' counts after, so re-putting an article counts it once.
        """
        articles = list(articles)
        ids = sorted({stored.article.doc_id for stored in articles})
        aggregates = CURRENT if ids else []
        counted = [aggregate for aggregate in aggregates if aggregate.drop_zeros is not None]
        with self.engine.begin() as conn:
            # Only articles stored before have counts to take away (most writes are new ones).
            stored_before = self._stored(conn, ids) if aggregates else []
            if stored_before:
                self._each_chunk(conn, [a.written for a in counted], stored_before, sign=-1)
            for stored in articles:
                self._put(conn, stored)
            if aggregates:
                self._each_chunk(conn, [a.written for a in aggregates], ids, sign=1)
            if stored_before:
                for aggregate in counted:
                    conn.execute(aggregate.drop_zeros)
            for copy in copies:
                conn.execute(_UPSERT_COPY, {**copy.__dict__, "copy_key": _copy_key(copy)})
            if run_key is not None:
                rows = [{"run_key": run_key, **item.__dict__} for item in items]
                if rows:
                    conn.execute(_UPSERT_ITEM, rows)

    def put(self, article: Article, body_hash: str | None = None, signature: bytes | None = None):
        """Store one article; an earlier one with the same ``doc_id`` and another text becomes
        a kept version (``versions``)."""
        self.write([Stored(article, body_hash, signature)])

    def _put(self, conn: Connection, stored: Stored) -> None:
        article = stored.article
        record = article.model_dump(mode="json", exclude={"text"})
        conn.execute(_KEEP_VERSION, {"doc_id": article.doc_id, "text": article.text,
                                     "now": _now()})
        conn.execute(_UPSERT_ARTICLE, {
            "doc_id": article.doc_id, "url": article.url, "source": article.source,
            "title": article.title, "published": article.published, "text": article.text,
            "record": json.dumps(record, ensure_ascii=False), "body_hash": stored.body_hash,
            "signature": stored.signature, "language": article.language, "now": _now(),
            "item": article_item(article),
        })
        for table in ("quotes", "events"):
            conn.execute(text(f"DELETE FROM {table} WHERE doc_id = :d"), {"d": article.doc_id})
        if quotes := _quote_rows(article):
            conn.execute(_INSERT_QUOTE, quotes)
        if events := _event_rows(article):
            conn.execute(_INSERT_EVENT, events)
        if actors := _actor_rows(article):
            conn.execute(_UPSERT_ACTOR, actors)

    @staticmethod
    def _stored(conn: Connection, ids: list[str]) -> list[str]:
        """Those of ``ids`` that are stored already."""
        return sorted(doc_id for chunk in _chunks(ids)
                      for doc_id in conn.execute(_STORED, {"ids": chunk}).scalars())

    @staticmethod
    def _each_chunk(conn: Connection, statements: list, ids: list[str], **params: int) -> None:
        for chunk in _chunks(ids):
            for statement in statements:
                conn.execute(statement, {"ids": chunk, **params})

    # -- reading ---------------------------------------------------------------------------

    def read(self, statement: str, params: Mapping[str, object] | None = None) -> list[tuple]:
        """The rows of a read-only ``statement`` (SQL with ``:name`` parameters), run on the
        driver's own connection from the pool: SQLAlchemy's execution of a statement and its
        result costs about 0.15 ms, the driver's a few microseconds (the API's lists run two
        to four statements a request)."""
        native, names = _native(self.engine.dialect, statement)
        params = params or {}
        conn = self.engine.raw_connection()
        try:
            cursor = conn.cursor()
            cursor.execute(native, [params[n] for n in names] if names is not None else params)
            rows = cursor.fetchall()
            cursor.close()
        finally:
            conn.close()  # back to the pool, which ends the transaction (PostgreSQL)
        return rows

    def get(self, doc_id: str) -> Article | None:
        """The stored record of ``doc_id``, exactly as it was put."""
        found = self.get_json(doc_id)
        return None if found is None else Article.model_validate_json(found)

    def get_json(self, doc_id: str) -> str | None:
        """The stored record of ``doc_id`` as the API writes it (``onrecord.store.items``)."""
        rows = self.read("SELECT item, text FROM articles WHERE doc_id = :d", {"d": doc_id})
        return with_text(*rows[0]) if rows else None

    def versions(self, doc_id: str) -> list[Article]:
        """The earlier versions of ``doc_id``, oldest first, each exactly as it was stored."""
        with self.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT text, record FROM article_versions WHERE doc_id = :d ORDER BY version"
            ), {"d": doc_id})
            return [Article.model_validate({**json.loads(r.record), "text": r.text}) for r in rows]

    def copies(self, doc_id: str) -> list[Copy]:
        """Every recorded copy of the canonical article ``doc_id``."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT doc_id, copy_doc_id, url, source, title, published, kind, similarity "
                    "FROM copies WHERE doc_id = :d ORDER BY published, url, copy_doc_id"
                ),
                {"d": doc_id},
            )
            return [Copy(**row._mapping) for row in rows]

    def count(self, table: str) -> int:
        """Number of rows in one of the store's tables."""
        if table not in {"articles", "article_versions", "copies", "quotes", "events", "actors",
                         "runs", "run_items"}:
            raise ValueError(f"no table {table!r}")
        with self.engine.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()

    def find_by_hash(self, body_hash: str) -> str | None:
        """``doc_id`` of a stored article with this normalised-body hash, if any."""
        with self.engine.connect() as conn:
            return conn.execute(
                text("SELECT doc_id FROM articles WHERE body_hash = :h LIMIT 1"), {"h": body_hash}
            ).scalar()

    def signatures(self) -> Iterator[tuple[str, str | None, str | None, bytes]]:
        """(doc_id, url, body_hash, MinHash signature) of every article, to rebuild the index."""
        with self.engine.connect() as conn:
            rows = conn.execute(text("SELECT doc_id, url, body_hash, signature FROM articles"))
            for doc_id, url, body_hash, signature in rows:
                yield doc_id, url, body_hash, bytes(signature) if signature is not None else b""

    def search_articles(self, query: str, limit: int = 20) -> list[str]:
        """``doc_id``s of articles whose title or text match all words of ``query``, best first."""
        return [row[0] for row in self._full_text("articles", ("doc_id",), query, limit)]

    def search_quotes(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """(doc_id, quote_id) of quotations whose content matches all words of ``query``."""
        return self._full_text("quotes", ("doc_id", "quote_id"), query, limit)

    def _full_text(self, table: str, columns: tuple[str, ...], query: str,
                   limit: int) -> list[tuple]:
        """Rows of ``table`` matching all words of ``query``, best first. ``table`` and
        ``columns`` come from this module only."""
        if not re.search(r"\w", query):
            return []
        matching, params, best = self.matching(table, query)
        selected = ", ".join(f"t.{c}" for c in columns)
        sql = f"SELECT {selected} {matching} ORDER BY {best} LIMIT :n"
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql), {**params, "n": limit})]

    def matching(self, table: str, query: str, phrase: bool = False) -> tuple[str, dict, str]:
        """The ``FROM`` and ``WHERE`` of the rows of ``table`` (as ``t``: ``articles`` or
        ``quotes``) that hold every word of ``query``, or with ``phrase`` its words side by
        side in its order; their parameters; and an ``ORDER BY`` best first. FTS5 on SQLite,
        ``tsvector`` on PostgreSQL."""
        if table not in {"articles", "quotes"}:
            raise ValueError(f"no full-text index on {table!r}")
        if self.dialect == "sqlite":
            terms = re.findall(r"\w+", query)  # \w never holds a double quote
            fts = f'"{" ".join(terms)}"' if phrase else _fts_terms(query)
            return (f"FROM {table}_fts JOIN {table} t ON t.rowid = {table}_fts.rowid "
                    f"WHERE {table}_fts MATCH :q", {"q": fts}, "rank")
        parse = "phraseto_tsquery" if phrase else "plainto_tsquery"
        return (f"FROM {table} t, {parse}('english', :q) query WHERE t.tsv @@ query",
                {"q": query}, "ts_rank(t.tsv, query) DESC, t.doc_id")

    # -- runs (resume) ---------------------------------------------------------------------

    def start_run(self, run_key: str, command: dict) -> bool:
        """Record a run; returns True when it already existed (this is a resume)."""
        with self.engine.begin() as conn:
            existed = conn.execute(
                text("SELECT 1 FROM runs WHERE run_key = :k"), {"k": run_key}
            ).first()
            if existed is None:
                conn.execute(
                    text("INSERT INTO runs (run_key, command, started_at) VALUES (:k, :c, :t)"),
                    {"k": run_key, "c": json.dumps(command, sort_keys=True), "t": _now()},
                )
        return existed is not None

    def finish_run(self, run_key: str, summary: dict) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                text("UPDATE runs SET finished_at = :t, summary = :s WHERE run_key = :k"),
                {"k": run_key, "t": _now(), "s": json.dumps(summary, sort_keys=True)},
            )

    def stored_items(self) -> set[tuple[str, str]]:
        """(item_key, doc_id) of every input any run stored as an article: where each came from."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT item_key, doc_id FROM run_items WHERE status = 'stored'")
            )
            return {tuple(row) for row in rows}

    def done_items(self, run_key: str) -> dict[str, str | None]:
        """Item keys a run has finished with, and the body hash each read (``None`` when
        unknown); failed items are not done: a re-run retries them."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT item_key, body_hash FROM run_items "
                     "WHERE run_key = :k AND status <> 'error'"),
                {"k": run_key},
            )
            return dict(map(tuple, rows))


@functools.lru_cache(maxsize=2048)
def _native(dialect: Dialect, statement: str) -> tuple[str, list[str] | None]:
    """``statement`` in the driver's parameter style, and the order of its positional
    parameters (None: the driver takes them by name), as SQLAlchemy would send it."""
    compiled = text(statement).compile(dialect=dialect)
    return compiled.string, compiled.positiontup


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(ids), _IDS_PER_STATEMENT):
        yield ids[start:start + _IDS_PER_STATEMENT]


def _copy_key(copy: Copy) -> str:
    """Identity of one publication of a story: its URL, outlet and text.

    Without a URL, the same outlet with the same text is taken for the same publication read
    twice (a dump ingested again, a feed re-delivering an entry) and kept once, unless the two
    carry different publication dates: then the outlet ran the story again, and both are kept.
    Every input item still has its own row in ``run_items``, pointing at the canonical article.
    """
    key = [copy.url, copy.source, copy.copy_doc_id]
    if copy.url is None and copy.published is not None:
        key.append(copy.published)
    return json.dumps(key)


def store_engine(db: str) -> Engine:
    """The engine of the database at a path or ``postgresql://`` DSN (SQLite in WAL mode)."""
    engine = create_engine(engine_url(db))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _busy(exc: OperationalError) -> bool:
    return isinstance(exc.orig, sqlite3.OperationalError) and \
        getattr(exc.orig, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY


def _prepare(engine: Engine) -> None:
    """Migrate and refresh the store. SQLite answers "database is locked" at once, without its
    busy timeout, where waiting could deadlock or while another connection sets up WAL mode: so
    processes opening a new store together wait for each other instead of failing (each step
    reads the version under the migration lock, so a repeat does nothing twice)."""
    deadline, pause = time.monotonic() + BUSY_WAIT, 0.05
    while True:
        try:
            migrate(engine)
            refresh(engine)
            return
        except OperationalError as exc:
            if not _busy(exc) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(2 * pause, 1.0)


def open_store(db: str = DEFAULT_DB) -> Store:
    """Open (creating and migrating to the latest schema as needed) the store at a path or
    ``postgresql://`` DSN."""
    engine = store_engine(db)
    try:
        _prepare(engine)
        return Store(engine)
    except OperationalError as exc:  # no such folder, no permission, no server, a bad password
        engine.dispose()
        shown = db if engine.dialect.name == "sqlite" else \
            make_url(db).render_as_string(hide_password=True)
        raise InputError(shown, f"cannot open the store ({exc.orig})") from None
