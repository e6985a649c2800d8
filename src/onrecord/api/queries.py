"""The store's queries as JSON ``GET`` endpoints under ``/api`` (read-only, no token needed).

Each endpoint is one call of ``onrecord.store.queries`` or, for the data of a web page, of
``onrecord.server.views``; its parameters are the types of ``onrecord.server.params``, so a
bad value is a 422 naming the parameter and the problem.

The endpoints are ``async``: each is a few short queries, run on the event loop; as plain
``def`` each request went to the thread pool twice (the endpoint, then FastAPI's check of
its answer), which under load waits for the GIL. A download reads every matching row, so it
goes to the thread pool.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from onrecord.api.route import ReadRoute
from onrecord.model import Article
from onrecord.provenance import chain_json
from onrecord.server import views
from onrecord.server.deps import Key, StoreDep, json_answer
from onrecord.server.download import MEDIA_TYPES, download
from onrecord.server.params import (
    ActorListDownload,
    ArticleCountQuery,
    ArticleQuery,
    EventCountQuery,
    EventQuery,
    Format,
    NetworkDownload,
    Paging,
    PairQuery,
    QuoteCountQuery,
    QuoteQuery,
    TimelineQuery,
)
from onrecord.server.speakers import MAX_SPEAKERS, SUGGESTIONS, find_speakers
from onrecord.store import Store, queries
from onrecord.store.queries import (
    ActorEntry,
    ActorRecord,
    Counted,
    Escalation,
    EventRow,
    Network,
    Page,
    PeriodCount,
    QuoteRow,
    Table,
)

router = APIRouter(prefix="/api", tags=["queries"], route_class=ReadRoute)

_NOT_FOUND = {404: {"description": "Not in the store."}}
_BAD_CURSOR = {422: {"description": "A bad parameter or cursor, with a message."}}


_FILES = {
    **_BAD_CURSOR,
    200: {"content": {media: {} for media in MEDIA_TYPES.values()},
          "description": "A page of JSON, or with `format` every matching row as a file."},
}


@router.get("/articles", responses=_FILES, response_model=Page[Article])
async def list_articles(
    store: StoreDep, query: Annotated[ArticleQuery, Query()]
) -> Page[Article] | Response:
    """Stored articles (whole records) by words, outlet and date, newest first."""
    if query.format != "json":
        rows = queries.every(queries.articles, store, query)
        return await run_in_threadpool(download, rows, Article, query.format, "articles")
    return json_answer(queries.article_fragments(store, query, query.cursor, query.limit).json())


@router.get("/quotes", responses=_FILES, response_model=Page[QuoteRow])
async def list_quotes(
    store: StoreDep, query: Annotated[QuoteQuery, Query()]
) -> Page[QuoteRow] | Response:
    """Quotations by words, speaker, actor, country, addressee, cue, kind, outlet and date."""
    if query.format != "json":
        rows = queries.every(queries.quotes, store, query)
        return await run_in_threadpool(download, rows, QuoteRow, query.format, "quotes")
    return json_answer(views.quote_fragments(store, query).json())


@router.get("/events", responses=_FILES, response_model=Page[EventRow])
async def list_events(
    store: StoreDep, query: Annotated[EventQuery, Query()]
) -> Page[EventRow] | Response:
    """Coded events by type, context, source and target (a country code: the state, its
    bodies and officials), condition, negation, hedging and date, in the order asked."""
    if query.format != "json":
        rows = queries.every(queries.events, store, query, order=query.order)
        return await run_in_threadpool(download, rows, EventRow, query.format, "events")
    return json_answer(views.event_fragments(store, query).json())


def _per_period(
    store: Store, table: Table, query: ArticleCountQuery | QuoteCountQuery | EventCountQuery
) -> list[PeriodCount] | Response:
    """Counts per period, as JSON or as a file."""
    found = queries.counts(store, table, query, query.period)
    if query.format != "json":
        return download(found, PeriodCount, query.format, f"{table}-per-{query.period}")
    return found


@router.get("/articles/counts", responses=_FILES, response_model=list[PeriodCount])
async def count_articles(
    store: StoreDep, query: Annotated[ArticleCountQuery, Query()]
) -> list[PeriodCount] | Response:
    """Articles per period; undated ones last (period null)."""
    return _per_period(store, "articles", query)


@router.get("/quotes/counts", responses=_FILES, response_model=list[PeriodCount])
async def count_quotes(
    store: StoreDep, query: Annotated[QuoteCountQuery, Query()]
) -> list[PeriodCount] | Response:
    """Quotations per period; undated ones last (period null)."""
    return _per_period(store, "quotes", query)


@router.get("/events/counts", responses=_FILES, response_model=list[PeriodCount])
async def count_events(
    store: StoreDep, query: Annotated[EventCountQuery, Query()]
) -> list[PeriodCount] | Response:
    """Events per period; undated ones last (period null)."""
    return _per_period(store, "events", query)


@router.get("/dashboard")
async def get_dashboard(store: StoreDep) -> views.Dashboard:
    """The home page's data: totals, quotations per week, the busiest speakers, actors and
    outlets, the latest conditional threats."""
    return views.dashboard(store)


@router.get("/speakers", responses=_FILES, response_model=list[Counted])
async def list_speakers(
    store: StoreDep,
    q: Annotated[str, Query(max_length=300, description="Typed so far: any case, accents "
                            "or not, a surname, part of a name or how articles name them.")] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_SPEAKERS)] = SUGGESTIONS,
    format: Annotated[Format, Query(description="json, or the speakers as a csv, jsonl or "
                                    "parquet file.")] = "json",
) -> list[Counted] | Response:
    """Speakers matching what was typed, with their quotations (the search's autocomplete);
    the busiest speakers when nothing is typed."""
    found = find_speakers(store, q, limit)
    if format != "json":
        return download(found, Counted, format, "speakers")
    return found


@router.get("/actors", responses=_FILES, response_model=list[ActorEntry])
async def list_actors(
    store: StoreDep, query: Annotated[ActorListDownload, Query()]
) -> list[ActorEntry] | Response:
    """Every actor of the events, as the actors page lists them: each state (its bodies and
    officials rolled up) followed by its actors, then the actors under no state."""
    rows = queries.actor_entries(store, query.q, query.country)
    if query.format != "json":
        return await run_in_threadpool(download, rows, ActorEntry, query.format, "actors")
    return rows


@router.get("/speakers/{name:path}", responses={**_NOT_FOUND, **_BAD_CURSOR},
            response_model=views.SpeakerPage)
async def get_speaker(
    store: StoreDep, name: Key, paging: Annotated[Paging, Query()]
) -> Response:
    """Who a speaker addressed, how they were named, their cues, and their quotations."""
    record, page = views.speaker_parts(store, name, paging)
    return json_answer(b'{"speaker":' + record.model_dump_json().encode() + b',"quotes":'
                 + page.json() + b"}")


@router.get("/actors/{actor:path}", responses=_NOT_FOUND)
async def get_actor(store: StoreDep, actor: Key) -> ActorRecord:
    """An actor's events by type as source and as target, and its counterparts."""
    return views.actor_page(store, actor)


@router.get("/escalation")
async def get_escalation(store: StoreDep, query: Annotated[PairQuery, Query()]) -> Escalation:
    """Events from source to target per period, by type, with conditional threats and intensity."""
    return queries.escalation(store, query.source, query.target, query.period, query)


@router.get("/timeline", responses=_BAD_CURSOR)
async def get_timeline(
    store: StoreDep, query: Annotated[TimelineQuery, Query()]
) -> views.Timeline:
    """The timeline page's data: the escalation series of a pair and the events under it,
    and the parties to pick (series and events null until both parties are given)."""
    return views.timeline(store, query)


@router.get("/events/page", responses=_BAD_CURSOR)
async def get_events_page(
    store: StoreDep, query: Annotated[EventQuery, Query()]
) -> views.EventsPage:
    """The events page's data: a page of events in the order asked, the commonest types,
    sources and targets among all the matches with their counts (on the first page), and the
    parties its filters suggest."""
    return views.events_page(store, query)


@router.get("/search", responses=_BAD_CURSOR)
async def get_search(store: StoreDep, query: Annotated[QuoteQuery, Query()]) -> views.Search:
    """The search page's data: quotations by words and filters, and articles with the words."""
    return views.search(store, query)


@router.get("/network", responses=_FILES, response_model=Network)
async def get_network(
    store: StoreDep, query: Annotated[NetworkDownload, Query()]
) -> Network | Response:
    """Actors and who did what to whom: edges per relation, weighted by events; with
    ``states``, officials and bodies rolled up into their states; with ``format``, the edges
    as rows (source, target, their names, relation, events, types)."""
    net = queries.network(store, query, states=query.states)
    if query.format != "json":
        return download(views.edge_rows(net), views.EdgeRow, query.format, "network")
    return net


@router.get("/provenance", responses=_FILES, response_model=None)
def get_provenance(
    store: StoreDep,
    q: Annotated[str, Query(max_length=500, description="Quoted words to trace.")] = "",
    format: Annotated[Format, Query(description="json, or every appearance of the chains as "
                                    "a csv, jsonl or parquet file.")] = "json",
) -> dict | Response:
    """The provenance page's data: the first chains of quotations holding the words, each with
    where they first appeared, their fullest version, every variant with its outlet and date
    (copies folded in by de-duplication too), who they are attributed to and the conflicts
    (``onrecord provenance --json``'s chains); with ``format``, one row per appearance. Plain
    ``def``: a store changed since the last trace has its groups rebuilt first, seconds on a
    large store."""
    chains = views.provenance(store, q)
    if format != "json":
        return download(views.appearances(chains), views.Appearance, format, "provenance")
    return {"q": q, "chains": [chain_json(c) for c in chains]}
