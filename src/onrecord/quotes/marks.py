"""Pairing quotation marks into quoted passages, the way a careful reader does.

Works on characters and paragraphs, not on the parse, so it survives what real pages contain:
curly and straight marks, British single marks, nested quotes, apostrophes, marks that open a
paragraph of a multi-paragraph quotation without closing it, page furniture between those
paragraphs, and marks that never close (or never opened). It never raises on any input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from onrecord.clean import looks_like_headline
from onrecord.layout import Layout
from onrecord.model import Span

DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
DOUBLE_EITHER = '"″'
SINGLE_OPEN = "‘‚‛‹"
SINGLE_CLOSE = "’›"
SINGLE_EITHER = "'"
DOUBLE_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER
SINGLE_MARKS = SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER
ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS
#: Dashes that set words off: a signature after a quotation, a writer's gloss after a fragment.
DASHES = ("—", "―", "–")
# Paragraphs of furniture or dropped-in headlines a quotation may run on across (a related-links
# box, a caption, a headline dropped in).
MAX_INTERRUPTION = 3

# Typewriter stand-ins for double marks in some wire and archive text: ''quoted'' or ``quoted''.
DOUBLE_PAIRS = ("''", "``")

_OPENING_CONTEXT = set("([{—–-/") | set(DOUBLE_OPEN + SINGLE_OPEN)
# Where a scan stops: every mark and the first character of a typewriter pair (``, ''); any
# other character plays no role, so a paragraph is scanned from mark to mark.
_ANY_MARK = re.compile("[" + re.escape(ALL_MARKS + "".join(p[0] for p in DOUBLE_PAIRS)) + "]")
_CLOSING_FOLLOWERS = set(".,;:!?)]}—–-…/") | set(ALL_MARKS)
_WHITESPACE = re.compile(r"\s+")


class Role(Enum):
    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"


@dataclass
class MarkedQuote:
    """A passage inside quotation marks: one piece per paragraph (or per cue interruption)."""

    pieces: list[Span]
    opened: bool = True  # False: recovered from a closing mark whose opening mark is missing
    closed: bool = True  # False: the closing mark is missing; the piece ends at its paragraph
    nested_marks: list[int] = field(default_factory=list)
    skipped_paragraphs: list[int] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def content(self, text: str) -> str:
        """The quoted words: pieces joined by one space, nested marks and line breaks removed."""
        nested = set(self.nested_marks)
        parts = []
        for start, end in self.pieces:
            parts.append("".join(ch for i, ch in enumerate(text[start:end], start)
                                 if i not in nested))
        return _WHITESPACE.sub(" ", " ".join(parts)).strip()


_SINGLE_OPENING = re.compile(r"(?:^|(?<=\s))['‘‚‛‹](?=\w)", re.MULTILINE)


def _mark_at(text: str, i: int) -> tuple[str, int]:
    """The mark at ``i`` and its width: a typewriter pair counts as one straight double mark."""
    if text.startswith(DOUBLE_PAIRS, i):
        return '"', 2
    return text[i], 1


_DOUBLE_STYLE = (DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_EITHER)
_SINGLE_STYLE = (SINGLE_OPEN, SINGLE_CLOSE, SINGLE_EITHER)


def _counts(text: str) -> tuple[int, int]:
    """(double marks, single marks that open a passage): apostrophes are not counted."""
    doubles = sum(text.count(ch) for ch in DOUBLE_MARKS) + sum(text.count(p) for p in DOUBLE_PAIRS)
    return doubles, len(_SINGLE_OPENING.findall(text))


def _outer_style(text: str) -> tuple[str, str, str]:
    """Double marks are the outer ones unless single marks open more passages (British style,
    where double marks are for quotes inside quotes and titles)."""
    doubles, singles = _counts(text)
    return _DOUBLE_STYLE if doubles and doubles >= singles else _SINGLE_STYLE


def _paragraph_style(paragraph: str, outer: tuple[str, str, str]) -> tuple[str, str, str]:
    """A paragraph with marks of the other kind only uses those as its outer marks: a
    British-style headline or pull quote ('We will act') in an article written with double
    marks, or an embedded post with double marks in one written with single marks."""
    doubles, singles = _counts(paragraph)
    if outer is _DOUBLE_STYLE and singles and not doubles:
        return _SINGLE_STYLE
    if outer is _SINGLE_STYLE and doubles and not singles:
        return _DOUBLE_STYLE
    return outer


def _can_open(text: str, i: int, lo: int, width: int = 1) -> bool:
    before_ok = i == lo or text[i - 1].isspace() or text[i - 1] in _OPENING_CONTEXT
    return before_ok and i + width < len(text) and not text[i + width].isspace()


def _can_close(text: str, i: int, lo: int, hi: int, width: int = 1) -> bool:
    after = i + width
    after_ok = after >= hi or text[after].isspace() or text[after] in _CLOSING_FOLLOWERS
    return after_ok and i > lo and not text[i - 1].isspace()


def _is_apostrophe(text: str, i: int, lo: int, hi: int) -> bool:
    """don't, Kyiv's, '90s, rock 'n' roll: a mark glued to letters on both sides."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isalnum() and after.isalnum():
        return True
    return after.isdigit() and text[i] in SINGLE_MARKS


