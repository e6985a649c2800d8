"""Provenance of quoted words: for each group of quotations reporting the same words, where they
first appeared, their fullest version, every variant with its outlet and date, and who they are
attributed to (``chains``, ``trace``).

Works on ``Occurrence`` values, one per quotation, built from ``Article`` records
(``occurrences``) or from the store's quote rows (``onrecord.provenance.store``), so the same
functions serve a JSONL file and a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.actors.kb import KnowledgeBase, load_kb
from onrecord.provenance.cluster import CONTAINMENT, cluster_parts, shingles, words
from onrecord.provenance.conflicts import Conflict, Speaker, conflicts, speakers
from onrecord.provenance.occurrence import Occurrence, with_parts


@dataclass(frozen=True)
class Variant:
    """One wording of the words (after case and punctuation are dropped) and where it ran."""

    text: str  # as the first occurrence printed it
    occurrences: tuple[Occurrence, ...]


@dataclass(frozen=True)
class Chain:
    """A group of quotations that report the same words, earliest first."""

    id: str
    occurrences: tuple[Occurrence, ...]
    earliest: Occurrence
    fullest: Occurrence
    variants: tuple[Variant, ...]
    speakers: tuple[Speaker, ...]
    conflicts: tuple[Conflict, ...] = ()


def _date_key(occ: Occurrence) -> tuple[int, str]:
    return (0, occ.published) if occ.published else (1, "")


def group(occs: Sequence[Occurrence]) -> list[list[Occurrence]]:
    """The occurrences grouped by ``cluster_parts`` (same words), in input order."""
    labels = cluster_parts([o.parts for o in occs])
    groups: dict[int, list[Occurrence]] = {}
    for label, occ in zip(labels, occs, strict=True):
        groups.setdefault(label, []).append(occ)
    return list(groups.values())


def chain(kb: KnowledgeBase, occs: Sequence[Occurrence]) -> Chain:
    """The provenance of one group of occurrences."""
    ordered = sorted(occs, key=_date_key)
    earliest = ordered[0]
    fullest = max(ordered, key=lambda o: (o.words, o.kind == "direct"))
    variants: dict[tuple[str, ...], list[Occurrence]] = {}
    for occ in ordered:
        variants.setdefault(tuple(w for part in occ.parts for w in part), []).append(occ)
    people = speakers(kb, ordered)
    return Chain(
        id=earliest.ref, occurrences=tuple(ordered), earliest=earliest, fullest=fullest,
        variants=tuple(Variant(v[0].content, tuple(v)) for v in variants.values()),
        speakers=tuple(people), conflicts=tuple(conflicts(people)),
    )


def chains(occs: Sequence[Occurrence], kb: KnowledgeBase | None = None,
           min_size: int = 2) -> list[Chain]:
    """Every group of at least ``min_size`` quotations with the same words, largest first."""
    kb = kb or load_kb()
    occs = [with_parts(o) for o in occs]
    found = [chain(kb, g) for g in group(occs) if len(g) >= min_size]
    return sorted(found, key=lambda c: (-len(c.occurrences), _date_key(c.earliest)))


def matches(phrase: str, occ: Occurrence) -> bool:
    """Whether ``occ`` holds the words of ``phrase``: all of them in order for a phrase of one
    or two words, else ``CONTAINMENT`` of its 2-shingles."""
    wanted = words(phrase)
    if not wanted:
        return False
    if len(wanted) <= 2:
        needle = " " + " ".join(wanted) + " "
        return any(needle in " " + " ".join(part) + " " for part in occ.parts)
    inner = shingles((tuple(wanted),))
    return len(inner & shingles(occ.parts)) >= CONTAINMENT * len(inner)


def trace(phrase: str, occs: Sequence[Occurrence], kb: KnowledgeBase | None = None) -> list[Chain]:
    """The chains (of any size) holding ``phrase``: where it first appeared, in which words, and
    who it was attributed to."""
    kb = kb or load_kb()
    occs = [with_parts(o) for o in occs]
    found = [chain(kb, g) for g in group(occs) if any(matches(phrase, o) for o in g)]
    return sorted(found, key=lambda c: (-len(c.occurrences), _date_key(c.earliest)))


__all__ = ["Chain", "Variant", "chain", "chain_json", "chains", "group", "matches", "trace"]


def _occurrence_json(occ: Occurrence) -> dict:
    return {"doc_id": occ.doc_id, "quote_id": occ.quote_id, "kind": occ.kind,
            "content": occ.content, "published": occ.published, "source": occ.source,
            "url": occ.url, "title": occ.title,
            "speaker": {"mention": occ.speaker_mention, "name": occ.speaker_name,
                        "actor_id": occ.speaker_actor_id},
            "evidence": occ.evidence, "copy_of": occ.copy_of, "copy_kind": occ.copy_kind}


def chain_json(found: Chain) -> dict:
    """A chain as plain JSON data (the CLI's ``--json``; field names as in the record format)."""
    def side(speaker: Speaker) -> dict:
        a = speaker.attribution
        return {"label": a.label, "kind": a.kind, "actor_id": a.actor_id,
                "quotes": [o.ref for o in speaker.occurrences]}
    return {
        "id": found.id,
        "earliest": found.earliest.ref,
        "fullest": found.fullest.ref,
        "occurrences": [_occurrence_json(o) for o in found.occurrences],
        "variants": [{"text": v.text, "quotes": [o.ref for o in v.occurrences]}
                     for v in found.variants],
        "speakers": [side(s) for s in found.speakers],
        "conflicts": [{"kind": c.kind, "sides": [side(s) for s in c.sides]}
                      for c in found.conflicts],
    }
