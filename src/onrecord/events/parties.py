"""Who does what to whom: an event's source and target against the actor knowledge base.

A verbal event (a threat, an accusation, a demand) is the speaker's; an action the speaker
reports ("Russia struck the port") is its grammatical subject's. The target is the addressee
("told Kyiv"), else the party the trigger acts on ("strike Warsaw", "against NATO"), else the
party named in the condition ("if Poland deploys"), else any other party the words name.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from onrecord.actors.kb import KnowledgeBase
from onrecord.actors.link import resolve_mention
from onrecord.model import ActorRef, Mention

VERBAL_TYPES = frozenset({"THREATEN", "ACCUSE", "REQUEST", "REJECT", "AGREE", "SUPPORT",
                          "CONSULT", "CONCEDE"})
_FIRST_PERSON = {"i", "we", "us", "our", "my", "me"}
_PARTY_ENTS = {"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"}
_OBJECT_DEPS = {"dobj", "pobj", "dative", "nsubjpass", "attr"}


def mention_ref(kb: KnowledgeBase, mention: Mention | None, on: dt.date | None) -> ActorRef | None:
    """A speaker or addressee as an event party (its words kept when the KB does not know it)."""
    if mention is None:
        return None
    return resolve_mention(kb, mention, on) or ActorRef(name=mention.name or mention.mention)


def _phrase(token: Token) -> str:
    """The noun phrase a party is named by ("the Baltic states", "Nato's eastern flank")."""
    left = min((c.left_edge.i for c in token.children
                if c.dep_ in ("compound", "amod", "det", "poss") and c.i < token.i),
               default=token.i)
    return token.doc[left:token.i + 1].text


def _party(kb: KnowledgeBase, token: Token, on: dt.date | None) -> ActorRef | None:
    if token.lower_ in _FIRST_PERSON:
        return None
    return kb.resolve(token.text, on) or kb.resolve(_phrase(token), on)


def subject_ref(kb: KnowledgeBase, trigger: Token, on: dt.date | None) -> ActorRef | None:
    """The actor of a reported action: the trigger's subject ("Russia struck ..."), unless it
    is the speaker ("we")."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("xcomp", "conj"):
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return _party(kb, subject, on) if subject is not None else None


def _candidates(doc: Doc, trigger: Token | None, condition: tuple[int, int] | None,
                tokens: list[Token]) -> list[Token]:
    """Tokens that may name the target, best first."""
    inside = {t.i for t in tokens}
    near: list[Token] = []
    if trigger is not None:
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        for word in (trigger, verb):
            for child in word.children:
                if child.dep_ in _OBJECT_DEPS:
                    near.append(child)
                if child.dep_ == "prep" and child.lower_ in ("against", "on", "at", "to"):
                    near.extend(c for c in child.children if c.dep_ == "pobj")
    in_condition = [t for t in tokens if condition and condition[0] <= t.idx < condition[1]
                    and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")]
    named = [doc[e.root.i] for e in doc.ents if e.label_ in _PARTY_ENTS and e.root.i in inside
             and not (e.label_ == "NORP" and e.root.dep_ in ("amod", "compound"))]
    return [t for t in near + in_condition + named if t.i in inside]


def target_ref(kb: KnowledgeBase, doc: Doc, source: ActorRef | None, addressee: ActorRef | None,
               trigger: Token | None, condition: tuple[int, int] | None, tokens: list[Token],
               on: dt.date | None) -> ActorRef | None:
    """The party the event is aimed at, never the source's own side."""
    own = {source.country, source.actor_id} - {None} if source else set()
    if addressee is not None and addressee.country and addressee.country not in own:
        return addressee
    for token in _candidates(doc, trigger, condition, tokens):
        party = _party(kb, token, on)
        if party is not None and party.country not in own and party.actor_id not in own:
            return party
    return None
