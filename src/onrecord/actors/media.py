"""News media named as a speaker: "according to the BBC", "Reuters reported", "media reports
say". The word lists are ``data/media.yaml``."""

from __future__ import annotations

from functools import lru_cache

from onrecord.datafiles import DataFile, read_yaml

_DETERMINERS = ("the ", "a ", "an ")


class Media(DataFile):
    outlets: frozenset[str]
    outlet_heads: frozenset[str]
    outlet_items: frozenset[str]
    unattributed_reports: frozenset[str]


@lru_cache(maxsize=1)
def media() -> Media:
    return read_yaml("media.yaml", Media)


def is_outlet(name: str) -> bool:
    """Whether ``name`` names a news medium: "the Daily Telegraph", "the Hebrew daily",
    "media reports", "a BBC report", "reports say"; not "the inquiry's report" nor "the
    ministry"."""
    words = " ".join(name.lower().replace("’", "'").split())
    for determiner in _DETERMINERS:
        words = words.removeprefix(determiner)
    tokens = words.split()
    if not tokens:
        return False
    lists = media()
    if words in lists.outlets or words in lists.unattributed_reports \
            or tokens[-1] in lists.outlet_heads \
            or " ".join(tokens[-2:]) in lists.outlet_heads:
        return True
    if tokens[-1] in lists.outlet_items:
        return any(" ".join(tokens[i:j]) in lists.outlets
                   for i in range(len(tokens) - 1) for j in range(i + 1, len(tokens)))
    return False
