"""Routes of the web UI; each gets its page's data (``onrecord.server.views``, the same as the
JSON API's) and renders one template."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request, status
from fastapi.responses import FileResponse, HTMLResponse

from onrecord.pipeline import extract
from onrecord.server import views
from onrecord.server.deps import Key, StoredArticle, StoreDep
from onrecord.server.fetched import extract_fetched, pasted_url
from onrecord.server.params import (
    ActorListQuery,
    ArticleQuery,
    EventQuery,
    NetworkQuery,
    Paging,
    QuoteQuery,
    TimelineQuery,
)
from onrecord.server.schemas import ExtractRequest
from onrecord.server.speakers import MAX_SPEAKERS, find_speakers
from onrecord.store import queries
from onrecord.web.render import (
    actor_html,
    actors_html,
    article_html,
    articles_html,
    events_html,
    home_html,
    network_html,
    render,
    search_html,
    speaker_html,
    speakers_html,
    timeline_html,
)

#: Pages load scripts and styles from this server only, so text that slipped past escaping
#: still could not run inline script or pull in anything from elsewhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

#: The stylesheet, scripts and icon.
STATIC_DIR = Path(__file__).parent / "static"

router = APIRouter(include_in_schema=False)


def page(html: str, status_code: int = 200) -> HTMLResponse:
    """A rendered page under the content security policy."""
    return HTMLResponse(html, status_code,
                        headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY})


@router.get("/favicon.ico")
def icon() -> FileResponse:
    """The app's icon, for browsers that ask for it before reading the page."""
    return FileResponse(STATIC_DIR / "icon.svg", media_type="image/svg+xml")


@router.get("/")
def home(request: Request) -> HTMLResponse:
    """The dashboard of the store; the paste box when the server has no store."""
    store = request.app.state.store
    return page(home_html(views.dashboard(store)) if store else render("paste.html"))


@router.get("/paste")
def paste_box(
    request: Request,
    url: Annotated[str | None, Query(max_length=2000, description="A page to fetch and "
                                     "annotate: the permalink of a pasted URL.")] = None,
) -> HTMLResponse:
    """The paste box: the way in for one article without a corpus; with ``url``, that page
    fetched and annotated (the permalink of a pasted URL; nothing is stored)."""
    if url is None:
        return page(render("paste.html"))
    if pasted_url(url) is None:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            f"url: {url[:200]!r} is not an http(s) URL")
    return page(article_html(extract_fetched(request, url), fetched_from=url))


@router.get("/speakers")
def speakers_page(
    store: StoreDep, q: Annotated[str, Query(max_length=300)] = ""
) -> HTMLResponse:
    """Every speaker, busiest first, or those matching a name typed any way."""
    return page(speakers_html(find_speakers(store, q, MAX_SPEAKERS), q, MAX_SPEAKERS))


@router.get("/actors")
def actors_list_page(store: StoreDep, query: Annotated[ActorListQuery, Query()]) -> HTMLResponse:
    """Every actor, each state first with its bodies and officials rolled up under it."""
    return page(actors_html(views.actors_page(store, query), query))


@router.post("/paste")
def annotate_pasted(article: Annotated[ExtractRequest, Form()], request: Request) -> HTMLResponse:
    """Extract the pasted article, or the page at a pasted URL, and show it annotated (nothing
    is stored). A URL is fetched as ``POST /extract`` with ``fetch`` fetches it."""
    meta = article.model_dump(exclude={"text"})
    if url := pasted_url(article.text):
        fetched = extract_fetched(request, **{**meta, "url": url})
        return page(article_html(fetched, fetched_from=url))
    return page(article_html(extract(article.text, **meta)))


@router.get("/articles")
def articles_page(store: StoreDep, query: Annotated[ArticleQuery, Query()]) -> HTMLResponse:
    """Every stored article, newest first, or those by words, outlet, language and date."""
    return page(articles_html(views.article_list(store, query), query))


@router.get("/articles/{doc_id:path}")
def stored_article_page(store: StoreDep, article: StoredArticle) -> HTMLResponse:
    """A stored article, annotated like a pasted one, with the other copies of its story."""
    return page(article_html(article, store.copies(article.doc_id), stored=True))


@router.get("/search")
def search_page(store: StoreDep, query: Annotated[QuoteQuery, Query()]) -> HTMLResponse:
    """Quotations by words and filters, a page at a time, and articles with the words."""
    return page(search_html(views.search(store, query), query))


@router.get("/speakers/{name:path}")
def speaker_page(store: StoreDep, name: Key, paging: Annotated[Paging, Query()]) -> HTMLResponse:
    """Everything one speaker said across the corpus, and to whom."""
    data = views.speaker_page(store, name, paging)
    return page(speaker_html(data, paging, views.headlines(store, data.quotes)))


@router.get("/actors/{actor:path}")
def actor_page(store: StoreDep, actor: Key) -> HTMLResponse:
    """An actor's events both ways and its counterparts, with links to their timelines."""
    return page(actor_html(views.actor_page(store, actor)))


@router.get("/timeline")
def timeline_page(store: StoreDep, pair: Annotated[TimelineQuery, Query()]) -> HTMLResponse:
    """The escalation timeline of a pair of actors, or two pickers to choose them."""
    return page(timeline_html(views.timeline(store, pair), pair))


@router.get("/events")
def events_page(store: StoreDep, query: Annotated[EventQuery, Query()]) -> HTMLResponse:
    """Events by type, context, parties, condition, negation, hedging and date, sortable, with
    their total and the whole list to download."""
    return page(events_html(views.events_page(store, query), query))


@router.get("/network")
def network_page(store: StoreDep, f: Annotated[NetworkQuery, Query()]) -> HTMLResponse:
    """The actor network: who threatens or supports whom, actors or (``states``) states."""
    return page(network_html(queries.network(store, f, states=f.states), f))


#: What each error status means to someone reading the page.
_TITLES = {
    400: "Bad request", 404: "Not found", 413: "Too large", 422: "Cannot use that input",
    502: "The page could not be fetched", 503: "No store", 504: "The page took too long",
}


def error_page(status_code: int, message: str) -> HTMLResponse:
    """An error as a page: what went wrong, the server's message, and the ways back."""
    title = _TITLES.get(status_code, "Something went wrong")
    return page(render("error.html", status=status_code, title=title, message=message),
                status_code)
