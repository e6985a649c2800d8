"""Event coding (``onrecord.events``): PLOVER events from quotations, each traceable to its words.

One event at most per quotation, and the acts the writer reports in a quotation's sentence
between two named parties (``narration``): ``coding`` says which type its words report,
``parties`` who the source and target are, ``onrecord.modality`` on which condition and how
surely. Every event carries its quotation's id and an ``evidence`` span (the quoted piece
holding the trigger, or the reported act's own words).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from spacy.tokens import Doc, Token

from onrecord.actors.kb import KnowledgeBase
from onrecord.actors.link import story_group
from onrecord.analysis import Quotation
from onrecord.events import quotetype
from onrecord.events.coding import Coded, code_words
from onrecord.events.confidence import (
    agent_of,
    cue_says,
    relayed,
    shipped_model,
    signals,
    weigh,
)
from onrecord.events.lexicon import lexicon
from onrecord.events.narration import code_reported
from onrecord.events.parties import (
    SUBJECT_AIMED,
    carried_target,
    names_object,
    own_sides,
    party_of,
    side,
    story_state,
    story_targets,
    subject_ref,
    target_ref,
    voiced_by,
)
from onrecord.modality import find_condition
from onrecord.model import ActorRef, Event, Span
from onrecord.nlp import parsed_text
from onrecord.plover import codebook
from onrecord.quotes.cues import lexicon as cue_lexicon


def _evidence(quotation: Quotation, coded: Coded) -> Span:
    if coded.trigger is not None:
        for start, end in quotation.spans:
            if start <= coded.trigger.idx < end:
                return (start, end)
    return quotation.spans[0]


def _context_text(text: str, quotation: Quotation) -> str:
    """The quotation with its cue and speaker: where its contexts are read."""
    speaker = quotation.speaker.mention.span if quotation.speaker else None
    edges = [*quotation.spans, *([quotation.cue_span] if quotation.cue_span else []),
             *([speaker] if speaker else [])]
    return text[min(s for s, _ in edges):max(e for _, e in edges)]


def _ends(quotation: Quotation) -> tuple[ActorRef | None, ActorRef | None]:
    """The event ends of the quotation's speaker and addressee, as resolved once."""
    return (quotation.speaker.end if quotation.speaker else None,
            quotation.addressee.end if quotation.addressee else None)


def _observer(quotation: Quotation) -> bool:
    """ "said Tom Reyes, a researcher at a think tank", "military analyst Jane Smith": a
    speaker described as an observer has no forces to threaten with; their "would strike"
    is an analyst's hypothetical, no threat (annotation guide)."""
    party = quotation.speaker
    if party is None:
        return False
    head = party.phrase.head
    described = [*party.phrase.words, *(t for c in head.children if c.dep_ == "appos"
                                        for t in c.subtree)]
    return any(t.lemma_.lower() in lexicon().observer_words for t in described)


def code_quote(doc: Doc, text: str, quotation: Quotation, kb: KnowledgeBase,
               on: dt.date | None, event_id: str, previous: Event | None = None,
               aimed_by_side: Mapping[str | None, Event] | None = None) -> Event | None:
    """The event a quotation of ``text`` (the parsed text, ``doc.text`` read once) reports,
    or ``None`` when its words code none. ``previous`` is the speaker's last event before it,
    ``aimed_by_side`` each side's last event with a target, looked up by the event's source
    (which may be the side the words voice, not the speaker's)."""
    condition = quotation.condition_span
    tokens = quotation.tokens
    main = [t for t in tokens if condition is None or not condition[0] <= t.idx < condition[1]]
    cue = quotation.cue
    # "urged Kyiv to withdraw", "called on Israel to halt": a reported clause that is what
    # the speaker asks of the addressee.
    directive = quotation.directive and quotation.kind != "direct" \
        and quotation.addressee is not None
    coded = code_words(main, cue, condition, _context_text(text, quotation),
                       cued_as=lexicon().directive if directive else None)
    if coded is None or (coded.type == "THREATEN" and _observer(quotation)):
        return None
    speaker, addressee = _ends(quotation)
    source = speaker
    # As for the acts reported beside a quotation (``narration``): a request is coded only
    # between two resolved, different parties; "urged both sides to" names none.
    if directive and (side(source) is None or side(addressee) is None
                      or side(addressee) in own_sides(source)):
        return None
    if coded.type not in codebook().verbal and coded.trigger is not None:
        source = subject_ref(kb, coded.trigger, on) or speaker
    elif side(source) is None:
        source = voiced_by(kb, tokens, on, _informant(quotation)) or source
    # A cue that codes by itself ("condemned a US arms package as ...") acts on its object.
    acting = coded.trigger or cue
    suffered = lexicon().suffered_by_subject
    target = target_ref(kb, doc, source, addressee, acting, condition, tokens, on,
                        subject_suffers=acting is not None and acting.lemma_.lower() in suffered,
                        subject_aimed=coded.trigger is not None and coded.type in SUBJECT_AIMED,
                        verbal=coded.type in codebook().verbal)
    if target is None and _carries(quotation, coded, source, previous):
        target = previous.target
    if target is None:
        target = carried_target((aimed_by_side or {}).get(side(source)), source,
                                quotation.spans[0][0], text, coded.type, coded.trigger)
    def side_of(token: Token) -> str | None:
        return side(party_of(kb, token, on))

    agent = "other" if coded.type == "THREATEN" and relayed(
        coded.trigger, cue, own_sides(speaker), side_of, lexicon()) \
        else agent_of(coded.trigger, own_sides(speaker), side_of, lexicon())
    condition_words = quotation.condition.text if quotation.condition is not None else None
    negated = quotation.negated or coded.negated
    known = signals(coded, quotation.kind, source, target, agent, condition_words,
                    quotation.hedged, negated, lexicon().counterfactuals,
                    cue_says(cue, coded.type, lexicon()))
    return Event(
        id=event_id,
        type=coded.type,
        mode=coded.mode,
        context=list(coded.contexts),
        source=source,
        target=target,
        quote_id=quotation.id,
        condition=condition_words,
        negated=negated,
        hedged=quotation.hedged,
        intensity=lexicon().intensity(coded.type, coded.mode),
        evidence=_evidence(quotation, coded),
        confidence=shipped_model().score(known),
    ).knowing(known)


