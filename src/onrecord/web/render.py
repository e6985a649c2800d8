"""Jinja2 rendering of the pages; every value is HTML-escaped (autoescape is always on)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from onrecord.model import Article, Event
from onrecord.web.highlight import paragraph_segments, speaker_colours

_env = Environment(
    loader=PackageLoader("onrecord.web", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, **context: Any) -> str:
    """One page as HTML."""
    return _env.get_template(template).render(**context)


def article_html(article: Article) -> str:
    """The article page: text with highlighted quotations, a card per quote, removed pieces."""
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
    )
