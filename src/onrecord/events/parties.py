"""Who does what to whom: an event's source and target against the actor knowledge base.

A party is a state (its officials code as the state, ``country`` its ISO3), an international
body, or a non-state armed group: its members code as the group (``KnowledgeBase.acting_for``).

A verbal event (a threat, an accusation, a demand) is the speaker's; an action the speaker
reports ("Russia struck the port") is its grammatical subject's. The target is the addressee
("told Kyiv"), else the subject of the condition ("if Poland deploys", "unless Hamas returned
the hostages": the party the words are meant to move, even when the trigger names a place,
"resume strikes on Gaza"), else the party the trigger acts on ("strike Warsaw", "against
NATO"), else any other party the condition or the words name.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from spacy.tokens import Doc, Span, Token

from onrecord.actors.kb import KnowledgeBase
from onrecord.actors.link import PARTY_ENTS, home_state, most_named, party_words, story_group
from onrecord.actors.unlisted import unlisted_ref
from onrecord.events.lexicon import lexicon
from onrecord.model import ActorRef, Event
from onrecord.nlp import entities, entity_of, positions, verb_of

_OBJECT_DEPS = {"dobj", "pobj", "dative", "nsubjpass", "attr"}
_ABOUT = {"at", "of", "against", "on", "for", "by"}
#: How many paragraph breaks may lie between a side's last aimed event and a quotation that
#: names no target and still goes on with it (the story's next paragraphs, not its next topic).
NEARBY_BREAKS = 2
#: Types whose words' own subject is the party aimed at: the one charged ("Israel had failed
#: to ease the blockade") or asked to act ("the AU should suspend him").
SUBJECT_AIMED = frozenset({"ACCUSE", "REQUEST"})


def _phrase(token: Token) -> str:
    """The noun phrase a party is named by ("the Baltic states", "Nato's eastern flank")."""
    left = min((c.left_edge.i for c in token.children
                if c.dep_ in ("compound", "amod", "det", "poss") and c.i < token.i),
               default=token.i)
    return token.doc[left:token.i + 1].text


def _fuller_names(words: Span) -> list[str]:
    """The longer names the article gives a person it also calls by surname: "Singh's
    remarks" in an article that names Rajnath Singh (the surname alone may be shared)."""
    if len(words) != 1 or words[0].pos_ != "PROPN":
        return []
    names = set()
    doc = words.doc
    for i in positions(doc, words[0].lower_):
        if i == words.start:
            continue
        first = i
        while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound":
            first -= 1
        if first < i:
            names.add(doc[first:i + 1].text)
    return sorted(names, key=len, reverse=True)


def _resolve(kb: KnowledgeBase, words: Span, on: dt.date | None) -> ActorRef | None:
    for name in (words.text, *_fuller_names(words)):
        found = kb.resolve(name, on)
        if found is not None:
            return kb.acting_for(found, on)
    return None


def _named_by(token: Token) -> Span:
    """The name a word is part of: "un" of "Kim Jong-un" is no UN, "Korea" of "North Korea"
    is the North."""
    entity = entity_of(token)
    return entity if entity is not None and entity.label_ in PARTY_ENTS \
        else token.doc[token.i:token.i + 1]


def _a_role(token: Token, found: ActorRef | None) -> bool:
    """A bare common noun the KB reads as a post ("the supreme commander", "the chairman"):
    whoever holds such a post somewhere is a guess, not the party named."""
    return found is not None and found.actor_id is not None and token.pos_ == "NOUN" \
        and token.is_lower and found.country != found.actor_id \
        and not any(t.pos_ in ("PROPN", "ADJ") and not t.is_lower
                    for t in token.doc[token.left_edge.i:token.i])


def party_of(kb: KnowledgeBase, token: Token, on: dt.date | None) -> ActorRef | None:
    """The actor a noun names: itself ("Berlin"), its phrase ("the Baltic states"), else a
    named party modifying it ("Taiwanese independence", "a US arms package", "Singh's
    remarks": the party they belong to); a surname by the fuller name the article gives; an
    organisation the KB does not list by its short name ("the ONLF")."""
    if lexicon().is_first_person(token):
        return None
    found = _resolve(kb, _named_by(token), on) or kb.resolve(_phrase(token), on)
    if _a_role(token, found):
        found = None
    if found is not None:
        return kb.acting_for(found, on)
    modifiers = (entity_of(t) or t.doc[t.i:t.i + 1]
                 for t in token.doc[token.left_edge.i:token.i]
                 if (t.ent_type_ in PARTY_ENTS or t.pos_ in ("PROPN", "ADJ"))
                 and not lexicon().is_first_person(t))
    for ent in modifiers:
        found = _resolve(kb, ent, on) or _before_hyphen(kb, ent, on)
        if found is not None:
            return found
    return unlisted_ref(entity_of(token) or token.doc[token.i:token.i + 1])


