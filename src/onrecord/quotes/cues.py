"""Reporting cues found on the dependency parse: who reports, with which words, what clause.

A ``CueSite`` is one reporting act ("Rutte told Kyiv that ...", "according to the ministry",
"issued a stark warning that ...", "made clear that ..."): its cue words, the head of the speaker
phrase, the addressee, and the reported clause when the parse gives one. The lexicon lives in
``data/cues.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from onrecord.actors.gazetteer import gazetteer
from onrecord.actors.media import is_outlet
from onrecord.datafiles import DataFile, read_yaml
from onrecord.model import Span
from onrecord.quotes.marks import ALL_MARKS, DASHES, SINGLE_MARKS

_CLAUSE_DEPS = {"ccomp"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_OBJECT_DEPS = {"dobj", "dative", "iobj"}
# Children that do not belong to a speaker's or addressee's name phrase.
_NOT_IN_NAME = {"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "parataxis", "ccomp",
                "prep_after"}
_INHERIT_SUBJECT_DEPS = {"conj", "advcl", "xcomp", "dep"}


class Lexicon(DataFile):
    """``data/cues.yaml``: the cue words and the words around them."""

    verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    phrasal_particles: dict[str, frozenset[str]]
    nouns: frozenset[str]
    noun_cue_verbs: frozenset[str]
    voiced_nouns: frozenset[str]
    clarity_verbs: frozenset[str]
    clarity_adjectives: frozenset[str]
    according_to: frozenset[str]
    quoting_verbs: frozenset[str]
    writer_adjunct_starts: frozenset[str]
    writer_adjunct_phrases: tuple[str, ...]
    writer_adjunct_before_participle: frozenset[str]
    fragment_verbs: frozenset[str]
    characterisation_verbs: frozenset[str]
    infinitive_commissives: frozenset[str]
    infinitive_agent_only: frozenset[str]
    agent_only_verbs: frozenset[str]
    object_free_verbs: frozenset[str]
    infinitive_directives: frozenset[str]
    infinitive_directive_preps: dict[str, frozenset[str]]
    issuer_nouns: frozenset[str]
    issuer_preps: frozenset[str]
    worded_documents: frozenset[str]
    document_preps: frozenset[str]
    withholding_verbs: frozenset[str]
    circumstance_preps: frozenset[str]
    place_preps: frozenset[str]
    time_words: frozenset[str]
    occasions: frozenset[str]
    people_nouns: frozenset[str]
    as_it_verbs: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return read_yaml("cues.yaml", Lexicon)


@dataclass(eq=False)
class CueSite:
    cue_tokens: list[Token]
    speaker: Token | None
    addressee: Token | None = None
    clause: list[Span] = field(default_factory=list)  # reported clause, char spans
    clause_root: Token | None = None
    negated: bool = False
    needs_quote: bool = False  # a noun-phrase speech act: a quotation only with marks in it
    infinitive: bool = False  # "threatened to ...", "urged X to ...": the clause an infinitive
    characterises: bool = False  # "called the apology “a cynical stunt”": the quoted words alone

    @property
    def anchor(self) -> Token:
        """The cue's main word (the verb, noun or "according")."""
        return self.cue_tokens[-1] if self.cue_tokens[0].lower_ == "according" else self.key

    @property
    def key(self) -> Token:
        """The cue word itself, after any auxiliaries and adverbs of its verb group."""
        return next((t for t in self.cue_tokens
                     if t.dep_ not in ("aux", "auxpass", "neg", "advmod")), self.cue_tokens[0])

    @property
    def text(self) -> str:
        doc = self.key.doc
        start = min(t.i for t in self.cue_tokens)
        end = max(t.i for t in self.cue_tokens) + 1
        return doc[start:end].text

    @property
    def span(self) -> Span:
        start = min(t.idx for t in self.cue_tokens)
        last = max(self.cue_tokens, key=lambda t: t.i)
        return (start, last.idx + len(last.text))


def issuer(head: Token) -> Token:
    """Who speaks through a document: "a statement from the Kremlin" -> "Kremlin", "the
    ministry released a statement saying …" -> "ministry"; any other head is its own speaker
    (``issuer_nouns`` in ``cues.yaml``)."""
    lex = lexicon()
    if head.pos_ != "NOUN" or head.lemma_.lower() not in lex.issuer_nouns:
        return head
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in lex.issuer_preps:
            body = next((c for c in child.children if c.dep_ == "pobj"
                         and c.pos_ in ("NOUN", "PROPN")), None)
            if body is not None:
                return body
        if child.dep_ == "relcl":  # "a speech Mrs. Clinton delivered in July"
            body = next((c for c in child.children if c.dep_ == "nsubj" and _is_agent(c)
                         and c.tag_ not in ("WDT", "WP")), None)
            if body is not None:
                return body
    if head.dep_ == "dobj" and head.head.lemma_.lower() in lex.noun_cue_verbs:
        body = _subject(head.head)
        if body is not None and body is not head and _is_agent(body):
            return body
    return head


def document_of(site: CueSite) -> tuple[str, bool] | None:
    """The document a report comes through, and whether the speaker is the document itself
    with no issuer named: "said in a statement" -> (statement, False), "the statement said"
    -> (statement, True); ``None`` for speech."""
    lex = lexicon()
    speaker = site.speaker
    if speaker is not None and speaker.pos_ == "NOUN" \
            and speaker.lemma_.lower() in lex.issuer_nouns:
        return speaker.lemma_.lower(), issuer(speaker) is speaker
    for prep in site.key.children:
        if prep.dep_ == "prep" and prep.lower_ in lex.document_preps:
            for document in prep.children:
                if document.dep_ == "pobj" and document.lemma_.lower() in lex.issuer_nouns:
                    return document.lemma_.lower(), False
    return None


