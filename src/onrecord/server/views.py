"""One data function per page: the JSON API returns what it gives, the web UI renders it (as
Datasette serves one view as HTML or JSON), so the two never disagree about a page."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import TypeVar

from pydantic import BaseModel

from onrecord.provenance import Chain
from onrecord.provenance.store import trace_stored
from onrecord.server.deps import found
from onrecord.server.params import (
    ActorListQuery,
    ArticleQuery,
    EventQuery,
    Paging,
    QuoteQuery,
    TimelineQuery,
)
from onrecord.server.speakers import find_speakers
from onrecord.store import Store, queries
from onrecord.store.counts import counted
from onrecord.store.filters import ArticleFilter, EventFilter, QuoteFilter
from onrecord.store.queries import (
    ActorEntry,
    ActorRecord,
    ArticleHit,
    Counted,
    Escalation,
    EventRow,
    Fragments,
    Network,
    Node,
    Page,
    PeriodCount,
    QuoteRow,
    SpeakerRecord,
    Table,
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
    #: The first line of each untitled article the events are from, standing for its title.
    headlines: dict[str, str] = {}


class Search(BaseModel):
    """Quotations matching a search (every quotation, newest first, before anything is
    asked) and, on the first page of a search by words, the articles that hold them; a
    speaker typed in any case or by surname is read as the busiest speaker it matches
    (``speaker``), the others offered."""

    quotes: Page[QuoteRow]
    articles: list[ArticleHit]
    speaker: str | None = None
    other_speakers: list[Counted] = []
    #: The commonest speakers, kinds and cues among the matches, with counts (first page).
    facets: dict[str, list[Counted]] = {}
    #: The first line of each untitled article the quotations are from, standing for its title.
    headlines: dict[str, str] = {}


class EventsPage(BaseModel):
    """A page of events, the commonest types, sources and targets among all the matches
    (first page), and the parties to suggest in the filters."""

    events: Page[EventRow]
    facets: dict[str, list[Counted]]
    parties: list[Node]
    #: The first line of each untitled article the events are from, standing for its title.
    headlines: dict[str, str] = {}


#: The newest events listed under a timeline's chart (the events page has them all).
TIMELINE_ROWS = 50
#: Rows of each list on the home page, and the weeks of its quotation chart.
TOP = 10
WEEKS = 12


class Totals(BaseModel):
    articles: int
    quotes: int
    events: int
    speakers: int


class Dashboard(BaseModel):
    """The home page: what the store holds, quotations per week, the busiest speakers,
    actors and outlets, and the latest conditional threats."""

    totals: Totals
    weeks: list[PeriodCount]
    speakers: list[Counted]
    actors: list[Node]
    outlets: list[Counted]
    threats: list[EventRow]


def _recent_weeks(counted: list[PeriodCount], n: int) -> list[PeriodCount]:
    """The last ``n`` ISO weeks up to the latest with quotations (none before the first),
    a week without any counted 0: a gap in the news is no gap in the chart's time."""
    dated = {c.period: c.count for c in counted if c.period}
    if not dated:
        return []
    first, last = (dt.date.fromisocalendar(int(p[:4]), int(p[6:]), 1)
                   for p in (min(dated), max(dated)))
    weeks = (last - dt.timedelta(weeks=k) for k in reversed(range(n)))
    return [PeriodCount(period=f"{y}-W{w:02}", count=dated.get(f"{y}-W{w:02}", 0))
            for y, w, _ in (d.isocalendar() for d in weeks if d >= first)]


def dashboard(store: Store) -> Dashboard:
    """Everything on the home page, each number a way into the pages."""
    speakers = queries.speaker_names(store)
    threats = EventFilter(type=["THREATEN"], conditional=True, negated=False)
    return Dashboard(
        totals=Totals(articles=store.count("articles"), quotes=store.count("quotes"),
                      events=store.count("events"), speakers=len(speakers)),
        weeks=_recent_weeks(queries.counts(store, "quotes", period="week"), WEEKS),
        speakers=[Counted(name=name, count=n) for name, n, _ in speakers[:TOP]],
        actors=queries.parties(store, TOP, states=False),
        outlets=queries.outlets(store, TOP),
        threats=queries.events(store, threats, limit=TOP).items,
    )


Listed = TypeVar("Listed", Page, Fragments)


def headlines(store: Store, page: Page[QuoteRow] | Page[EventRow]) -> dict[str, str]:
    """The first lines standing for the titles of the page's untitled articles (the speaker
    page's are the web's alone: ``SpeakerPage`` is the API's answer as its bytes are built)."""
    return queries.headlines(store, (row.article.doc_id for row in page.items
                                     if not row.article.title))


def _totalled(page: Listed, store: Store, table: Table,
              query: ArticleQuery | QuoteQuery | EventQuery) -> Listed:
    """``page`` with the total of its list when it is the list's first."""
    if query.cursor is None:
        page.total = queries.total(store, table, query)
    return page


def quote_fragments(store: Store, query: QuoteQuery) -> Fragments:
    """A page of quotations matching ``query``, with their total on the first page."""
    return _totalled(queries.quote_fragments(store, query, query.cursor, query.limit), store,
                     "quotes", query)


def article_list(store: Store, query: ArticleQuery) -> Page[ArticleHit]:
    """The articles page: a page of articles matching ``query`` as a list shows them, newest
    first, with their total on the first page."""
    return _totalled(queries.article_hits(store, query, query.limit, query.cursor), store,
                     "articles", query)


def quote_list(store: Store, query: QuoteQuery) -> Page[QuoteRow]:
    return quote_fragments(store, query).page(QuoteRow)


