"""Conditions, hedges and negation: how sure and on which terms a speaker says something.

Event coders drop these; a conditional threat ("if anyone crosses our border, the answer will be
instant") is still a threat, but analysts need the condition, in the article's own words.
This stage reads them from the parse over each quotation's spans; the word lists are in
``data/modality.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property, lru_cache
from typing import Annotated

from pydantic import BeforeValidator, Field
from spacy.tokens import Doc, Token

from onrecord.analysis import Quotation
from onrecord.datafiles import DataFile, read_yaml
from onrecord.model import Span

Phrases = Annotated[tuple[tuple[str, ...], ...], BeforeValidator(
    lambda items: sorted((tuple(p.split()) for p in items), key=len, reverse=True))]


class Words(DataFile):
    """``data/modality.yaml``; phrases are split into words, longest first."""

    condition_words: frozenset[str]
    clause_condition_words: frozenset[str]
    own_subjects: frozenset[str] = Field(alias="clause_condition_own_subjects")
    not_condition_after: frozenset[str]
    condition_phrases: Phrases
    condition_fixed: Phrases
    fallback_markers: Phrases = Field(alias="fallback_condition_markers")
    not_conditions: Phrases = Field(alias="not_condition_phrases")
    consequence_verbs: frozenset[str] = Field(alias="imperative_consequence_verbs")
    inverted_auxiliaries: frozenset[str] = Field(alias="inverted_condition_auxiliaries")
    implicit_openers: frozenset[str] = Field(alias="implicit_condition_openers")
    relative_openers: frozenset[str] = Field(alias="implicit_condition_relative_openers")
    supposed_acts: frozenset[str] = Field(alias="implicit_condition_acts")
    supposing_modals: frozenset[str] = Field(alias="implicit_condition_supposing_modals")
    implicit_modals: frozenset[str] = Field(alias="implicit_condition_modals")
    fronted_when: frozenset[str] = Field(alias="fronted_condition_words")
    hedge_modals: frozenset[str]
    hedge_phrases: Phrases
    denial_cues: frozenset[str]
    negators: frozenset[str]
    not_negating_before: frozenset[str]
    exception_condition_words: frozenset[str]

    @cached_property
    def by_first_word(self) -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
        """Each list of phrases by first word, in its order (longest first): a quotation's
        words are each tried against the few phrases they can begin, not against all."""
        lists = {"condition_fixed": self.condition_fixed,
                 "condition_phrases": self.condition_phrases, "hedge_phrases": self.hedge_phrases,
                 "fallback_markers": self.fallback_markers,
                 "not_conditions": self.not_conditions}
        index: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {}
        for name, phrases in lists.items():
            starting: dict[str, tuple[tuple[str, ...], ...]] = {}
            for phrase in phrases:
                starting[phrase[0]] = (*starting.get(phrase[0], ()), phrase)
            index[name] = starting
        return index
    negation_blockers: frozenset[str]


@lru_cache(maxsize=1)
def words() -> Words:
    return read_yaml("modality.yaml", Words)


def tokens_in(doc: Doc, spans: list[Span]) -> list[Token]:
    """The tokens that start inside ``spans``, in text order."""
    tokens: list[Token] = []
    for start, end in spans:
        piece = doc.char_span(start, end, alignment_mode="expand")
        if piece is not None:
            tokens.extend(t for t in piece if start <= t.idx < end)
    return tokens


def _starting(lower: list[str], i: int, phrases: dict[str, tuple[tuple[str, ...], ...]]
              ) -> Iterator[tuple[str, ...]]:
    """Those of ``phrases`` (by first word, ``Words.by_first_word``) that the words from ``i``
    on begin with (``lower``: the tokens' lower-case forms, read once per quotation), in order."""
    return (phrase for phrase in phrases.get(lower[i], ())
            if tuple(lower[i:i + len(phrase)]) == phrase)


def _trim(tokens: list[Token]) -> Span | None:
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _clause(opener: Token, head: Token, allowed: set[int]) -> list[Token]:
    """The opener and the clause it heads, kept inside the quotation's tokens. When the
    parser made the condition the main clause ("Unless the siege ends the city will starve"),
    it stops at a comma or where the consequence hung on it begins."""
    doc = opener.doc
    start = min(opener.i, head.left_edge.i)
    end = max(opener.i, head.right_edge.i)
    if head.dep_ == "ROOT":
        stops = [c.left_edge.i for c in head.children
                 if c.dep_ in ("ccomp", "conj", "parataxis", "cc") and c.i > head.i]
        stops += [t.i for t in doc[head.i:end + 1] if t.text == ","]
        end = min([end, *(i - 1 for i in stops)])
    return [t for t in doc[start:end + 1] if t.i in allowed]


def _bare(token: Token) -> str:
    """The word in lower case without editorial brackets: "[i]f" reads "if"."""
    return token.lower_.replace("[", "").replace("]", "")


def _word_condition(token: Token, allowed: set[int], w: Words) -> list[Token] | None:
    word = _bare(token)
    if word in w.clause_condition_words:
        # "until the blockade is lifted": the marker of a clause after it, with its subject;
        # "until we die" is the speaker's own end, no term set to anyone
        head = token.head
        subjects = _subjects(head)
        opens = token.dep_ == "mark" or token.dep_ == "advmod" and head.dep_ == "advcl"
        if not opens or head.i <= token.i or not subjects or _by_own_side(subjects, w) \
                or _told_as_past(head):
            return None
        return _clause(token, head, allowed)
    if word not in w.condition_words:
        return _inverted_condition(token, allowed, w)
    before = token.doc[token.i - 1] if token.i else None
    if before is not None and (before.lower_ in w.not_condition_after
                               or before.lemma_.lower() in w.not_condition_after):
        return None
    head = token.head
    # "if" not heading a clause of its own, or heading an editorial bracket ("if [South
    # Korea] challenges ...", "[i]f [South Korea] sets up ...", which the parser reads as
    # no clause): the condition runs to the next stop.
    if head.i <= token.i or head.tag_ == "XX" or word != token.lower_:
        following = [t for t in token.doc[token.i + 1:] if t.i in allowed]
        opening = before is not None and before.text == "[" and not before.whitespace_ \
            and before.i in allowed
        clause = [before, token] if opening else [token]
        for t in following:
            if t.is_punct and t.text in ",;:.!?":
                break
            clause.append(t)
        return clause if clause[-1].i > token.i else None
    if _looks_forward(head, w):  # "unclear if the talks will resume": a question
        return None
    return _clause(token, head, allowed)


def _told_as_past(clause: Token) -> bool:
    """The clause hangs on a verb told in the past with no modal ("ruled the island until
    the country gained independence", "whenever we have acted, they have punished us"): a
    time or a habit, no condition ("would strike if they attacked" is one)."""
    verb = clause.head
    if clause.dep_ != "advcl" or verb.i == clause.i:
        return False
    parts = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    if any(p.tag_ == "MD" for p in parts):
        return False
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(
        p.lemma_ == "have" or p.tag_ == "VBD" for p in parts[1:])


def _inverted_condition(token: Token, allowed: set[int], w: Words) -> list[Token] | None:
    """ "Should they cross the line, ...": the auxiliary opens a clause before its subject."""
    head = token.head
    if token.lower_ not in w.inverted_auxiliaries or token.dep_ != "aux" or head.i <= token.i:
        return None
    first = head.left_edge
    while first.is_punct and first.i < token.i:
        first = first.doc[first.i + 1]
    fronted = head.dep_ in ("advcl", "ccomp") and head.i < head.head.i
    if token.i != first.i or not (fronted or head.dep_ == "ROOT"):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i > token.i for c in head.children):
        return None
    return _clause(token, head, allowed)


