"""RSS and Atom feeds (a URL or a file), each entry followed to its page."""

from __future__ import annotations

import time
from collections.abc import Container, Iterator
from dataclasses import replace

import feedparser

from onrecord.errors import InputError
from onrecord.ingest.fetch import Fetcher
from onrecord.ingest.item import Item
from onrecord.ingest.urls import fetch_page


def looks_like_feed(data: bytes) -> bool:
    """True when the first bytes open an RSS, Atom or RDF document."""
    head = data[:1024].lstrip().lower()
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def _published(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def read_feed(
    data: bytes, origin: str, fetcher: Fetcher, skip: Container[str] = ()
) -> Iterator[Item]:
    """Items for the entries of one feed document; the entry's title and date win over the page's.

    A document that is not a feed (an HTML page, say) raises ``InputError`` naming ``origin``.
    """
    parsed = feedparser.parse(data)
    if not parsed.entries:
        kind = "an HTML page" if b"<html" in data[:2048].lower() else "not a feed"
        reason = parsed.get("bozo_exception") if parsed.bozo else None
        raise InputError(origin, f"{kind}, no feed entries" + (f" ({reason})" if reason else ""))
    for number, entry in enumerate(parsed.entries):
        link = entry.get("link")
        if not link:
            problem = InputError(origin, f"entry {number} has no link")
            yield Item(key=f"{origin}#{number}", error=problem)
            continue
        if link in skip:
            continue
        item = fetch_page(fetcher, link)
        if item.source is not None:
            src = item.source
            item = replace(
                item,
                source=replace(
                    src,
                    title=entry.get("title") or src.title,
                    published=_published(entry) or src.published,
                    source=parsed.feed.get("title") or src.source,
                ),
            )
        yield item
