"""Which reader takes which input: paths, folders, globs, URLs and standard input."""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from onrecord.errors import InputError
from onrecord.ingest.feeds import count_entries, looks_like_feed, read_feed
from onrecord.ingest.fetch import Fetcher, FetchOptions
from onrecord.ingest.files import decode_text, expand_paths, open_bytes, read_bytes
from onrecord.ingest.html import read_html
from onrecord.ingest.item import Item
from onrecord.ingest.records import FieldMap, read_csv, read_jsonl
from onrecord.ingest.urls import is_url, is_url_list, parse_url_list, read_urls
from onrecord.ingest.warc import read_warc
from onrecord.pipeline import ArticleText


class Kind(StrEnum):
    text = "text"
    html = "html"
    urls = "urls"
    feed = "feed"
    warc = "warc"
    jsonl = "jsonl"
    csv = "csv"


_SUFFIXES = {
    ".txt": Kind.text, ".text": Kind.text, ".md": Kind.text,
    ".html": Kind.html, ".htm": Kind.html, ".xhtml": Kind.html,
    ".urls": Kind.urls,
    ".rss": Kind.feed, ".atom": Kind.feed, ".xml": Kind.feed,
    ".warc": Kind.warc, ".warc.gz": Kind.warc,
    ".jsonl": Kind.jsonl, ".ndjson": Kind.jsonl,
    ".csv": Kind.csv,
}


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: forced kind, JSONL/CSV field names, fetching politeness."""

    kind: Kind | None = None
    fields: FieldMap = field(default_factory=FieldMap)
    fetch: FetchOptions = field(default_factory=FetchOptions)


def kind_of(path: str) -> Kind | None:
    """The reader a file's name calls for (``None`` when the name does not say)."""
    name = Path(path).name.lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return _SUFFIXES[suffix]
    return None


def read_again(key: str) -> bool:
    """Whether a re-run reads item ``key`` again to see if it changed: a local file or a dump's
    line or row (cheap to read, edited in place), not a URL (fetched once) nor an archive's
    record or a feed's entry (keyed ``…#…``)."""
    return not is_url(key) and "#" not in key


def whole_file(key: str) -> bool:
    """Whether ``key`` names a whole local file (one article, which the file's path names),
    not a URL, an archive's record or a dump's line or row (``path:N``)."""
    path, colon, number = key.rpartition(":")
    in_dump = colon and number.isdigit() and kind_of(path) in (Kind.jsonl, Kind.csv)
    return read_again(key) and not in_dump


def input_units(specs: list[str], options: ReadOptions | None = None) -> Iterator[str | Item]:
    """What ``read_inputs`` reads, in its order: each URL and each file (a spec that names no
    file comes out as a failed item). A Dask run partitions these units across its workers."""
    options = options or ReadOptions()
    for spec in specs:
        if is_url(spec):
            yield spec
            continue
        try:
            paths = expand_paths(spec)
        except InputError as exc:
            yield Item(key=spec, error=exc)
            continue
        from_folder = Path(spec).is_dir()
        found = False
        for path in paths:
            if options.kind is None and kind_of(path) is None and from_folder:
                continue  # a folder's stray files (images, indexes) are not articles
            found = True
            yield path
        if from_folder and not found:
            yield Item(key=spec, error=InputError(spec, "a folder with no article file"))


def read_inputs(
    specs: list[str], options: ReadOptions | None = None, skip: Container[str] = ()
) -> Iterator[Item]:
    """Every article item of every input, in order; keys in ``skip`` are neither read nor fetched.

    Failures never stop the stream: they come out as failed items naming the input and reason.
    """
    return read_units(input_units(specs, options), options, skip)


def read_units(
    units: Iterable[str | Item], options: ReadOptions | None = None, skip: Container[str] = ()
) -> Iterator[Item]:
    """The article items of ``input_units`` (URLs and file paths, failed items passed through)."""
    options = options or ReadOptions()
    with Fetcher(options.fetch) as fetcher:
        for unit in units:
            if isinstance(unit, Item):
                yield unit
            elif is_url(unit):
                if unit not in skip:
                    yield from _read_url(unit, fetcher, skip)
            else:
                kind = options.kind or kind_of(unit) or Kind.text
                yield from _read_file(unit, kind, options, fetcher, skip)


def _read_url(url: str, fetcher: Fetcher, skip: Container[str]) -> Iterator[Item]:
    try:
        page = fetcher.get(url)
        if looks_like_feed(page.content):
            yield from read_feed(page.content, url, fetcher, skip)
        else:
            yield Item(key=url, article_text=read_html(page.content, url, page.url, page.charset))
    except InputError as exc:
        yield Item(key=url, error=exc)


def _read_file(
    path: str, kind: Kind, options: ReadOptions, fetcher: Fetcher, skip: Container[str]
) -> Iterator[Item]:
    max_bytes = options.fetch.max_bytes
    try:
        if kind is Kind.warc:
            yield from read_warc(path, max_bytes, skip)
            return
        if path in skip:
            return
        if kind is Kind.html:
            yield Item(key=path, article_text=read_html(read_bytes(path, max_bytes), path))
            return
        if kind in (Kind.jsonl, Kind.csv):  # a record at a time, each at most max_bytes
            reader = read_jsonl if kind is Kind.jsonl else read_csv
            with open_bytes(path) as stream:
                yield from reader(stream, path, options.fields, skip, max_bytes)
            return
        data = read_bytes(path, None if kind is Kind.urls else max_bytes)
        if kind is Kind.feed:  # one document: it is its own record
            yield from read_feed(data, path, fetcher, skip)
            return
        text = decode_text(data, "<stdin>" if path == "-" else path)
        if kind is Kind.urls or is_url_list(text):
            yield from read_urls(parse_url_list(text), fetcher, skip)
        elif not text.strip():
            yield Item(key=path, error=InputError(path, "empty file"))
        else:
            outlet = None if path == "-" else path
            yield Item(key=path, article_text=ArticleText(text=text, source=outlet))
    except InputError as exc:
        yield Item(key=path, error=exc)


def _count_in(path: str, kind: Kind, max_bytes: int) -> int:
    """Entries of a feed file (parsed: one document, at most ``max_bytes``), else lines, counted
    a buffer at a time (a dump is never held whole)."""
    if kind is Kind.feed:
        return count_entries(read_bytes(path, max_bytes))
    with open_bytes(path) as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))


def count_items(specs: list[str], options: ReadOptions | None = None) -> int | None:
    """How many items ``read_inputs`` will yield, when cheap to know (for a progress ETA).

    ``None`` when an input (an archive, a URL, stdin) can only be counted by reading or fetching
    it all; a feed file is parsed (fast: it is one document), a dump's lines are counted.
    """
    options = options or ReadOptions()
    total = 0
    for spec in specs:
        if is_url(spec) or spec == "-":
            return None
        try:
            paths = expand_paths(spec)
        except InputError:
            total += 1
            continue
        for path in paths:
            kind = options.kind or kind_of(path)
            if kind is Kind.warc:
                return None
            if kind in (Kind.feed, Kind.jsonl, Kind.csv, Kind.urls):
                try:
                    total += _count_in(path, kind, options.fetch.max_bytes)
                except InputError:
                    total += 1
            elif kind is not None or not Path(spec).is_dir():
                total += 1
    return total