def _phrase_condition(tokens: list[Token], lower: list[str], i: int, allowed: set[int],
                      w: Words) -> list[Token] | None:
    fixed = next(_starting(lower, i, w.by_first_word["condition_fixed"]), None)
    if fixed:
        return tokens[i:i + len(fixed)]
    phrase = next(_starting(lower, i, w.by_first_word["condition_phrases"]), None)
    if phrase is None:
        return None
    first = tokens[i]
    last = tokens[i + len(phrase) - 1]
    # "in case they attack": the phrase hangs on the verb of the clause after it
    clause_verb = first.head if first.head.i > last.i and first.head.dep_ != "ROOT" else last
    end = max(first.right_edge.i, last.right_edge.i, clause_verb.right_edge.i,
              last.head.right_edge.i if last.head.i > last.i else last.i)
    clause = [t for t in first.doc[first.i:end + 1] if t.i in allowed]
    cut = next((k for k, t in enumerate(clause) if k >= len(phrase) and t.text in ";"),
               len(clause))
    return clause[:cut]


def _looks_forward(verb: Token, w: Words) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in w.implicit_modals for c in verb.children)


def _fallback_condition(tokens: list[Token], lower: list[str], i: int, w: Words
                        ) -> list[Token] | None:
    """ "They must withdraw by Friday, otherwise we will strike", "Pay the debt. If not, we
    will seize the port": the demand before the marker, with the marker, is the condition of
    the consequence after it (which looks forward: "otherwise it was calm" is none)."""
    marker = next(_starting(lower, i, w.by_first_word["fallback_markers"]), None)
    if marker is None:
        return None
    sentence = tokens[i].sent
    after = [t for t in tokens[i + len(marker):] if t.i < sentence.end]
    if not any(t.tag_ == "MD" and t.lower_ in w.implicit_modals for t in after):
        return None
    before = [t for t in tokens[:i] if t.i >= sentence.start]
    if not any(t.is_alpha for t in before) and sentence.start > 0:  # "... . If not, we will"
        previous = tokens[i].doc[sentence.start - 1].sent
        before = [t for t in tokens[:i] if previous.start <= t.i < sentence.end]
    while before and not before[0].is_alpha:
        before = before[1:]
    return before + tokens[i:i + len(marker)] if before else None


