"""Who a mention refers to, within one article.

"He", "the secretary general", "the Belarusian leader" and "Rutte" all resolve to the fullest name
the article gives ("Mark Rutte"), read from how people are introduced: "NATO Secretary General Mark
Rutte", "Mark Rutte, the secretary general of NATO". A description that matches no named person
stays unresolved (``name=None``): a title alone is never turned into a guess.

Confidences are calibrated by hand against the gold set (``onrecord eval``): the order matters
more than the values (name given > surname > description > pronoun > inherited).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from onrecord.actors.gazetteer import Gazetteer, gazetteer
from onrecord.model import Mention

CONFIDENCE_FULL_NAME = 0.97
CONFIDENCE_SURNAME = 0.92
CONFIDENCE_AMBIGUOUS_SURNAME = 0.6
CONFIDENCE_DESCRIPTION = 0.82
CONFIDENCE_ONLY_CANDIDATE_PRONOUN = 0.9
CONFIDENCE_PRONOUN = 0.75
CONFIDENCE_ORGANISATION = 0.9
CONFIDENCE_INHERITED = 0.7

_NAME_PARTICLES = {"de", "da", "di", "van", "von", "der", "al", "bin", "ibn", "la", "le", "del"}
_PERSON_ENTS = {"PERSON"}
_NOT_PERSON_ENTS = {"GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL",
                    "PERCENT", "QUANTITY", "EVENT", "LAW", "LANGUAGE", "WORK_OF_ART", "PRODUCT"}
_MALE_PRONOUNS = {"he", "him", "his", "himself"}
_FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
_PLURAL_PRONOUNS = {"they", "them", "their", "we", "us", "our"}
_MALE_HONORIFICS = {"mr", "sir", "lord", "king", "prince", "sheikh"}
_FEMALE_HONORIFICS = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "sheikha"}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,7}$")
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass
class Person:
    name_tokens: list[str]
    roles: set[str] = field(default_factory=set)
    gender: str | None = None
    mentions: list[int] = field(default_factory=list)  # char offsets
    subject_mentions: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(self.name_tokens)

    @property
    def surname(self) -> str:
        return self.name_tokens[-1].lower()


@dataclass
class Organisation:
    name: str
    head: str
    mentions: list[int] = field(default_factory=list)


def _is_name_token(token: Token) -> bool:
    text = token.text
    return (token.pos_ == "PROPN" or (text[:1].isupper() and token.ent_type_ in _PERSON_ENTS)) \
        and text[:1].isupper() and not token.is_punct


def _role_words(tokens: list[Token], gaz: Gazetteer) -> set[str]:
    """Lower-cased role words and bigrams, with demonyms mapped to their country and back."""
    words = [t.lower_ for t in tokens if not (t.is_punct or t.is_space or t.dep_ == "det"
                                              or t.lower_ in ("'s", "’s", "of", "the", "a"))]
    roles = set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
    for word in list(roles):
        iso = gaz.place_country.get(word) or gaz.metonym_country.get(word)
        if iso:
            roles |= gaz.country_words.get(iso, set())
    return roles


class ArticleActors:
    """Named people and organisations of one article, and resolution of mentions to them."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.gaz = gazetteer()
        self.people: dict[str, Person] = {}  # by lower-cased surname
        self.organisations: list[Organisation] = []
        self._read_people()
        self._read_organisations()

    # -- reading who is in the article --------------------------------------------------

    def _name_runs(self) -> list[tuple[int, int]]:
        """Maximal runs of capitalised proper-noun tokens (with particles like "bin", "von")."""
        runs: list[tuple[int, int]] = []
        i, n = 0, len(self.doc)
        while i < n:
            if not _is_name_token(self.doc[i]):
                i += 1
                continue
            j = i + 1
            while j < n and (_is_name_token(self.doc[j]) or (
                    self.doc[j].lower_ in _NAME_PARTICLES and j + 1 < n
                    and _is_name_token(self.doc[j + 1]))):
                j += 1
            runs.append((i, j))
            i = j
        return runs

    def _split_titles(self, start: int, end: int) -> tuple[int, list[Token]]:
        """First token of the name proper, and the title/organisation tokens stripped before it."""
        stripped: list[Token] = []
        i = start
        while i < end - 1:
            token = self.doc[i]
            word = token.lower_.rstrip(".")
            if (word in self.gaz.honorifics or self.gaz.is_place(token.text)
                    or _ACRONYM.match(token.text) or token.ent_type_ in ("ORG", "NORP", "GPE")
                    and token.ent_type_ not in _PERSON_ENTS):
                stripped.append(token)
                i += 1
            else:
                break
        return i, stripped

    def _is_person(self, tokens: list[Token], stripped: list[Token]) -> bool:
        text = " ".join(t.text for t in tokens)
        if self.gaz.is_place(text) or all(self.gaz.is_place(t.text) for t in tokens):
            return False
        if any(t.lower_ in self.gaz.organisation_heads for t in tokens):
            return False
        if any(_ACRONYM.match(t.text) for t in tokens):
            return False
        if any(t.ent_type_ in _PERSON_ENTS for t in tokens):
            return True
        if any(t.lower_.rstrip(".") in self.gaz.honorifics for t in stripped):
            return True
        head = tokens[-1]
        if any(c.dep_ == "appos" and c.lemma_.lower() in self.gaz.person_heads
               for c in head.children):
            return True
        return len(tokens) >= 2 and all(t.ent_type_ not in _NOT_PERSON_ENTS | {"ORG"}
                                        for t in tokens)

    def _person_context(self, head: Token) -> list[Token]:
        """Words around a name that say who the person is: pre-name modifiers, appositions,
        and "X's deputy head" possessives."""
        context: list[Token] = []
        for child in head.children:
            modifies = child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < head.i
            if modifies or child.dep_ == "appos":
                context.extend(child.subtree)
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            context.extend(t for t in head.head.subtree if t.i < head.i)
        return context

    def _read_people(self) -> None:
        gaz = self.gaz
        found: list[tuple[list[Token], list[Token]]] = []
        for start, end in self._name_runs():
            first, stripped = self._split_titles(start, end)
            tokens = [t for t in self.doc[first:end] if t.lower_ not in ("'s", "’s")]
            if not tokens or not self._is_person(tokens, stripped):
                continue
            found.append((tokens, stripped))
        # Fullest names first, so "Rutte" joins "Mark Rutte" rather than starting a person.
        for tokens, stripped in sorted(found, key=lambda f: -len(f[0])):
            surname = tokens[-1].text.lower()
            person = self.people.get(surname)
            if person is None:
                person = self.people[surname] = Person([t.text for t in tokens])
            elif len(tokens) > len(person.name_tokens):
                person.name_tokens = [t.text for t in tokens]
            head = tokens[-1]
            person.mentions.append(head.idx)
            if head.dep_ in _SUBJECT_DEPS:
                person.subject_mentions.append(head.idx)
            person.roles |= _role_words(stripped + self._person_context(head), gaz)
            honorific = {t.lower_.rstrip(".") for t in stripped}
            if honorific & _MALE_HONORIFICS:
                person.gender = "m"
            elif honorific & _FEMALE_HONORIFICS:
                person.gender = "f"
        for person in self.people.values():
            person.mentions.sort()
            person.subject_mentions.sort()
            if person.gender is None and len(person.name_tokens) > 1:
                first_name = person.name_tokens[0].lower()
                if first_name in gaz.male_names:
                    person.gender = "m"
                elif first_name in gaz.female_names:
                    person.gender = "f"

    def _read_organisations(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ in ("ORG", "GPE", "NORP") and not self._covers_person(ent.start):
                self.organisations.append(Organisation(ent.text, ent.root.lower_, [ent.start_char]))
        for token in self.doc:
            if token.lemma_.lower() in self.gaz.organisation_heads and token.pos_ == "NOUN":
                start, end = _phrase(token)
                text = self.doc[start:end].text
                self.organisations.append(Organisation(_without_article(text), token.lower_,
                                                       [self.doc[start].idx]))

    def _covers_person(self, i: int) -> bool:
        return self.doc[i].ent_type_ == "PERSON"

    # -- resolving a mention ------------------------------------------------------------

    def resolve(self, head: Token, start: int, end: int, recent: list[str]) -> Mention:
        """The mention ``doc[start:end]`` headed by ``head``; ``recent`` lists names of the
        speakers already attributed, latest last (pronouns prefer them)."""
        span = self.doc[start:end]
        mention = Mention(mention=span.text, span=(span.start_char, span.end_char))
        name, confidence = self._resolve_name(head, list(span), recent)
        if name is not None:
            mention.name, mention.confidence = name, confidence
        return mention

    def _resolve_name(self, head: Token, tokens: list[Token],
                      recent: list[str]) -> tuple[str | None, float | None]:
        lower = head.lower_
        if head.pos_ == "PRON" or lower in _MALE_PRONOUNS | _FEMALE_PRONOUNS | _PLURAL_PRONOUNS:
            return self._resolve_pronoun(head, recent)
        person = self._named_person(tokens)
        if person is not None:
            full = len(person.name_tokens) > 1 and all(
                part.lower() in {t.lower_ for t in tokens} for part in person.name_tokens)
            clash = sum(1 for p in self.people.values() if p.surname == person.surname) > 1
            confidence = CONFIDENCE_FULL_NAME if full else (
                CONFIDENCE_AMBIGUOUS_SURNAME if clash else CONFIDENCE_SURNAME)
            return person.name, confidence
        if head.lemma_.lower() in self.gaz.person_heads and head.pos_ == "NOUN":
            if any(t.lower_ in ("a", "an", "another", "some", "one") for t in tokens):
                return None, None
            person = self._described_person(head, tokens)
            return (person.name, CONFIDENCE_DESCRIPTION) if person else (None, None)
        return self._organisation_name(head, tokens)

    def _named_person(self, tokens: list[Token]) -> Person | None:
        for token in reversed(tokens):
            person = self.people.get(token.text.lower())
            if person is not None and _is_name_token(token):
                return person
        return None

    def _before(self, offset: int) -> list[tuple[int, Person]]:
        """People mentioned before ``offset``, with their latest mention there."""
        out = []
        for person in self.people.values():
            earlier = [m for m in person.mentions if m < offset]
            if earlier:
                out.append((earlier[-1], person))
        return sorted(out, key=lambda pair: pair[0])

    def _resolve_pronoun(self, pronoun: Token,
                         recent: list[str]) -> tuple[str | None, float | None]:
        lower = pronoun.lower_
        if lower in _PLURAL_PRONOUNS:
            return self._latest_organisation(pronoun.idx)
        if lower not in _MALE_PRONOUNS | _FEMALE_PRONOUNS:
            return None, None
        gender = "m" if lower in _MALE_PRONOUNS else "f"
        candidates = [(offset, p) for offset, p in self._before(pronoun.idx)
                      if p.gender in (None, gender)]
        if not candidates:
            return None, None
        if len(candidates) == 1:
            return candidates[0][1].name, CONFIDENCE_ONLY_CANDIDATE_PRONOUN
        names = {p.name for _, p in candidates}
        for name in reversed(recent[-1:]):
            if name in names:
                return name, CONFIDENCE_PRONOUN
        subjects = [(max(m for m in p.subject_mentions if m < pronoun.idx), p)
                    for _, p in candidates
                    if any(m < pronoun.idx for m in p.subject_mentions)]
        best = max(subjects, key=lambda pair: pair[0]) if subjects else candidates[-1]
        return best[1].name, CONFIDENCE_PRONOUN

    def _described_person(self, head: Token, tokens: list[Token]) -> Person | None:
        """ "the Belarusian leader" -> the person introduced as "Belarusian President ..."."""
        gaz = self.gaz
        role = head.lemma_.lower()
        words = _role_words([t for t in tokens if t.i != head.i], gaz) - gaz.neutral_modifiers
        modifiers = {m for m in words if " " not in m}
        head_classes = gaz.classes_of(role)
        best: tuple[int, int, Person] | None = None
        for offset, person in self._before(head.idx):
            role_match = role in person.roles or any(
                gaz.classes_of(r) & head_classes for r in person.roles)
            if not role_match:
                continue
            needed = {m for m in modifiers if m != role and not _is_country_word(m, gaz)}
            countries = {m for m in modifiers if _is_country_word(m, gaz)}
            if needed - person.roles:
                continue
            if countries and not countries & person.roles:
                continue
            score = (len(needed & person.roles) + len(countries & person.roles), offset)
            if best is None or score > best[:2]:
                best = (score[0], score[1], person)
        return best[2] if best else None

    def _latest_organisation(self, offset: int) -> tuple[str | None, float | None]:
        earlier = [o for o in self.organisations if o.mentions[0] < offset]
        if not earlier:
            return None, None
        return earlier[-1].name, CONFIDENCE_PRONOUN

    def _organisation_name(self, head: Token,
                           tokens: list[Token]) -> tuple[str | None, float | None]:
        text = re.sub(r"\s+", " ", "".join(t.text_with_ws for t in tokens)).strip()
        text = _without_article(text)
        if head.pos_ == "PROPN" or head.ent_type_ in ("ORG", "GPE", "NORP") \
                or self.gaz.is_place(head.text):
            return text, CONFIDENCE_ORGANISATION
        if head.lemma_.lower() in self.gaz.organisation_heads:
            # "the ministry" -> the fullest earlier name with the same head noun.
            same = [o for o in self.organisations
                    if o.head == head.lower_ and o.mentions[0] <= head.idx
                    and len(o.name) > len(text)]
            if same and any(t.lower_ == "the" for t in tokens):
                return max(same, key=lambda o: len(o.name)).name, CONFIDENCE_DESCRIPTION
            if any(t.pos_ == "PROPN" or t.ent_type_ for t in tokens):
                return text, CONFIDENCE_ORGANISATION
        return None, None


def _is_country_word(word: str, gaz: Gazetteer) -> bool:
    return word in gaz.place_country


def _without_article(text: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)


def _phrase(head: Token) -> tuple[int, int]:
    """Left modifiers + head: "Russia's foreign ministry"."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("compound", "amod", "poss", "nmod", "det", "case"):
            start = min(start, child.left_edge.i)
    return start, head.i + 1
