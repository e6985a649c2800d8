"""One data function per page: the JSON API returns what it gives, the web UI renders it (as
Datasette serves one view as HTML or JSON), so the two never disagree about a page."""

from __future__ import annotations

from pydantic import BaseModel

from onrecord.model import Article
from onrecord.server.deps import found
from onrecord.server.params import EventQuery, Paging, QuoteQuery, TimelineQuery
from onrecord.store import Store, queries
from onrecord.store.filters import ArticleFilter, QuoteFilter
from onrecord.store.queries import (
    ActorRecord,
    Escalation,
    EventRow,
    Node,
    Page,
    QuoteRow,
    SpeakerRecord,
)

#: Article hits shown beside the quotations on the search page (the first page only).
SEARCH_LIMIT = 50


class SpeakerPage(BaseModel):
    """A speaker's record and a page of their quotations, newest first."""

    speaker: SpeakerRecord
    quotes: Page[QuoteRow]


class Timeline(BaseModel):
    """A pair's escalation series and the events under it (negated ones left out of both;
    None until both parties are given), and the parties there are to pick."""

    series: Escalation | None
    events: Page[EventRow] | None
    parties: list[Node]


class Search(BaseModel):
    """Quotations matching a search (None before anything is asked) and, on the first page of
    a search by words, the articles that hold them."""

    quotes: Page[QuoteRow] | None
    articles: list[Article]


def quote_list(store: Store, query: QuoteQuery) -> Page[QuoteRow]:
    """A page of quotations matching ``query``, with their total on the first page."""
    page = queries.quotes(store, query, query.cursor, query.limit)
    if query.cursor is None:
        page.total = queries.total(store, "quotes", query)
    return page


def event_list(store: Store, query: EventQuery) -> Page[EventRow]:
    """A page of events matching ``query`` in its order, with their total on the first page."""
    page = queries.events(store, query, query.cursor, query.limit, query.order)
    if query.cursor is None:
        page.total = queries.total(store, "events", query)
    return page


def speaker_page(store: Store, name: str, paging: Paging) -> SpeakerPage:
    """Who a speaker addressed, how they were named, their cues, and their quotations."""
    record = found(queries.speaker(store, name), f"speaker {name!r}")
    page = queries.quotes(store, QuoteFilter(speaker=name), paging.cursor, paging.limit)
    return SpeakerPage(speaker=record, quotes=page)


def actor_page(store: Store, key: str) -> ActorRecord:
    """An actor's events by type as source and as target, and its counterparts."""
    return found(queries.actor(store, key), f"actor {key!r}")


def timeline(store: Store, pair: TimelineQuery) -> Timeline:
    """The escalation series of a pair and its events, once both parties are given; a
    negated event ("did not threaten") is in neither, as it is no step of an escalation."""
    parties = queries.parties(store)
    if not (pair.source and pair.target):
        return Timeline(series=None, events=None, parties=parties)
    series = queries.escalation(store, pair.source, pair.target, pair.period, pair)
    listed = queries.events(store, pair.model_copy(update={"negated": False}),
                            limit=queries.MAX_LIMIT)
    return Timeline(series=series, events=listed, parties=parties)


def search(store: Store, query: QuoteQuery) -> Search:
    """Quotations by words and filters, a page at a time, and articles with the words."""
    filtered = bool(query.model_dump(
        exclude_defaults=True, exclude={"cursor", "limit", "format"}
    ))
    page = quote_list(store, query) if filtered else None
    hits: list[Article] = []
    if query.q and query.cursor is None:
        hits = queries.articles(store, ArticleFilter(q=query.q), limit=SEARCH_LIMIT).items
    return Search(quotes=page, articles=hits)