def _imperative_condition(token: Token, allowed: set[int], w: Words) -> list[Token] | None:
    """ "Stop the drills or face the consequences", "leave now or we will drive you out": an
    order joined by "or" to what follows if it is not obeyed; the order is the condition."""
    order = token.head
    if token.lower_ != "or" or token.dep_ != "cc" or order.i > token.i or order.tag_ != "VB" \
            or any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in order.children):
        return None
    outcome = next((c for c in order.children if c.dep_ == "conj" and c.i > token.i), None)
    if outcome is None or not (_looks_forward(outcome, w)
                               or outcome.lemma_.lower() in w.consequence_verbs):
        return None
    return [t for t in token.doc[order.left_edge.i:token.i + 1] if t.i in allowed]


def _implicit_condition(token: Token, allowed: set[int], w: Words) -> list[Token] | None:
    """A consequence whose trigger is its subject: "any attack on our soil will be met with
    ...", "such a strike would bring a nuclear response", "whoever adopts new penalties will
    face a response in kind", "those who attack us will regret it". The subject phrase is the
    condition."""
    if token.dep_ not in ("nsubj", "nsubjpass", "csubj"):
        return None
    if token.dep_ == "csubj":  # "whoever adopts ...": the clause is the subject
        opener = next((c for c in token.children if c.dep_ == "nsubj"
                       and c.lower_ in w.implicit_openers), None)
    elif token.lower_ in w.relative_openers:  # "those who attack us will regret it"
        opener = token if any(c.dep_ == "relcl" for c in token.children) else None
    elif _supposed_act(token, w):  # "an attack on one ally would trigger a response"
        opener = token
    else:
        opener = token if token.lower_ in w.implicit_openers else next(
            (c for c in token.children if c.dep_ in ("det", "predet")
             and c.lower_ in w.implicit_openers), None)
    if opener is None or not _looks_forward(token.head, w):
        return None
    return [t for t in token.doc[token.left_edge.i:token.right_edge.i + 1] if t.i in allowed]


def _supposed_act(token: Token, w: Words) -> bool:
    """A harm named as no particular one ("an attack", "strikes on the dams") that "would"
    bring something: a supposed act, the condition of what follows."""
    if token.lemma_.lower() not in w.supposed_acts:
        return False
    dets = [c.lower_ for c in token.children if c.dep_ in ("det", "poss")]
    unnamed = dets in (["a"], ["an"]) or not dets and token.tag_ == "NNS"
    return unnamed and any(c.dep_ == "aux" and c.lower_ in w.supposing_modals
                           for c in token.head.children)


