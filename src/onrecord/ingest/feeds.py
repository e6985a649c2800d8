"""RSS and Atom feeds (a URL or a file), each entry followed to its page.

An entry that carries the whole article (``content:encoded``, Atom ``content``, or a long
description) is read from the feed and not fetched: full-text feeds are common, and a saved feed
file then works offline (the sample corpus has one).
"""

from __future__ import annotations

import time
from collections.abc import Container, Iterator
from dataclasses import replace

from onrecord.errors import InputError
from onrecord.ingest.fetch import Fetcher
from onrecord.ingest.html import read_html
from onrecord.ingest.item import Item
from onrecord.ingest.urls import fetch_page

# Words an entry's own content needs to count as the full article rather than a teaser. Teasers
# (RSS descriptions, Atom summaries) run to one or two sentences, well under 80 words; the
# shortest wire items are about 150. Set between the two.
FULL_TEXT_WORDS = 120


def looks_like_feed(data: bytes) -> bool:
    """True when the first bytes open an RSS, Atom or RDF document."""
    head = data[:1024].lstrip().lower()
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def _parse(data: bytes):
    """The feed parsed by feedparser (imported when a feed is read, not at start-up)."""
    import feedparser

    return feedparser.parse(data)


def count_entries(data: bytes) -> int:
    """How many items ``read_feed`` yields for a feed document (one error item if not a feed)."""
    return len(_parse(data).entries) or 1


def _published(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def read_feed(
    data: bytes, origin: str, fetcher: Fetcher, skip: Container[str] = ()
) -> Iterator[Item]:
    """Items for the entries of one feed document; the entry's title and date win over the page's.

    A document that is not a feed (an HTML page, say) raises ``InputError`` naming ``origin``.
    """
    parsed = _parse(data)
    if not parsed.entries:
        kind = "an HTML page" if b"<html" in data[:2048].lower() else "not a feed"
        reason = parsed.get("bozo_exception") if parsed.bozo else None
        raise InputError(origin, f"{kind}, no feed entries" + (f" ({reason})" if reason else ""))
    for number, entry in enumerate(parsed.entries):
        link = entry.get("link")
        key = link or f"{origin}#{number}"
        if key in skip:
            continue
        item = _from_feed(entry, key, link)
        if item is None and not link:
            item = Item(key=key, error=InputError(key, "entry has no link and no full text"))
        elif item is None:
            item = fetch_page(fetcher, link)
        if item.article_text is not None:
            src = item.article_text
            item = replace(
                item,
                article_text=replace(
                    src,
                    title=entry.get("title") or src.title,
                    published=_published(entry) or src.published,
                    source=parsed.feed.get("title") or src.source,
                ),
            )
        yield item


def _from_feed(entry, key: str, link: str | None) -> Item | None:
    """The entry's article from the feed itself, or None when the feed only has a teaser."""
    bodies = [c.get("value") or "" for c in entry.get("content", [])]
    bodies.append(entry.get("summary") or "")
    body = max(bodies, key=len)
    if len(body.split()) < FULL_TEXT_WORDS:
        return None
    try:
        src = read_html(f"<html><body><article>{body}</article></body></html>", key,
                                   link)
    except InputError:
        return None
    return Item(key=key, article_text=src) if len(src.text.split()) >= FULL_TEXT_WORDS else None
