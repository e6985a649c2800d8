"""Events the writer reports in their own words next to a quotation, in the same sentence.

"Lavrov accused Germany of escalation, saying ...", "Israeli jets struck Beirut hours after
Qassem said ...": speech acts with a noun-phrase object (borderline for the quotation
extractor, so it does not output them) and material acts. A speech act with an infinitive
("urged the European Union to act", "threatened to resume strikes") is a quotation of its own
(``onrecord.quotes.cues``) and is coded from it, so its verb, a cue, is not read here again.
Every event points to a quotation: such an act is coded only in a sentence that carries one,
and the event takes that quotation's id. It is coded only when it names both sides, each
resolved in the knowledge base and different: "Grossi condemned the shelling, saying ..."
names no party to code against, and coding it would be a guess (directives quoted with an
infinitive, "urged both sides to", follow the same rule).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from onrecord.actors.kb import KnowledgeBase
from onrecord.analysis import Quotation
from onrecord.events.coding import Coded, code_words, contexts_of, cue_type
from onrecord.events.confidence import shipped_model, signals
from onrecord.events.lexicon import lexicon
from onrecord.events.parties import object_ref, own_sides, side, subject_ref
from onrecord.modality import condition_in, is_negated
from onrecord.model import ActorRef, Event, Span


def _tokens_of(doc: Doc, spans: list[Span]) -> set[int]:
    inside: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        inside.update(range(span.start, span.end) if span is not None else ())
    return inside


def _quoted(doc: Doc, quotations: list[Quotation]) -> set[int]:
    """Indices of the tokens inside quotations and their cues."""
    return _tokens_of(doc, [s for q in quotations for s in q.spans]
                      + [q.cue_span for q in quotations if q.cue_span])


def _attribution(doc: Doc, quotations: list[Quotation]) -> set[int]:
    """Indices of the tokens of quotations, their cues and their speakers' mentions: where a
    reported act's own words stop."""
    return _quoted(doc, quotations) | {t.i for q in quotations if q.speaker
                                       for t in q.speaker.phrase.words}


def _evidence(verb: Token, attribution: set[int]) -> Span:
    """From the word after the verb to the end of its sentence, or to the quotation, cue or
    speaker that follows in it (closing punctuation out): the act's own words."""
    sentence = verb.sent
    end = next((i for i in range(verb.i + 1, sentence.end) if i in attribution),
               sentence.end)
    while end - 1 > verb.i + 1 and (verb.doc[end - 1].is_punct or verb.doc[end - 1].is_space):
        end -= 1
    start = verb.doc[min(verb.i + 1, end - 1)]
    return (start.idx, verb.doc[end - 1].idx + len(verb.doc[end - 1]))


def _sentence_quotes(doc: Doc, quotes: list[Quotation]) -> dict[int, list[Quotation]]:
    """Sentence start token -> the quotations with a piece or their cue in that sentence."""
    sentences = list(doc.sents)
    starts = [s.start_char for s in sentences]
    found: dict[int, list[Quotation]] = {}
    for quote in quotes:
        held: set[int] = set()
        for start, end in [*quote.spans, *([quote.cue_span] if quote.cue_span else [])]:
            held.update(range(max(bisect_right(starts, start) - 1, 0),
                              bisect_left(starts, end)))
        for k in sorted(held):
            found.setdefault(sentences[k].start, []).append(quote)
    return found


def _nearest(quotes: list[Quotation], verb: Token) -> Quotation:
    """Of a sentence's quotations, the one whose cue (else first piece) is nearest the verb."""
    return min(quotes, key=lambda q: abs((q.cue_span or q.spans[0])[0] - verb.idx))


def _acts(doc: Doc, quoted: set[int],
          with_quotes: dict[int, list[Quotation]]) -> Iterator[tuple[Token, Coded]]:
    """Verbs outside the quotations of a sentence that carries one, reporting an act, with
    what they code."""
    lex = lexicon()
    for sentence in doc.sents:
        if sentence.start not in with_quotes:
            continue
        material: Coded | None = None
        coded_once = False
        outside = [t for t in sentence if t.i not in quoted]
        if len(outside) < 2:
            continue
        for verb in outside:
            if verb.pos_ != "VERB":
                continue
            cued = cue_type(verb, lexicon())
            if cued is not None:
                event_type, _, mode = cued.partition("/")
                yield verb, Coded(event_type, mode or None, verb, is_negated(verb),
                                  contexts_of(sentence.text.lower(), lex), "reported")
            elif verb.dep_ in ("ROOT", "conj"):
                if not coded_once:  # the sentence's words code the same whichever verb
                    material, coded_once = code_words(outside, verb, None, sentence.text), True
                if material is not None and material.trigger is not None \
                        and material.trigger.i == verb.i and material.type in lex.verb_types:
                    yield verb, material


def code_reported(doc: Doc, quotes: list[Quotation], kb: KnowledgeBase, on: dt.date | None,
                  speakers: dict[int, ActorRef], first_id: int) -> list[Event]:
    """Events of the acts the article reports outside its quotations, in their sentences,
    between two resolved parties; each takes the id of its sentence's quotation.
    ``speakers`` maps token indices of speaker mentions to their resolved actors (a
    sentence's subject is often a speaker resolved already)."""
    events: list[Event] = []
    lex = lexicon()
    with_quotes = _sentence_quotes(doc, quotes)
    attribution = _attribution(doc, quotes)
    quoted = _quoted(doc, quotes)
    for verb, coded in _acts(doc, quoted, with_quotes):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        source = speakers.get(subject.i) if subject is not None else None
        source = source or subject_ref(kb, verb, on)
        sentence = verb.sent
        # the writer's own words: a condition inside a quotation is the quotation's
        condition = condition_in([t for t in sentence if t.i not in quoted])
        target = object_ref(kb, verb, condition, on)
        if source is None or target is None or side(source) is None \
                or side(target) in own_sides(source):
            continue
        condition_words = doc.text[condition[0]:condition[1]] if condition else None
        known = signals(coded, "reported", source, target, "speaker", condition_words, False,
                        coded.negated, lex.counterfactuals)
        events.append(Event(
            id=f"e{first_id + len(events)}", type=coded.type, mode=coded.mode,
            context=list(coded.contexts), source=source, target=target,
            quote_id=_nearest(with_quotes[sentence.start], verb).id,
            condition=condition_words, negated=coded.negated, hedged=False,
            intensity=lex.intensity(coded.type, coded.mode), evidence=_evidence(verb, attribution),
            confidence=shipped_model().score(known)).knowing(known))
    return events


__all__ = ["code_reported"]
