"""Datelines ("KYIV, March 3 (Wire) —") that open wire copy.

They are metadata, not prose: left in, the parser makes "MOSCOW" the subject of the first
sentence's verb. The text keeps them (offsets never move); the parser sees them blanked.
"""

from __future__ import annotations

import re

from onrecord.model import Span
from onrecord.normalise import plain_spaces

_DATELINE = re.compile(
    r"""[ \t]*                                          # no ^: match() anchors at the paragraph
    (?P<place>[A-Z][A-Z.'’/-]+(?:\s[A-Z][A-Z.'’/-]+)*)                   # KYIV / SANAA/DUBAI
    (?:,\s*[A-Z][\w.'’]*(?:\s[A-Z][\w.'’]*)*(?![\w.'’])(?!\s*\d))?     # , Ukraine / , D.C.
    (?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?                      # , March 3
    \s*(?P<agency>\([^()\n]{1,40}\))?                                   # (Reuters)
    \s*[-–—:]+\s""",
    re.VERBOSE,
)


def find_dateline(text: str, start: int = 0) -> Span | None:
    """The dateline at the start of the paragraph beginning at ``start``, if there is one."""
    match = _DATELINE.match(text, start)
    if match is None or len(match.group("place")) < 3:
        return None
    return (match.start("place"), match.end())


def blank(text: str, spans: list[Span]) -> str:
    """``text`` with the characters of ``spans`` turned to spaces (newlines kept) and odd
    spaces made plain, same length: what the parser reads."""
    chars = list(plain_spaces(text))
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