def name_phrase(head: Token, group: bool = False) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``head``, without appositions,
    relative clauses or coordination: "Mark Rutte, the NATO chief, who ..." -> "Mark Rutte".
    A ``group`` keeps its coordination: "Analysts and military officers", "NATO and U.S.
    officials"."""
    left_out = _NOT_IN_NAME - {"cc", "conj"} if group else _NOT_IN_NAME
    doc = head.doc

    # Not an outlet's ("a BBC report released on Monday" stays an outlet cited for a fact).
    document = head.pos_ == "NOUN" and head.lemma_.lower() in lexicon().worded_documents \
        and not is_outlet(doc[head.left_edge.i:head.i + 1].text)

    def kept(child: Token) -> bool:
        # A close apposition, no comma before it, names the noun: "the website Fotobook".
        # A document is told apart by its participle: "A letter sent to the mayors by fax".
        return child.dep_ not in left_out or (child.dep_ == "appos" and child.i > child.head.i
                                              and not doc[child.left_edge.i - 1].is_punct) \
            or (document and child.head.i == head.i and child.dep_ == "acl" and child.tag_ == "VBN")

    keep = {head.i}
    stack = [c for c in head.children if kept(c)]
    while stack:
        tok = stack.pop()
        keep.add(tok.i)
        stack.extend(c for c in tok.children if kept(c))
    # Hyphens glued inside a word the parser split ("secretary-general", "Ching-te").
    keep |= {t.i for t in doc[min(keep):max(keep) + 1]
             if t.text == "-" and not t.whitespace_ and t.i > 0 and not doc[t.i - 1].whitespace_}
    start = end = head.i
    while start - 1 in keep or (start >= 2 and doc[start - 1].text == "-"
                                and not doc[start - 1].whitespace_
                                and not doc[start - 2].whitespace_):
        start -= 1
    while end + 1 in keep:
        end += 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].is_space or doc[end].dep_ == "case"):
        end -= 1
    return start, end + 1


def name_after_relation(head: Token) -> Token | None:
    """ "A spokesman for Brenner, Paul Amsel, echoed ...": the parser hangs the name set off by
    commas on the name the description relates to; it names the person described."""
    if head.lemma_.lower() not in gazetteer().person_heads:
        return None
    for prep in head.children:
        for named in (c for c in prep.children if prep.dep_ == "prep" and c.dep_ == "pobj"
                      and c.pos_ == "PROPN"):
            name = next((c for c in named.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                         and c.ent_type_ == "PERSON" and head.doc[c.left_edge.i - 1].text == ","
                         and c.i > named.i), None)
            if name is not None:
                return name
    return None


def _outside_quotation(subject: Token, verb: Token) -> Token | None:
    """``subject``, or for a subject the parser found inside the quotation that precedes its
    verb (“… its oil revenue and its war machine,” the EU's chief, Kaja Kallas, told ...) the
    apposition after the closing mark, or ``None``. Inside = an odd number of quotation marks
    between subject and verb."""
    if subject.i > verb.i:
        return subject
    # A possessive apostrophe ("the United Nations' envoy") is no quotation mark.
    between = [t for t in subject.doc[subject.i + 1:verb.i] if t.is_quote and t.tag_ != "POS"]
    doubles = [t for t in between if t.text not in SINGLE_MARKS]
    marks = doubles or between
    if len(marks) % 2 == 0:
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and c.i > marks[-1].i), None)


def _quoted_as_saying(verb: Token) -> Token | None:
    """ "The daily quoted the spokesman as saying …", "the minister was cited as saying …":
    the one quoted (the object, or the passive subject) speaks; ``None`` for other verbs."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ != "as" \
            or prep.head.lemma_.lower() not in lexicon().quoting_verbs:
        return None
    return next((c for c in prep.head.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, climbing through coordination and participles ("..., adding that")."""
    quoted = _quoted_as_saying(verb)
    if quoted is not None:
        return quoted
    if verb.i > 0 and verb.doc[verb.i - 1].is_quote:
        # “Enough!” shouted a protester: in the inversion after a quotation the parser may
        # take the quoted word for the subject and the speaker for an object.
        after = next((c for c in verb.rights if c.dep_ in (*_SUBJECT_DEPS, "dobj")
                      and c.pos_ in ("NOUN", "PROPN")), None)
        if after is not None:
            return after
    postposed = _postposed_speaker(verb)
    if postposed is not None:
        return postposed
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.dep_ == "ccomp" \
            and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
        # "denied that Russia was threatening Germany, saying ...": the parser hangs the
        # participle in the reported clause, but it is the reporter who is saying.
        verb = verb.head.head
    elif verb.head.dep_ == "ccomp" and _is_second_report(verb, lexicon()):
        # "said that Ukraine would never surrender and urged allies to ...": the parser
        # coordinates the second act with the reported clause; its subject is the reporter's.
        verb = verb.head.head
    seen = 0
    while verb is not None and seen < 4:
        # The nearest subject: in “… Not one village,” Zelensky told, the parser gives "told"
        # a second subject inside the quotation.
        subjects = [s for c in verb.children if c.dep_ in _SUBJECT_DEPS
                    and (s := _outside_quotation(c, verb)) is not None]
        subject = min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None
        if verb.dep_ == "relcl" and (subject is None or subject.tag_ in ("WDT", "WP")):
            return verb.head  # "a letter from his doctor that says ...": the antecedent
        if subject is not None:
            return subject
        place = verb.head.head.head
        if verb.dep_ == "acl" and verb.head.dep_ == "pobj" and not _is_agent(verb.head) \
                and place.lemma_.lower() in lexicon().verbs:
            # "she said at a news conference announcing that ...": the conference is where
            # she spoke; the speaker is the subject of the speech verb it hangs on.
            verb = place
            seen += 1
            continue
        if verb.dep_ == "acl":  # "a statement saying ...", "officials saying ..."
            return verb.head
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ == "by":
            verb = verb.head.head  # "responded to the news by saying ...": who responded
            seen += 1
            continue
        if verb.dep_ not in _INHERIT_SUBJECT_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
        seen += 1
    return None


@lru_cache(maxsize=1)
def _adjunct_words() -> int:
    """Words in the longest of the ``writer_adjunct_phrases``."""
    return max(len(phrase.split()) for phrase in lexicon().writer_adjunct_phrases)


def _opens_writer_adjunct(first: Token) -> bool:
    lex = lexicon()
    if first.lower_ in lex.writer_adjunct_starts:
        return True
    if first.lower_ in lex.writer_adjunct_before_participle:
        following = first.doc[first.i + 1:first.i + 3]
        return any(t.tag_ == "VBG" for t in following)  # "…, whilst also calling for …"
    if first.tag_ == "VBG" and first.lemma_.lower() in lex.verbs:
        return True  # "denied it, stating that …", "…, contending that …": a report of its own
    following = " ".join(t.lower_ for t in first.doc[first.i:first.i + _adjunct_words()])
    return following.startswith(lex.writer_adjunct_phrases)


