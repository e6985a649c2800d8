"""Text made comparable, one way for every stage.

``squeeze`` is text as it is kept ("Café au lait", one space between words); ``fold`` is text
as it is compared (lower case, accents off: "cafe au lait"); ``name_key`` is the words of a name as
the knowledge base indexes it ("NATO’s" -> "nato"). The letters and characters involved are
in ``data/cleaning.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from onrecord.datafiles import DataFile, read_yaml

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[\w'.-]+")
_POSSESSIVE = re.compile(r"(?:'s|')$")


class _Cleaning(DataFile):
    """``data/cleaning.yaml``."""

    invisible: str  # characters that carry no text
    fold: dict[str, str]  # letters NFKD does not split into a base letter and an accent


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], dict[int, str]]:
    data = read_yaml("cleaning.yaml", _Cleaning)
    return re.compile("[" + re.escape(data.invisible) + "]"), str.maketrans(data.fold)


def drop_invisible(text: str) -> str:
    """``text`` without the characters that carry no text: "Zelen\u00adsky" is "Zelensky"."""
    return _rules()[0].sub("", text)


def squeeze(text: str) -> str:
    """NFC, invisible characters dropped, any run of whitespace (incl. no-break) one space."""
    return _SPACE.sub(" ", drop_invisible(unicodedata.normalize("NFC", text))).strip()


def fold(text: str) -> str:
    """Lower case without accents: "Łukasz Kamiński’s" -> "lukasz kaminski's"."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    folded = unicodedata.normalize("NFKD", folded.translate(_rules()[1]))
    return "".join(c for c in folded if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """The words of ``text`` folded, possessives and dots dropped, single spaces: the key of
    every knowledge-base index ("the Kremlin’s" -> "the kremlin")."""
    words = (_POSSESSIVE.sub("", w).strip(".") for w in _WORD.findall(fold(text)))
    return " ".join(w for w in words if w)
