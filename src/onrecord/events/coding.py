"""Which PLOVER event a stretch of words reports: type, mode, the trigger word, contexts.

Rules over lemmas and the parse (``data/plover.yaml``). A threat is a harm the speaker says
they will, would or could do: the same force words looking back ("struck the depot") report an
assault instead. A threat in a denied or negated clause stays a threat with ``negated`` set, so
that it can be counted apart ("did not threaten" is not a threat).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from onrecord.events.lexicon import Lexicon, lexicon
from onrecord.modality import is_negated, words
from onrecord.nlp import verb_of

# How far up the parse a negator may sit above the trigger, within its clause ("will not use
# ... weapons": on the trigger; "has no intention of going to war": five steps up).
NEGATION_DEPTH = 6
# How far up from a noun trigger its clause's verb may sit ("launch a preemptive strike on").
GOVERNOR_DEPTH = 4
_CLAUSE_BOUNDARIES = {"ROOT", "ccomp", "advcl", "parataxis", "relcl", "conj"}
# Clauses that say something of a noun, not what the sentence's verb does.
_OWN_CLAUSES = {"relcl", "acl"}


@dataclass(frozen=True)
class Coded:
    type: str
    mode: str | None
    trigger: Token | None  # None when the cue alone codes the event
    negated: bool
    contexts: tuple[str, ...]
    basis: str = "words"  # what decided the type: one of ``BASES``


# What decided an event's type, from the most to the least direct: the cue itself ("accused"),
# a threat idiom ("will not stand idly by"), force words looking forward ("would strike"),
# other trigger words in the quotation, an announced act ("will send troops"), an act the
# writer reports beside a quotation. The confidence model weighs them (``confidence``).
BASES = ("cue", "idiom", "threat", "words", "promised", "reported")


@dataclass(frozen=True)
class _Lemmas:
    """The lemmas of some tokens joined by spaces, and which token each character belongs to."""

    text: str
    owner: list[Token]

    @classmethod
    def of(cls, tokens: list[Token]) -> _Lemmas:
        parts: list[str] = []
        owner: list[Token] = []
        for token in tokens:
            if token.is_punct or token.is_space:
                continue
            lemma = token.lemma_.lower() if token.pos_ != "PROPN" else token.lower_
            if parts:
                parts.append(" ")
                owner.append(token)
            parts.append(lemma)
            owner.extend([token] * len(lemma))
        return cls("".join(parts), owner)

    def find_all(self, patterns: tuple[re.Pattern[str], ...]) -> list[Token]:
        """The first token of every match, in text order."""
        starts = sorted({m.start() for p in patterns for m in p.finditer(self.text)})
        return [self.owner[s] for s in starts]


def _negated(token: Token) -> bool:
    """Whether the trigger's clause is negated. A trigger that is itself the negator ("will
    not give up", "would never accept": rejections) is the event's words, not a denial."""
    if token.dep_ == "neg" or token.lower_ in words().negators:
        return False
    word = token
    blockers = words().negation_blockers
    for _ in range(NEGATION_DEPTH):
        if word.lemma_.lower() in blockers or (  # "will not hesitate to defend"
                word.dep_ in ("xcomp", "dobj", "pobj", "acl")
                and word.head.lemma_.lower() in blockers):
            return False
        if is_negated(word):
            return True
        if word.dep_ in _CLAUSE_BOUNDARIES or word.head.i == word.i:
            return False
        word = word.head
    return False


def _governing_verb(trigger: Token) -> Token:
    """The verb whose clause the trigger belongs to: itself, or the verb its noun phrase hangs
    on ("might launch a preemptive strike", "will be met with force")."""
    word = trigger
    for _ in range(GOVERNOR_DEPTH):
        if word.pos_ in ("VERB", "AUX") or word.head.i == word.i:
            break
        word = word.head
    return word


