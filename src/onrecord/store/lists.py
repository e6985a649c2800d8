"""Articles, quotations and events by filter, a page at a time, exactly as in their records.

Lists are paged by cursor (``onrecord.store.cursor``) and text is ordered byte-wise on both
databases, so SQLite and PostgreSQL give the same pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal

from pydantic import BaseModel
from pydantic_core import from_json
from sqlalchemy import Connection, Row

from onrecord.model import Article
from onrecord.store.cursor import Listing, page_rows
from onrecord.store.db import Store
from onrecord.store.filters import ArticleFilter, EventFilter, QuoteFilter
from onrecord.store.results import ArticleRef, EventRow, Page, QuoteRow
from onrecord.store.where import Scope, Where, where
from onrecord.store.where import sql as _sql

#: Rows per page unless asked otherwise, and the most a page may hold.
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
#: The record fields a quotation or event row carries of its article (``ArticleRef``).
ARTICLE_FIELDS = tuple(ArticleRef.model_fields)
#: Rows fetched per round when a query is read to the end (exports).
_BATCH = 1000

Table = Literal["articles", "quotes", "events"]

ARTICLES = Listing(
    "articles a", "a", (("coalesce(a.published, '')", True, True), ("a.doc_id", False, True))
)
QUOTES = Listing(
    "quotes q",
    "q",
    (
        ("coalesce(q.published, '')", True, True),
        ("q.doc_id", False, True),
        ("coalesce(q.start_offset, -1)", False, False),
        ("q.quote_id", False, True),
    ),
)
#: Quotations of one country: the first rows of quote_countries_order (migration 0005),
#: joined to their quotations; the keys are the same values as ``QUOTES``'.
QUOTES_BY_COUNTRY = Listing(
    "quote_countries c JOIN quotes q ON q.doc_id = c.doc_id AND q.quote_id = c.quote_id",
    "q",
    (
        ("c.published", True, True),
        ("c.doc_id", False, True),
        ("c.start_offset", False, False),
        ("c.quote_id", False, True),
    ),
)
EVENTS = Listing(
    "events e",
    "e",
    (
        ("coalesce(e.published, '')", True, True),
        ("e.doc_id", False, True),
        ("e.event_id", False, True),
    ),
)
#: How a list of events may be ordered: newest first (the default), oldest first, or by type,
#: source or target (then newest first).
EventOrder = Literal["newest", "oldest", "type", "source", "target"]
_NEWEST = EVENTS.keys


def _events_by(*first: str) -> Listing:
    return Listing("events e", "e", (*((expr, False, True) for expr in first), *_NEWEST))


EVENT_ORDERS: dict[str, Listing] = {
    "newest": EVENTS,
    "oldest": Listing("events e", "e", tuple((expr, False, True) for expr, _, _ in _NEWEST)),
    "type": _events_by("e.type"),
    "source": _events_by("coalesce(e.source_actor_id, e.source_name, '')"),
    "target": _events_by("coalesce(e.target_actor_id, e.target_name, '')"),
}


def filtered(
    store: Store, table: Table, f: ArticleFilter | QuoteFilter | EventFilter | None
) -> tuple[Where, Listing]:
    """The rows of ``table`` that ``f`` keeps: its WHERE clause and the listing it reads."""
    if table == "articles":
        return where(f or ArticleFilter(), Scope(store, "a", "articles")), ARTICLES
    if table == "quotes":
        f = f or QuoteFilter()
        listing = QUOTES_BY_COUNTRY if isinstance(f, QuoteFilter) and f.country else QUOTES
        return where(f, Scope(store, "q", "quotes")), listing
    return where(f or EventFilter(), Scope(store, "e", "events")), EVENTS


def _records(conn: Connection, doc_ids: set[str], with_text: bool = True) -> dict[str, dict]:
    """The stored records of ``doc_ids`` (``with_text``: the article's text too).

    Parsed by pydantic's JSON reader, twice as fast as ``json.loads`` on a record; a page of
    quotations or events needs no text, the largest column.
    """
    names = {f"d{i}": d for i, d in enumerate(sorted(doc_ids))}
    if not names:
        return {}
    placeholders = ", ".join(":" + n for n in names)
    columns = "doc_id, record, text" if with_text else "doc_id, record"
    sql = _sql(f"SELECT {columns} FROM articles WHERE doc_id IN ({placeholders})")
    records = {}
    for row in conn.execute(sql, names):
        record = from_json(row.record)
        if with_text:
            record["text"] = row.text
        records[row.doc_id] = record
    return records


def _rows_of_records(store: Store, rows: list[Row], part: str, model: type[BaseModel]) -> list:
    """The quotes or events of ``rows`` (doc_id, item id) as stored in their records."""
    with store.engine.connect() as conn:
        records = _records(conn, {row.doc_id for row in rows}, with_text=False)
    result = []
    for row in rows:
        record = records[row.doc_id]
        item = next(x for x in record[part] if x["id"] == row.item_id)
        article = {k: record.get(k) for k in ARTICLE_FIELDS}
        result.append(model.model_validate({**item, "article": article}))
    return result


def articles(
    store: Store, f: ArticleFilter | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Page[Article]:
    """Stored articles (whole records), newest first."""
    where_, listing = filtered(store, "articles", f)
    rows, next_cursor = page_rows(store, listing, "a.doc_id", where_, cursor, limit)
    with store.engine.connect() as conn:
        records = _records(conn, {row.doc_id for row in rows})
    items = [Article.model_validate(records[row.doc_id]) for row in rows]
    return Page(items=items, next_cursor=next_cursor)


def quotes(
    store: Store, f: QuoteFilter | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Page[QuoteRow]:
    """Quotations matching ``f``, newest article first, in text order within an article."""
    where_, listing = filtered(store, "quotes", f)
    columns = "q.doc_id AS doc_id, q.quote_id AS item_id"
    rows, next_cursor = page_rows(store, listing, columns, where_, cursor, limit)
    return Page(items=_rows_of_records(store, rows, "quotes", QuoteRow), next_cursor=next_cursor)


def events(
    store: Store, f: EventFilter | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT, order: EventOrder = "newest",
) -> Page[EventRow]:
    """Coded events matching ``f``, newest first unless ``order`` says otherwise."""
    where_, _ = filtered(store, "events", f)
    columns = "e.doc_id AS doc_id, e.event_id AS item_id"
    rows, next_cursor = page_rows(store, EVENT_ORDERS[order], columns, where_, cursor, limit)
    return Page(items=_rows_of_records(store, rows, "events", EventRow), next_cursor=next_cursor)


def every(
    page: Callable[..., Page], store: Store, f: BaseModel | None = None, **order: str
) -> Iterator:
    """Every result of a list query (``articles``, ``quotes``, ``events``), page after page."""
    cursor = None
    while True:
        result = page(store, f, cursor=cursor, limit=_BATCH, **order)
        yield from result.items
        if (cursor := result.next_cursor) is None:
            return