def _writer_tail(root: Token) -> set[int]:
    """Token indices of the tail the writer added to a reported clause after a comma or a
    dash ("…, a phrase he has repeated often", "… ― as was true for the few years")."""
    doc = root.doc
    for token in root.subtree:
        first = token.left_edge
        if token.i == root.i or first.i <= root.i or first.i == 0:
            continue
        # "… “fraternal greetings” according to the press agency": no comma needed, when
        # someone is named ("going according to plan" is the speaker's).
        set_off = doc[first.i - 1].text in (",", "--", *DASHES) or (
            first.lower_ == "according" and any(
                _is_agent(g) for t in first.children if t.lower_ == "to" for g in t.children))
        if not set_off or token.dep_ in ("conj", "cc", "punct"):
            continue
        if token.right_edge.i < root.right_edge.i and not doc[token.right_edge.i + 1].is_punct:
            continue  # a parenthetical inside the clause, not its tail
        if _opens_writer_adjunct(first) or _describes_person(token, root) \
                or _reports_on_its_own(token) or _writers_aside(token, root):
            return {t.i for t in doc[first.i - 1:root.right_edge.i + 1]}
    return set()


def _reports_on_its_own(token: Token) -> bool:
    """ "said they were “appalled” by the closure, which they described as “an attack”",
    "said the vetting had improved, though he did not say what changed": an adverbial or
    relative clause after a comma whose verb reports with a subject of its own is the
    writer's next report (a quotation of its own, or nothing said), not the speaker's words."""
    lex = lexicon()
    return token.dep_ in ("advcl", "relcl") \
        and token.lemma_.lower() in lex.verbs | lex.fragment_verbs \
        and any(c.dep_ in _SUBJECT_DEPS for c in token.children)


def _describes_person(relative: Token, root: Token) -> bool:
    """ "says he will not negotiate with the president, who was accused of rigging the vote":
    a relative clause on a person that ends the reported clause is the writer's background on
    them, not the speaker's words."""
    after = relative.doc[relative.right_edge.i + 1:root.right_edge.i + 1]
    return relative.dep_ == "relcl" and relative.left_edge.lower_ == "who" \
        and all(t.is_punct or t.is_space for t in after)


def _writers_aside(relative: Token, root: Token) -> bool:
    """ "requested that the presidents shake hands, which they did", "…, which the court has
    put on hold": a relative clause after a comma whose "which" is the object of a verb with a
    subject of its own tells what became of the thing said, the writer's aside; with quoted
    words in it ("…, which the court has deemed “unsuitable”") it is the speaker's."""
    if relative.dep_ != "relcl" or relative.left_edge.lower_ != "which" \
            or relative.head.i > root.right_edge.i or any(t.is_quote for t in relative.subtree):
        return False
    which = relative.left_edge
    return which.head.i == relative.i and which.dep_ in ("dobj", "pobj") and any(
        c.dep_ in _SUBJECT_DEPS for c in relative.children)


def _is_second_report(conj: Token, lex: Lexicon) -> bool:
    """Whether ``conj``, coordinated with a reported clause, is the speaker's next act."""
    if conj.dep_ != "conj" or conj.lemma_.lower() not in lex.verbs | lex.fragment_verbs:
        return False
    # Its own subject or auxiliary ("and would observe it") keeps it in the clause; a
    # second report has a clause or an addressee of its own ("and urged Washington to").
    if any(c.dep_ in _SUBJECT_DEPS or c.dep_ in ("aux", "auxpass") for c in conj.children):
        return False
    # "said the crew had been arrested and told to leave": a participle sharing the clause's
    # passive is the clause's own.
    if any(c.dep_ == "auxpass" for c in conj.head.children) \
            and not any(c.dep_ in _OBJECT_DEPS for c in conj.children):
        return False
    # "… and accused Caracas of harbouring rebels", "… and called for calm": a verb of blame
    # or naming with its object is the speaker's next act, as the writer tells it.
    return conj.lemma_.lower() in lex.addressee_verbs or any(
        c.dep_ == "ccomp" for c in conj.children) or (
        conj.lemma_.lower() in lex.fragment_verbs
        and any(c.dep_ in ("dobj", "prep") for c in conj.children))


def _is_other_report(conj: Token, lex: Lexicon) -> bool:
    """ "said that Israel had failed to ease the blockade but Israeli officials insist that
    …": a coordinated report with its own subject and reported clause is someone else's."""
    return conj.dep_ == "conj" and conj.lemma_.lower() in lex.verbs \
        and any(c.dep_ in _SUBJECT_DEPS for c in conj.children) \
        and any(c.dep_ in _CLAUSE_DEPS for c in conj.children)


# Present-tense verbs that agree with a singular subject and with a plural one.
_NUMBER_TAGS = {"VBZ": "singular", "VBP": "plural"}


def _speakers_verb(conj: Token, root: Token) -> bool:
    """ "Relief officials say the toll continues to rise and are calling for a solution": a
    subjectless verb coordinated with the clause that agrees in number with the speech verb
    and not with the clause's verb has the speaker for its subject; it is the writer's report
    of what they do."""
    cue = root.head
    return conj.dep_ == "conj" and root.dep_ in _CLAUSE_DEPS \
        and not any(c.dep_ in _SUBJECT_DEPS or c.dep_ == "expl" for c in conj.children) \
        and _number(conj) is not None and _number(root) is not None \
        and _number(conj) != _number(root) and _number(conj) == _number(cue)


def _number(verb: Token) -> str | None:
    """Singular or plural as the verb group shows it ("continues", "are calling"), or None
    (past tense, modal, infinitive)."""
    finite = next((c for c in verb.children if c.dep_ in ("aux", "auxpass")), verb)
    return _NUMBER_TAGS.get(finite.tag_)


def _coordinated_report(root: Token) -> set[int]:
    """ "said China opposes the visit and urged Washington to ...": a subjectless speech verb
    coordinated with the clause is the speaker's second act, not part of what they said."""
    doc = root.doc
    lex = lexicon()
    for conj in root.children:
        if not (_is_second_report(conj, lex) or _is_other_report(conj, lex)
                or _speakers_verb(conj, root)):
            continue
        start = conj.left_edge.i
        while start > root.i and doc[start - 1].dep_ in ("cc", "punct"):
            start -= 1
        return {t.i for t in doc[start:conj.right_edge.i + 1]}
    return set()


def _dangling_conjunct(root: Token, indices: list[int]) -> list[int]:
    """ "He admitted there had been talks with the guild, but only about the sailors": the
    parser hangs the second conjunct on the cue verb and leaves the "but" in the clause; the
    words after it are the speaker's too (token indices to add), unless they are a report of
    their own."""
    doc = root.doc
    words = [i for i in indices if not doc[i].is_punct]
    if not words or doc[words[-1]].dep_ != "cc" or root.dep_ not in _CLAUSE_DEPS:
        return []
    lex = lexicon()
    tail = [c for c in root.head.children if c.i > words[-1] and not c.is_punct]
    if not tail or any(_is_second_report(c, lex) or _is_other_report(c, lex) for c in tail):
        return []
    return [t.i for c in tail for t in c.subtree]


