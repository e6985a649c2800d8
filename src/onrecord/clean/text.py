"""Cleaning one article text: drop page furniture, cut the dateline, normalise what is kept.

Furniture (related-links boxes and their headlines, captions, bylines, prompts) is found by
``onrecord.clean.boilerplate``; every removal is recorded with its span in the *original* text and
the reason, so a user can see exactly what was dropped. Kept paragraphs are NFC-normalised
(curly quotes stay as they are), their whitespace collapsed, and joined by a blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from onrecord.clean.boilerplate import find_inserts
from onrecord.clean.dateline import find_dateline
from onrecord.layout import read_layout
from onrecord.model import Removed
from onrecord.normalise import caseless, squeeze

PARAGRAPH_SEPARATOR = "\n\n"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: list[Removed] = field(default_factory=list)
    dateline: str | None = None


def _same_words(a: str, b: str) -> bool:
    return caseless(a) == caseless(b)


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """The article prose of ``text``, with what was removed and why, and the dateline if any."""
    layout = read_layout(text)
    dropped = {insert.paragraph: insert.why for insert in find_inserts(layout)}
    removed: list[Removed] = []
    kept: list[str] = []
    dateline = None
    for index, (start, end) in enumerate(layout.paragraphs):
        paragraph = text[start:end]
        why = dropped.get(index)
        if why is None and not kept and title and _same_words(paragraph, title):
            why = "headline repeated from the title"
        if why:
            removed.append(Removed(span=(start, end), why=why))
            continue
        if not kept and dateline is None and (found := find_dateline(text, start)):
            dateline = squeeze(text[found[0] : found[1]]).rstrip(" -–—:")
            removed.append(Removed(span=(start, found[1]), why="dateline (kept as metadata)"))
            paragraph = text[found[1] : end]
        if cleaned := squeeze(paragraph):
            kept.append(cleaned)
    return Cleaned(text=PARAGRAPH_SEPARATOR.join(kept), removed=removed, dateline=dateline)
