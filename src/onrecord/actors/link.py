"""Who speaks and who is spoken to, resolved once per mention (``analysis.Party``).

Runs after the quotation extractor, over its quotations in text order (a speaker resolved
earlier is whom a later "he" may be): the article's own reading (``mentions``) gives the
fullest name the article gives; the knowledge base, as of the article's date, gives the known
actor (``Mention.actor_id``; "the secretary general" of a 2023 article is not today's) and
the party an event codes. A description gets the name of the person it is only when the
article names that person too. Quotations, events and the store all take these parties.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from onrecord.actors.gazetteer import gazetteer
from onrecord.actors.kb import KnowledgeBase
from onrecord.actors.media import is_outlet
from onrecord.actors.mentions import (
    CONFIDENCE_DESCRIPTION,
    CONFIDENCE_INHERITED,
    ArticleActors,
    post_abroad,
)
from onrecord.actors.unlisted import unlisted_ref
from onrecord.analysis import Document, Party, Phrase, Quotation
from onrecord.datafiles import DataFile, read_yaml
from onrecord.model import ActorRef, Mention
from onrecord.nlp import entities, entity_of, parsed_text
from onrecord.normalise import name_key, without_article

#: Entity labels of words that may name a party (a state, a body, a group, a person).
PARTY_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"})


def resolve_mention(kb: KnowledgeBase, mention: Mention | None,
                    on: dt.date | None) -> ActorRef | None:
    """The known actor a mention is: by the name the article gives, else by its own words
    ("the Kremlin", "a Nato official")."""
    if mention is None:
        return None
    for words in (mention.name, mention.mention):
        if words and not (words is mention.mention and _part_of_name(words, mention.name)):
            found = kb.resolve(words, on)
            if found is not None:
                return found
    return None


def _part_of_name(words: str, name: str | None) -> bool:
    """The mention is a short form of the fuller name the KB does not know ("the
    Commission" of the Human Rights Commission of Pakistan, "Yoon" of Yoon Tae-yong): it
    names that body or person, not another the KB knows by those words."""
    if not name:
        return False
    short = without_article(words.strip()).lower()
    return bool(short) and re.search(rf"\b{re.escape(short)}\b", name.lower()) is not None


def _linked(kb: KnowledgeBase, mention: Mention, found: ActorRef | None,
            text: str) -> Mention:
    """``mention`` with the known actor's id. A description the KB knows as a person whom
    the article also names ("the head of the UN nuclear watchdog" in an article that names
    Rafael Grossi) takes that name too: the article does give it."""
    if found is None:
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


def _affiliation(kb: KnowledgeBase, phrase: Phrase, on: dt.date | None) -> ActorRef | None:
    """The state or body named in a mention's noun phrase (with its apposition), if any:
    "Maduro's defence minister, Vladimir Padrino López", "US envoy Steve Witkoff"."""
    words = phrase.words
    if not len(words):
        return None
    head = words.root.head if words.root.dep_ == "appos" else words.root
    head = post_abroad(head) or head
    where = {t.i for prep in head.subtree if prep.dep_ == "prep"
             and prep.lower_ in party_words().place_prepositions for t in prep.subtree}
    where |= {t.i for t in head.subtree if post_abroad(t) is not None}
    for token in head.subtree:
        if words.start <= token.i < words.end and token.ent_type_ == "PERSON":
            continue  # the unknown person's own name
        if token.i in where:
            continue  # where they are, not whom they speak for: "Saud al Faisal in Rome"
        if token.ent_type_ in PARTY_ENTS or token.pos_ in ("PROPN", "ADJ"):
            entity = entity_of(token)
            names = [entity.text, token.text] if entity is not None else [token.text]
            party = _first_state(kb, names, on)
            if party is not None:
                return party
    return None


def _first_state(kb: KnowledgeBase, names: list[str], on: dt.date | None) -> ActorRef | None:
    """The first of ``names`` the KB knows as a state or a body of one."""
    for name in names:
        party = kb.resolve(name, on)
        if party is not None and party.country:
            return party
    return None


def _end(kb: KnowledgeBase, phrase: Phrase, mention: Mention, known: ActorRef | None,
         on: dt.date | None, affiliations: list[str],
         unofficial: bool = False) -> ActorRef | None:
    """What an event codes the mention as: the known actor (a member of a non-state group as
    the group); else the group or the state its description names ("a Hezbollah commander"
    is the group), or that the article names beside the person elsewhere ("Israeli Prime
    Minister Ehud Olmert", then "“…,” Mr. Olmert said"), under the name the article gives
    it, or an organisation the KB does not list by the short name the article gives it ("an
    ONLF spokesman" is the ONLF); ``None`` when it tells nothing. An ``unofficial`` person
    (the article calls them a candidate, an opposition leader, an activist) speaks for no
    state, whatever nationality it gives them ("Mir-Hossein Mousavi, a candidate in the
    Iranian presidential election")."""
    if known is not None:
        return kb.acting_for(known, on)
    group = _described_group(kb, phrase, mention.name, on) \
        or _party_member(phrase, affiliations)
    if group is not None:
        return group
    side = None if unofficial else (
        _affiliation(kb, phrase, on) or _first_state(kb, affiliations, on)
        or _the_country(kb, phrase, mention.name, on) or _home_state(kb, phrase, on)
        or _apposed_to(kb, phrase.words.doc, mention.name, on))
    if side is not None and side.non_state:
        return side
    if side is None:
        side = _unlisted_in(phrase) or _unlisted_among(phrase.words.doc, affiliations)
        if side is not None or mention.name is None:
            return side
    return ActorRef(name=mention.name, country=side.country if side else None)


def _party_member(phrase: Phrase, affiliations: list[str]) -> ActorRef | None:
    """The political party the speaker's words or the article's description of them make
    them a member of ("Representative Adam Smith, a Democrat", "Republican Jane Doe of
    Ohio"; ``political_parties`` in ``data/parties.yaml``), before any state they name: a
    legislator speaks for the party, not the state. A party's word inside a longer name
    ("the Social Democrat Party", "an Ottawa New Democrat MP") is that other name's."""
    doc = phrase.words.doc
    named = [e.text for e in entities(doc) if phrase.words.start <= e.start < phrase.words.end]
    members = party_members()
    for words in (*named, *affiliations):
        party = members.get(name_key(words))
        if party is not None and _standalone(words, doc):
            return ActorRef(name=words, actor_id=party)
    return None


def _standalone(words: str, doc: Doc) -> bool:
    """Whether the article names ``words`` somewhere on their own, not after a capitalised
    word that makes them part of a longer name."""
    text = parsed_text(doc)
    for match in re.finditer(rf"\b{re.escape(words)}\b", text):
        before = text[:match.start()].split()[-1:]
        if not before or not before[0][:1].isupper() or not before[0][-1:].isalpha():
            return True
    return False


def _apposed_to(kb: KnowledgeBase, doc: Doc, name: str | None,
                on: dt.date | None) -> ActorRef | None:
    """The state of the post the article sets the person's name beside, in apposition:
    "Yemen's Foreign Minister, Abu Bakr al-Qirbi, asked", "Spokesman for the government,
    Lambert Mende, said" (the government of the state the article has named most often)."""
    if not name:
        return None
    for match in re.finditer(re.escape(name), parsed_text(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or span.root.dep_ != "appos":
            continue
        post = post_abroad(span.root.head) or span.root.head
        words = doc[post.left_edge.i:post.i + 1]
        named = [entity_of(t) or doc[t.i:t.i + 1] for t in words
                 if t.ent_type_ in PARTY_ENTS or t.pos_ in ("PROPN", "ADJ")]
        side = _first_state(kb, [w.text for w in named], on) or home_state(kb, doc[
            post.i:span.start], on)
        if side is not None:
            return side
    return None


def _unlisted_in(phrase: Phrase) -> ActorRef | None:
    """An organisation the KB does not list that the mention is or speaks for, by the short
    name the article gives it: "the ONLF", "an MDC spokesman" (``actors.unlisted``); the
    phrase's own head too, a short name the parser did not mark as a name ("The ONLF
    accused ...")."""
    words = phrase.words
    named = [e for e in entities(words.doc) if words.start <= e.root.i < words.end]
    head = phrase.head
    named += [] if head.ent_type_ else [words.doc[head.i:head.i + 1]]
    return next((ref for ref in map(unlisted_ref, named) if ref is not None), None)


def _unlisted_among(doc: Doc, affiliations: list[str]) -> ActorRef | None:
    """An organisation the KB does not list that the article names beside the person
    anywhere, by its short name: "George Sibotshiwe, a spokesman for the Movement for
    Democratic Change", "Joao Caholo, the SADC deputy executive secretary"."""
    named = [e for e in entities(doc) if e.label_ == "ORG"
             and without_article(e.text.strip()) in affiliations]
    return next((ref for ref in map(unlisted_ref, named) if ref is not None), None)


class _Words(DataFile):
    stance_verbs: frozenset[str]
    place_prepositions: frozenset[str]
    group_words: frozenset[str]
    unofficial_words: frozenset[str]
    anaphoric_states: frozenset[str]
    state_institutions: frozenset[str]
    referring_pronouns: frozenset[str]
    political_parties: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def party_words() -> _Words:
    """The word lists of ``data/parties.yaml`` (who speaks for whom, whom an event aims at)."""
    return read_yaml("parties.yaml", _Words)


@lru_cache(maxsize=1)
def party_members() -> dict[str, str]:
    """Folded party word -> party id ("democrat" -> "DEM"), built once."""
    return {name_key(word): party for party, words in party_words().political_parties.items()
            for word in words}


#: How often an article names a group before a description ("the rebels") stands for it:
#: a group named once is a passing mention (real-news dev, even half: once gave 2 wrong
#: targets and no right one).
GROUP_MENTIONS = 2
#: Where a document keeps the non-state group its story is about (``story_group``).
_GROUP = "onrecord.story_group"


def story_group(kb: KnowledgeBase, doc: Doc, on: dt.date | None) -> ActorRef | None:
    """The group the article is about beside the states: the armed group the knowledge base
    knows, or the organisation the article gives a short name, that it names most often
    ("the ONLF", "the MDC", "the NTC"), at least ``GROUP_MENTIONS`` times; none when two are
    named as often."""
    if _GROUP not in doc.user_data:
        named = []
        for entity in entities(doc):
            found = kb.resolve(entity.text, on)
            ref = kb.acting_for(found, on) if found is not None else unlisted_ref(entity)
            if ref is not None and ref.actor_id and (ref.non_state or ref.country is None):
                named.append((ref.actor_id, ref))
        doc.user_data[_GROUP] = most_named(named, GROUP_MENTIONS)
    return doc.user_data[_GROUP]


def most_named(named: list[tuple[str, ActorRef]], at_least: int = 1) -> ActorRef | None:
    """Of ``(key, party)`` pairs in the order the article names them, the party whose key
    comes most often, at least ``at_least`` times (as first named); none on a tie."""
    counts = Counter(key for key, _ in named)
    top = counts.most_common(2)
    if not top or top[0][1] < at_least or (len(top) > 1 and top[0][1] == top[1][1]):
        return None
    return next(ref for key, ref in named if key == top[0][0])


def _described_group(kb: KnowledgeBase, phrase: Phrase, name: str | None,
                     on: dt.date | None) -> ActorRef | None:
    """ "A rebel communiqué said", "a rebel group in the east said", then "they said": a
    speaker described as a group's, not named, speaks for the group the story is about
    (``story_group``), whatever place the description names."""
    words = {t.lemma_.lower() for t in phrase.words} | set((name or "").lower().split())
    if not words.isdisjoint(party_words().group_words):
        return story_group(kb, phrase.words.doc, on)
    return None


def _the_country(kb: KnowledgeBase, phrase: Phrase, name: str | None,
                 on: dt.date | None) -> ActorRef | None:
    """ "the country's army", "the nation's foreign ministry": the state the article named last
    before it says so (Egypt, in a story that has just named it); for a later "the army" of
    the same name, before the name's first use."""
    doc = phrase.words.doc
    words = [phrase.words]
    if name:
        start = parsed_text(doc).find(name)
        named = doc.char_span(start, start + len(name), alignment_mode="expand") \
            if start >= 0 else None
        words += [named] if named is not None else []
    for span in words:
        if any(t.lower_ in party_words().anaphoric_states
               and any(c.dep_ == "case" for c in t.children) for t in span):
            return _last_state(kb, [e for e in entities(doc)
                                    if e.label_ == "GPE" and e.end <= span.start], on)
    return None


def _home_state(kb: KnowledgeBase, phrase: Phrase, on: dt.date | None) -> ActorRef | None:
    """ "The government said", "prosecutors said", "the military's chief of staff said": a
    state's own institution named with no state speaks for the state the article has named
    most often before it (the story's own state, not a neighbour it has just mentioned)."""
    return home_state(kb, phrase.words, on)


def home_state(kb: KnowledgeBase, words: Span, on: dt.date | None) -> ActorRef | None:
    """The state a state institution named with no state (``words``: "the government", "the
    army", "government troops") belongs to: the one the article has named most often before
    it; ``None`` when the words name no such institution."""
    if not any(t.lemma_.lower() in party_words().state_institutions
               and t.ent_type_ != "PERSON" for t in words):
        return None
    named = [party for entity in entities(words.doc)
             if entity.label_ in PARTY_ENTS and entity.end <= words.start
             and (party := kb.resolve(entity.text, on)) is not None
             and _a_state(kb, party)]
    counts = Counter(party.country for party in named)
    return max(named, key=lambda party: counts[party.country], default=None)


def _a_state(kb: KnowledgeBase, party: ActorRef) -> bool:
    actor = kb.actors.get(party.actor_id or "")
    return actor is not None and actor.kind == "state"


def _last_state(kb: KnowledgeBase, named: list[Span], on: dt.date | None) -> ActorRef | None:
    for entity in reversed(named):
        party = kb.resolve(entity.text, on)
        if party is not None and party.actor_id == party.country:
            return party
    return None


def _glued_name(actors: ArticleActors, head: Token) -> tuple[int, int] | None:
    """ "The deputy chair of the Security Council Ivan Petrov warned": a description glued to
    the name with no comma, which the parser makes the head of the phrase; the name of a
    person of the article that ends the phrase is the speaker (token range). ``None`` when the
    head is part of that name, or when the name is the object of a relation ("the sister of
    leader Kim Jong Un said": after a preposition, a name that follows a common word or a
    role is that word's own phrase)."""
    doc = head.doc
    edge = max((t for t in head.subtree if not (t.is_punct or t.is_space)), key=lambda t: t.i,
               default=head)
    if edge.i == head.i or edge.pos_ != "PROPN":
        return None
    phrase = doc[head.left_edge.i:edge.i + 1]
    end_char = edge.idx + len(edge.text)
    names = sorted((p.name for p in actors.people.values() if " " in p.name
                    and actors.parsed.endswith(p.name, 0, end_char)), key=len, reverse=True)
    if names:
        first = next((t for t in phrase if t.idx == end_char - len(names[0])), None)
    else:  # "according to policeman Ahmed Hassan Sayed", the parser cutting the name short
        words = actors.name_words(edge)
        first = edge
        while first.i - 1 > head.i and doc[first.i - 1].lower_ in words:
            first = doc[first.i - 1]
        first = first if words and first.i < edge.i else None
    if first is None or first.i <= head.i or first.i == 0:
        return None
    before = doc[first.i - 1]
    related = before.lemma_.lower() in gazetteer().person_heads or (
        before.is_lower and before.tag_ != "POS")
    path = [t for t in edge.ancestors if t.i == head.i or head.is_ancestor(t)]
    if related and any(t.dep_ == "prep" for t in path):
        return None
    return first.i, edge.i + 1


def _across_hyphen(phrase: Phrase) -> Phrase:
    """ "according to Cuban vice-premier Carlos Lage": a parse that makes the word before a
    hyphen the phrase and the name after it a phrase of its own beside it (both objects of
    "to") names that person; the phrase runs from the description to the name."""
    head = phrase.head
    doc = head.doc
    if head.pos_ != "NOUN" or head.whitespace_ or head.i + 2 >= len(doc) \
            or doc[head.i + 1].text != "-" or doc[head.i + 1].whitespace_:
        return phrase
    name = doc[head.i + 2]
    while name.dep_ in ("compound", "flat") and name.head.i > name.i:
        name = name.head
    if name.pos_ != "PROPN" or name.head != head.head or name.dep_ != head.dep_:
        return phrase
    return Phrase(name, doc[phrase.words.start:name.i + 1])


class _Resolver:
    """One article's mentions, resolved in text order against the article and the KB."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, on: dt.date | None, text: str) -> None:
        self.actors = ArticleActors(doc, kb, on, text)
        self.kb, self.on, self.text = kb, on, text
        self.issuers: dict[str, Mention] = {}  # document noun -> who last issued one

    def party(self, phrase: Phrase, mention: Mention) -> Party:
        known = resolve_mention(self.kb, mention, self.on)
        linked = _linked(self.kb, mention, known, self.text)
        said = self.actors.affiliations(linked.name) if linked.name else []
        return Party(phrase, linked, known,
                     _end(self.kb, phrase, linked, known, self.on, said,
                          self._unofficial(phrase, linked.name)))

    def _unofficial(self, phrase: Phrase, name: str | None) -> bool:
        """Whether the speaker's words or the article's description of them name a role
        outside any state (``unofficial_words`` in ``data/parties.yaml``)."""
        words = {t.lower_ for t in phrase.words}
        if name:
            people = self.actors.people
            person = people.get(name.lower()) or people.get(name.split()[-1].lower())
            words |= person.roles if person is not None else set()
        return not words.isdisjoint(party_words().unofficial_words)

    def read(self, phrase: Phrase | None, salient: bool) -> tuple[Phrase, Mention] | None:
        """The mention ``phrase`` makes, and the phrase it is: the name a description is
        glued to, if any (``_glued_name``)."""
        if phrase is None:
            return None
        phrase = _across_hyphen(phrase)
        glued = _glued_name(self.actors, phrase.head)
        if glued is not None:
            doc = phrase.head.doc
            phrase = Phrase(doc[glued[1] - 1], doc[glued[0]:glued[1]])
        words = phrase.words
        return phrase, self.actors.resolve(phrase.head, words.start, words.end, salient)

    def through_document(self, document: Document | None,
                         speaker: Mention | None) -> Mention | None:
        """ "X said in a statement that ...", then "“…,” the statement said": the document
        with no issuer named speaks for whoever last issued one of its kind in the article."""
        if document is None or speaker is None:
            return speaker
        if not document.unnamed:
            if speaker.name is not None:
                self.issuers[document.noun] = speaker
            return speaker
        issued = self.issuers.get(document.noun)
        if speaker.name is None and issued is not None:
            return speaker.model_copy(update={
                "name": issued.name, "confidence": min(issued.confidence or 1.0,
                                                       CONFIDENCE_DESCRIPTION)})
        return speaker


def resolve_parties(doc: Doc, quotations: list[Quotation], kb: KnowledgeBase,
                    on: dt.date | None, text: str) -> None:
    """Set each quotation's ``speaker`` and ``addressee`` (``Party``), in text order. A
    quotation with no cue of its own goes on with the speaker of the one it continues, a
    little less surely. ``text`` is the article's (the parser reads a copy with furniture
    blanked; a mention quotes the article)."""
    resolver = _Resolver(doc, kb, on, text)
    resolver.actors.quoted(span for q in quotations if q.kind == "direct" for span in q.spans)
    said: dict[Quotation, tuple[Phrase, Mention]] = {}  # the speaker before linking
    for quotation in quotations:
        phrase: Phrase | None = None
        speaker: Mention | None = None
        if quotation.cue is not None:
            read = resolver.read(quotation.speaker_phrase, salient=True)
            if read is not None:
                phrase, speaker = read
                speaker = resolver.through_document(quotation.document, speaker)
        else:
            phrase, speaker = said.get(quotation.continues, (None, None)) \
                if quotation.continues is not None else (None, None)
            if speaker is not None and speaker.confidence is not None:
                speaker = speaker.model_copy(update={
                    "confidence": min(speaker.confidence, CONFIDENCE_INHERITED)})
        if phrase is not None and speaker is not None:
            said[quotation] = (phrase, speaker)
        if phrase is not None and speaker is not None:
            quotation.speaker = resolver.party(phrase, speaker)
        addressee = resolver.read(quotation.addressee_phrase, salient=False)
        if addressee is not None:
            quotation.addressee = _not_a_medium(resolver.party(*addressee))


def _not_a_medium(party: Party) -> Party:
    """ "told Voice of America", "said in an interview with AFP": the outlet a speaker talks
    to carries the words, it is not whom they are aimed at, so it is no event's end."""
    mention = party.mention
    if party.end is None or not any(is_outlet(words) for words in (mention.name,
                                                                    mention.mention) if words):
        return party
    return Party(party.phrase, mention, party.known, None)