def _past_marks(doc: Doc, i: int, marks: tuple[str, ...]) -> int:
    """The first token from ``i`` on that is neither one of ``marks`` nor a quotation mark."""
    while i < len(doc) and (doc[i].text in marks or doc[i].is_quote):
        i += 1
    return i


def _second_that_clause(root: Token, indices: list[int]) -> list[int]:
    """ "claimed the threat no longer exists, and that the real goal is containment": a
    clause opened by "that" right after the reported clause and a conjunction is a second
    content clause of the same report, wherever the parser hangs it (token indices to add,
    from the conjunction on)."""
    if not indices:
        return []
    doc = root.doc
    i = _past_marks(doc, indices[-1] + 1, (",",))
    if i + 1 >= len(doc) or doc[i].lower_ not in ("and", "or", "but"):
        return []
    that, clause = doc[i + 1], doc[i + 1].head
    if that.lower_ != "that" or that.dep_ != "mark" or clause.left_edge.i != that.i \
            or clause.i in indices or clause.sent != root.sent:
        return []
    return list(range(indices[-1] + 1, clause.right_edge.i + 1))


def _correction(root: Token, indices: list[int]) -> list[int]:
    """ "said the resolution could not be used to justify war, but rather it seeks …", "the
    patrols are not intended to intimidate; rather, they are …", "said Yemen is “not a failed
    state”, but “an incredibly fragile state”": after a clause that denies something,
    "rather" (or "instead") and the rest of the sentence, or "but" and a phrase with no verb,
    put the right thing in the place of the denied one: the same statement goes on (token
    indices to add), unless someone else reports it."""
    doc = root.doc
    if not indices or not any(doc[i].dep_ == "neg" for i in indices):
        return []
    i = _past_marks(doc, indices[-1] + 1, (",", ";", ":"))
    if i >= len(doc) or doc[i].sent != root.sent:
        return []
    following = doc[i + 1] if i + 1 < len(doc) else None
    if doc[i].lower_ in ("rather", "instead") or (
            doc[i].lower_ == "but" and following is not None
            and following.lower_ in ("rather", "instead")):
        end = root.sent.end - 1
    elif doc[i].lower_ == "but":
        j = _past_marks(doc, i + 1, ())
        if j >= root.sent.end:
            return []
        phrase = doc[j]
        while phrase.head.i != phrase.i and indices[-1] < phrase.head.i < root.sent.end:
            phrase = phrase.head
        if phrase.left_edge.i <= indices[-1] or any(
                t.pos_ in ("VERB", "AUX") for t in phrase.subtree):
            return []
        end = phrase.right_edge.i
        while end + 1 < root.sent.end and doc[end + 1].is_quote:
            end += 1
    else:
        return []
    added = range(indices[-1] + 1, end + 1)
    lex = lexicon()
    if any(doc[k].lemma_.lower() in lex.verbs and any(
            c.dep_ in _SUBJECT_DEPS for c in doc[k].children) for k in added):
        return []
    return list(added)


def _when_said(root: Token) -> set[int]:
    """ "said on Monday he would resign", "said after the vote he would not accept": with no
    "that", the parser may hang when or where it was said on the reported clause; a phrase
    of time or place (``_is_circumstance``) that opens a clause after its cue, before the
    clause's subject, is the writer's (token indices)."""
    cue = root.head
    if root.dep_ not in ("ccomp", "advcl") or cue.i > root.i:
        return set()
    subject = next((c for c in root.children if c.dep_ in _SUBJECT_DEPS), None)
    first = next((c for c in root.children if c.dep_ != "punct"), None)
    if subject is None or first is None or first.dep_ != "prep" or first.i > subject.i \
            or not _is_circumstance(first, lexicon()):
        return set()
    return {t.i for t in first.subtree}


def _clause_spans(root: Token, exclude: Token | None = None) -> list[Span]:
    """Char spans of ``root``'s subtree, minus ``exclude``'s subtree, a leading "that",
    and punctuation at the edges of each run."""
    doc = root.doc
    skip = {t.i for t in exclude.subtree} if exclude is not None else set()
    skip |= _writer_tail(root) | _coordinated_report(root) | _when_said(root)
    indices = [t.i for t in root.subtree if t.i not in skip]
    indices = sorted(indices + _dangling_conjunct(root, indices))
    indices += _second_that_clause(root, indices)
    indices += _correction(root, indices)
    runs: list[list[int]] = []
    for i in indices:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    spans: list[Span] = []
    for run in runs:
        while run and (doc[run[0]].is_punct or doc[run[0]].is_space
                       or (doc[run[0]].head.i == root.i
                           and _is_complementizer(doc[run[0]], root))
                       # "But the goal is not revenue, according to ...": the writer's "But"
                       or (doc[run[0]].dep_ == "cc" and doc[run[0]].is_sent_start)
                       # "said only that the fighting is tough": the writer's "only"
                       or (doc[run[0]].dep_ in ("advmod", "mark")
                           and _before_complementizer(doc[run[0]], root))):
            run = run[1:]
        while run and (doc[run[-1]].is_punct or doc[run[-1]].is_space):
            run = run[:-1]
        if run:
            last = doc[run[-1]]
            spans.append((doc[run[0]].idx, last.idx + len(last.text)))
    return spans


def _addressee(verb: Token, lex: Lexicon) -> Token | None:
    if verb.lemma_.lower() not in lex.addressee_verbs:
        return None
    speaker = _postposed_speaker(verb)
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS and (speaker is None or child.i != speaker.i):
            return child
    return None


