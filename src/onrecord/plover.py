"""What PLOVER says of its event types (``data/plover_relations.yaml``): the sixteen types,
the relation of each (cooperation, conflict or other), which are speech acts and what earlier
releases called some of them.

Every stage reads these facts here: the gold loader checks a type against them, the event
coder takes a speech act's source to be its speaker, the store orders and colours types by
relation. How words code a type is the event lexicon's business (``data/plover.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import model_validator

from onrecord.datafiles import DataFile, read_yaml

Relation = Literal["cooperation", "conflict", "other"]
#: The relations in the order charts stack them: cooperation first, conflict on top.
RELATIONS: tuple[Relation, ...] = ("cooperation", "other", "conflict")


class _Codebook(DataFile):
    """``data/plover_relations.yaml``."""

    cooperation: tuple[str, ...]
    other: tuple[str, ...]
    conflict: tuple[str, ...]
    verbal: frozenset[str]  # speech acts: the speaker's own act ("warned", "accused", "urged")
    renamed: dict[str, str] = {}  # a name of an earlier release -> the type it is now

    @model_validator(mode="after")
    def _consistent(self) -> _Codebook:
        listed = [*self.cooperation, *self.other, *self.conflict]
        twice = sorted({t for t in listed if listed.count(t) > 1})
        if twice:
            raise ValueError(f"types under two relations: {twice}")
        unknown = sorted(self.verbal - set(listed))
        if unknown:
            raise ValueError(f"verbal types under no relation: {unknown}")
        unknown = sorted(set(self.renamed.values()) - set(listed))
        if unknown:
            raise ValueError(f"renamed to types under no relation: {unknown}")
        return self


@dataclass(frozen=True)
class Codebook:
    types: tuple[str, ...]  # cooperation, other, conflict; each in the file's order
    relation: dict[str, Relation]
    verbal: frozenset[str]
    renamed: dict[str, str]  # a name of an earlier release -> the type it is now


def read_codebook(name: str | Path = "plover_relations.yaml") -> Codebook:
    """The codebook of a data file (shipped, or a path); ``DataFileError`` naming the file."""
    data = read_yaml(name, _Codebook)
    relation: dict[str, Relation] = {t: r for r in RELATIONS for t in getattr(data, r)}
    return Codebook(tuple(relation), relation, data.verbal, dict(data.renamed))


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    """The shipped codebook."""
    return read_codebook()