def _forward(trigger: Token, tokens: list[Token], lex: Lexicon) -> bool:
    """The trigger's own clause speaks of what will, would or could happen ("will respond",
    "might launch a strike", "ready to strike"); "Ukraine paid that price" does not, nor does a
    modal elsewhere in the sentence ("we will keep saying the use of force was a mistake")."""
    verb = _governing_verb(trigger)
    for word in (verb, *([verb.head] if verb.dep_ in ("xcomp", "conj") else [])):
        if word.lemma_.lower() in lex.future_words and word.dep_ != "aux":
            return True  # "ready to strike", "going to respond"
        if any(c.dep_ in ("aux", "auxpass") and (c.lower_ in lex.future_words
                                                 or c.lemma_.lower() in lex.future_words)
               for c in word.children):
            return True
    sentence = trigger.sent
    lowered = " ".join(t.lower_ for t in tokens if sentence.start <= t.i < sentence.end)
    return any(" " in w and w in lowered for w in lex.future_words)


def _conditioned(trigger: Token, condition: tuple[int, int] | None) -> bool:
    """The condition bears on the trigger's clause: it hangs on the trigger's verb or a verb
    above it ("if they cross, we will use force"; "any attack will be met with force"). Not a
    harm word in a clause of its own beside it ("when we go on the offensive, we take the
    havens of the militants we are fighting"), nor one in another sentence."""
    if condition is None:
        return False
    inside = {t.i for t in trigger.sent if condition[0] <= t.idx < condition[1]}
    bearing = inside | {trigger.doc[i].head.i for i in inside}
    word = trigger
    while True:
        if word.i in bearing:
            return True
        if word.dep_ in _OWN_CLAUSES or word.head.i == word.i:
            return False
        word = word.head


def _excepted(trigger: Token, condition: tuple[int, int] | None) -> bool:
    """ "would not use nuclear weapons unless its sovereignty is violated": a denial with an
    exception says when the act would come; it is a conditional threat, not a denied one."""
    if condition is None or not _conditioned(trigger, condition):
        return False
    first = next(t for t in trigger.sent if condition[0] <= t.idx < condition[1])
    return first.lower_ in words().exception_condition_words


def _subject(verb: Token, through: tuple[str, ...] = ("xcomp", "conj")) -> Token | None:
    """The verb's subject, or the subject of the verb it hangs on ``through`` ("has become a
    tool and threatens to", "vowed to strike")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in through:
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return subject


def _denied_by_subject(trigger: Token, lex: Lexicon) -> bool:
    """ "nothing can destroy symbols", "no one will attack us": the subject denies the act."""
    subject = _subject(_governing_verb(trigger))
    return subject is not None and (subject.lower_ in lex.negative_subjects or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children))


def _occurs(verb: Token, lex: Lexicon) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in lex.occurrence_verbs or any(
        f"{lemma} {c.lower_}" in lex.occurrence_verbs for c in verb.children
        if c.dep_ in ("prt", "dobj"))


def _judged(subject: Token, lex: Lexicon) -> bool:
    """ "military action would not be enough", "war is no solution": a harm that is the subject
    of a copula is weighed, not held over anyone; the speaker's own ("our response will be
    swift") is still a threat."""
    return subject.head.lemma_ == "be" and not any(
        c.dep_ == "poss" and lex.is_first_person(c) for c in subject.children)


def _foretold(noun: Token, lex: Lexicon) -> bool:
    """ "There will be another war": a harm that is said to exist is foretold, no party's
    act; one that answers ("there will be a response") is the speaker's."""
    return noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children) \
        and noun.lemma_.lower() not in lex.answers


def _not_held_over(trigger: Token, condition: tuple[int, int] | None, lex: Lexicon) -> bool:
    """Force words telling of an act going on ("it will continue fighting the militants") or
    of a harm foretold ("more such attacks could take place", "war may break out", "there will
    be war") are no act the speaker holds over another party; an act going on until a
    condition is met is ("vowed to keep attacking ships until the siege is lifted")."""
    noun = trigger.head if trigger.dep_ in ("amod", "compound") else trigger  # "military action"
    if noun.pos_ in ("NOUN", "PROPN") and noun.dep_ == "nsubj" and (
            _occurs(noun.head, lex) or _judged(noun, lex)):
        return True
    if _conditioned(trigger, condition):
        return False
    if _foretold(noun, lex):
        return True
    verb = _governing_verb(trigger)
    return (verb.i != trigger.i and verb.lemma_.lower() in lex.ongoing_verbs) or (
        verb.dep_ in ("xcomp", "advcl") and verb.head.lemma_.lower() in lex.ongoing_verbs)


