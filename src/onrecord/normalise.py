"""Text made comparable, one way for every stage.

``squeeze`` is text as it is kept ("Café au lait", one space between words); ``caseless`` is
that in lower case, as two copies of a text are compared ("café au lait"); ``fold`` is text as
names are compared (lower case, accents off: "cafe au lait"); ``name_key`` is the words of a
name as the knowledge base indexes it ("NATO’s" -> "nato"); ``plain_spaces`` is text as the
parser reads it, odd spaces made plain at the same offsets. The letters and characters involved
are in ``data/cleaning.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from onrecord.datafiles import DataFile, read_yaml

_SPACE = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_WORD = re.compile(r"[\w'.-]+")
_POSSESSIVE = re.compile(r"(?:'s|')$")


class _Cleaning(DataFile):
    """``data/cleaning.yaml``."""

    invisible: str  # characters that carry no text
    fold: dict[str, str]  # letters NFKD does not split into a base letter and an accent
    odd_spaces: str  # spaces the parser does not take for spaces


@dataclass(frozen=True)
class _Rules:
    invisible: re.Pattern[str]
    fold: dict[int, str]
    odd_spaces: dict[int, str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = read_yaml("cleaning.yaml", _Cleaning)
    return _Rules(invisible=re.compile("[" + re.escape(data.invisible) + "]"),
                  fold=str.maketrans(data.fold),
                  odd_spaces=str.maketrans(dict.fromkeys(data.odd_spaces, " ")))


def drop_invisible(text: str) -> str:
    """``text`` without the characters that carry no text: "Zelen\u00adsky" is "Zelensky"."""
    return _rules().invisible.sub("", text)


def plain_spaces(text: str) -> str:
    """``text`` with every odd space a plain one, same length: "says\u00a0the" is "says the"."""
    return text.translate(_rules().odd_spaces)


def squeeze(text: str) -> str:
    """NFC, invisible characters dropped, any run of whitespace (incl. no-break) one space."""
    return _SPACE.sub(" ", drop_invisible(unicodedata.normalize("NFC", text))).strip()


def without_article(text: str) -> str:
    """``text`` without a leading article: "the Kremlin" -> "Kremlin", "An MDC spokesman" ->
    "MDC spokesman"."""
    return _ARTICLE.sub("", text)


def caseless(text: str) -> str:
    """Squeezed and lower case, accents kept: "Café\u00a0 Noir" -> "café noir"."""
    return squeeze(text).casefold()


def fold(text: str) -> str:
    """Lower case without accents: "Łukasz Kamiński’s" -> "lukasz kaminski's"."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    folded = unicodedata.normalize("NFKD", folded.translate(_rules().fold))
    return "".join(c for c in folded if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """The words of ``text`` folded, possessives and dots dropped, single spaces: the key of
    every knowledge-base index ("the Kremlin’s" -> "the kremlin")."""
    words = (_POSSESSIVE.sub("", w).strip(".") for w in _WORD.findall(fold(text)))
    return " ".join(w for w in words if w)