def _role(text: str, i: int, lo: int, hi: int, style: tuple[str, str, str]) -> Role | None:
    """How the mark at ``i`` acts, or None when it is not an outer quotation mark here."""
    opens, closes, either = style
    ch, width = _mark_at(text, i)
    if ch not in opens + closes + either:
        return None
    if width == 1 and ch in SINGLE_MARKS and _is_apostrophe(text, i, lo, hi):
        return None
    can_open = _can_open(text, i, lo, width)
    can_close = _can_close(text, i, lo, hi, width)
    if ch in opens:
        return Role.CLOSE if can_close and not can_open else Role.OPEN
    if ch in closes:
        if can_open and not can_close:
            return Role.OPEN
        return Role.CLOSE if can_close or ch not in SINGLE_MARKS else None
    if can_open and not can_close:
        return Role.OPEN
    if can_close and not can_open:
        return Role.CLOSE
    return Role.EITHER


def _starts_with_open_mark(text: str, span: Span, style: tuple[str, str, str]) -> bool:
    start, end = span
    return _role(text, start, start, end, style) in (Role.OPEN, Role.EITHER)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _nested_marks(text: str, span: Span, outer: tuple[str, str, str]) -> list[int]:
    """Offsets of the inner quotation marks (of the other kind) that pair up inside a piece."""
    inner = SINGLE_MARKS if outer[0] == DOUBLE_OPEN else DOUBLE_MARKS
    start, end = span
    marks: list[int] = []
    pending: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch not in inner or (ch in SINGLE_MARKS and _is_apostrophe(text, i, start, end)):
            continue
        if pending is None and _can_open(text, i, start):
            pending = i
        elif pending is not None and _can_close(text, i, start, end):
            marks += [pending, i]
            pending = None
    return marks


