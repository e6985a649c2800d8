"""PLOVER event types as cooperation, conflict or other (``data/plover_relations.yaml``): the
colour of a chart and the kind of a network edge."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from onrecord.store.results import Relation


@lru_cache(maxsize=1)
def relations() -> dict[str, Relation]:
    """PLOVER type -> cooperation / conflict / other, from ``data/plover_relations.yaml``."""
    path = resources.files("onrecord.data") / "plover_relations.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {t: relation for relation, types in data.items() for t in types}


def type_order(types: set[str]) -> list[str]:
    """Cooperation, other, then conflict (in the data file's order), unknown types by name."""
    known = list(relations())
    rank = {"cooperation": 0, "other": 1, "conflict": 2}
    return sorted(
        types,
        key=lambda t: (rank[relations().get(t, "other")], known.index(t) if t in known else 99, t),
    )
