"""Event coding (``onrecord.events``): PLOVER events from quotations, each traceable to its words.

One event at most per quotation, and the acts the writer reports in a quotation's sentence
between two named parties (``narration``): ``coding`` says which type its words report,
``parties`` who the source and target are, ``onrecord.modality`` on which condition and how
surely. Every event carries its quotation's id and an ``evidence`` span (the quoted piece
holding the trigger, or the reported act's own words).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from onrecord.actors.kb import KnowledgeBase
from onrecord.actors.link import resolve_mention
from onrecord.events import quotetype
from onrecord.events.coding import Coded, code_words
from onrecord.events.confidence import agent_of, shipped_model, signals, weigh
from onrecord.events.lexicon import lexicon
from onrecord.events.narration import code_reported
from onrecord.events.parties import (
    VERBAL_TYPES,
    mention_ref,
    names_object,
    own_sides,
    party_of,
    side,
    subject_ref,
    target_ref,
)
from onrecord.modality import find_condition, tokens_in
from onrecord.model import ActorRef, Event, Quote, Span
from onrecord.quotes.cues import directive_addressee


def _cue_token(doc: Doc, quote: Quote) -> Token | None:
    """The cue's verb or noun: "threatened" in "has repeatedly threatened", "called" in
    "called on"."""
    if quote.cue_span is None:
        return None
    cue = doc.char_span(*quote.cue_span, alignment_mode="expand")
    return cue.root if cue is not None and len(cue) else None


def _evidence(quote: Quote, coded: Coded) -> Span:
    if coded.trigger is not None:
        for start, end in quote.spans:
            if start <= coded.trigger.idx < end:
                return (start, end)
    return quote.spans[0]


def _context_text(text: str, quote: Quote) -> str:
    """The quotation with its cue and speaker: where its contexts are read."""
    edges = [*quote.spans, *([quote.cue_span] if quote.cue_span else []),
             *([quote.speaker.span] if quote.speaker else [])]
    return text[min(s for s, _ in edges):max(e for _, e in edges)]


def _is_directive(cue: Token | None, quote: Quote) -> bool:
    """ "urged Kyiv to withdraw", "called on Israel to halt": a reported clause that is what
    the speaker asks of the addressee."""
    return cue is not None and quote.kind != "direct" and quote.addressee is not None \
        and directive_addressee(cue) is not None


def _condition_span(text: str, quote: Quote) -> Span | None:
    """Where the modality stage found the quote's condition (its words, inside the quote)."""
    if quote.condition is None:
        return None
    start = text.find(quote.condition, quote.spans[0][0])
    return (start, start + len(quote.condition)) if start >= 0 else None


def code_quote(doc: Doc, text: str, quote: Quote, kb: KnowledgeBase, on: dt.date | None,
               event_id: str, previous: Event | None = None) -> Event | None:
    """The event a quotation of ``text`` (the parsed text, ``doc.text`` read once) reports,
    or ``None`` when its words code none. ``previous`` is the speaker's last event before it."""
    condition = _condition_span(text, quote)
    tokens = tokens_in(doc, quote.spans)
    main = [t for t in tokens if condition is None or not condition[0] <= t.idx < condition[1]]
    cue = _cue_token(doc, quote)
    directive = _is_directive(cue, quote)
    coded = code_words(main, cue, condition is not None, _context_text(text, quote),
                       cued_as=lexicon().directive if directive else None)
    if coded is None:
        return None
    speaker = mention_ref(kb, quote.speaker, on, doc)
    source = speaker
    if directive:
        # As for the acts reported beside a quotation (``narration``): a request is coded
        # only between two resolved, different parties; "urged both sides to" names none.
        addressee = mention_ref(kb, quote.addressee, on)
        if side(kb, source) is None or side(kb, addressee) is None \
                or side(kb, addressee) in own_sides(kb, source):
            return None
    if coded.type not in VERBAL_TYPES and coded.trigger is not None:
        source = subject_ref(kb, coded.trigger, on) or speaker
    # A cue that codes by itself ("condemned a US arms package as ...") acts on its object.
    acting = coded.trigger or _cue_token(doc, quote)
    suffered = lexicon().suffered_by_subject
    target = target_ref(kb, doc, source, mention_ref(kb, quote.addressee, on), acting,
                        condition, tokens, on,
                        subject_suffers=acting is not None and acting.lemma_.lower() in suffered)
    if target is None and _carries(quote, coded, source, previous):
        target = previous.target
    agent = agent_of(coded.trigger, own_sides(kb, source),
                     lambda token: side(kb, party_of(kb, token, on)), suffered)
    known = signals(coded, quote.kind, source, target, agent, quote.condition, quote.hedged,
                    lexicon().counterfactuals)
    return Event(
        id=event_id,
        type=coded.type,
        mode=coded.mode,
        context=list(coded.contexts),
        source=source,
        target=target,
        quote_id=quote.id,
        condition=quote.condition,
        negated=quote.negated or coded.negated,
        hedged=quote.hedged,
        intensity=lexicon().intensity(coded.type, coded.mode),
        evidence=_evidence(quote, coded),
        confidence=shipped_model().score(known),
    ).knowing(known)