def event_fragments(store: Store, query: EventQuery) -> Fragments:
    """A page of events matching ``query`` in its order, with their total on the first page."""
    return _totalled(queries.event_fragments(store, query, query.cursor, query.limit,
                                             query.order), store, "events", query)


def event_list(store: Store, query: EventQuery) -> Page[EventRow]:
    return event_fragments(store, query).page(EventRow)


def events_page(store: Store, query: EventQuery) -> EventsPage:
    """The events page: a page of events, their facets and the parties to pick."""
    page = event_list(store, query)
    found = queries.facets(store, "events", query, page.total) if page.total is not None else {}
    return EventsPage(events=page, facets=found, parties=queries.parties(store),
                      headlines=headlines(store, page))


#: Rows shown on the actors page (its download has every match).
MAX_ACTORS = 500


class ActorsPage(BaseModel):
    """The first ``MAX_ACTORS`` rows of the actors list, how many match in all, and the
    states they are under, each with its number of rows (a facet)."""

    actors: list[ActorEntry]
    total: int
    states: list[Counted]


def actors_page(store: Store, query: ActorListQuery) -> ActorsPage:
    """States with their bodies and officials rolled up, and every actor, as asked."""
    found = queries.actor_entries(store, query.q, query.country)
    states = counted(Counter(e.state for e in found if e.state))
    return ActorsPage(actors=found[:MAX_ACTORS], total=len(found), states=states)


def speaker_parts(store: Store, name: str, paging: Paging) -> tuple[SpeakerRecord, Fragments]:
    """Who a speaker addressed, how they were named, their cues, and their quotations."""
    record = found(queries.speaker(store, name), f"speaker {name!r}")
    page = queries.quote_fragments(store, QuoteFilter(speaker=name), paging.cursor, paging.limit)
    return record, page


def speaker_page(store: Store, name: str, paging: Paging) -> SpeakerPage:
    """``speaker_parts`` as one model."""
    record, page = speaker_parts(store, name, paging)
    return SpeakerPage(speaker=record, quotes=page.page(QuoteRow))


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
    events = pair.model_dump(by_alias=True, exclude={"period"})
    listed = queries.events(store, EventQuery.model_validate({**events, "negated": False}),
                            limit=TIMELINE_ROWS)
    # The series counts the same events: their total is its sum, not another count.
    listed.total = series.undated + sum(sum(p.counts.values()) for p in series.points)
    return Timeline(series=series, events=listed, parties=parties,
                    headlines=headlines(store, listed))


def search(store: Store, query: QuoteQuery) -> Search:
    """Quotations by words and filters, a page at a time, and articles with the words."""
    others: list[Counted] = []
    if query.speaker:
        found = find_speakers(store, query.speaker)
        if found and query.speaker not in [c.name for c in found]:
            query = query.model_copy(update={"speaker": found[0].name})
        others = [c for c in found if c.name != query.speaker]
    page = quote_list(store, query)
    hits: list[ArticleHit] = []
    if query.q and query.cursor is None:
        hits = queries.article_hits(store, ArticleFilter(q=query.q), SEARCH_LIMIT).items
    found = queries.facets(store, "quotes", query, page.total) if page.total is not None else {}
    return Search(quotes=page, articles=hits, speaker=query.speaker, other_speakers=others,
                  facets=found, headlines=headlines(store, page))


class EdgeRow(BaseModel):
    """An arrow of the network, a row of its download: who to whom (keys and names), the
    relation, its events, and their types with counts (one JSON column)."""

    source: str
    source_name: str
    target: str
    target_name: str
    relation: str
    events: int
    types: str


def edge_rows(net: Network) -> list[EdgeRow]:
    """The network's arrows as rows, heaviest first, as its page lists them."""
    names = {n.actor: n.name for n in net.nodes}
    return [EdgeRow(source=e.source, source_name=names.get(e.source, e.source), target=e.target,
                    target_name=names.get(e.target, e.target), relation=e.relation,
                    events=e.count, types=json.dumps(e.types, ensure_ascii=False))
            for e in sorted(net.edges, key=lambda e: (-e.count, e.source, e.target))]


#: Chains shown for one phrase (the group with the most quotations holding it first).
MAX_CHAINS = 20


class Appearance(BaseModel):
    """One appearance of traced words, a row of the provenance page's download: its chain (the
    first appearance's ``doc_id/quote_id``), where and when it ran, who said it, its words."""

    chain: str
    first: bool
    doc_id: str
    quote_id: str
    published: str | None
    source: str | None
    url: str | None
    title: str | None
    kind: str
    speaker_name: str | None
    speaker_mention: str | None
    content: str
    #: A copy that de-duplication folded into the stored article ``copy_of``.
    copy_of: str | None = None
    copy_kind: str | None = None


def appearances(chains: list[Chain]) -> list[Appearance]:
    """Every appearance in ``chains``, chain by chain, each earliest first."""
    return [Appearance(chain=c.id, first=o is c.earliest, doc_id=o.doc_id, quote_id=o.quote_id,
                       published=o.published, source=o.source, url=o.url, title=o.title,
                       kind=o.kind, speaker_name=o.speaker_name,
                       speaker_mention=o.speaker_mention, content=o.content,
                       copy_of=o.copy_of, copy_kind=o.copy_kind)
            for c in chains for o in c.occurrences]


def provenance(store: Store, q: str) -> list[Chain]:
    """Where quoted words first appeared: the first ``MAX_CHAINS`` chains holding them, each
    with its variants, outlets and dates (copies folded in by de-duplication too), who the
    words are attributed to and the conflicting attributions."""
    return trace_stored(store, q, limit=MAX_CHAINS) if q.strip() else []
