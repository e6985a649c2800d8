"""WARC and WARC.gz archives (Common Crawl CC-NEWS style): HTML responses only, via warcio."""

from __future__ import annotations

from collections.abc import Container, Iterator

from warcio.archiveiterator import ArchiveIterator

from onrecord.errors import InputError
from onrecord.ingest.html import html_to_source
from onrecord.ingest.item import Item

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str, max_bytes: int, skip: Container[str] = ()) -> Iterator[Item]:
    """One item per HTML response record, keyed ``path#<WARC-Record-ID>``.

    A record whose page is unusable fails alone; a corrupt archive stops this file with one
    failed item naming the last good record (the records before it are kept).
    """
    try:
        stream = open(path, "rb")  # noqa: SIM115  (closed below; the iterator reads lazily)
    except OSError as exc:
        yield Item(key=path, error=InputError(path, f"cannot read ({exc.strerror})"))
        return
    with stream:
        records = ArchiveIterator(stream)
        number = 0
        try:
            for number, record in enumerate(records, start=1):  # noqa: B007  (used after the loop)
                record_id = record.rec_headers.get_header("WARC-Record-ID") or f"record-{number}"
                key = f"{path}#{record_id.strip('<>')}"
                if record.rec_type != "response" or key in skip:
                    continue
                http = record.http_headers
                content_type = (http.get_header("Content-Type") or "") if http else ""
                if http is None or http.get_statuscode() != "200":
                    continue
                if not content_type.lower().startswith(_HTML_TYPES):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield Item(key=key, error=InputError(key, f"too large (> {max_bytes} bytes)"))
                    continue
                charset = content_type.partition("charset=")[2].strip() or None
                try:
                    yield Item(key=key, source=html_to_source(body, f"{key} ({url})", url, charset))
                except InputError as exc:
                    yield Item(key=key, error=exc)
        except Exception as exc:  # noqa: BLE001  (warcio fails on corrupt data in many ways)
            where = f"{path} record {number + 1}"
            reason = f"corrupt WARC ({exc.__class__.__name__}: {exc})"
            yield Item(key=f"{path}#corrupt", error=InputError(where, reason))