def _postposed_speaker(verb: Token) -> Token | None:
    """ "The vote was rigged, claimed the opposition leader.", "The dam is safe, insisted the
    engineers.": in the inversion after a reported clause the parser may take the speaker
    for the verb's object; a person or body right after a verb that follows a comma, has no
    subject and ends the sentence."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != "," \
            or any(c.dep_ in _SUBJECT_DEPS or c.dep_ in ("ccomp", "xcomp") and c.i > verb.i
                   for c in verb.children):
        return None
    speaker = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if speaker is None or not _is_agent(speaker) or speaker.left_edge.i != verb.i + 1:
        return None
    if any(not t.is_punct and not t.is_space for t in doc[speaker.right_edge.i + 1:verb.sent.end]):
        return None
    return speaker


def _is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children) or verb.lemma_.lower() == "deny"


def _withholds(verb: Token, clause_root: Token | None, lex: Lexicon) -> bool:
    """ "would not say whether ...", "declined to say who ...": an open question the speaker
    did not answer, so nobody said anything."""
    if clause_root is None:
        return False
    first = clause_root.left_edge
    asks = first.lower_ in ("whether", "if") or first.tag_ in ("WP", "WRB", "WDT", "WP$")
    declined = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.withholding_verbs
    return asks and (_is_negated(verb) or declined)


def _is_demonstrative(token: Token | None) -> bool:
    """ "That said, ...", "This said": a discourse marker, nobody speaking."""
    return token is not None and token.tag_ == "DT" and token.lower_ in ("that", "this")


def _verb_group(verb: Token) -> list[Token]:
    """Auxiliaries, negation and adverbs right before the verb: "has also said", "did not say"."""
    group: list[Token] = []
    i = verb.i - 1
    while i >= 0:
        token = verb.doc[i]
        if token.head.i != verb.i or token.dep_ not in ("aux", "auxpass", "neg", "advmod"):
            break
        group.insert(0, token)
        i -= 1
    return group


def _that_clause(noun: Token) -> Token | None:
    return next((c for c in noun.children if c.dep_ in ("acl", "relcl", "ccomp")
                 and any(_is_complementizer(m, c) for m in c.children)), None)


def _before_complementizer(token: Token, root: Token) -> bool:
    """Whether ``token`` hangs on ``root`` before its complementizer "that", or is it."""
    that = next((c for c in root.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    return token.head.i == root.i and that is not None and token.i <= that.i


def _is_complementizer(that: Token, clause: Token) -> bool:
    """ "that" opening a content clause; also when the parser takes it for a relative pronoun
    in a clause whose subject is already there ("in an interview that Kyiv needed ...")."""
    if that.lower_ != "that" or that.i > clause.left_edge.i:
        return False
    # A relative "that" fills a slot of its clause ("the threat that a Trump presidency would
    # constitute"); a complementizer leaves the slot to another word ("Kyiv needed systems").
    return that.dep_ == "mark" or (that.dep_ in ("dobj", "nsubj") and clause.dep_ == "relcl"
                                   and any(c.dep_ == that.dep_ and c.i != that.i
                                           for c in clause.children))


def _statement_clause(verb: Token, lex: Lexicon) -> Token | None:
    """ "said in a statement that ...", "said during a news conference that ...", "had said
    as late as Thursday that ...", "told a gathering of farmers that ...": the parser hangs
    the reported clause on the noun of the verb's adjunct, on its adverb, or on the addressee
    as if the clause were a relative one."""
    addressee = verb.lemma_.lower() in lex.addressee_verbs
    for adjunct in verb.children:
        if adjunct.dep_ == "advmod" or (addressee and adjunct.dep_ in _OBJECT_DEPS):
            nouns = [adjunct]
        elif adjunct.dep_ == "prep":
            nouns = [c for c in adjunct.children if c.dep_ == "pobj"]
        else:
            continue
        for noun in nouns:
            clause = _that_clause(noun) or (_contact_clause(noun) if addressee else None)
            if clause is not None:
                return clause
    return None


def _contact_clause(addressee: Token) -> Token | None:
    """ "warned residents the storm is coming", "remind the audience he was the only
    candidate": with no "that", the parser may take the reported clause for a relative one
    on the addressee; a finite clause that opens with a subject of its own (no relative
    pronoun) is what they were told."""
    for clause in addressee.rights:
        if clause.dep_ == "relcl" and clause.pos_ in ("VERB", "AUX") \
                and not any(t.is_punct for t in addressee.doc[addressee.i:clause.left_edge.i]) \
                and _opens_with_subject(clause):
            return clause
    return None


def _opens_with_subject(clause: Token) -> bool:
    """A finite clause that opens with a subject of its own, no relative pronoun: "the storm
    is coming" of "warned residents the storm is coming", not "that they ignored"."""
    subject = next((c for c in clause.children if c.dep_ in _SUBJECT_DEPS), None)
    return subject is not None and subject.tag_ not in ("WDT", "WP", "WP$") \
        and subject.lower_ != "that" and subject.left_edge.i == clause.left_edge.i \
        and _finite(clause)


def _finite(verb: Token) -> bool:
    """Whether the verb group is finite: a tensed verb or a modal or tensed auxiliary."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP")
        for c in verb.children)


def _adverbial_clause(verb: Token) -> Token | None:
    """ "said after the vote he would not accept the offer": with a phrase between the verb
    and a clause that has no "that", the parser may hang the clause on the verb as an
    adverbial one; a finite clause with its own subject and no subordinator, right after a
    verb with no object, is the reported clause."""
    if any(c.dep_ in _OBJECT_DEPS for c in verb.children):
        return None
    for clause in verb.rights:
        if clause.dep_ != "advcl" or clause.pos_ not in ("VERB", "AUX") or any(
                t.head.i != verb.i for t in verb.doc[verb.i + 1:clause.left_edge.i]):
            continue
        children = list(clause.children)
        if any(c.dep_ == "mark" or c.tag_ in ("WRB", "WDT", "WP") for c in children) \
                or not any(c.dep_ in _SUBJECT_DEPS for c in children):
            continue
        if _finite(clause):
            return clause
    return None


def _read_as_modifier(verb: Token) -> bool:
    """ "Nice added electoral officials have been fully trained": with no "that", the parser
    may read a tensed speech verb with its own subject as an adjective on the clause's
    subject; the clause that noun is the subject of is the reported one."""
    noun = verb.head
    return verb.dep_ == "amod" and verb.tag_ in ("VBD", "VBZ") and noun.i > verb.i \
        and any(c.dep_ in _SUBJECT_DEPS for c in verb.children) \
        and noun.dep_ in _SUBJECT_DEPS and noun.head.i > noun.i


def _reports_preceding_clause(verb: Token, lex: Lexicon) -> bool:
    """ "…, the minister said." parsed as a paratactic (or coordinated) afterthought of the
    clause it reports: its own subject follows the comma, and its head is no speech verb.
    Also "As several economists have pointed out, the levy is legal" and "…, as the police
    have said": an "as" clause of a speech verb with no object vouches for its host clause."""
    if verb.dep_ == "parataxis":
        return True
    if verb.dep_ == "advcl" and verb.head.i != verb.i \
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
            and (not any(c.dep_ in _OBJECT_DEPS for c in verb.children) or _puts_it(verb, lex)):
        return True
    if verb.dep_ != "conj" or verb.head.i > verb.i or verb.head.lemma_.lower() in lex.verbs:
        return False
    if _postposed_speaker(verb) is not None:
        return True  # "The dam is safe, insisted the engineers."
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    return subject is not None and subject.left_edge.i > 0 \
        and verb.doc[subject.left_edge.i - 1].text == ","


