"""One poll of one feed: a conditional GET through the polite fetcher, then the entries not yet
done as article items (a teaser entry's page fetched, as ``onrecord run`` fetches it).

The last answer's validators go back as ``If-None-Match`` and ``If-Modified-Since``; a 304 means
nothing changed and nothing is parsed. A feed URL may also serve a URL list (plain text, one
page URL a line), whose new URLs are fetched.
"""

from __future__ import annotations

import time
from collections.abc import Container
from dataclasses import dataclass, field

import feedparser

from onrecord.errors import InputError
from onrecord.ingest import Fetcher, Item, decode_text
from onrecord.ingest.feeds import looks_like_feed, read_feed
from onrecord.ingest.urls import is_url_list, parse_url_list, read_urls
from onrecord.watch.state import FeedState

#: Failures in a row after which the wait stops doubling (``max_backoff`` caps it anyway):
#: keeps the power small for a feed that has been down for days.
BACKOFF_EXPONENT_CAP = 10


@dataclass
class Polled:
    """What one poll found: ``status`` is new, same (nothing new), unchanged (304) or error."""

    status: str
    items: list[Item] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None


def conditional_headers(state: FeedState) -> dict[str, str]:
    """The validators of the feed's last answer, to send back."""
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def poll(fetcher: Fetcher, url: str, state: FeedState, skip: Container[str]) -> Polled:
    """Fetch ``url`` conditionally and read the entries whose keys are not in ``skip``."""
    try:
        page = fetcher.get(url, headers=conditional_headers(state))
    except InputError as exc:
        return Polled("error", error=exc.reason)
    if page.status == 304:
        return Polled("unchanged", etag=state.etag, last_modified=state.last_modified)
    etag, modified = page.headers.get("etag"), page.headers.get("last-modified")
    try:
        if looks_like_feed(page.content):
            if not feedparser.parse(page.content).entries:
                return Polled("same", etag=etag, last_modified=modified)
            items = list(read_feed(page.content, url, fetcher, skip))
        elif is_url_list(text := decode_text(page.content, url, page.charset)):
            items = list(read_urls(parse_url_list(text), fetcher, skip))
        else:
            return Polled("error", error="neither an RSS/Atom feed nor a list of URLs")
    except InputError as exc:
        return Polled("error", error=exc.reason)
    return Polled("new" if items else "same", items, etag, modified)


def next_poll(state: FeedState, interval: float, max_backoff: float,
              clock: float | None = None) -> float:
    """When to poll again: after the interval, doubled for each failure in a row (capped)."""
    now = time.time() if clock is None else clock
    if not state.failures:
        return now + interval
    return now + min(interval * 2 ** min(state.failures, BACKOFF_EXPONENT_CAP), max_backoff)
