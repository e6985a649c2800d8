"""WARC and WARC.gz archives (Common Crawl CC-NEWS style): HTML responses only, via warcio.

A corrupt record does not cost the rest of the archive: the reader reports it once, looks for
the next record start (the next gzip member in a ``.warc.gz``, the next ``WARC/`` version line
in a plain WARC) and carries on from there. CC-NEWS files hold tens of thousands of records.
"""

from __future__ import annotations

import mmap
from collections.abc import Container, Iterator
from dataclasses import dataclass

from onrecord.errors import InputError
from onrecord.ingest.html import read_html
from onrecord.ingest.item import Item

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MEMBER = b"\x1f\x8b\x08"  # every record of a .warc.gz is its own gzip member
_WARC_LINE = b"\nWARC/1."  # a plain record starts with its version line


@dataclass
class _Position:
    offset: int = 0  # where the record being read starts
    number: int = 0  # records read so far


def read_warc(path: str, max_bytes: int, skip: Container[str] = ()) -> Iterator[Item]:
    """One item per HTML response record, keyed ``path#<WARC-Record-ID>``.

    A record whose page is unusable fails alone; a corrupt stretch of the archive gives one
    failed item naming the record number and byte offset, and reading resumes after it.
    """
    try:
        stream = open(path, "rb")  # noqa: SIM115  (closed below; the iterator reads lazily)
    except OSError as exc:
        yield Item(key=path, error=InputError(path, f"cannot read ({exc.strerror})"))
        return
    with stream:
        position, reported = _Position(), False
        while True:
            stream.seek(position.offset)
            read_before = position.number
            try:
                yield from _records(path, stream, position, max_bytes, skip)
                return
            except Exception as exc:  # noqa: BLE001  (warcio fails on corrupt data in many ways)
                if position.number > read_before or not reported:
                    where = f"{path} record {position.number + 1} (byte {position.offset})"
                    reason = f"corrupt WARC ({exc.__class__.__name__}: {exc})"
                    key = f"{path}#corrupt@{position.offset}"
                    yield Item(key=key, error=InputError(where, reason))
                reported = True
            resume = _next_record_start(stream, position.offset + 1, path.endswith(".gz"))
            if resume is None:
                return
            position.offset = resume


def _records(
    path: str, stream, position: _Position, max_bytes: int, skip: Container[str]
) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator  # imported when an archive is read

    records = ArchiveIterator(stream)
    for record in records:
        position.number += 1
        record_id = record.rec_headers.get_header("WARC-Record-ID") or f"record-{position.number}"
        key = f"{path}#{record_id.strip('<>')}"
        wanted = record.rec_type == "response" and key not in skip
        if wanted and (item := _item(key, record, max_bytes)) is not None:
            yield item
        records.read_to_end()
        position.offset = records.offset  # the next record starts here


def _item(key: str, record, max_bytes: int) -> Item | None:
    """The article of one response record, None when it is not an HTML page."""
    http = record.http_headers
    content_type = (http.get_header("Content-Type") or "") if http else ""
    if http is None or http.get_statuscode() != "200":
        return None
    if not content_type.lower().startswith(_HTML_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Item(key=key, error=InputError(key, f"too large (> {max_bytes} bytes)"))
    charset = content_type.partition("charset=")[2].strip() or None
    try:
        return Item(key=key, article_text=read_html(body, f"{key} ({url})", url, charset))
    except InputError as exc:
        return Item(key=key, error=exc)


def _next_record_start(stream, start: int, gzipped: bool) -> int | None:
    """Offset of the first record start at or after ``start``, None when there is none."""
    try:
        view = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except ValueError:  # an empty file cannot be mapped
        return None
    with view:
        if gzipped:
            found = view.find(_GZIP_MEMBER, start)
            return None if found < 0 else found
        found = view.find(_WARC_LINE, max(start - 1, 0))
        return None if found < 0 else found + 1
