"""Jinja2 rendering of the pages; every value is HTML-escaped (autoescape is always on)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel

from onrecord.ingest import is_url
from onrecord.model import Article, Event
from onrecord.server.params import (
    ActorListQuery,
    ArticleQuery,
    EventQuery,
    NetworkQuery,
    Paging,
    QuoteQuery,
    TimelineQuery,
)
from onrecord.server.views import ActorsPage, Dashboard, EventsPage, Search, SpeakerPage, Timeline
from onrecord.store import Copy
from onrecord.store.filters import ArticleFilter, EventFilter, QuoteFilter
from onrecord.store.queries import ActorRecord, ArticleHit, Counted, Network, Page
from onrecord.web.charts import RELATION_COLOURS, network_chart, timeline_chart
from onrecord.web.dates import readable, time_tag
from onrecord.web.forms import form_fields, next_url, query_string
from onrecord.web.highlight import paragraph_segments, searched_words, speaker_colours

_env = Environment(
    loader=PackageLoader("onrecord.web", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.tests["http_url"] = is_url
_env.globals["searched_words"] = searched_words
_env.filters["when"] = time_tag
_env.filters["readable"] = readable


def _twin(path: str, params: str) -> str:
    """The URL of a page's JSON twin: the API path that answers its data, with its filters."""
    return f"{path}?{params}" if params else path


def render(template: str, **context: Any) -> str:
    """One page as HTML."""
    return _env.get_template(template).render(**context)


def _week_days(period: str) -> tuple[str, str]:
    """The first and last day of an ISO week (2024-W03)."""
    year, week = period.split("-W")
    monday = dt.date.fromisocalendar(int(year), int(week), 1)
    return monday.isoformat(), (monday + dt.timedelta(6)).isoformat()


def home_html(data: Dashboard) -> str:
    """The home page: totals, quotations per week, the busiest, the latest threats."""
    return render("home.html", data=data, twin="/api/dashboard",
                  week_days={w.period: _week_days(w.period) for w in data.weeks if w.period})


def actors_html(data: ActorsPage, query: ActorListQuery) -> str:
    """Every actor under its state, narrowed as asked, the states as facets, the download."""
    facets = facet_links(query, {"country": data.states})
    shown = query_string(query)
    return render("actors.html", data=data, query=query, facets=facets, query_string=shown,
                  twin=_twin("/api/actors", shown))


def speakers_html(found: list[Counted], q: str, limit: int) -> str:
    """Every speaker, busiest first, or those matching what was typed (the first ``limit``,
    which the download has too)."""
    shown = urlencode({"q": q, "limit": limit} if q else {"limit": limit})
    return render("speakers.html", speakers=found, q=q, query_string=shown,
                  twin=_twin("/api/speakers", shown))


def article_html(
    article: Article, copies: Sequence[Copy] = (), stored: bool = False,
    fetched_from: str | None = None,
) -> str:
    """The article page: text with highlighted quotations, a card per quote, removed pieces,
    and the other publications of the story that de-duplication folded into this one; a
    ``stored`` article's speakers link to their pages; an article ``fetched_from`` a pasted
    URL has a permalink that fetches it again."""
    events: dict[str | None, list[Event]] = defaultdict(list)
    for event in article.events:
        events[event.quote_id].append(event)
    return render(
        "article.html",
        article=article,
        paragraphs=paragraph_segments(article),
        colours=speaker_colours(article),
        quotes={quote.id: quote for quote in article.quotes},
        events=events,
        copies=copies,
        stored=stored,
        twin=f"/records/{quote(article.doc_id, safe='')}" if stored else None,
        permalink=f"/paste?url={quote(fetched_from, safe='')}" if fetched_from else None,
    )


def articles_html(page: Page[ArticleHit], query: ArticleQuery) -> str:
    """The articles list: the filters, the total, a page of articles, the download."""
    shown = query_string(query)
    return render("articles.html", page=page, fields=form_fields(query, ArticleFilter),
                  query_string=shown, next=next_url("/articles", query, page.next_cursor),
                  twin=_twin("/api/articles", query_string(query, cursor=query.cursor)))


def search_html(data: Search, query: QuoteQuery) -> str:
    """The search page: the form, then matching quotations a page at a time (and articles)."""
    page = data.quotes
    resolved = query.model_copy(update={"speaker": data.speaker})
    also = {c.name: query_string(query, speaker=c.name) for c in data.other_speakers}
    return render(
        "search.html", fields=form_fields(query, QuoteFilter), page=page, query=query,
        headlines=data.headlines,
        article_hits=data.articles, speaker=data.speaker, other_speakers=data.other_speakers,
        also=also, query_string=query_string(resolved),
        facets=facet_links(resolved, data.facets),
        next=next_url("/search", resolved, page.next_cursor),
        twin=_twin("/api/search", query_string(query, cursor=query.cursor)),
    )


def speaker_html(data: SpeakerPage, paging: Paging, headlines: dict[str, str]) -> str:
    """A speaker's page: who they addressed, how they are named, all their quotations."""
    path = f"/speakers/{quote(data.speaker.name, safe='')}"
    return render("speaker.html", speaker=data.speaker, page=data.quotes, headlines=headlines,
                  next=next_url(path, paging, data.quotes.next_cursor),
                  twin=_twin(f"/api{path}", query_string(paging, cursor=paging.cursor)))


def actor_html(record: ActorRecord) -> str:
    """An actor's page: events by type both ways, counterparts with their timelines."""
    return render("actor.html", actor=record,
                  twin=f"/api/actors/{quote(record.actor, safe='')}")


def timeline_html(data: Timeline, pair: TimelineQuery) -> str:
    """The escalation chart of a pair and the events under it, or the parties to pick."""
    chart = timeline_chart(data.series) if data.series else None
    events = EventFilter.model_validate(pair.model_dump(by_alias=True, exclude={"period"}))
    return render("timeline.html", pair=pair, series=data.series, chart=chart,
                  headlines=data.headlines,
                  events=data.events, parties=data.parties,
                  fields=form_fields(pair, TimelineQuery),
                  all_events=query_string(events, negated="false"),
                  twin=_twin("/api/timeline", query_string(pair)))


def facet_links(query: BaseModel, found: dict[str, list[Counted]]) -> dict[str, list]:
    """Each facet value with its count and the URL parameters of the list narrowed to it."""
    return {name: [(c, query_string(query, **{name: c.name})) for c in values]
            for name, values in found.items()}


def events_html(data: EventsPage, query: EventQuery) -> str:
    """The events list: the filters, the total, facets, sortable columns, downloads and pages."""
    oldest = "oldest" if query.order == "newest" else "newest"
    sorted_by = {key: query_string(query, order=oldest if key == "newest" else key)
                 for key in ("newest", "type", "source", "target")}
    return render("events.html", page=data.events, query=query, parties=data.parties,
                  headlines=data.headlines,
                  fields=form_fields(query, EventFilter), sorted_by=sorted_by,
                  query_string=query_string(query), facets=facet_links(query, data.facets),
                  next=next_url("/events", query, data.events.next_cursor),
                  twin=_twin("/api/events/page", query_string(query, cursor=query.cursor)))


def network_html(net: Network, f: NetworkQuery) -> str:
    """Who threatens or supports whom: the actor network of the events matching ``f``."""
    shown = query_string(f)
    return render("network.html", chart=network_chart(net), network=net, states=f.states,
                  fields=form_fields(f, NetworkQuery), colours=RELATION_COLOURS,
                  query_string=shown, twin=_twin("/api/network", shown))