def _in_subject_clause(trigger: Token) -> bool:
    """ "supplying missiles to Ukraine would make Berlin a party": an act named as the subject
    of a judgement is what the speaker weighs, not what anyone does or promises."""
    return any(t.dep_ in ("csubj", "csubjpass")
               or (t.dep_ in ("nsubj", "nsubjpass") and t.tag_ == "VBG")
               for t in (trigger, *trigger.ancestors))


def _by_speakers_side(verb: Token, lex: Lexicon) -> bool:
    """The verb's subject is the speaker's own side ("we should", "we failed to")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and lex.is_first_person(c)
               for c in verb.children)


def _supposed(modal: Token, verb: Token, lex: Lexicon) -> bool:
    """A modal that supposes, compares or is asked about asks nothing: "if the envoys should
    leave", "should the talks fail", "talks more than he should", "how people should live"."""
    marked = any(c.dep_ == "mark" and c.lower_ in lex.supposing_marks
                 for c in (*modal.children, *verb.children))
    inverted = modal.dep_ == "aux" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i > modal.i for c in verb.children)
    asked = any(c.tag_ in ("WRB", "WP", "WDT") and c.i < modal.i for c in verb.children)
    return marked or inverted or asked


def _asks_another(trigger: Token, lex: Lexicon) -> bool:
    """A request asks something of another party now ("Israel needs to stop building", "the
    AU should suspend him"); not a modal that binds the speaker's own side ("we should
    inspire more kids") or denies the need ("there was no need to deploy troops"), nor one
    that supposes ("if the envoys should leave"), nor any request in a past modal ("should
    never have been released", "they should have requested his extradition"): a judgement of
    what was done."""
    verb = verb_of(trigger)
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) and any(
            c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return False
    if trigger.lemma_.lower() not in lex.deontic_modals:
        return True
    if _supposed(trigger, verb, lex):
        return False
    return not any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children) \
        and not _by_speakers_side(verb, lex)


def _own_doing(trigger: Token, lex: Lexicon) -> bool:
    """A wrong the speaker's own side did or may do is no charge against anyone: "we failed
    to protect them", "if we ignore the resolution". Charging is not such a wrong ("we
    condemn the launch", "we hold them responsible"), nor is a wrong the speaker names ("we
    view it as a violation"): a noun's doer is its owner ("our violation"), not the subject of
    the verb it hangs on, and so is the doer of the noun a charged word modifies ("I suffered
    from their unjust campaigns")."""
    if (cue_type(trigger, lex) or "").startswith("ACCUSE") or \
            trigger.lemma_.lower() in lex.charge_verbs:
        return False
    noun = trigger.head if trigger.dep_ in ("amod", "compound") else trigger
    if noun.pos_ in ("NOUN", "PROPN"):
        return any(c.dep_ == "poss" and lex.is_first_person(c) for c in noun.children)
    return _by_speakers_side(_governing_verb(trigger), lex)


# Roles of a word that names someone or something rather than doing ("the accused", "the
# condemned man").
_NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "amod", "compound", "appos", "attr"}
# How a charged word hangs on the legal step that makes it someone else's charge ("arrested
# him for inciting", "the corruption investigation", "an inquiry into abuses").
_PROCESS_LINKS = {"prep", "pobj", "pcomp", "compound", "amod"}


def _charged_by_others(trigger: Token, lex: Lexicon) -> bool:
    """A charge the words report rather than make: a charge verb naming the one charged ("the
    accused will appeal", "the condemned men") or in the passive ("he was accused of lying"),
    and a wrong that is what a legal step is about ("was charged with inciting violence",
    "arrested them for looting", "the inquiry into corruption"): the police's, the court's or
    the investigators' charge, not the speaker's."""
    if trigger.lemma_.lower() in lex.charge_acts and trigger.tag_ == "VBN" \
            and trigger.dep_ in _NOMINAL_DEPS:
        return True
    word = trigger
    while True:
        if word.lemma_.lower() in lex.legal_steps or (
                word.lemma_.lower() in lex.charge_acts and _passive(word)):
            return True
        if word.dep_ not in _PROCESS_LINKS or word.head.i == word.i:
            return False
        word = word.head


