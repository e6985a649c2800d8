"""Routes of the web UI; each calls library functions and renders one template."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse

from onrecord.api.deps import StoreDep
from onrecord.api.fetched import extract_fetched, pasted_url
from onrecord.api.params import Paging, PairQuery, QuoteQuery
from onrecord.api.queries import Key, found
from onrecord.api.records import StoredArticle
from onrecord.api.schemas import ExtractRequest
from onrecord.pipeline import extract
from onrecord.store import queries
from onrecord.store.filters import EventFilter
from onrecord.web.render import (
    actor_html,
    article_html,
    network_html,
    render,
    search_html,
    speaker_html,
    timeline_html,
)

#: Pages load scripts and styles from this server only, so text that slipped past escaping
#: still could not run inline script or pull in anything from elsewhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

router = APIRouter(include_in_schema=False)


def _page(html: str) -> HTMLResponse:
    return HTMLResponse(html, headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY})


@router.get("/")
def paste_box() -> HTMLResponse:
    """The paste box: the way in for one article without a corpus."""
    return _page(render("paste.html"))


@router.post("/paste")
def annotate_pasted(article: Annotated[ExtractRequest, Form()], request: Request) -> HTMLResponse:
    """Extract the pasted article, or the page at a pasted URL, and show it annotated (nothing
    is stored). A URL is fetched as ``POST /extract`` with ``fetch`` fetches it."""
    meta = article.model_dump(exclude={"text"})
    if url := pasted_url(article.text):
        return _page(article_html(extract_fetched(request, **{**meta, "url": url})))
    return _page(article_html(extract(article.text, **meta)))


@router.get("/articles/{doc_id}")
def stored_article_page(store: StoreDep, article: StoredArticle) -> HTMLResponse:
    """A stored article, annotated like a pasted one, with the other copies of its story."""
    return _page(article_html(article, store.copies(article.doc_id)))


@router.get("/search")
def search_page(store: StoreDep, query: Annotated[QuoteQuery, Query()]) -> HTMLResponse:
    """Quotations by words and filters, a page at a time, and articles with the words."""
    return _page(search_html(store, query))


@router.get("/speakers/{name:path}")
def speaker_page(store: StoreDep, name: Key, paging: Annotated[Paging, Query()]) -> HTMLResponse:
    """Everything one speaker said across the corpus, and to whom."""
    record = found(queries.speaker(store, name), f"speaker {name!r}")
    return _page(speaker_html(store, record, paging))


@router.get("/actors/{actor:path}")
def actor_page(store: StoreDep, actor: Key) -> HTMLResponse:
    """An actor's events both ways and its counterparts, with links to their timelines."""
    return _page(actor_html(found(queries.actor(store, actor), f"actor {actor!r}")))


@router.get("/timeline")
def timeline_page(store: StoreDep, pair: Annotated[PairQuery, Query()]) -> HTMLResponse:
    """The escalation timeline of a pair of actors."""
    return _page(timeline_html(store, pair))


@router.get("/network")
def network_page(store: StoreDep, f: Annotated[EventFilter, Query()]) -> HTMLResponse:
    """The actor network: who threatens or supports whom."""
    return _page(network_html(store, f))
