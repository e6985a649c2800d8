"""Articles, quotations and events by filter, a page at a time, exactly as in their records.

Lists are paged by cursor (``onrecord.store.cursor``) and text is ordered byte-wise on both
databases, so SQLite and PostgreSQL give the same pages.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from onrecord.model import Article
from onrecord.store import words
from onrecord.store.cursor import Listing, page_rows
from onrecord.store.db import Store
from onrecord.store.filters import ArticleFilter, EventFilter, QuoteFilter
from onrecord.store.items import with_text
from onrecord.store.results import EventRow, Page, QuoteRow
from onrecord.store.where import Scope, Where, where

#: Rows per page unless asked otherwise, and the most a page may hold.
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
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


def article_fragments(
    store: Store, f: ArticleFilter | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Fragments:
    """Stored articles (whole records), newest first."""
    where_, listing = filtered(store, "articles", f)
    rows, next_cursor = page_rows(store, listing, "a.item, a.text", where_, cursor, limit)
    return Fragments([with_text(item, text) for item, text, *_ in rows], next_cursor)


def articles(
    store: Store, f: ArticleFilter | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Page[Article]:
    """Stored articles (``article_fragments``), as records."""
    return article_fragments(store, f, cursor, limit).page(Article)


@dataclass
class Fragments:
    """A page of quotations or events as their rows keep them (``onrecord.store.items``):
    the API joins the fragments into its answer as they are, ``page`` reads them as models."""

    items: list[str]
    next_cursor: str | None = None
    #: How many rows match in all (given on a list's first page).
    total: int | None = None

    def json(self) -> bytes:
        """The page as ``Page`` writes it: the same bytes, without a model per row."""
        cursor = "null" if self.next_cursor is None else json.dumps(self.next_cursor)
        total = "null" if self.total is None else str(self.total)
        items = ",".join(self.items)
        return f'{{"items":[{items}],"next_cursor":{cursor},"total":{total}}}'.encode()

    def page(self, model: type[Article | QuoteRow | EventRow]) -> Page:
        return Page(items=[model.model_validate_json(item) for item in self.items],
                    next_cursor=self.next_cursor, total=self.total)


def quote_fragments(
    store: Store, f: QuoteFilter | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Fragments:
    """Quotations matching ``f``, newest article first, in text order within an article
    (common words alone: the list read in order, kept by the words' bitmaps)."""
    if (matched := words.matching(store, f)) is not None:
        rows, next_cursor = page_rows(store, QUOTES, "q.item", Where(), cursor, limit,
                                      keep=matched.has)
    else:
        where_, listing = filtered(store, "quotes", f)
        rows, next_cursor = page_rows(store, listing, "q.item", where_, cursor, limit)
    return Fragments([row[0] for row in rows], next_cursor)


def quotes(
    store: Store, f: QuoteFilter | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Page[QuoteRow]:
    """Quotations matching ``f`` (``quote_fragments``), as models."""
    return quote_fragments(store, f, cursor, limit).page(QuoteRow)


def event_fragments(
    store: Store, f: EventFilter | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT, order: EventOrder = "newest",
) -> Fragments:
    """Coded events matching ``f``, newest first unless ``order`` says otherwise."""
    where_, _ = filtered(store, "events", f)
    rows, next_cursor = page_rows(store, EVENT_ORDERS[order], "e.item", where_, cursor, limit)
    return Fragments([row[0] for row in rows], next_cursor)


def events(
    store: Store, f: EventFilter | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT, order: EventOrder = "newest",
) -> Page[EventRow]:
    """Coded events matching ``f`` (``event_fragments``), as models."""
    return event_fragments(store, f, cursor, limit, order).page(EventRow)


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
