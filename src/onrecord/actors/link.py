"""Linking speakers and addressees to the actor knowledge base (``Mention.actor_id``).

Runs after the quotation extractor: ``name`` stays what the article gives (a description gets
the name of the person it is only when the article names that person too); ``actor_id`` says
which known actor that is on the article's date (so "the secretary general" of a 2023 article
is not today's).
"""

from __future__ import annotations

import datetime as dt
import re

from onrecord.actors.kb import KnowledgeBase
from onrecord.actors.mentions import CONFIDENCE_DESCRIPTION
from onrecord.model import ActorRef, Mention, Quote


def resolve_mention(kb: KnowledgeBase, mention: Mention | None,
                    on: dt.date | None) -> ActorRef | None:
    """The known actor a mention is: by the name the article gives, else by its own words
    ("the Kremlin", "a Nato official")."""
    if mention is None:
        return None
    for words in (mention.name, mention.mention):
        if words:
            found = kb.resolve(words, on)
            if found is not None:
                return found
    return None


def link_mention(kb: KnowledgeBase, mention: Mention | None, on: dt.date | None,
                 text: str = "") -> Mention | None:
    """``mention`` with the known actor's id. A description the KB knows as a person whom
    the article also names ("the head of the UN nuclear watchdog" in an article that names
    Rafael Grossi) takes that name too: the article does give it."""
    found = resolve_mention(kb, mention, on)
    if mention is None or found is None:
        return mention
    update: dict = {"actor_id": found.actor_id}
    actor = kb.actors.get(found.actor_id or "")
    if mention.name is None and actor is not None and actor.kind == "person" \
            and _names(actor.name, text):
        update |= {"name": actor.name, "confidence": CONFIDENCE_DESCRIPTION}
    return mention.model_copy(update=update)


def _names(name: str, text: str) -> bool:
    """Whether ``text`` names the person called ``name`` (in full or by surname)."""
    return bool(text) and re.search(rf"\b{re.escape(name.split()[-1])}\b", text) is not None


def link_quotes(kb: KnowledgeBase, quotes: list[Quote], on: dt.date | None,
                text: str = "") -> list[Quote]:
    """The quotes with the speaker's and addressee's ``actor_id`` filled where the KB knows
    them; ``text`` is the article's, to tell whether it names a person it describes."""
    return [q.model_copy(update={"speaker": link_mention(kb, q.speaker, on, text),
                                 "addressee": link_mention(kb, q.addressee, on, text)})
            for q in quotes]
