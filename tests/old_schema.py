"""A store left at an older schema, as a user's store from an earlier release holds it.

The store writes the latest schema only. A migration test starts here instead: the migrations up
to some version make the tables, and `put` writes articles as that release did: each row into
the columns its table had then, and the tables kept at that version counted up.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

from sqlalchemy import Connection, Engine, inspect, text

from onrecord.model import Article
from onrecord.store.aggregates import TABLES
from onrecord.store.db import _UPSERT_ACTOR, _actor_rows, _event_rows, _quote_rows, store_engine
from onrecord.store.migrations import applied, migrate


def migration(name: str) -> int:
    """The number of the migration called ``name``: ``migration("event_confidence")`` is 11."""
    for entry in (resources.files("onrecord.store") / "sql").iterdir():
        number, _, rest = entry.name.partition("_")
        if rest.split(".")[0] == name:
            return int(number)
    raise LookupError(f"no migration called {name!r}")


@contextmanager
def old_store(db_url: str, version: int) -> Iterator[Engine]:
    """The database at ``db_url`` with the migrations up to ``version`` applied, no further."""
    engine = store_engine(db_url)
    try:
        if migrate(engine, upto=version) != version:
            raise ValueError(f"{db_url} is past schema {version} already")
        yield engine
    finally:
        engine.dispose()


def put(engine: Engine, *articles: Article) -> None:
    """Write new articles into a store at an older schema, as the release of that schema did."""
    version = applied(engine)
    with engine.begin() as conn:
        tables = inspect(conn)
        columns = {name: {c["name"] for c in tables.get_columns(name)}
                   for name in tables.get_table_names()}
        for article in articles:
            record = article.model_dump(mode="json", exclude={"text"})
            _insert(conn, columns, "articles", [{
                "doc_id": article.doc_id, "url": article.url, "source": article.source,
                "title": article.title, "published": article.published, "text": article.text,
                "record": json.dumps(record, ensure_ascii=False), "language": article.language,
                "stored_at": "2020-01-01T00:00:00+00:00",
            }])
            _insert(conn, columns, "quotes", _quote_rows(article))
            _insert(conn, columns, "events", _event_rows(article))
            if "actors" in columns and (actors := _actor_rows(article)):
                conn.execute(_UPSERT_ACTOR, actors)
        ids = [article.doc_id for article in articles]
        for aggregate in TABLES:
            until = version if aggregate.until is None else aggregate.until
            if aggregate.since <= version <= until:
                conn.execute(aggregate.written, {"ids": ids, "sign": 1})


def _insert(conn: Connection, columns: dict[str, set[str]], table: str, rows: list[dict]) -> None:
    """``rows`` into ``table``, each with the values of the columns the table has."""
    if not rows:
        return
    names = [name for name in rows[0] if name in columns[table]]
    conn.execute(
        text(f"INSERT INTO {table} ({', '.join(names)}) VALUES (:{', :'.join(names)})"),
        [{name: row[name] for name in names} for row in rows],
    )


def get(engine: Engine, doc_id: str) -> Article:
    """The record of ``doc_id`` as the store at any schema holds it."""
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT text, record FROM articles WHERE doc_id = :d"), {"d": doc_id}
        ).one()
    return Article.model_validate({**json.loads(row.record), "text": row.text})
