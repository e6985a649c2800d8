"""Paragraph structure of an article text.

Quotation rules depend on paragraphs (a multi-paragraph quote re-opens its mark at each
paragraph), so paragraphs are found once, here, as character spans into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.model import Span

_BLOCK_SEPARATOR = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
# A text whose blocks hold several lines all shorter than this is hard-wrapped: the block,
# not the line, is the paragraph. 80 is the usual terminal/e-mail wrap width plus slack.
_WRAP_WIDTH = 80


@dataclass(frozen=True)
class Layout:
    text: str
    paragraphs: list[Span]

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph containing ``offset`` (or the one just before it)."""
        lo, hi = 0, len(self.paragraphs) - 1
        found = 0
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.paragraphs[mid][0] <= offset:
                found = mid
                lo = mid + 1
            else:
                hi = mid - 1
        return found


def _strip_span(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _is_hard_wrapped(text: str) -> bool:
    """Blank-line blocks whose inner lines all break near a fixed width."""
    blocks = [b for b in _BLOCK_SEPARATOR.split(text) if b.strip()]
    multi_line = [b for b in blocks if b.strip().count("\n") >= 1]
    if len(blocks) < 2 or len(multi_line) * 2 < len(blocks):
        return False
    lines = [len(line) for b in multi_line for line in b.strip().split("\n")[:-1]]
    return max(lines) <= _WRAP_WIDTH and sum(lines) / len(lines) >= _WRAP_WIDTH * 0.6


def read_layout(text: str) -> Layout:
    """Split ``text`` into paragraph spans: lines, or blank-line blocks when hard-wrapped."""
    spans: list[Span] = []
    if _is_hard_wrapped(text):
        start = 0
        for sep in _BLOCK_SEPARATOR.finditer(text):
            span = _strip_span(text, start, sep.start())
            if span:
                spans.append(span)
            start = sep.end()
        span = _strip_span(text, start, len(text))
        if span:
            spans.append(span)
    else:
        for line in _LINE.finditer(text):
            span = _strip_span(text, line.start(), line.end())
            if span:
                spans.append(span)
    return Layout(text=text, paragraphs=spans)