class _Scanner:
    """One pass over the paragraphs, keeping the quote being read across paragraph breaks."""

    def __init__(self, layout: Layout, furniture: set[int]) -> None:
        self.text = layout.text
        self.paragraphs = layout.paragraphs
        self.furniture = furniture
        self.outer = _outer_style(layout.text)
        self.style = self.outer  # the current paragraph's (``_paragraph_style``)
        self.quotes: list[MarkedQuote] = []
        self.current: MarkedQuote | None = None
        self.piece_start: int | None = None
        self.runs_on = False  # the current quote's paragraph ended without a closing mark

    def scan(self) -> list[MarkedQuote]:
        for index, span in enumerate(self.paragraphs):
            self.style = self.outer if self.runs_on else _paragraph_style(
                self.text[span[0]:span[1]], self.outer)
            if self.runs_on and self._is_interruption(index):
                self.current.skipped_paragraphs.append(index)  # type: ignore[union-attr]
                continue
            if index in self.furniture:
                continue
            if self.runs_on and not _starts_with_open_mark(self.text, span, self.style):
                self._finish(closed=False)
            self._scan_paragraph(span)
        if self.current is not None:
            self._finish(closed=False)
        return self.quotes

    def _is_interruption(self, index: int) -> bool:
        """Furniture or a dropped-in headline between two paragraphs of one quotation."""
        span = self.paragraphs[index]
        if _starts_with_open_mark(self.text, span, self.style):
            return False
        if index not in self.furniture and not looks_like_headline(self.text[span[0]:span[1]]):
            return False
        for later in range(index + 1, min(index + 1 + MAX_INTERRUPTION, len(self.paragraphs))):
            later_span = self.paragraphs[later]
            if _starts_with_open_mark(self.text, later_span, self.style):
                return True
            if later not in self.furniture and not looks_like_headline(
                self.text[later_span[0]:later_span[1]]
            ):
                return False
        return False

    def _scan_paragraph(self, span: Span) -> None:
        lo, hi = span
        self.runs_on = False
        closed_here = False
        consumed = lo
        for mark in _ANY_MARK.finditer(self.text, lo, hi):
            i = mark.start()
            if i < consumed:
                continue  # the second character of a typewriter pair
            role = _role(self.text, i, lo, hi, self.style)
            if role is None:
                continue
            width = _mark_at(self.text, i)[1]
            consumed = i + width
            inside = self.piece_start is not None
            if role is Role.OPEN or (role is Role.EITHER and not inside):
                if inside:  # a new opening mark: the previous quote lost its closing mark
                    self._end_piece(i)
                    self._finish(closed=False)
                if self.current is None:
                    self.current = MarkedQuote(pieces=[])
                self.piece_start = i + width
            elif inside:
                if self._is_possessive(i, hi) and self._closes_later(i + 1, hi):
                    continue
                self._end_piece(i)
                self._finish(closed=True)
                closed_here = True
            elif not closed_here and _mark_at(self.text, i)[0] in DOUBLE_MARKS:
                # A closing mark with no opening one: the quote began at the paragraph start.
                piece = _trimmed(self.text, lo, i)
                if piece:
                    self.quotes.append(MarkedQuote(pieces=[piece], opened=False))
                closed_here = True
        if self.piece_start is not None:
            self._end_piece(hi)
            self.runs_on = True

    def _is_possessive(self, i: int, hi: int) -> bool:
        """leaders' summit: a single mark after -s, followed by a lower-case word."""
        if self.text[i] not in SINGLE_MARKS:
            return False
        return (self.text[i - 1] == "s" and i + 2 < hi and self.text[i + 1] == " "
                and self.text[i + 2].islower())

    def _closes_later(self, lo: int, hi: int) -> bool:
        return any(_role(self.text, j, lo, hi, self.style) in (Role.CLOSE, Role.EITHER)
                   for j in range(lo, hi))

    def _end_piece(self, end: int) -> None:
        assert self.current is not None and self.piece_start is not None
        piece = _trimmed(self.text, self.piece_start, end)
        if piece:
            self.current.pieces.append(piece)
            self.current.nested_marks += _nested_marks(self.text, piece, self.style)
        self.piece_start = None

    def _finish(self, closed: bool) -> None:
        quote, self.current, self.piece_start, self.runs_on = self.current, None, None, False
        if quote is not None and quote.pieces:
            quote.closed = closed
            self.quotes.append(quote)


def find_marked_quotes(layout: Layout, furniture: set[int]) -> list[MarkedQuote]:
    """Every passage in quotation marks, in text order; ``furniture`` paragraphs are skipped."""
    return _Scanner(layout, furniture).scan()
