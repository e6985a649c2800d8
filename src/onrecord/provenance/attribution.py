"""Who a quotation is attributed to, as provenance compares it across articles.

Each article names its speaker in its own way ("Rutte", "NATO Secretary General Mark Rutte",
"the Kremlin", "the new doctrine"). An ``Attribution`` reduces that to a kind (person,
organisation, document, or unknown) and an identity that can be compared with another
article's: the knowledge-base actor id when there is one, else the name the article gives.
Unknown attributions (no speaker, a pronoun or description the article never names) are never
evidence of a conflict: they may well be the same speaker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from onrecord.actors.gazetteer import gazetteer
from onrecord.actors.kb import KnowledgeBase
from onrecord.datafiles import DataFile, read_yaml
from onrecord.normalise import name_key

Kind = Literal["person", "organisation", "document", "unknown"]
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "new", "latest",
                "updated", "revised", "official"}


class _Words(DataFile):
    """``data/provenance.yaml``."""

    document_heads: tuple[str, ...]


@lru_cache(maxsize=1)
def document_heads() -> frozenset[str]:
    """Head nouns of speakers that are texts ("the doctrine"), from ``data/provenance.yaml``."""
    return frozenset(name_key(w) for w in read_yaml("provenance.yaml", _Words).document_heads)


@dataclass(frozen=True)
class Attribution:
    """``key`` identifies the speaker across articles (actor id, else normalised name or
    words); ``label`` is what a reader is shown; ``name`` the normalised name of a person.

    ``body`` is, for a person the knowledge base knows, the state or organisation of their
    role on the article's date (a spokesman's words are his government's too); for a known
    organisation, its actor id.
    """

    kind: Kind
    key: str | None
    label: str
    name: str | None = None
    body: str | None = None
    actor_id: str | None = None


def attribute(kb: KnowledgeBase, mention: str | None, name: str | None, actor_id: str | None,
              on: dt.date | None = None) -> Attribution:
    """The attribution of one quotation from its speaker fields (``Mention`` or store row)."""
    label = name or mention or "no speaker"
    actor = kb.actors.get(actor_id) if actor_id else None
    if actor is not None:
        if actor.kind == "person":
            role = actor.role_on(on)
            return Attribution("person", actor.id, name or actor.name,
                               name_key(name or actor.name), role.of if role else None,
                               actor.id)
        return Attribution("organisation", actor.id, label, body=actor.id, actor_id=actor.id)
    words = name_key(name or mention or "")
    kept = " ".join(w for w in words.split() if w not in _DETERMINERS)
    head = kept.split()[-1] if kept else ""
    if head in document_heads() or kept in document_heads():
        return Attribution("document", kept, label)
    if head in gazetteer().organisation_heads:
        return Attribution("organisation", kept, label)
    if name:
        return Attribution("person", name_key(name), label, name_key(name))
    return Attribution("unknown", None, label)


def same_speaker(a: Attribution, b: Attribution) -> bool | None:
    """Whether two attributions are one speaker: True, False, or None when it cannot be told.

    Persons are one when their actor ids are equal, else when one name's words contain the
    other's ("Rutte", "Mark Rutte"). A person and a known organisation are one when the
    person's role is in it (a spokesman speaks for his ministry). A person is never a
    document. Organisations differ only when both are known actors.
    """
    kinds = {a.kind, b.kind}
    if "unknown" in kinds:
        return None
    if kinds == {"person"}:
        if a.actor_id and b.actor_id:
            return a.actor_id == b.actor_id
        wa, wb = set(a.name.split()), set(b.name.split())
        return wa <= wb or wb <= wa
    if kinds == {"organisation"}:
        if a.key == b.key:
            return True
        return False if a.actor_id and b.actor_id else None
    if kinds == {"person", "organisation"}:
        person, body = (a, b) if a.kind == "person" else (b, a)
        if person.body is None or body.body is None:
            return None
        return person.body == body.body
    if kinds == {"person", "document"}:
        return False
    return None


__all__ = ["Attribution", "Kind", "attribute", "document_heads", "same_speaker"]
