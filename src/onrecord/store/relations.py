"""PLOVER event types as cooperation, conflict or other (``data/plover_relations.yaml``): the
colour of a chart and the kind of a network edge."""

from __future__ import annotations

from onrecord.plover import RELATIONS, Relation, codebook


def relations() -> dict[str, Relation]:
    """PLOVER type -> cooperation / conflict / other (``onrecord.plover``)."""
    return codebook().relation


def type_order(types: set[str]) -> list[str]:
    """Cooperation, other, then conflict (in the data file's order), unknown types by name."""
    known = list(relations())
    rank = {relation: i for i, relation in enumerate(RELATIONS)}
    return sorted(
        types,
        key=lambda t: (rank[relations().get(t, "other")], known.index(t) if t in known else 99, t),
    )
