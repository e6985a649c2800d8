"""URL lists: one URL a line (blanks and ``#`` comments ignored), each page fetched politely."""

from __future__ import annotations

from collections.abc import Container, Iterator

from onrecord.errors import InputError
from onrecord.ingest.fetch import Fetcher
from onrecord.ingest.html import read_html
from onrecord.ingest.item import Item


def is_url(text: str) -> bool:
    """True when ``text`` names an http(s) URL (by its scheme; anything else is a path or text)."""
    return text.startswith(("http://", "https://"))


def parse_url_list(text: str) -> list[str]:
    """The URLs of a list file, in order, without comments or blank lines."""
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def is_url_list(text: str) -> bool:
    """True when every non-comment line of ``text`` is an http(s) URL (so not an article)."""
    urls = parse_url_list(text)
    return bool(urls) and all(is_url(u) and " " not in u for u in urls)


def fetch_page(fetcher: Fetcher, url: str) -> Item:
    """Fetch one page and extract its article; failures become a failed item naming the URL."""
    try:
        page = fetcher.get(url)
        return Item(key=url, article_text=read_html(page.content, url, page.url, page.charset))
    except InputError as exc:
        return Item(key=url, error=exc)


def read_urls(urls: list[str], fetcher: Fetcher, skip: Container[str] = ()) -> Iterator[Item]:
    """One item per URL not in ``skip`` (already done in an earlier run: not fetched again)."""
    for url in urls:
        if url not in skip:
            yield fetch_page(fetcher, url)