# How a named wrong hangs on the verb that names it ("was a coup d'etat", "pose a grave
# danger to", "amounts to a crime").
_NAMING_LINKS = {"attr", "dobj", "oprd", "pobj", "prep", "compound", "nmod", "amod", "appos",
                 "conj"}


def _names_nothing(trigger: Token, lex: Lexicon) -> bool:
    """A verb that names a wrong ("the vote was a coup", "the drills pose a danger") charges
    only when the wrong is its own attribute or object, not a word further on in another
    clause ("the advisory is unusual, but threats are common") or under a passive ("we were
    told of threats")."""
    if trigger.lemma_.lower() not in lex.naming_verbs:
        return False
    for word in trigger.sent:
        if word.lemma_.lower() not in lex.named_wrongs:
            continue
        while word.dep_ in _NAMING_LINKS and word.head.i != word.i:
            word = word.head
            if word.i == trigger.i:
                return False
    return True


def _a_principle(trigger: Token) -> bool:
    """A wrong named in general and judged is a principle, no charge against anyone: "torture
    is unacceptable", "violence is never the answer" (a bare noun with no article, owner or
    modifier naming a party as the subject of "be"); "the occupation is illegal" charges."""
    verb = _governing_verb(trigger)
    subject = _subject(verb, through=())
    return verb.lemma_ == "be" and subject is not None and subject.pos_ == "NOUN" \
        and not any(c.dep_ in ("det", "poss", "compound", "amod", "nmod", "prep")
                    for c in subject.children)


def _passive(cue: Token) -> bool:
    """ "is accused of taking bribes", "was charged with inciting violence", "was urged to
    resign": the subject is the one charged or asked, so the words are none of theirs."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children)


def cue_type(cue: Token, lex: Lexicon) -> str | None:
    """The type a speech-act verb codes by itself ("accused", "called on", "called for"), as
    ``TYPE`` or ``TYPE/mode``; a phrasal one by its lemma and particle or preposition; an
    asking verb by the "that" clause it reports."""
    lemma = cue.lemma_.lower()
    for child in cue.children:
        if child.dep_ in ("prt", "prep") and f"{lemma} {child.lower_}" in lex.cues:
            return lex.cues[f"{lemma} {child.lower_}"]
        if lemma in lex.asking_cues and child.dep_ == "ccomp" and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            return "REQUEST"  # "asked that the council meet"
    return lex.cues.get(lemma)


def contexts_of(words: str, lex: Lexicon) -> tuple[str, ...]:
    return tuple(name for name, pattern in lex.contexts.items() if pattern.search(words))


def _mode(event_type: str, lemmas: str, lex: Lexicon) -> str | None:
    for mode, pattern in lex.modes.get(event_type, {}).items():
        if pattern.search(lemmas):
            return mode
    return None


# Entities that can act (make a threat): people, bodies, states and peoples; not places
# (``actors.link.PARTY_ENTS`` also takes places, which can stand for a state).
_ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}


def _conjoined_above(word: Token) -> list[Token]:
    """The verbs a conjunct hangs on, up the chain ("beaten" and "robbed" for "threatened" in
    "were beaten, robbed and threatened")."""
    above = []
    while word.dep_ == "conj" and word.head.i != word.i:
        word = word.head
        above.append(word)
    return above


def _names_a_danger(trigger: Token, lex: Lexicon) -> bool:
    """ "The presence of foreign warships threatens our security": a thing that threatens is a
    danger the speaker names, not a threat anyone makes; "the villagers were threatened with
    eviction" ("were beaten and threatened") and "by threatening us they hope to silence us" tell
    of someone else's threat."""
    if trigger.lemma_.lower() not in lex.danger_verbs or trigger.pos_ != "VERB":
        return False
    passive = [trigger, *_conjoined_above(trigger)]  # "were beaten, robbed and threatened"
    if any(c.dep_ in ("nsubjpass", "auxpass") for word in passive for c in word.children) \
            or any(c.dep_ == "dobj" and lex.is_first_person(c) for c in trigger.children):
        return True
    subject = _subject(trigger, through=("conj",))
    if subject is None:
        return False
    return subject.ent_type_ not in _ACTOR_ENTS and subject.pos_ != "PROPN" \
        and subject.lower_ not in lex.party_pronouns