def _puts_it(verb: Token, lex: Lexicon) -> bool:
    """ "As the minister put it, …", "…, as she phrased it in a letter": the frame of
    ``as_it_verbs``; a particle or a phrase of where the thing went ("as they put it down",
    "put it on the table") is no such frame."""
    if verb.lemma_.lower() not in lex.as_it_verbs or verb.dep_ != "advcl":
        return False
    children = list(verb.children)
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in children) \
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in children) \
        and not any(c.dep_ == "prt" for c in children) \
        and all(_is_circumstance(c, lex) or c.lower_ == "to" or any(
            o.lemma_.lower() in lex.issuer_nouns for o in c.children)
            for c in children if c.dep_ == "prep")


def _verb_site(verb: Token, lex: Lexicon) -> CueSite | None:
    lemma = verb.lemma_.lower()
    if lemma not in lex.verbs and not _puts_it(verb, lex):
        return None
    if lemma in lex.object_free_verbs and any(c.dep_ == "dobj" for c in verb.children):
        return None
    if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "ROOT") and not any(
            c.dep_ in _SUBJECT_DEPS for c in verb.children) and verb.i < verb.head.i + 1:
        return None  # "Asked whether ..., Rubio said": a question put to the speaker
    cue = [*_verb_group(verb), verb]
    particles = lex.phrasal_particles.get(lemma)
    if particles is not None:
        prt = [c for c in verb.children if c.dep_ == "prt" and c.lower_ in particles]
        if not prt:
            return None
        cue.append(prt[0])
    clauses = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS]
    clause_root = clauses[-1] if clauses else (_statement_clause(verb, lex)
                                               or _adverbial_clause(verb))
    speaker = _subject(verb)
    if _withholds(verb, clause_root, lex) or _is_demonstrative(speaker):
        return None
    own_subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if lemma in lex.agent_only_verbs and own_subject is not None and not _is_agent(own_subject):
        return None  # "the release of the files implies that ...": a fact, no speaker
    if lemma in lex.agent_only_verbs and (any(c.pos_ not in ("VERB", "AUX") for c in clauses)
                                          or any(c.dep_ == "acomp" for c in verb.children)):
        # "thought the verdict a “farce”", "felt stung after the crisis showed …": a
        # judgement or a feeling, no clause reported.
        return None
    if clause_root is None and _reports_preceding_clause(verb, lex):
        # "The talks are over, the minister said": the clause is the verb's head.
        return CueSite(cue, speaker, _addressee(verb, lex),
                       _clause_spans(verb.head, exclude=verb), verb.head, _is_negated(verb))
    if clause_root is None and _read_as_modifier(verb):
        # "Nice added electoral officials have been trained": the clause is the noun's verb's.
        root = verb.head.head
        return CueSite(cue, speaker, None, _clause_spans(root, exclude=verb), root,
                       _is_negated(verb))
    # A quote split by its cue gives the verb one clausal complement per piece.
    roots = clauses or ([clause_root] if clause_root is not None else [])
    clause = sorted(span for root in roots for span in _clause_spans(root))
    subject = _object_as_subject(verb, clause_root, lex)
    if subject is not None:
        clause = _joined(verb.doc, sorted(clause + _clause_spans(subject)))
    second = _second_clause(verb, clause_root, lex)
    if second is not None and clause:
        clause[-1] = (clause[-1][0], max(clause[-1][1], _clause_spans(second)[-1][1]))
    if clause and _spliced(verb, clause_root, lex):
        clause[-1] = (clause[-1][0], _clause_spans(verb.head, exclude=verb)[-1][1])
    return CueSite(cue, speaker, _addressee(verb, lex), clause, clause_root,
                   _is_negated(verb))


def _spliced(verb: Token, clause_root: Token | None, lex: Lexicon) -> bool:
    """ "Blair said it's not about left or right, it's about open or closed": the parser makes
    the report the complement of the clause spliced on after a comma; that clause, with a
    subject of its own and no speech verb, goes on with what was said."""
    head = verb.head
    if clause_root is None or clause_root.dep_ not in _CLAUSE_DEPS or verb.dep_ != "ccomp" \
            or head.i < verb.right_edge.i or head.lemma_.lower() in lex.verbs \
            or head.left_edge.i != verb.left_edge.i:
        return False
    following = verb.doc[verb.right_edge.i + 1]
    return following.text == "," and any(
        c.dep_ in (*_SUBJECT_DEPS, "expl") and c.i > verb.i for c in head.children)


