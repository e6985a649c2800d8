"""Jinja2 rendering of the pages; every value is HTML-escaped (autoescape is always on)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from onrecord.model import Article, Event, Quote
from onrecord.store import Store
from onrecord.web.highlight import paragraph_segments, speaker_colours

#: Hits shown per kind on the search page; more need the query library's cursor pagination.
SEARCH_LIMIT = 50

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


def search_html(store: Store, query: str) -> str:
    """The search page: matching quotations (with their article) and matching articles."""
    articles: dict[str, Article] = {}

    def article(doc_id: str) -> Article:
        if doc_id not in articles:
            articles[doc_id] = store.get(doc_id)
        return articles[doc_id]

    quote_hits: list[tuple[Article, Quote]] = []
    article_hits: list[Article] = []
    if query:
        for doc_id, quote_id in store.search_quotes(query, limit=SEARCH_LIMIT):
            quotes = {quote.id: quote for quote in article(doc_id).quotes}
            quote_hits.append((article(doc_id), quotes[quote_id]))
        article_hits = [article(d) for d in store.search_articles(query, limit=SEARCH_LIMIT)]
    return render("search.html", query=query, quote_hits=quote_hits, article_hits=article_hits)
