"""Conflicting attributions of the same words (``conflicts``) and, inside one article, a
partial quote credited to someone other than the speaker of the longer quote it comes from
(``within_article``).

Only a definite disagreement counts (``same_speaker`` is False): two different people, two
different known bodies, a person and a body they do not belong to, or a person and a document.
A speaker an article leaves unnamed is no evidence either way, so an unresolved "a senior
official" never makes a conflict, and neither does "the Kremlin" against its spokesman.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from onrecord.actors.kb import KnowledgeBase
from onrecord.model import Article
from onrecord.provenance.attribution import Attribution, same_speaker
from onrecord.provenance.cluster import CONTAINMENT, MIN_WORDS, quoted_words, shingles, word_count
from onrecord.provenance.occurrence import Occurrence, attribution_of, occurrence

ConflictKind = Literal["speaker", "person-vs-organisation", "person-vs-document"]


@dataclass(frozen=True)
class Speaker:
    """Who some occurrences of the words are attributed to, and those occurrences."""

    attribution: Attribution
    occurrences: tuple[Occurrence, ...]


@dataclass(frozen=True)
class Conflict:
    """The same words attributed to two speakers that cannot be one: ``sides`` are the first
    appearance's speaker and the other, each with its occurrences (and their evidence) to
    compare side by side."""

    kind: ConflictKind
    sides: tuple[Speaker, ...]


def _one_group(a: Attribution, b: Attribution) -> bool:
    if a.kind == b.kind == "unknown":
        return a.label.casefold() == b.label.casefold()
    return a.kind == b.kind and bool(same_speaker(a, b))


def speakers(kb: KnowledgeBase, occs: Sequence[Occurrence]) -> list[Speaker]:
    """Occurrences grouped by who they are attributed to, in order of first occurrence:
    compatible names merge ("Rutte" with "Mark Rutte"); unknown speakers group by their words."""
    found: list[tuple[Attribution, list[Occurrence]]] = []
    for occ in occs:
        attribution = attribution_of(kb, occ)
        for known, members in found:
            if _one_group(known, attribution):
                members.append(occ)
                break
        else:
            found.append((attribution, [occ]))
    return [Speaker(a, tuple(m)) for a, m in found]


def conflict_kind(a: Attribution, b: Attribution) -> ConflictKind | None:
    """The kind of conflict between two attributions of the same words, or None."""
    if same_speaker(a, b) is not False:
        return None
    kinds = {a.kind, b.kind}
    if kinds == {"person", "document"}:
        return "person-vs-document"
    if kinds == {"person", "organisation"}:
        return "person-vs-organisation"
    return "speaker"


def conflicts(groups: Sequence[Speaker]) -> list[Conflict]:
    """Each speaker that cannot be the one of the first appearance, as a conflict with it.

    ``groups`` come in order of first occurrence, so the first group with a known speaker is
    the original attribution; what a later article says is checked against it (a misattribution
    shows as one conflict, not as one per pair of its consequences)."""
    known = [g for g in groups if g.attribution.kind != "unknown"]
    if not known:
        return []
    first = known[0]
    found = []
    for other in known[1:]:
        kind = conflict_kind(first.attribution, other.attribution)
        if kind is not None:
            found.append(Conflict(kind, (first, other)))
    return found


@dataclass(frozen=True)
class WithinFlag:
    """In one article, a partial quote whose words are in a longer direct quote by another."""

    partial: Occurrence
    longer: Occurrence
    kind: ConflictKind


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s < f and r < e for s, e in a for r, f in b)


def within_article(article: Article, kb: KnowledgeBase) -> list[WithinFlag]:
    """Partial quotes of ``article`` (mixed fragments, short direct quotes) whose words sit in a
    longer direct quotation of the same article attributed to a different speaker."""
    quotes = [(q, quoted_words(q.kind, q.content)) for q in article.quotes]
    flags = []
    for partial, parts in quotes:
        size = word_count(parts)
        if partial.kind == "indirect" or size < MIN_WORDS:
            continue
        inner = shingles(parts)
        for longer, longer_parts in quotes:
            if (longer is partial or longer.kind != "direct" or word_count(longer_parts) <= size
                    or _overlaps(partial.spans, longer.spans)
                    or len(inner & shingles(longer_parts)) < CONTAINMENT * len(inner)):
                continue
            a, b = occurrence(article, partial), occurrence(article, longer)
            kind = conflict_kind(attribution_of(kb, a), attribution_of(kb, b))
            if kind is not None:
                flags.append(WithinFlag(a, b, kind))
                break
    return flags


__all__ = ["Conflict", "ConflictKind", "Speaker", "WithinFlag", "conflict_kind", "conflicts",
           "speakers", "within_article"]