def _joined(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans with nothing but spaces and quotation marks between them made one: the subject
    and the rest of "warned the fall of the city “does not mark …”"."""
    joined: list[Span] = []
    for start, end in spans:
        if joined and not doc.text[joined[-1][1]:start].strip(" \n" + ALL_MARKS):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _second_clause(verb: Token, clause_root: Token | None, lex: Lexicon) -> Token | None:
    """ "said the count was fair, and there was no sign of fraud", "said they handle letters of
    complaint, and board minutes that deal with no subject of national interest": the parser
    hangs the rest of the reported clause on the speech verb; right after the clause, a comma
    and "and" (quotation marks aside: "said he was “a promoter of hatred,” and “justice has been
    done”"), a clause with its own subject or a noun phrase goes on with what was said, unless
    it is a report of its own ("…, and officials insist …")."""
    if clause_root is None or clause_root.dep_ not in _CLAUSE_DEPS or clause_root.i < verb.i:
        return None
    doc = verb.doc
    end = clause_root.right_edge.i
    for conj in verb.rights:
        if conj.dep_ not in ("conj", "dobj") or conj.i <= end:
            continue
        between = doc[end + 1:conj.left_edge.i]
        if [t.lower_ for t in between if not t.is_quote] != [",", "and"]:
            return None
        if conj.pos_ in ("NOUN", "PROPN"):
            return conj
        if conj.lemma_.lower() in lex.verbs or not any(
                c.dep_ in (*_SUBJECT_DEPS, "expl") for c in conj.children):
            return None
        return conj
    return None


def _object_as_subject(verb: Token, clause_root: Token | None, lex: Lexicon) -> Token | None:
    """ "remarked any deal with the guild should avoid harming farmers": with no "that", the
    parser makes the clause's subject the verb's object and leaves the clause subjectless;
    that object is the clause's subject. Not the addressee of "told Kyiv ...", but in
    "warned the fall of the city “does not mark the end …”" no person or body is warned."""
    if clause_root is None or clause_root.i < verb.i \
            or any(c.dep_ in _SUBJECT_DEPS or c.dep_ == "expl" for c in clause_root.children):
        return None
    addressed = verb.lemma_.lower() in lex.addressee_verbs
    return next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i
                 and c.right_edge.i < clause_root.left_edge.i
                 and not (addressed and _is_agent(c))), None)


def _noun_site(noun: Token, lex: Lexicon) -> CueSite | None:
    """ "issued a stark warning that ...", "his claim that ...", "voiced its hope that ...": the
    clause hangs off the noun (or off the verb that governs it)."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    governor = noun.head if noun.dep_ in ("dobj", "nsubjpass") else None
    lemma = noun.lemma_.lower()
    voiced = governor is not None and governor.lemma_.lower() in lex.noun_cue_verbs
    if lemma not in lex.nouns and not (voiced and lemma in lex.voiced_nouns):
        return None
    clause_root = _that_clause(noun) or (_voiced_clause(noun) if voiced else None)
    if clause_root is None and governor is not None:
        clause_root = next((c for c in governor.children if c.dep_ == "ccomp"), None)
    if clause_root is None:
        return None
    speaker = next((c for c in noun.children if c.dep_ == "poss"), None)
    cue = [noun]
    if governor is not None and governor.lemma_.lower() in lex.noun_cue_verbs:
        cue = [governor, noun]
        speaker = speaker or _subject(governor)
    elif speaker is None and governor is not None:
        # "denied claims that ...", "is investigating allegations that ...": whoever governs
        # the noun answers the claim; only the noun may say who made it ("a statement by X").
        if issuer(noun) is noun:
            return None
        speaker = noun
    return CueSite(cue, speaker, None, _clause_spans(clause_root), clause_root)


def _voiced_clause(noun: Token) -> Token | None:
    """ "expressed confidence the election would be credible", "issued a warning the dam may
    fail", "voiced her hope the talks would resume": with no "that", the parser hangs the
    clause on the voiced noun, often as a relative one; a finite clause right after the noun
    that opens with a subject of its own, and as a relative one keeps its complement (not
    "issued a warning the army ignored"), is what was voiced."""
    for clause in noun.rights:
        if clause.dep_ not in ("acl", "relcl", "ccomp") or clause.pos_ not in ("VERB", "AUX") \
                or clause.left_edge.i != noun.i + 1:
            continue
        if not _opens_with_subject(clause):
            continue
        if clause.dep_ == "ccomp" or any(
                c.dep_ in ("dobj", "attr", "acomp", "ccomp", "xcomp", "oprd", "auxpass")
                or (c.dep_ == "prep" and any(o.dep_ == "pobj" for o in c.children))
                for c in clause.children):
            return clause
    return None


def _clarity_site(verb: Token, lex: Lexicon) -> CueSite | None:
    """ "made clear that ...", "made it plain that ..."."""
    if verb.lemma_.lower() not in lex.clarity_verbs:
        return None
    adjective = next((c for c in verb.children if c.lower_ in lex.clarity_adjectives), None)
    if adjective is None:
        return None
    candidates = [c for c in list(verb.children) + list(adjective.children)
                  if c.dep_ == "ccomp" and c.i != adjective.i]
    if not candidates:
        return None
    return CueSite([verb, adjective], _subject(verb), None, _clause_spans(candidates[0]),
                   candidates[0], _is_negated(verb))


def _according_site(token: Token, lex: Lexicon) -> CueSite | None:
    """ "according to the ministry, ...": the speaker is the object of "to", the clause is the
    rest of the sentence it modifies."""
    if token.lower_ not in lex.according_to:
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    speaker = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if speaker is None:
        return None
    head = token.head if token.head.i != token.i else None
    clause = _clause_spans(head, exclude=token) if head is not None else []
    return CueSite([token, to], speaker, None, clause, head)


# A person or a body: who may threaten or promise (not "the war threatens to spill over").
_AGENT_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_AGENT_PRONOUNS = {"i", "we", "he", "she", "they", "who"}


def colon_site(colon: Token, marks: tuple[str, ...] = (":",)) -> CueSite | None:
    """ "The Finnish president, Alexander Stubb, put it bluntly: “…”": a clause of a person or
    a body that ends in the colon (or, as the caller allows, a comma: "X appeared on a
    morning show, “…”") before a quotation introduces it, whatever its verb."""
    if colon.text not in marks:
        return None
    # The lead-in's own verb: the parser often hangs the lead-in on the quotation's verb.
    start = colon.sent.start
    verb = next((t for t in colon.doc[start:colon.i] if t.pos_ in ("VERB", "AUX")
                 and (t.head.i >= colon.i or t.head.i < start or t.head == t)), None)
    if verb is None:
        return None
    speaker = _subject(verb)
    # A document reads out its words too: "The mission statement reads: “…”".
    if speaker is None or not (_is_agent(speaker)
                               or speaker.lemma_.lower() in lexicon().worded_documents):
        return None
    return CueSite([verb], speaker, negated=_is_negated(verb))


def _infinitive(verb: Token) -> Token | None:
    """The verb's infinitive complement after it, subjectless: "threatened to resume ...",
    "urged Kyiv to withdraw". The parser makes it an ``xcomp``, or an ``advcl`` when an
    adjunct comes between ("threatened on Sunday to resume"); a purpose clause ("in order
    to", "so as to") has a marker of its own and is no complement."""
    for child in verb.rights:
        if child.dep_ not in ("xcomp", "advcl") or child.pos_ not in ("VERB", "AUX"):
            continue
        grand = list(child.children)
        if any(g.dep_ in _SUBJECT_DEPS or g.dep_ == "mark" for g in grand):
            continue
        if any(g.dep_ in ("aux", "auxpass") and g.tag_ == "TO" and g.i < child.i
               for g in grand):
            return child
    return None


def _is_agent(head: Token) -> bool:
    if head.pos_ == "PROPN" or head.ent_type_ in _AGENT_ENTS:
        return True
    if head.pos_ == "PRON":
        return head.lower_ in _AGENT_PRONOUNS
    gaz = gazetteer()
    lemma = head.lemma_.lower()
    return lemma in gaz.person_heads or lemma in gaz.organisation_heads \
        or lemma in lexicon().people_nouns


def directive_addressee(verb: Token, lex: Lexicon | None = None) -> Token | None:
    """The addressee of a directive with an infinitive ("urged Kyiv to", "called on Israel
    to"), or ``None`` when ``verb`` is no such directive."""
    if _infinitive(verb) is None:
        return None
    return _directive_object(verb, lex or lexicon())


def _directive_object(verb: Token, lex: Lexicon) -> Token | None:
    """Whom the directive verb addresses: its object ("urged Kyiv") or the object of its
    particle ("called on Israel"); the caller has found the infinitive already."""
    lemma = verb.lemma_.lower()
    if lemma in lex.infinitive_directives:
        return next((c for c in verb.children if c.dep_ in _OBJECT_DEPS), None)
    preps = lex.infinitive_directive_preps.get(lemma)
    if preps:
        for prep in verb.children:
            if prep.dep_ in ("prep", "prt") and prep.lower_ in preps:
                return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _infinitive_site(verb: Token, lex: Lexicon) -> CueSite | None:
    """ "threatened to resume strikes unless ...", "urged Kyiv to withdraw", "called on
    Israel to halt": the infinitive is the reported clause (``cues.yaml``)."""
    lemma = verb.lemma_.lower()
    commissive = lemma in lex.infinitive_commissives
    if not commissive and lemma not in lex.infinitive_directives \
            and lemma not in lex.infinitive_directive_preps:
        return None
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None  # "Kyiv was urged to negotiate": the subject is the addressee
    clause_root = _infinitive(verb)
    if clause_root is None:
        return None
    if commissive and clause_root.dep_ == "advcl" and any(c.dep_ == "dobj" for c in verb.children):
        return None  # "threatened Chisinau with gas cuts to pressure it": a purpose clause
    cue = [*_verb_group(verb), verb]
    if commissive:
        addressee = _addressee(verb, lex)
    else:
        addressee = _directive_object(verb, lex)
        if addressee is None:
            return None
        if lemma in lex.infinitive_directive_preps:
            cue.append(addressee.head)  # "called on"
    speaker = _subject(verb)
    if speaker is None or (lemma in lex.infinitive_agent_only and not _is_agent(speaker)):
        return None
    clause = _clause_spans(clause_root)
    denial = _denied_infinitive(verb, clause_root)
    if denial is not None and clause:
        clause[0] = (denial.left_edge.idx, clause[0][1])
    negated = _is_negated(verb) and not (denial is not None and denial.dep_ == "neg")
    return CueSite(cue, speaker, addressee, clause, clause_root, negated, infinitive=True)


def _denied_infinitive(verb: Token, clause_root: Token) -> Token | None:
    """ "vowed never again to violate …", "pledged not to withdraw": a negation between the
    speech verb and its infinitive, which the parser may hang on the verb, denies the
    infinitive, not the pledge; the first such word (with its adverbs)."""
    return next((c for c in verb.children if c.dep_ in ("neg", "advmod")
                 and verb.i < c.left_edge.i and c.right_edge.i < clause_root.left_edge.i
                 and any(t.dep_ == "neg" for t in c.subtree)), None)


_COMPLEMENT_DEPS = {"dobj", "oprd", "prep", "xcomp", "dative", "attr", "acomp"}


def _is_circumstance(token: Token, lex: Lexicon) -> bool:
    """ "on Monday", "for months", "during a campaign stop in Flint", "at a rally in Ohio":
    when and where it was said (``cues.yaml``), the writer's words, not the speaker's."""
    if token.dep_ != "prep":
        return False
    if token.lower_ in lex.circumstance_preps:
        return True
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return any(c.ent_type_ in ("DATE", "TIME") or c.lemma_.lower() in lex.time_words
               or (token.lower_ in lex.place_preps and (c.ent_type_ in ("GPE", "LOC", "FAC")
                                                        or c.lemma_.lower() in lex.occasions))
               for c in objects)


def _fragment_site(verb: Token, lex: Lexicon) -> CueSite | None:
    """ "called the drills “a rehearsal”": the verb's complements, to be a quotation only if
    they hold quoted words (``needs_quote``)."""
    if verb.lemma_.lower() not in lex.fragment_verbs:
        return None
    complements = [c for c in verb.rights if c.dep_ in _COMPLEMENT_DEPS]
    if not complements:
        return None
    # "dismissed allegations Ruritania arranged the fire as “only gossip”": the parser makes
    # the object's clause the verb's own, and hangs the "as" on it.
    complements += [c for c in verb.rights if c.dep_ in _CLAUSE_DEPS and c.i > complements[0].i]
    # "warned Israel of a “crushing response” if they attacked": the condition is said too.
    complements += [c for c in verb.rights if c.dep_ == "advcl" and c.i > complements[-1].i
                    and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                            for m in c.children)]
    doc = verb.doc
    start, end = complements[0].left_edge.i, max(c.right_edge.i for c in complements)
    # "labelled the strikers, who ..., as “parasites”": the verb's own "as" is no writer's
    # adjunct ("…, as he left").
    own = {t.i for c in complements if c.dep_ == "prep" for t in c.subtree}
    tail = _writer_tail(verb) - own
    tokens = [t for t in doc[start:end + 1] if t.i not in tail]
    # After the quoted words, a dash ("— a metaphor for …") or when and where it was said
    # ("on Monday", "during a campaign stop in Flint, for his wife") is the writer's.
    marks = [t for t in tokens if t.is_quote]
    if marks:
        writers = next((t for t in tokens if t.i > marks[-1].i
                        and (t.text in DASHES or _is_circumstance(t, lex))), None)
        if writers is not None:
            tokens = [t for t in tokens if t.i < writers.i]
    while tokens and (tokens[-1].is_space  # a blanked byline or caption after the line
                      or (tokens[-1].is_punct and tokens[-1].text not in "”’\"'")):
        tokens.pop()
    if not tokens:
        return None
    clause = [(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))]
    cue = [*_verb_group(verb), verb]
    return CueSite(cue, _subject(verb), _addressee(verb, lex), clause, complements[0],
                   _is_negated(verb), needs_quote=True,
                   characterises=verb.lemma_.lower() in lex.characterisation_verbs)


def find_cue_sites(doc: Doc) -> list[CueSite]:
    """Every reporting act the parse shows, in text order."""
    lex = lexicon()
    sites: list[CueSite] = []
    for token in doc:
        site = None
        if token.pos_ in ("VERB", "AUX"):
            site = _clarity_site(token, lex) or _verb_site(token, lex)
            if site is None or not site.clause:
                site = _infinitive_site(token, lex) or _fragment_site(token, lex) or site
        elif token.pos_ in ("NOUN", "PROPN"):
            site = _noun_site(token, lex)
        if site is None and token.lower_ in lex.according_to:
            site = _according_site(token, lex)
        if site is not None:
            sites.append(site)
    return sites