def _before_hyphen(kb: KnowledgeBase, words: Span, on: dt.date | None) -> ActorRef | None:
    """ "a U.S.-designed missile shield", "the U.N.-brokered truce": the parser keeps an
    abbreviation glued to the participle after it; the abbreviation names the party, as
    "Saudi" of "the Saudi-led coalition" does."""
    if len(words) != 1 or "-" not in words.text.strip("-"):
        return None
    found = kb.resolve(words.text.split("-")[0], on)
    return kb.acting_for(found, on) if found is not None else None


#: Determiners of a thing the reader has been told of before ("the report", "such a drill").
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "such"})


def _owner(kb: KnowledgeBase, token: Token, on: dt.date | None) -> ActorRef | None:
    """The party a common noun's own words give it: a named modifier ("the UN report",
    "North Korea's launch") or its doer ("the report by the UN Office")."""
    modifiers = [entity_of(t) or t.doc[t.i:t.i + 1] for t in token.doc[token.left_edge.i:token.i]
                 if (t.ent_type_ in PARTY_ENTS or t.pos_ in ("PROPN", "ADJ"))
                 and not lexicon().is_first_person(t)]
    doers = [entity_of(g) or g.doc[g.i:g.i + 1] for c in token.children
             if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
    for words in modifiers + doers:
        found = _resolve(kb, words, on)
        if found is not None:
            return found
    return None


def _owner_named_before(kb: KnowledgeBase, token: Token, on: dt.date | None) -> ActorRef | None:
    """A thing the article named before with its owner, now named alone: "India rejects the
    report" after "the UN report said", "we condemn the launch" after "North Korea's rocket
    launch". The latest earlier mention that gives an owner names it."""
    if token.pos_ != "NOUN" or not any(c.dep_ in ("det", "predet", "amod")
                                       and c.lower_ in _DEFINITE for c in token.children):
        return None
    earlier = sorted({*positions(token.doc, token.lower_),
                      *positions(token.doc, token.lemma_.lower())} - {token.i})
    for i in reversed([i for i in earlier if i < token.i]):
        if token.doc[i].pos_ == "NOUN":
            found = _owner(kb, token.doc[i], on)
            if found is not None:
                return found
    return None


def subject_ref(kb: KnowledgeBase, trigger: Token, on: dt.date | None) -> ActorRef | None:
    """The actor of a reported action: the trigger's subject ("Russia struck ..."), unless it
    is the speaker ("we")."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("xcomp", "conj"):
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return party_of(kb, subject, on) if subject is not None else None


def names_object(trigger: Token | None) -> bool:
    """The trigger's clause names what it acts on ("strike the factories", "attack on one
    ally"), resolvable or not."""
    if trigger is None:
        return False
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return any(((c.dep_ in ("dobj", "dative") and c.pos_ != "PRON")
                or (c.dep_ == "prep" and c.lower_ in _ABOUT)) and not _own(c)
               for word in (trigger, verb) for c in word.children)


def _own(token: Token) -> bool:
    """The phrase names the speaker's own side ("every square mile of our territory",
    "ourselves"): what is defended, not whom the threat is aimed at."""
    return any(lexicon().is_first_person(t) or t.lower_ in ("ourselves", "itself", "themselves")
               for t in token.subtree)


def object_ref(kb: KnowledgeBase, verb: Token, condition: tuple[int, int] | None,
               on: dt.date | None) -> ActorRef | None:
    """The party a reported act is done to: its object ("accused Germany"), the object of
    "on" after a phrasal verb ("called on the EU"), what the object belongs to ("condemned
    Singh's remarks"), the infinitive's object ("threatened to strike Gaza"), else the party
    its condition names. Never any other name in the sentence: that would be a guess."""
    acts = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    candidates = [t for act in acts for t in _near(act)]
    for token in candidates + _in_condition(list(verb.sent), condition):
        party = party_of(kb, token, on)
        if party is not None:
            return party
    return None


def _near(trigger: Token) -> list[Token]:
    """What a trigger acts on: its (or its verb's) objects, "against X", "on X", "to X", and
    what those are about ("crush any attempt at Taiwanese independence")."""
    near: list[Token] = []
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    for word in (trigger, verb):
        for child in word.children:
            if child.dep_ in _OBJECT_DEPS:
                near.append(child)
            if child.dep_ in ("prep", "prt") \
                    and child.lower_ in ("against", "on", "upon", "at", "to"):
                near.extend(c for c in child.children if c.dep_ == "pobj")
    near.extend(grand for noun in list(near) for prep in noun.children
                if prep.dep_ == "prep" and prep.lower_ in _ABOUT
                for grand in prep.children if grand.dep_ == "pobj")
    return near


def _in_condition(tokens: list[Token], condition: tuple[int, int] | None) -> list[Token]:
    """The parties a condition names ("if Poland deploys", "unless Hamas returned ...")."""
    return [t for t in tokens if condition and condition[0] <= t.idx < condition[1]
            and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")]


def _group_described(kb: KnowledgeBase, token: Token, on: dt.date | None) -> ActorRef | None:
    """ "the rebels", "the rebellion", "the opposition", "this terrorist group": a group
    described, not named, is the group the story is about (``story_group``)."""
    words = [token, *(c for c in token.children if c.dep_ in ("amod", "compound"))]
    if token.pos_ != "NOUN" or not any(w.lemma_.lower() in party_words().group_words
                                       for w in words):
        return None
    return story_group(kb, token.doc, on)


def _institution(kb: KnowledgeBase, token: Token, on: dt.date | None) -> ActorRef | None:
    """ "killed 626 government troops", "a message to our new government": a state's own
    institution named with no state is the state the article has named most often before it
    (``actors.link.home_state``)."""
    if token.pos_ != "NOUN":
        return None
    doc = token.doc
    return home_state(kb, doc[token.left_edge.i:token.i + 1], on)


def _referent(kb: KnowledgeBase, token: Token, own: set[str],
              on: dt.date | None) -> ActorRef | None:
    """ "Sweden moved troops to the border. Denmark accused them of breaking the treaty": a
    pronoun charged, threatened or asked is the party named last before it as a subject or
    object, in its own sentence or the one before, when that party is not the source's own
    side ("Sweden moved tanks, and Denmark said they had violated the treaty")."""
    if token.lower_ not in party_words().referring_pronouns:
        return None
    doc = token.doc
    start = doc[token.sent.start - 1].sent.start if token.sent.start > 0 else 0
    named = (party_of(kb, t, on) for t in reversed(doc[start:token.i])
             if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))
    return next((p for p in named if side(p) is not None and side(p) not in own), None)


def _candidates(doc: Doc, trigger: Token | None, condition: tuple[int, int] | None,
                tokens: list[Token]) -> list[Token]:
    """Tokens that may name the target, best first: the one who must act or refrain in the
    condition ("... unless Hamas returned the hostages": the party the words are meant to
    move, whatever place the trigger names), then what the trigger acts on, then the rest."""
    inside = {t.i for t in tokens}
    near = _near(trigger) if trigger is not None else []
    in_condition = _in_condition(tokens, condition)
    actor = [t for t in in_condition if t.dep_ in ("nsubj", "nsubjpass")]
    named = [doc[e.root.i] for e in entities(doc) if e.label_ in PARTY_ENTS and e.root.i in inside
             and not (e.label_ == "NORP" and e.root.dep_ in ("amod", "compound"))]
    return [t for t in actor + near + in_condition + named if t.i in inside]


def side(ref: ActorRef | None) -> str | None:
    """Which side a party is on: its state or body code, a non-state group's own id (Hezbollah
    and the Lebanese government are not one side)."""
    if ref is None:
        return None
    if ref.non_state:
        return ref.actor_id
    return ref.country or ref.actor_id


def own_sides(source: ActorRef | None) -> set[str]:
    """The sides an event of ``source`` is never aimed at: its own. A non-state group's
    host state is another side: insurgents mostly fight the state they are based in ("the
    Afghan government must release the prisoners", said by a Taliban spokesman)."""
    if source is None:
        return set()
    return {side(source)} - {None}


def subjects_of(trigger: Token) -> list[Token]:
    """Who the trigger's clause says acts, with the conjuncts ("Moscow and Minsk will use
    ..."); a passive's subject suffers the act ("Iran will be destroyed"), it does not act."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("xcomp", "conj"):
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return [] if subject is None else [subject, *subject.conjuncts]


def _described(token: Token, trigger: Token | None) -> bool:
    """A party named in a relative clause describes the object, it is not the target: "will
    back any group that confronts Israel" supports the groups, not Israel."""
    if trigger is None:
        return False
    for ancestor in token.ancestors:
        if ancestor.i == trigger.i or ancestor.i == trigger.head.i:
            return False
        if ancestor.dep_ == "relcl":
            return True
    return False


def _identity(token: Token) -> bool:
    """What a first-person copula says the speaker is, not whom they aim at: "if I am
    President of the United States" names the speaker's own office."""
    described = token.dep_ == "attr"
    for ancestor in token.ancestors:
        if ancestor.lemma_ == "be":
            return described and any(c.dep_ == "nsubj" and lexicon().is_first_person(c)
                                     for c in ancestor.children)
        described = described or ancestor.dep_ == "attr"
    return False


def _home_ground(kb: KnowledgeBase, token: Token, source: ActorRef | None,
                 on: dt.date | None) -> bool:
    """A place of a non-state group's host state named as where something is ("Hamas would
    not disarm while foreign troops stayed in Gaza"): where the group is, not whom it aims
    at."""
    if source is None or not source.non_state or token.dep_ != "pobj" \
            or token.head.lower_ not in party_words().place_prepositions:
        return False
    party = party_of(kb, token, on)
    return party is not None and party.country == source.country


def _aimed_subjects(trigger: Token) -> list[Token]:
    """The subject of the words' own verb, and the party it belongs to, as a charge's or a
    demand's target: "Israel needs to stop building", "the AU should suspend him", "war
    maniacs of the puppet military made a provocation"."""
    verb = verb_of(trigger)
    subjects = subjects_of(verb)
    return subjects + [grand for subject in subjects for prep in subject.children
                       if prep.dep_ == "prep" and prep.lower_ == "of"
                       for grand in prep.children if grand.dep_ == "pobj"]


def _asks_itself(kb: KnowledgeBase, source: ActorRef | None,
                 condition: tuple[int, int] | None, tokens: list[Token],
                 on: dt.date | None) -> bool:
    """The condition asks the source's own side to act ("they would kill the hostages unless
    Romania withdraws its troops", given as Romania's words): nobody threatens to move
    themself, so the words are someone else's and no party they name is a safe target."""
    own = own_sides(source)
    return bool(own) and any(
        t.dep_ in ("nsubj", "nsubjpass") and side(party_of(kb, t, on)) in own
        for t in _in_condition(tokens, condition))


def target_ref(kb: KnowledgeBase, doc: Doc, source: ActorRef | None, addressee: ActorRef | None,
               trigger: Token | None, condition: tuple[int, int] | None, tokens: list[Token],
               on: dt.date | None, subject_suffers: bool = False,
               subject_aimed: bool = False, verbal: bool = False) -> ActorRef | None:
    """The party the event is aimed at, never the source's own side nor a co-actor of the
    trigger ("Moscow and Minsk will use atomic arms", said in Minsk: Moscow acts too), unless
    the trigger's subject suffers it ("Germany will pay a price") or is what a charge or a
    demand is aimed at (``subject_aimed``: "Israel needs to stop building settlements",
    tried first); never what a first-person copula says the speaker is ("if I am President
    of the United States"); none when the condition asks the source itself to act. The words
    of a ``verbal`` event (a charge, a rejection, a threat) are aimed at the owner of a thing
    the article named before with its owner ("India rejects the report" after "the UN
    report"); a material act's object ("pull out the troops") is no such thing."""
    own = own_sides(source)
    if addressee is not None and addressee.country and side(addressee) not in own:
        return addressee
    if _asks_itself(kb, source, condition, tokens, on):
        return None
    inside = {t.i for t in tokens}
    aimed = [t for t in _aimed_subjects(trigger) if t.i in inside] \
        if trigger is not None and subject_aimed else []
    actors = {t.i for t in subjects_of(trigger)} \
        if trigger is not None and not subject_suffers and not subject_aimed else set()
    for token in aimed + _candidates(doc, trigger, condition, tokens):
        if token.i in actors or _described(token, trigger) or _identity(token) \
                or _home_ground(kb, token, source, on):
            continue
        party = party_of(kb, token, on) \
            or (_owner_named_before(kb, token, on) if verbal else None) \
            or _group_described(kb, token, on) or _institution(kb, token, on) \
            or _referent(kb, token, own, on)
        if side(party) is not None and side(party) not in own \
                and (source is None or party.actor_id != source.actor_id):
            return party
    return None


def carried_target(earlier: Event | None, source: ActorRef | None, start: int, text: str,
                   event_type: str, trigger: Token | None) -> ActorRef | None:
    """The target of the side's last event when a quotation of the same side a paragraph or
    two later names none: "Ban called the launch deplorable", then "it threatens regional
    stability"; the story is still about that party. ``start`` is where the quotation begins
    in ``text``. Not a threat: one that names no one ("ready to respond to any provocation")
    is a posture aimed at no party; nor words that name what they act on ("could veto the
    package"), resolvable or not."""
    if earlier is None or earlier.target is None or earlier.evidence is None \
            or event_type == "THREATEN" or names_object(trigger) \
            or side(source) is None or side(earlier.source) != side(source):
        return None
    between = text.count("\n", earlier.evidence[1], start)
    return earlier.target if between <= NEARBY_BREAKS else None


def voiced_by(kb: KnowledgeBase, tokens: list[Token], on: dt.date | None,
              informant: bool = False) -> ActorRef | None:
    """The side a speaker the article does not place speaks for, when the quoted words give
    it as the subject of a stated position: "the UN would like to see the government review
    the incidents" (said by a spokesman the KB does not know), "Pakistan welcomes the
    proposal". Only a quotation's main verb counts, not a clause inside it. An
    ``informant`` (a medium, a report or unnamed sources the writer cites for a fact:
    "according to official sources, Brazil and Peru discussed ...") tells of the act of
    whoever is the subject of any main verb: the words are that party's."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i in inside and token.head.i != token.i:
            continue
        if token.pos_ != "VERB" or not (
                informant or token.lemma_.lower() in party_words().stance_verbs):
            continue
        for subject in (c for c in token.children if c.dep_ == "nsubj" and c.i in inside):
            party = party_of(kb, subject, on)
            if party is not None:
                return party
    return None


def _other(story: ActorRef | None, source: ActorRef | None) -> ActorRef | None:
    """The story's state, unless it is the source's own side or, for a non-state group, the
    state it is based in (the story's place when the group speaks: "Hamas would not disarm
    while foreign troops stayed in Gaza")."""
    home = source.country if source is not None and source.non_state else None
    return None if story is None or side(story) in own_sides(source) | {home} else story


def _counterpart(event: Event, aimed: list[Event], speaking: set[str]) -> ActorRef | None:
    """The party the event's side aims at most often in the article, if one does so more
    often than any other and speaks in the article too."""
    own = own_sides(event.source)
    counts = Counter(side(e.target) for e in aimed if side(e.source) == side(event.source)
                     and side(e.target) in speaking - own)
    top = counts.most_common(2)
    if not top or (len(top) > 1 and top[0][1] == top[1][1]):
        return None
    return next(e.target for e in aimed if side(e.target) == top[0][0])


def story_state(kb: KnowledgeBase, doc: Doc, on: dt.date | None) -> ActorRef | None:
    """The state the article names most often, if it names one more often than any other."""
    resolved = (kb.resolve(entity.text, on) for entity in entities(doc))
    return most_named([(ref.country, ref) for ref in resolved
                       if ref is not None and ref.country and ref.actor_id == ref.country])


def story_targets(events: list[Event], story: ActorRef | None = None,
                  group: ActorRef | None = None) -> list[Event]:
    """The article's events, each that names no target and is no threat (a threat naming no
    one is a posture, ``carried_target``) aimed at the side its source faces in the story:
    the party the source's side aims at most often elsewhere in the article, when that party
    speaks in it too (one of the story's two sides, not a place the words pass by). "The
    calm is finished because the enemy did not abide by its obligations", said by a Hamas
    spokesman in a story where Hamas accuses Israel twice, is aimed at Israel. Failing that,
    at ``story``, the state the article names most often (``story_state``), when it is not
    the source's own: "the election fell short of our standards", said by observers in a
    story about Zimbabwe; failing that, at ``group``, the group the story is about
    (``actors.link.story_group``), when it is not the source's own. A threat that names no
    one is aimed at that group alone ("We will decide when and how we act", said by the
    Israeli prime minister in a story about Hamas): elsewhere it is a posture. What the words
    say and the confidence they give stay as they were."""
    aimed = [e for e in events if side(e.source) is not None and side(e.target) is not None
             and side(e.target) not in own_sides(e.source)]
    speaking = {s for s in (side(e.source) for e in events) if s is not None}
    filled = []
    for event in events:
        target = None if event.target is not None or side(event.source) is None \
            else _other(group, event.source) if event.type == "THREATEN" \
            else (_counterpart(event, aimed, speaking) or _other(story, event.source)
                  or _other(group, event.source))
        filled.append(event if target is None
                      else event.model_copy(update={"target": target}).knowing(event.signals))
    return filled
