"""Inputs the tests build: HTML pages with boilerplate around a known body, WARC archives."""

from __future__ import annotations

import gzip
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PARAGRAPHS = [
    "The defence minister warned on Tuesday that the alliance would respond to any attack on "
    "its eastern members, in the sharpest words used by the government this year.",
    "\u201cWe will defend every inch of our territory,\u201d he told reporters in the capital, "
    "adding that the talks planned for next week had been called off by the other side.",
    "Officials in the neighbouring country did not comment on the remarks, which came after "
    "two days of military exercises near the border and a week of rising tension.",
]


def page(title: str = "Minister warns of response", paragraphs=None, charset="utf-8",
         date="2024-03-05") -> str:
    """A news page: navigation, the article (headline + paragraphs), a footer."""
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return (
        f'<html><head><meta charset="{charset}"><title>{title} | The Daily</title>'
        '<meta property="og:site_name" content="The Daily">'
        '<meta name="author" content="Jane Roe">'
        f'<meta property="article:published_time" content="{date}T10:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright The Daily. All rights reserved.</footer></body></html>"
    )


CORRUPT = None  # in write_warc's records: a damaged record at this place


def _warc_record(writer, url: str, content_type: str, body: str) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], "HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=headers
    )
    writer.write_record(record)


def _damaged_record(gzipped: bool) -> bytes:
    """A record as a disk error leaves it: a gzip member with bytes overwritten, or junk."""
    if not gzipped:
        return b"GARBAGE where a record should start\r\nnot: a header\r\n\r\n"
    buffer = io.BytesIO()
    _warc_record(WARCWriter(buffer, gzip=True), "https://a.example/x", "text/html", page("Lost"))
    data = bytearray(buffer.getvalue())
    data[40:200] = bytes(160)
    return bytes(data)


def write_warc(path, records, corrupt_tail=False) -> None:
    """A WARC (gzipped when ``path`` ends in .gz) of HTML responses (url, content type, body)."""
    gzipped = str(path).endswith(".gz")
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        for record in records:
            if record is CORRUPT:
                out.write(_damaged_record(gzipped))
            else:
                _warc_record(writer, *record)
        if corrupt_tail:
            head = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n"
            out.write(gzip.compress(head))
            out.write(b"\x1f\x8b\x08garbage-not-gzip")
