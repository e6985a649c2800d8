"""Linking speakers and addressees to the actor knowledge base (``Mention.actor_id``).

Runs after the quotation extractor: ``name`` stays what the article gives; ``actor_id`` says
which known actor that is on the article's date (so "the secretary general" of a 2023 article
is not today's).
"""

from __future__ import annotations

import datetime as dt

from onrecord.actors.kb import KnowledgeBase
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


def link_mention(kb: KnowledgeBase, mention: Mention | None,
                 on: dt.date | None) -> Mention | None:
    found = resolve_mention(kb, mention, on)
    if mention is None or found is None:
        return mention
    return mention.model_copy(update={"actor_id": found.actor_id})


def link_quotes(kb: KnowledgeBase, quotes: list[Quote], on: dt.date | None) -> list[Quote]:
    """The quotes with the speaker's and addressee's ``actor_id`` filled where the KB knows them."""
    return [q.model_copy(update={"speaker": link_mention(kb, q.speaker, on),
                                 "addressee": link_mention(kb, q.addressee, on)})
            for q in quotes]
