"""Jinja2 rendering of the pages; every value is HTML-escaped (autoescape is always on)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel

from onrecord.api.params import Paging, PairQuery, QuoteQuery
from onrecord.ingest import is_url
from onrecord.model import Article, Event
from onrecord.store import Copy, Store, queries
from onrecord.store.filters import ArticleFilter, EventFilter, QuoteFilter
from onrecord.store.queries import ActorRecord, SpeakerRecord, relations
from onrecord.web.charts import RELATION_COLOURS, network_chart, timeline_chart
from onrecord.web.highlight import paragraph_segments, speaker_colours

#: Article hits shown beside the quotations on the search page (the first page only).
SEARCH_LIMIT = 50

_env = Environment(
    loader=PackageLoader("onrecord.web", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.tests["http_url"] = is_url


def render(template: str, **context: Any) -> str:
    """One page as HTML."""
    return _env.get_template(template).render(**context)


def article_html(article: Article, copies: Sequence[Copy] = ()) -> str:
    """The article page: text with highlighted quotations, a card per quote, removed pieces,
    and the other publications of the story that de-duplication folded into this one."""
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
    )


@dataclass(frozen=True)
class FormField:
    """One input of a filter form, read off the filter type (so forms follow the filters)."""

    name: str
    label: str
    control: str  # text | date | select | multiselect | checkbox
    options: tuple[str, ...]
    value: Any
    help: str
    blank: bool  # a select offers "any" (the filter is optional)


def form_fields(values: BaseModel, model: type[BaseModel]) -> list[FormField]:
    """The inputs of a form over ``model``'s fields, filled with ``values``."""
    fields = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        options: tuple[str, ...] = ()
        if annotation is bool:
            control = "checkbox"
        elif get_origin(annotation) is list:
            control, options = "multiselect", tuple(relations())
        elif dt.date in get_args(annotation):
            control = "date"
        elif get_origin(annotation) is Literal:
            control, options = "select", get_args(annotation)
        elif literal := [a for a in get_args(annotation) if get_origin(a) is Literal]:
            control, options = "select", get_args(literal[0])
        else:
            control = "text"
        param = info.alias or name
        fields.append(FormField(param, param.replace("_", " "), control, options,
                                getattr(values, name), info.description or "",
                                info.default is None))
    return fields


def next_url(path: str, query: BaseModel, cursor: str | None) -> str | None:
    """The same page with the same filters, one page further (None on the last page)."""
    if cursor is None:
        return None
    params = query.model_dump(mode="json", by_alias=True, exclude_defaults=True,
                              exclude={"cursor"})
    return f"{path}?{urlencode({**params, 'cursor': cursor}, doseq=True)}"


def search_html(store: Store, query: QuoteQuery) -> str:
    """The search page: the form, then matching quotations a page at a time (and articles)."""
    filtered = bool(query.model_dump(exclude_defaults=True, exclude={"cursor", "limit"}))
    page = queries.quotes(store, query, query.cursor, query.limit) if filtered else None
    article_hits: list[Article] = []
    if query.q and query.cursor is None:
        article_hits = queries.articles(store, ArticleFilter(q=query.q), limit=SEARCH_LIMIT).items
    return render(
        "search.html", fields=form_fields(query, QuoteFilter), page=page, query=query,
        article_hits=article_hits, next=next_url("/search", query, page and page.next_cursor),
    )


def speaker_html(store: Store, record: SpeakerRecord, paging: Paging) -> str:
    """A speaker's page: who they addressed, how they are named, all their quotations."""
    page = queries.quotes(store, QuoteFilter(speaker=record.name), paging.cursor, paging.limit)
    path = f"/speakers/{quote(record.name, safe='')}"
    return render("speaker.html", speaker=record, page=page,
                  next=next_url(path, paging, page.next_cursor))


def actor_html(record: ActorRecord) -> str:
    """An actor's page: events by type both ways, counterparts with their timelines."""
    return render("actor.html", actor=record)


def timeline_html(store: Store, pair: PairQuery) -> str:
    """The escalation chart of a pair, and the events under it."""
    series = queries.escalation(store, pair.source, pair.target, pair.period, pair)
    listed = queries.events(store, pair, limit=queries.MAX_LIMIT)
    return render("timeline.html", pair=pair, series=series, chart=timeline_chart(series),
                  events=listed, fields=form_fields(pair, PairQuery))


def network_html(store: Store, f: EventFilter) -> str:
    """Who threatens or supports whom: the actor network of the events matching ``f``."""
    net = queries.network(store, f)
    return render("network.html", chart=network_chart(net), network=net,
                  fields=form_fields(f, EventFilter), colours=RELATION_COLOURS)
