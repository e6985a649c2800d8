"""Organisations the knowledge base does not list, under the short name the article itself
gives them: "the Ogaden National Liberation Front (ONLF) said", then "the ONLF accused". An
event between a state and such a group is still one an analyst can follow, so the group gets
an id of its own instead of no party at all. Only a short name counts: it is how the article
marks a group as one actor; a plain description ("the justice ministry", "a local charity")
gets none.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from onrecord.actors.media import is_outlet
from onrecord.model import ActorRef
from onrecord.nlp import entities, parsed_text
from onrecord.normalise import without_article

#: A short name as printed: "ONLF", "ZANU-PF", "HRCP" (two to ten letters or digits).
_SHORT = re.compile(r"[A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]{1,9})?")


def short_name(organisation: Span) -> str | None:
    """The short name of the organisation ``organisation`` names: itself when printed as one
    ("the MDC"), else the one the article puts in brackets after its full name ("the
    Movement for Democratic Change (MDC)"), else its initials when the article uses them
    elsewhere ("the Movement for Democratic Change" and "an MDC stronghold")."""
    words = _bare(organisation)
    if _SHORT.fullmatch(words):
        return words
    inside = re.search(rf"\(({_SHORT.pattern})\)?$", words)  # the parser took the bracket in
    if inside:
        return inside.group(1)
    text = parsed_text(organisation.doc)
    bracketed = re.search(rf"{re.escape(words)}\s*\(({_SHORT.pattern})\)", text)
    if bracketed:
        return bracketed.group(1)
    initials = "".join(word[0] for word in _unowned(words).split() if word[:1].isupper())
    return initials if len(initials) > 2 and re.search(rf"\b{initials}\b", text) else None


def _spelled_out(doc: Doc, code: str) -> Span | None:
    """The organisation the article names in full before giving it ``code`` in brackets."""
    return next((e for e in entities(doc) if e.label_ == "ORG" and _bare(e) != code
                 and short_name(e) == code), None)


def unlisted_ref(words: Span | None) -> ActorRef | None:
    """The organisation ``words`` name (an entity, or a short name the parser did not mark
    as one: "the ONLF must release them") as an event's end, by its short name; ``None`` for
    anything else: a state, a person, a news medium ("AFP" carries words, it does not act),
    a group the article gives no short name, a short name it never spells out as an
    organisation's ("the NPT")."""
    if words is None or is_outlet(words.text):
        return None
    printed_short = _SHORT.fullmatch(_bare(words)) is not None
    code = _bare(words) if printed_short else short_name(words) if words.label_ == "ORG" \
        else None
    if code is None:
        return None
    full = _spelled_out(words.doc, code) if printed_short else words
    if full is None and words.label_ != "ORG":
        return None
    return ActorRef(name=_unowned(_bare(full)).partition(" (")[0] if full is not None else code,
                    actor_id=code)


def _bare(words: Span) -> str:
    return without_article(words.text.strip())


def _unowned(name: str) -> str:
    """The organisation's own name without a possessor: "Tsvangirai's Movement for
    Democratic Change" is the Movement for Democratic Change."""
    return re.sub(r"^.*?['’]s\s+", "", name)
