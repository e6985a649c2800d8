"""Cleaning one article text: drop page furniture, cut the dateline, normalise what is kept.

Furniture (related-links boxes and their headlines, captions, bylines, prompts) is found by
``onrecord.clean.boilerplate``; every removal is recorded with its span in the *original* text and
the reason, so a user can see exactly what was dropped. Kept paragraphs are NFC-normalised
(curly quotes stay as they are), their whitespace collapsed, and joined by a blank line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from onrecord.clean.boilerplate import find_inserts
from onrecord.layout import read_layout
from onrecord.model import Removed

PARAGRAPH_SEPARATOR = "\n\n"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: list[Removed] = field(default_factory=list)
    dateline: str | None = None


@dataclass(frozen=True)
class _Rules:
    dateline: re.Pattern[str]
    invisible: re.Pattern[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = yaml.safe_load(resources.files("onrecord.data").joinpath("cleaning.yaml").read_text())
    return _Rules(
        dateline=re.compile(raw["dateline"]),
        invisible=re.compile("[" + re.escape(raw["invisible"]) + "]"),
    )


def normalise(paragraph: str) -> str:
    """NFC, invisible characters dropped, any run of whitespace (incl. no-break) one space."""
    paragraph = _rules().invisible.sub("", unicodedata.normalize("NFC", paragraph))
    return _SPACE.sub(" ", paragraph).strip()


def _same_words(a: str, b: str) -> bool:
    return normalise(a).casefold() == normalise(b).casefold()


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
        if not kept and dateline is None and (match := _rules().dateline.match(paragraph)):
            dateline = normalise(match.group("dateline"))
            cut = Removed(span=(start, start + match.end()), why="dateline (kept as metadata)")
            removed.append(cut)
            paragraph = paragraph[match.end():]
        if cleaned := normalise(paragraph):
            kept.append(cleaned)
    return Cleaned(text=PARAGRAPH_SEPARATOR.join(kept), removed=removed, dateline=dateline)