def _a_topic(trigger: Token, lex: Lexicon) -> bool:
    """A harm noun someone else owns or the words are about is no threat: "the president's
    war", "will consult them on the war against extremists" ("our response" still is)."""
    if trigger.pos_ != "NOUN":
        return False
    owned = any(c.dep_ == "poss" and not lex.is_first_person(c) for c in trigger.children)
    about = trigger.dep_ == "pobj" and trigger.head.lower_ in lex.topic_prepositions
    return owned or about


def _aimed_at_speaker(trigger: Token, lex: Lexicon) -> bool:
    """ "The enemy could strike our ports", "they will attack us": a harm aimed at the
    speaker's own side is another party's act, a danger the speaker warns of; what the
    speaker defends is theirs to defend ("we will defend our territory")."""
    if trigger.lemma_.lower() in lex.protective or _by_speakers_side(trigger, lex):
        return False  # "we will answer with every means at our disposal"
    aimed = [c for c in trigger.children if c.dep_ == "dobj"]
    aimed += [o for c in trigger.children if c.dep_ == "prep" and c.lower_ in lex.aimed_prepositions
              for o in c.children if o.dep_ == "pobj"]
    return any(lex.is_first_person(o) or any(c.dep_ == "poss" and lex.is_first_person(c)
                                             for c in o.children) for o in aimed)


def _averted(trigger: Token, lex: Lexicon) -> bool:
    """ "to defeat attacks on civil liberties", "we must prevent a war": a harm the speaker
    would avert is not one they hold over anyone."""
    noun = trigger.head if trigger.dep_ in ("amod", "compound") else trigger
    return noun.pos_ == "NOUN" and noun.dep_ == "dobj" \
        and noun.head.lemma_.lower() in lex.averting_verbs


def _suffered_by_own_side(trigger: Token, lex: Lexicon) -> bool:
    """ "We will pay a heavy price", "we would regret it": a harm the speaker's own side
    will suffer is no threat (the subject of these words suffers, "Hamas will regret it")."""
    return trigger.lemma_.lower() in lex.suffered_by_subject \
        and _by_speakers_side(_governing_verb(trigger), lex)


def _feared(trigger: Token, lex: Lexicon) -> bool:
    """ "We fear that the rebels will attack the town": a harm in a clause of fearing is a
    danger, not the speaker's act."""
    return any(a.lemma_.lower() in lex.fearing_verbs for a in trigger.ancestors)


def _questioned(trigger: Token) -> bool:
    """ "Will you strike Iran?": a question threatens nobody (a reporter's, or one the
    speaker repeats)."""
    return any(t.text == "?" for t in trigger.sent if t.i > trigger.i)


def _direction(trigger: Token, lex: Lexicon) -> bool:
    """A trigger word used as an adverb or a particle of direction tells where, not the act:
    "bring the island back under their rule" backs nobody."""
    return trigger.dep_ in ("advmod", "prt") and trigger.lower_ in lex.directions


