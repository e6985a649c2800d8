"""Hostile input for the fuzz tests: Hypothesis strategies, named worst cases, and the offset
check every extracted record must pass whatever it was given.

``ONRECORD_FUZZ_EXAMPLES`` sets how many cases each property tries: a few dozen in ``make test``,
thousands in ``make fuzz``.
"""

from __future__ import annotations

import io
import json
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord.model import Article
from onrecord.normalise import drop_invisible
from onrecord.quotes.marks import ALL_MARKS

FUZZ = settings(
    max_examples=int(os.environ.get("ONRECORD_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

MARKS = list(ALL_MARKS) + ["„", "‚", "«", "»", "‹", "›", "``", "''"]
ODD_CHARACTERS = [
    "\n", "\n\n", "\r\n", "\r", "\t", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\u00a0",
    "\u200b", "\u200f", "\u202e", "\ufeff", "\u00ad", "\ufffd", "e\u0301", "ﬁ",
    "قال الوزير", "אמר השר", "说", "🚀", "👨‍👩‍👧", "🇺🇦", "𝕏",
]
WORDS = [
    "said", "told", "warned", "added", "according to", "in a statement", "issued a stark warning "
    "that", "He", "She", "They", "Mark Rutte", "the defence minister", "Berlin", "Kyiv", "NATO",
    "that", "if attacked", "in the event of", "could", "did not", "threaten", "RELATED:",
    "Read more:", "Photo: J. Doe/Wire", "KYIV, March 3 (Reuters) —", ",", ".", ":", "—", "?", " ",
]
# Article-like text made of what real pages contain, in any order: words and phrases the
# extractor keys on, quotation marks of every kind, line breaks, invisible and RTL characters.
article_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS), st.sampled_from(ODD_CHARACTERS),
              st.text(max_size=6)),
    max_size=80,
).map(" ".join)

# The named worst cases of issue 8 that fit in a string (50 MB and bad bytes go through readers).
HOSTILE_TEXTS = {
    "empty": "",
    "whitespace only": " \n\t\n\u00a0\u2028 ",
    "only quotation marks": "".join(MARKS) * 20,
    "10,000 unbalanced opening marks": "“" * 10_000,
    "NUL characters": "He said \x00 “we will\x00 respond,” \x00 and left.",
    "right-to-left text": "قال الوزير “سنرد على أي هجوم,” he said. ‏“שלום,” she told Berlin.",
    "emoji": "“We will 🚀 respond 👨‍👩‍👧,” the minister 🇺🇦 said. 😀" * 3,
    "control characters": "\x0b\x0c\x1c\x1d\x1e\x85“We will respond,”\u2028he said.\x7f",
    "a 200,000-letter word": "“" + "a" * 200_000 + ",” he said.",
    "markup as text": "<script>alert(1)</script> “<b>We</b> will,” said <i>Jane Roe</i>.",
}


def _squash(text: str) -> str:
    return "".join(ch for ch in drop_invisible(text) if not ch.isspace() and ch not in ALL_MARKS)


def _check_span(text: str, span, what: str) -> str:
    start, end = span
    assert 0 <= start < end <= len(text), f"{what} {span} outside the text ({len(text)} chars)"
    return text[start:end]


def assert_offsets(article: Article) -> None:
    """Every offset of ``article`` points at exactly its piece of ``article.text``."""
    text = article.text
    for start, end in article.paragraphs:
        assert text[start:end] == text[start:end].strip() != "", (start, end)
    quote_ids = set()
    for quote in article.quotes:
        quote_ids.add(quote.id)
        pieces = [_check_span(text, span, f"{quote.id} span") for span in quote.spans]
        # Content is the pieces with nested marks dropped and whitespace joined: same characters.
        assert _squash(quote.content) == _squash("".join(pieces)), (quote.content, pieces)
        if quote.cue_span is not None:
            assert _check_span(text, quote.cue_span, f"{quote.id} cue").strip()
        for party in (quote.speaker, quote.addressee):
            if party is not None:
                assert _check_span(text, party.span, f"{quote.id} mention") == party.mention
    for event in article.events:
        if event.evidence is not None:
            _check_span(text, event.evidence, f"{event.id} evidence")
        assert event.quote_id is None or event.quote_id in quote_ids
    # What `onrecord extract` prints and the store keeps: JSON that round-trips, valid UTF-8
    # (the record's fields; what the coder knew, ``Event.signals``, is no part of it).
    line = json.dumps(article.to_json_dict(), ensure_ascii=False).encode("utf-8")
    assert Article.model_validate_json(line).model_dump() == article.model_dump()


def _encodings(text: str) -> st.SearchStrategy[bytes]:
    return st.sampled_from([
        text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("utf-16"), text.encode("utf-16-be"),  # with and without a BOM
        text.encode("cp1252", errors="replace"), text.encode("utf-8")[: len(text) // 2],
    ])


# Bytes a file of any kind may hold: random bytes, or article text in any encoding, cut short.
file_bytes = st.one_of(st.binary(max_size=400), article_text.flatmap(_encodings))

_TAGS = ["div", "p", "article", "span", "b", "script", "style", "h1", "table", "td", "!--", "br"]
html_fragment = st.recursive(
    article_text,
    lambda inner: st.tuples(st.sampled_from(_TAGS), st.lists(inner, max_size=4), st.booleans())
    .map(lambda t: f"<{t[0]}>" + "".join(t[1]) + (f"</{t[0]}>" if t[2] else "")),
    max_leaves=30,
)
html_page = st.tuples(st.booleans(), html_fragment).map(
    lambda t: ("<html><head><title>T</title></head><body>" if t[0] else "") + t[1]
)

_jsonl_line = st.one_of(
    st.fixed_dictionaries({"text": article_text}, optional={
        "title": article_text, "id": st.text(max_size=8), "url": st.text(max_size=20),
        "published": st.text(max_size=12)}).map(lambda r: json.dumps(r, ensure_ascii=False)),
    st.fixed_dictionaries({"text": article_text}).map(json.dumps).map(lambda s: s[: len(s) // 2]),
    st.sampled_from(['{"text": null}', "[1, 2]", '"just a string"', "{", '{"text": "\\ud800"}',
                     '{"text": "a\\u0000b"}', '{"title": "no text"}', "\x00\x00", "\ufeff{}"]),
)
jsonl_lines = st.lists(_jsonl_line, max_size=12)


def warc_archive(bodies: list[str], gzipped: bool) -> tuple[bytes, list[int]]:
    """A WARC of HTML responses, and the byte offset where each record ends."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    ends = []
    for number, body in enumerate(bodies):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{number}", "response", http_headers=headers,
            payload=io.BytesIO(body.encode("utf-8", errors="replace")),
        ))
        ends.append(out.tell())
    return out.getvalue(), ends


def feed_document(titles: list[str], link: str) -> bytes:
    """An RSS feed whose entries (titles as given, not escaped) all point at ``link``."""
    items = "".join(f"<item><title>{t}</title><link>{link}</link></item>" for t in titles)
    return f'<?xml version="1.0"?><rss><channel><title>F</title>{items}</channel></rss>'.encode(
        "utf-8", errors="replace")
