"""Events the writer reports in their own words, outside any quotation.

"Lavrov accused Germany of ...", "Sybiha urged the European Union to ...", "Israeli jets
struck Beirut": speech acts with a noun-phrase or infinitive object (borderline for the
quotation extractor, so it does not output them) and material acts. Such a sentence is coded
only when it names both sides, each resolved in the knowledge base and different: "Grossi
urged both sides to return to talks" or "called on all parties to show restraint" name no
party to code against, and coding them would be a guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from onrecord.actors.kb import KnowledgeBase
from onrecord.events.coding import Coded, code_words, contexts_of
from onrecord.events.lexicon import lexicon
from onrecord.events.parties import object_ref, subject_ref
from onrecord.modality import find_condition, is_negated
from onrecord.model import ActorRef, Event, Quote, Span

# Phrasal cues that code a directive: "called on X to ...".
_PHRASAL = {("call", "on"): "REQUEST", ("call", "upon"): "REQUEST"}


def _quoted(doc: Doc, quotes: list[Quote]) -> set[int]:
    """Indices of the tokens inside quotations and their cues."""
    spans = [s for q in quotes for s in q.spans]
    spans += [q.cue_span for q in quotes if q.cue_span]
    inside: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        inside.update(range(span.start, span.end) if span is not None else ())
    return inside


def _cue_type(verb: Token) -> str | None:
    """The type a speech-act verb codes by itself ("accused", "called on"), if any."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ in ("prt", "prep") and (lemma, child.lower_) in _PHRASAL:
            return _PHRASAL[(lemma, child.lower_)]
    return lexicon().cues.get(lemma)


def _evidence(verb: Token) -> Span:
    """From the word after the verb to the end of its sentence (closing punctuation out)."""
    sentence = verb.sent
    end = sentence.end
    while end - 1 > verb.i + 1 and verb.doc[end - 1].is_punct:
        end -= 1
    start = verb.doc[min(verb.i + 1, end - 1)]
    return (start.idx, verb.doc[end - 1].idx + len(verb.doc[end - 1]))


def _acts(doc: Doc, quoted: set[int]) -> Iterator[tuple[Token, Coded]]:
    """Verbs outside the quotations that report an act, with what they code."""
    lex = lexicon()
    for sentence in doc.sents:
        material: Coded | None = None
        coded_once = False
        outside = [t for t in sentence if t.i not in quoted]
        if len(outside) < 2:
            continue
        for verb in outside:
            if verb.pos_ != "VERB":
                continue
            cued = _cue_type(verb)
            if cued is not None:
                event_type, _, mode = cued.partition("/")
                yield verb, Coded(event_type, mode or None, verb, is_negated(verb),
                                  contexts_of(sentence.text.lower(), lex))
            elif verb.dep_ in ("ROOT", "conj"):
                if not coded_once:  # the sentence's words code the same whichever verb
                    material, coded_once = code_words(outside, verb, False, sentence.text), True
                if material is not None and material.trigger is not None \
                        and material.trigger.i == verb.i and material.type in lex.verb_types:
                    yield verb, material


def code_reported(doc: Doc, quotes: list[Quote], kb: KnowledgeBase, on: dt.date | None,
                  speakers: dict[int, ActorRef], first_id: int) -> list[Event]:
    """Events of the acts the article reports outside its quotations, between two resolved
    parties. ``speakers`` maps token offsets of speaker mentions to their resolved actors (a
    sentence's subject is often a speaker the quotation stage already resolved)."""
    events: list[Event] = []
    lex = lexicon()
    for verb, coded in _acts(doc, _quoted(doc, quotes)):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        source = speakers.get(subject.idx) if subject is not None else None
        source = source or subject_ref(kb, verb, on)
        sentence = verb.sent
        condition = find_condition(doc, [(sentence.start_char, sentence.end_char)])
        target = object_ref(kb, verb, condition, on)
        if source is None or target is None or not (source.country or source.actor_id) \
                or (target.country, target.actor_id) == (source.country, source.actor_id) \
                or (target.country and target.country == source.country):
            continue
        events.append(Event(
            id=f"e{first_id + len(events)}", type=coded.type, mode=coded.mode,
            context=list(coded.contexts), source=source, target=target, quote_id=None,
            condition=doc.text[condition[0]:condition[1]] if condition else None,
            negated=coded.negated, hedged=False,
            intensity=lex.intensity(coded.type, coded.mode), evidence=_evidence(verb)))
    return events


__all__ = ["code_reported"]