def _refuses(verb: Token, lex: Lexicon) -> bool:
    """A verb of giving in or coming to terms, negated: a refusal, however far the negation
    ("we do not like to negotiate with kidnappers", "they are not going to accept the plan")."""
    if verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    phrasal = {f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt"}
    return (lemma in lex.refusable or bool(phrasal & lex.refusable)) and _negated(verb)


def _no_threat(trigger: Token, condition: tuple[int, int] | None, told: list[Token],
               lex: Lexicon) -> bool:
    """Force words that hold nothing over another party (the annotation guide's not-threats):
    a question, a danger feared, warned of or named (``told``: the words that name one), a
    topic, a harm the speaker's side would suffer, avert or is aimed at, an act going on or
    foretold."""
    return _questioned(trigger) or _feared(trigger, lex) or _a_topic(trigger, lex) \
        or _suffered_by_own_side(trigger, lex) or _not_held_over(trigger, condition, lex) \
        or _aimed_at_speaker(trigger, lex) or _averted(trigger, lex) or any(
            trigger.is_ancestor(t) or t.is_ancestor(trigger) or t.i == trigger.i for t in told)


def code_words(tokens: list[Token], cue: Token | None, condition: tuple[int, int] | None,
               context_text: str, cued_as: str | None = None) -> Coded | None:
    """The event that ``tokens`` (a quotation's words, or a sentence) report, if any.

    ``cue`` is the reporting word ("warned", "accused"); ``condition`` is the character span
    of the words' condition (which makes a threat trigger of its sentence forward-looking);
    ``context_text`` is where the
    contexts are read (the quotation with its sentence); ``cued_as`` is the type the cue codes
    by itself where its lemma alone does not say ("told X to": a directive)."""
    lex = lexicon()
    lemmas = _Lemmas.of(tokens)
    cue_lemma = cue.lemma_.lower() if cue is not None else None
    contexts = contexts_of(context_text.lower() + " " + lemmas.text, lex)
    cued_threat = cue_lemma in lex.threat_cues
    cued = cued_as or (cue_type(cue, lex) if cue is not None else None)
    if cued_as is None and cued is not None and _passive(cue):
        return None
    if cued is not None and tokens and not cued.startswith("THREATEN"):
        # "accused Caracas of 'threatening the peace'": the quoted words are what is alleged
        # or asked for, not the speaker's own threat.
        event_type, _, mode = cued.partition("/")
        return Coded(event_type, mode or _mode(event_type, lemmas.text, lex), None,
                     False, contexts, "cue")
    asked = cued_as is None and cue_lemma in lex.question_cues
    for trigger in lemmas.find_all(lex.threat_idioms):
        if not (asked or _questioned(trigger)):
            return Coded("THREATEN", None, trigger, False, contexts, "idiom")
    # A threat the words make wins over one they deny: "did not want war but would defend
    # every inch" threatens; a denied threat is coded only when the words make no other.
    denied: Coded | None = None
    told = [t for t in tokens if _names_a_danger(t, lex)]
    for mode, patterns in lex.threats.items():
        for trigger in lemmas.find_all(patterns):
            if asked or _no_threat(trigger, condition, told, lex):
                continue
            if cued_threat or _conditioned(trigger, condition) or _forward(trigger, tokens,
                                                                           lex):
                negated = (_negated(trigger) or _denied_by_subject(trigger, lex)) \
                    and not _excepted(trigger, condition)
                coded = Coded("THREATEN", mode, trigger, negated, contexts, "threat")
                if not coded.negated:
                    return coded
                denied = denied or coded
    if denied is not None:
        return denied
    if cued is not None and tokens:
        event_type, _, mode = cued.partition("/")
        return Coded(event_type, mode or _mode(event_type, lemmas.text, lex), None,
                     False, contexts, "cue")
    promised: Coded | None = None
    refused = [t for t in tokens if _refuses(t, lex)]
    for event_type in lex.priority:
        found = lemmas.find_all(lex.types.get(event_type, ()))
        if event_type == "REJECT":
            found = sorted({*found, *refused}, key=lambda t: t.i)
        for trigger in found:
            if (event_type in lex.verb_types and trigger.pos_ != "VERB") or \
                    _direction(trigger, lex):
                continue
            if _in_subject_clause(trigger) or (event_type == "REQUEST"
                                                and not _asks_another(trigger, lex)):
                continue
            if event_type in lex.talked_types and trigger.pos_ == "NOUN" and \
                    _governing_verb(trigger).lemma_.lower() in lex.talk_verbs:
                continue  # "discussed cooperation agreements": a meeting, no deal yet
            if event_type == "ACCUSE" and (_a_topic(trigger, lex) or _own_doing(trigger, lex)
                                            or _charged_by_others(trigger, lex)
                                            or _names_nothing(trigger, lex)
                                            or _a_principle(trigger)):
                continue
            if event_type in lex.ultimatum_types and _excepted(trigger, condition) \
                    and _forward(trigger, tokens, lex):
                return Coded("THREATEN", None, trigger, False, contexts, "threat")
            if event_type in lex.promised_types and _forward(trigger, tokens, lex):
                kept = lex.promised_as.get(event_type, event_type)  # "would cooperate": AGREE
                promised = promised or Coded(kept, _mode(kept, lemmas.text, lex), trigger,
                                             _negated(trigger), contexts, "promised")
                continue
            coded = Coded(event_type, _mode(event_type, lemmas.text, lex), trigger,
                          _negated(trigger) and trigger not in refused, contexts)
            if not coded.negated:
                return coded
            denied = denied or coded
    return promised or denied