def _fronted_when(token: Token, allowed: set[int], w: Words) -> list[Token] | None:
    """ "When the riots start, the troops move in": a fronted time clause in the present is the
    condition of what follows; "when we met, he said" (past) is a date. After what it bears
    on, only when that looks forward ("we will answer when they fire"), and not with the
    speaker's side as its active subject ("we will decide when we are ready")."""
    head = token.head
    subjects = _subjects(head)
    if token.lower_ not in w.fronted_when or token.dep_ != "advmod" or head.dep_ != "advcl" \
            or not _in_present(head) or not subjects:
        return None
    if head.i > head.head.i and (not _looks_forward(head.head, w)
                                 or _by_own_side(subjects, w)):
        return None
    return _clause(token, head, allowed)


def _subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]


def _by_own_side(subjects: list[Token], w: Words) -> bool:
    """The speaker's side acts in the clause ("until we die", "when we are ready"): it sets
    no term to anyone."""
    return any(c.dep_ == "nsubj" and c.lower_ in w.own_subjects for c in subjects)


def _in_present(verb: Token) -> bool:
    """ "they fire", "it is attacked" """
    return verb.tag_ in ("VBP", "VBZ") or verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in verb.children)


def condition_in(tokens: list[Token]) -> Span | None:
    """The first condition among ``tokens`` (a quotation's, in text order): "if the country
    is attacked", "in the event of an attack on the republic", "should X happen", "under
    certain conditions"; else an implicit one ("any attack will be met with", "when the
    riots start, ...")."""
    w = words()
    allowed = {t.i for t in tokens}
    lower = [_bare(t) for t in tokens]
    for i, token in enumerate(tokens):
        if next(_starting(lower, i, w.by_first_word["not_conditions"]), None):
            continue
        clause = _phrase_condition(tokens, lower, i, allowed, w) \
            or _fallback_condition(tokens, lower, i, w) or _word_condition(token, allowed, w)
        if clause:
            return _trim(clause)
    for token in tokens:
        clause = _implicit_condition(token, allowed, w) or _fronted_when(token, allowed, w) \
            or _imperative_condition(token, allowed, w)
        if clause:
            return _trim(clause)
    return None


def find_condition(doc: Doc, spans: list[Span]) -> Span | None:
    """The first condition inside ``spans`` of ``doc`` (``condition_in``)."""
    return condition_in(tokens_in(doc, spans))


def hedged_in(tokens: list[Token], condition: Span | None) -> bool:
    """A hedge modal or phrase among ``tokens`` outside their condition."""
    w = words()
    tokens = [t for t in tokens if condition is None or not condition[0] <= t.idx < condition[1]]
    lower = [t.lower_ for t in tokens]
    for i, token in enumerate(tokens):
        if lower[i] in w.hedge_modals and token.tag_ == "MD":
            return True
        if next(_starting(lower, i, w.by_first_word["hedge_phrases"]), None):
            return True
    return False


def is_hedged(doc: Doc, spans: list[Span], condition: Span | None) -> bool:
    """A hedge modal or phrase inside ``spans`` of ``doc`` outside the condition."""
    return hedged_in(tokens_in(doc, spans), condition)


def is_negated(token: Token) -> bool:
    """Whether a verb or noun is negated where it stands: "did not threaten", "never used",
    "no plans to strike" (the negator on the word or on the word it depends on)."""
    w = words()
    for word in (token, token.head if token.dep_ in ("xcomp", "dobj", "pobj", "acl") else token):
        if any(c.dep_ in ("neg", "det") and c.lower_ in w.negators and not _additive(c)
               for c in word.children):
            return True
    return False


def _additive(negator: Token) -> bool:
    """ "not only", "not merely": the negator adds to what follows, it does not deny it."""
    after = negator.nbor() if negator.i + 1 < len(negator.doc) else None
    return after is not None and after.lower_ in words().not_negating_before


def cue_negated(cue: Token | None) -> bool:
    """ "did not threaten", "denied that": the cue itself says the words were not said."""
    return cue is not None and (cue.lemma_.lower() in words().denial_cues or is_negated(cue))


def apply_modality(quotations: list[Quotation]) -> None:
    """Set each quotation's condition (a span of its words), hedge and negation."""
    for quotation in quotations:
        found = condition_in(quotation.tokens)
        quotation.condition = quotation.tokens[0].doc.char_span(*found) if found else None
        quotation.hedged = hedged_in(quotation.tokens, found)
        quotation.negated = cue_negated(quotation.cue)
