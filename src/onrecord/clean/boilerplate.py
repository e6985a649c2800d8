"""Page furniture inside article text: related-links boxes, captions, bylines, promos.

Such paragraphs are nobody's statement, and a multi-paragraph quotation runs on across them.
The patterns live in ``data/boilerplate.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from onrecord.datafiles import DataFile, read_yaml
from onrecord.layout import Layout
from onrecord.model import Span

_SENTENCE_END = re.compile(r"[.!?:;…\"”’')\]]\s*$")
_WORD = re.compile(r"\w+")
# How many headline lines a standalone "RELATED:" label may own (boxes list one to three links).
_MAX_LINKED_HEADLINES = 3


@dataclass(frozen=True)
class Insert:
    paragraph: int
    span: Span
    why: str


@dataclass(frozen=True)
class _Patterns:
    related_links: list[re.Pattern[str]]
    by_kind: dict[str, list[re.Pattern[str]]]
    headline_max_words: int


class _Furniture(DataFile):
    """``data/boilerplate.yaml``: patterns of each kind of furniture."""

    related_links: tuple[str, ...]
    caption: tuple[str, ...]
    byline: tuple[str, ...]
    promo: tuple[str, ...]
    headline_max_words: int


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    raw = read_yaml("boilerplate.yaml", _Furniture)

    def compile_all(key: str) -> list[re.Pattern[str]]:
        return [re.compile(p, re.IGNORECASE) for p in getattr(raw, key)]

    return _Patterns(
        related_links=compile_all("related_links"),
        by_kind={
            "photo caption": compile_all("caption"),
            "byline or credit": compile_all("byline"),
            "newsletter or share prompt": compile_all("promo"),
        },
        headline_max_words=raw.headline_max_words,
    )


def looks_like_headline(paragraph: str) -> bool:
    """Short, capitalised and without sentence-final punctuation: a title, not prose."""
    words = _WORD.findall(paragraph)
    if not words or len(words) > _patterns().headline_max_words:
        return False
    return paragraph[:1].isupper() and not _SENTENCE_END.search(paragraph)


def _related_label(paragraph: str) -> re.Match[str] | None:
    for pattern in _patterns().related_links:
        match = pattern.match(paragraph)
        # A label needs its colon/dash or must stand alone: "Watch the skies" is prose.
        if match and (match.group("sep") or match.end() >= len(paragraph)):
            return match
    return None


def classify_paragraph(paragraph: str) -> str | None:
    """Why ``paragraph`` is page furniture, or None when it is article prose."""
    if _related_label(paragraph):
        return "related-links insert"
    for why, patterns in _patterns().by_kind.items():
        if any(p.search(paragraph) for p in patterns):
            return why
    return None


def find_inserts(layout: Layout) -> list[Insert]:
    """Every furniture paragraph, including the headlines that follow a standalone link label."""
    inserts: list[Insert] = []
    text = layout.text
    owned_headlines = 0
    for index, (start, end) in enumerate(layout.paragraphs):
        paragraph = text[start:end]
        why = classify_paragraph(paragraph)
        if why is None and owned_headlines and looks_like_headline(paragraph):
            why = "related-links insert"
            owned_headlines -= 1
        else:
            label = _related_label(paragraph)
            stands_alone = label is not None and label.end() >= len(paragraph)
            owned_headlines = _MAX_LINKED_HEADLINES if stands_alone else 0
        if why:
            inserts.append(Insert(index, (start, end), why))
    return inserts
