"""Where each quotation, cue and speaker mention falls in an article's text, as flat segments.

Quote spans may overlap (a mixed quote inside an indirect one), touch (two quotes back to back)
or run over several paragraphs, so HTML cannot simply open and close a tag per span. Instead each
paragraph is cut at every span boundary; each piece knows which quotes cover it, and the page
renders one element per piece. Pure functions over ``Article``, so they are tested without HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from onrecord.model import Article, Span

Role = Literal["quote", "cue", "speaker", "addressee"]

#: Number of speaker colours in ``static/style.css`` (classes ``sp0`` … ``sp7``); more speakers
#: than this reuse colours in order, which the side panel still tells apart by name.
PALETTE_SIZE = 8


@dataclass(frozen=True)
class Segment:
    """A piece of text with the ids of the quotes whose span, cue, speaker or addressee covers it.

    ``quotes`` lists the innermost quote first (the one whose span starts last), so a page that
    colours a piece by one quote shows the nested quote inside the enclosing one.
    """

    start: int
    end: int
    text: str
    quotes: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()

    @property
    def quote_ids(self) -> tuple[str, ...]:
        """Every quote this piece belongs to, quotes covering it first."""
        return tuple(dict.fromkeys(self.quotes + self.speakers + self.cues + self.addressees))


@dataclass(frozen=True)
class _Mark:
    span: Span
    role: Role
    quote_id: str


def _marks(article: Article) -> list[_Mark]:
    marks = []
    for quote in article.quotes:
        marks += [_Mark(span, "quote", quote.id) for span in quote.spans]
        if quote.cue_span:
            marks.append(_Mark(quote.cue_span, "cue", quote.id))
        if quote.speaker:
            marks.append(_Mark(quote.speaker.span, "speaker", quote.id))
        if quote.addressee:
            marks.append(_Mark(quote.addressee.span, "addressee", quote.id))
    return [mark for mark in marks if mark.span[0] < mark.span[1]]


def _ids(covering: list[_Mark], role: Role) -> tuple[str, ...]:
    innermost_first = sorted(
        (m for m in covering if m.role == role), key=lambda m: (-m.span[0], m.span[1])
    )
    return tuple(dict.fromkeys(m.quote_id for m in innermost_first))


def paragraph_segments(article: Article) -> list[list[Segment]]:
    """Each paragraph of ``article`` as consecutive segments that together spell its text.

    An article without paragraph spans is one paragraph. Text between paragraphs (blank lines)
    is not part of any segment.
    """
    marks = _marks(article)
    paragraphs = article.paragraphs or [(0, len(article.text))]
    result = []
    for start, end in paragraphs:
        inside = [m for m in marks if m.span[0] < end and start < m.span[1]]
        cuts = {start, end} | {x for m in inside for x in m.span if start < x < end}
        bounds = sorted(cuts)
        segments = []
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            covering = [m for m in inside if m.span[0] <= lo and hi <= m.span[1]]
            segments.append(
                Segment(
                    start=lo,
                    end=hi,
                    text=article.text[lo:hi],
                    quotes=_ids(covering, "quote"),
                    cues=_ids(covering, "cue"),
                    speakers=_ids(covering, "speaker"),
                    addressees=_ids(covering, "addressee"),
                )
            )
        result.append(segments)
    return result


def speaker_colours(article: Article) -> dict[str, int]:
    """Palette index per quote id: the same speaker gets the same colour across the article.

    A speaker is the same when it resolves to the same actor id or name; an unresolved mention is
    matched by its words. Quotes without a speaker get no colour.
    """
    index: dict[tuple[str, str], int] = {}
    colours = {}
    for quote in article.quotes:
        speaker = quote.speaker
        if speaker is None:
            continue
        if speaker.actor_id:
            key = ("actor", speaker.actor_id)
        elif speaker.name:
            key = ("name", speaker.name)
        else:
            key = ("mention", speaker.mention.casefold())
        colours[quote.id] = index.setdefault(key, len(index)) % PALETTE_SIZE
    return colours


#: Endings taken off a searched word so its other forms are marked too, as the full-text
#: index's stemmer matches them ("threats" finds "threat", "threatened").
_ENDINGS = ("ing", "ed", "es", "s")


def _stem(word: str) -> str:
    word = word.lower()
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _found(word: str, stem: str) -> bool:
    """A stem of three letters or more marks every word it begins ("threat": "threatened");
    a shorter one only itself ("us" is not "used")."""
    return word.startswith(stem) if len(stem) >= 3 else word == stem


def searched_words(text: str, q: str | None) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each marked True when it is a word of the search ``q`` in
    any case and form ("Threat" and "threatened" for ``threats``)."""
    stems = {_stem(w) for w in re.findall(r"\w+", q or "")}
    if not stems:
        return [(text, False)]
    pieces: list[tuple[str, bool]] = []
    at = 0
    for word in re.finditer(r"\w+", text):
        if any(_found(word.group().lower(), stem) for stem in stems):
            pieces += [(text[at:word.start()], False), (word.group(), True)]
            at = word.end()
    return [p for p in [*pieces, (text[at:], False)] if p[0]]
