"""Routes of the web UI; each calls library functions and renders one template."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query
from fastapi.responses import HTMLResponse

from onrecord.api.deps import StoreDep
from onrecord.api.records import StoredArticle
from onrecord.api.schemas import ExtractRequest
from onrecord.pipeline import extract
from onrecord.web.render import article_html, render, search_html

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
def annotate_pasted(article: Annotated[ExtractRequest, Form()]) -> HTMLResponse:
    """Extract the pasted article and show it annotated (nothing is stored)."""
    return _page(article_html(extract(**article.model_dump())))


@router.get("/articles/{doc_id}")
def stored_article_page(article: StoredArticle) -> HTMLResponse:
    """A stored article, annotated like a pasted one."""
    return _page(article_html(article))


@router.get("/search")
def search_page(
    store: StoreDep, q: Annotated[str, Query(max_length=500, description="Words to find.")] = ""
) -> HTMLResponse:
    """Full-text search over quotations and articles (filters come with the query library)."""
    return _page(search_html(store, q))