def _informant(quotation: Quotation) -> bool:
    """ "according to official sources", "according to a report in the Daily Star": the
    writer cites where a fact comes from, naming no person; the fact is someone else's act."""
    first = (quotation.cue_text or "").lower().split()[:1]
    mention = quotation.speaker.mention if quotation.speaker else None
    return bool(first) and first[0] in cue_lexicon().according_to and mention is not None \
        and mention.name is None


def code_narration(doc: Doc) -> Coded | None:
    """The event a sentence reports in the writer's own words ("Rebels attacked a convoy"),
    its main verb read as the cue. Used where there is no quotation (PLOVER's records)."""
    sentence = next(iter(doc.sents), None)
    if sentence is None:
        return None
    condition = find_condition(doc, [(0, len(doc.text))])
    main = [t for t in doc if condition is None or not condition[0] <= t.idx < condition[1]]
    return code_words(main, sentence.root, condition, doc.text)


def _speakers(quotations: list[Quotation]) -> dict[int, ActorRef]:
    """Token index -> the known actor a speaker is, for every token where a known speaker is
    named (a reported act's subject is often a speaker resolved already)."""
    found: dict[int, ActorRef] = {}
    for quotation in quotations:
        party = quotation.speaker
        if party is None or party.known is None or party.end is None:
            continue
        for token in party.phrase.words:
            found[token.i] = party.end
    return found


def _carries(quotation: Quotation, coded: Coded, source: ActorRef | None,
             previous: Event | None) -> bool:
    """A direct quotation that goes on from its speaker's last event ("accused Caracas of
    ...", then "We will defend every square mile of our territory") aims at the same party
    when its own words name no other object than the speaker's own side."""
    return previous is not None and previous.target is not None and quotation.kind == "direct" \
        and source == previous.source \
        and not names_object(coded.trigger)


def code_events(doc: Doc, quotations: list[Quotation], kb: KnowledgeBase, on: dt.date | None,
                min_confidence: float | None = None) -> list[Event]:
    """The events of an article's quotations, in text order (their speakers resolved and
    modality read), then the acts reported in their sentences (``narration``): those whose
    confidence reaches ``min_confidence`` (by default the shipped model's threshold; 0 keeps
    all)."""
    events: list[Event] = []
    text = parsed_text(doc)
    last_by_speaker: dict[str, Event] = {}
    aimed_by_side: dict[str | None, Event] = {}
    for quotation in quotations:
        mention = quotation.speaker.mention if quotation.speaker else None
        speaker = mention.name or mention.mention if mention else ""
        event = code_quote(doc, text, quotation, kb, on, f"e{len(events) + 1}",
                           last_by_speaker.get(speaker), aimed_by_side)
        if event is None:
            continue
        last_by_speaker[speaker] = event
        if event.target is not None:
            aimed_by_side[side(event.source)] = event
        events.append(event)
    events += code_reported(doc, quotations, kb, on, _speakers(quotations), len(events) + 1)
    if any(e.target is None for e in events):  # the story's parties only where one is wanted
        events = story_targets(events, story_state(kb, doc, on), story_group(kb, doc, on))
    model = shipped_model()
    events = weigh(events, [q.record() for q in quotations], quotetype.shipped_model(), model)
    floor = model.threshold if min_confidence is None else min_confidence
    kept = [e for e in events if (e.confidence or 0.0) >= floor]
    return [e.model_copy(update={"id": f"e{n}"}) for n, e in enumerate(kept, start=1)]


__all__ = ["code_events", "code_narration", "code_quote"]
