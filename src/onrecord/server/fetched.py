"""Articles from URLs that users give the server (``POST /extract`` with ``fetch``, the paste box).

The page is fetched by the ingest fetcher behind the address guard (``onrecord.ingest.guard``)
and read as ``onrecord extract page.html`` reads a saved page. Refusals are ``FetchRefused``
(422 through the app's ``InputError`` handler); a page that could not be had is
``FetchFailed`` (502) or ``FetchTimeout`` (504), each naming the URL and the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from fastapi import Request

from onrecord.ingest import Fetcher, FetchOptions, is_url, read_html
from onrecord.ingest.guard import AddressPolicy
from onrecord.model import Article
from onrecord.pipeline import ArticleText, clean, extract_many
from onrecord.server.settings import Settings


def fetch_options(settings: Settings) -> FetchOptions:
    """One attempt within the server's time limit: someone is waiting for the answer.

    No pause between robots.txt and the page (``host_delay``): each request fetches one page.
    """
    return FetchOptions(timeout=settings.fetch_timeout, retries=0, host_delay=0.0)


def fetch_page(request: Request, url: str) -> ArticleText:
    """The article of the page at ``url``, cleaned, its metadata from the page."""
    settings: Settings = request.app.state.settings
    policy: AddressPolicy = request.app.state.fetch_policy
    with Fetcher(fetch_options(settings), policy) as fetcher:
        page = fetcher.get(url)
    return clean(read_html(page.content, url, page.url, page.charset))


def extract_fetched(request: Request, url: str,
                    budget: Callable[[Request, str], None] | None = None,
                    **given: str | None) -> Article:
    """The record of the page at ``url``; metadata in ``given`` (not None) replaces the page's.
    ``budget`` may refuse the page's text before it is parsed (``onrecord.api.budget``)."""
    src = fetch_page(request, url)
    src = replace(src, **{key: value for key, value in given.items() if value is not None})
    if budget is not None:
        budget(request, src.text)
    return next(extract_many([src]))


def pasted_url(text: str) -> str | None:
    """The URL, when all that was pasted is one http(s) URL (so the page is wanted, not it)."""
    pasted = text.strip()
    return pasted if is_url(pasted) and not any(c.isspace() for c in pasted) else None