def code_narration(doc: Doc) -> Coded | None:
    """The event a sentence reports in the writer's own words ("Rebels attacked a convoy"),
    its main verb read as the cue. Used where there is no quotation (PLOVER's records)."""
    sentence = next(iter(doc.sents), None)
    if sentence is None:
        return None
    condition = find_condition(doc, [(0, len(doc.text))])
    main = [t for t in doc if condition is None or not condition[0] <= t.idx < condition[1]]
    return code_words(main, sentence.root, condition is not None, doc.text)


def _speakers(doc: Doc, quotes: list[Quote], kb: KnowledgeBase,
              on: dt.date | None) -> dict[int, ActorRef]:
    """Token offset -> resolved actor, for every token of a resolved speaker mention."""
    found: dict[int, ActorRef] = {}
    for quote in quotes:
        ref = kb.acting_for(resolve_mention(kb, quote.speaker, on), on) if quote.speaker \
            else None
        if ref is None or quote.speaker is None or quote.speaker.span is None:
            continue
        span = doc.char_span(*quote.speaker.span, alignment_mode="expand")
        for token in span or ():
            found[token.idx] = ref
    return found


def _carries(quote: Quote, coded: Coded, source: ActorRef | None,
             previous: Event | None) -> bool:
    """A direct quotation that goes on from its speaker's last event ("accused Caracas of
    ...", then "We will defend every square mile of our territory") aims at the same party
    when its own words name no other object than the speaker's own side."""
    return previous is not None and previous.target is not None and quote.kind == "direct" \
        and source == previous.source \
        and not names_object(coded.trigger)


def code_events(doc: Doc, quotes: list[Quote], kb: KnowledgeBase, on: dt.date | None,
                min_confidence: float | None = None) -> list[Event]:
    """The events of an article's quotations, in text order (quotes with modality applied),
    then the acts reported in their sentences (``narration``): those whose confidence
    reaches ``min_confidence`` (by default the shipped model's threshold; 0 keeps all)."""
    events: list[Event] = []
    text = doc.text
    last_by_speaker: dict[str, Event] = {}
    for quote in quotes:
        speaker = quote.speaker.name or quote.speaker.mention if quote.speaker else ""
        event = code_quote(doc, text, quote, kb, on, f"e{len(events) + 1}",
                           last_by_speaker.get(speaker))
        if event is None:
            continue
        last_by_speaker[speaker] = event
        events.append(event)
    events += code_reported(doc, quotes, kb, on, _speakers(doc, quotes, kb, on),
                            len(events) + 1)
    model = shipped_model()
    events = weigh(events, quotes, quotetype.shipped_model(), model)
    floor = model.threshold if min_confidence is None else min_confidence
    kept = [e for e in events if (e.confidence or 0.0) >= floor]
    return [e.model_copy(update={"id": f"e{n}"}) for n, e in enumerate(kept, start=1)]


__all__ = ["code_events", "code_narration", "code_quote"]
