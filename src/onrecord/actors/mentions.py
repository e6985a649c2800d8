"""Who a mention refers to, within one article.

"He", "the secretary general", "the Belarusian leader" and "Rutte" all resolve to the fullest name
the article gives ("Mark Rutte"), read from how people are introduced: "NATO Secretary General Mark
Rutte", "Mark Rutte, the secretary general of NATO". A description that matches no named person
stays unresolved (``name=None``): a title alone is never turned into a guess.

Confidences are calibrated by hand against the gold set (``onrecord eval``): the order matters
more than the values (name given > surname > description > pronoun > inherited).
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from onrecord.actors.gazetteer import Gazetteer, gazetteer
from onrecord.actors.kb import KnowledgeBase
from onrecord.model import Mention
from onrecord.nlp import entities, entity_of, parsed_text
from onrecord.normalise import drop_invisible, without_article
from onrecord.quotes.cues import lexicon

CONFIDENCE_FULL_NAME = 0.97
CONFIDENCE_SURNAME = 0.92
CONFIDENCE_AMBIGUOUS_SURNAME = 0.6
CONFIDENCE_DESCRIPTION = 0.82
CONFIDENCE_ONLY_CANDIDATE_PRONOUN = 0.9
CONFIDENCE_PRONOUN = 0.75
CONFIDENCE_ORGANISATION = 0.9
CONFIDENCE_INHERITED = 0.7
CONFIDENCE_CATAPHORA = 0.7
# How far ahead (characters, about two news paragraphs) a description may find its name.
_CATAPHORA_WINDOW = 600
# News leads describe a person ("A top US commander said …") whom the story names later.
_LEAD_PARAGRAPHS = 2

_NAME_PARTICLES = {"de", "da", "di", "van", "von", "der", "al", "bin", "ibn", "la", "le", "del"}
_PERSON_ENTS = {"PERSON"}
_NOT_PERSON_ENTS = {"GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL",
                    "PERCENT", "QUANTITY", "EVENT", "LAW", "LANGUAGE", "WORK_OF_ART", "PRODUCT"}
_MALE_PRONOUNS = {"he", "him", "his", "himself"}
_FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
_PLURAL_PRONOUNS = {"they", "them", "their", "we", "us", "our"}
_THEY = {"they", "them", "their"}
# Surnames misspelt in the source ("Zelenksy") still resolve when this similar (difflib ratio)
# and at least this long; a transposition in a 7-letter name scores 0.857.
_FUZZY_CUTOFF = 0.84
_FUZZY_MIN_LENGTH = 5
# With the same given names, a surname spelt otherwise ("Said Bakar", "Said Bacar": one letter
# of five, ratio 0.8) is the same person.
_VARIANT_SURNAME_CUTOFF = 0.8
# A body's first word with two letters swapped ("Amuary", "Amaury": 0.83).
_SPELT_ALIKE = 0.8
# An organisation's name one letter off another of the article's (0.97 for a dropped letter
# in a 28-letter name).
_FUZZY_ORGANISATION = 0.94
_CAMEL_CASE = re.compile(r"[a-z][A-Z]")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,7}$")
# A middle initial ("James L. Jones") or a run of initials opening a name ("M.K. Narayanan",
# "H.R. McMaster"); "U.S." is a place, and an acronym.
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
# A subject, and the person a copula introduces ("Among those going home is Amara Diallo.
# She says …"): whom a later "he" or "she" follows.
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "attr"}
_EMBEDDED_CLAUSES = {"ccomp", "xcomp", "csubj", "pcomp"}


@dataclass
class Person:
    name: str
    roles: set[str] = field(default_factory=set)
    gender: str | None = None
    # From a given name most bearers of which are of one sex ("Kathryn"): rules out a
    # pronoun of the other while someone else fits it.
    likely_gender: str | None = None
    mentions: list[int] = field(default_factory=list)  # char offsets
    subject_mentions: list[int] = field(default_factory=list)
    # The states and bodies the article names beside the person, in text order: "Israeli"
    # and "U.S." of "Israeli Prime Minister X" and "the U.S. envoy, X".
    affiliations: list[str] = field(default_factory=list)
    spoke: list[int] = field(default_factory=list)  # offsets of the mentions that spoke

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower()

    @property
    def keys(self) -> set[str]:
        """Every word a later mention may use for this person: "Lin", "Ansari", "Kamysz"."""
        words = {w.lower() for w in re.split(r"[\s-]+", self.name)}
        return words - _NAME_PARTICLES - gazetteer().honorifics | {self.surname}


@dataclass
class Organisation:
    name: str
    head: str
    mentions: list[int] = field(default_factory=list)


def _is_name_token(token: Token) -> bool:
    text = token.text
    return (token.pos_ == "PROPN" or (text[:1].isupper() and token.ent_type_ in _PERSON_ENTS)) \
        and text[:1].isupper() and not token.is_punct


def post_abroad(token: Token) -> Token | None:
    """The envoy's post whose "to" phrase holds ``token``: "the United States" of "Israeli
    ambassador to the United States" is where the post is held, not whom its holder speaks
    for. The parser also puts a name glued after it there ("… to the United States Ron
    Dermer")."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return None
        if ancestor.dep_ == "prep" and ancestor.lower_ == "to" \
                and "diplomat" in gazetteer().classes_of(ancestor.head.lemma_):
            return ancestor.head
    return None


def _role_words(tokens: list[Token], gaz: Gazetteer) -> set[str]:
    """Lower-cased role words and bigrams, with demonyms mapped to their country and back."""
    words = [t.lower_ for t in tokens if not (t.is_punct or t.is_space or t.dep_ == "det"
                                              or t.lower_ in ("'s", "’s", "of", "the", "a"))]
    roles = set(words) | {" ".join(words[i:i + n]) for n in (2, 3) for i in range(len(words))
                          if i + n <= len(words)}
    for word in list(roles):
        iso = gaz.place_country.get(word) or gaz.metonym_country.get(word)
        if iso:
            roles |= gaz.country_words.get(iso, set())
    return roles


class ArticleActors:
    """Named people and organisations of one article, and resolution of mentions to them."""

    def __init__(self, doc: Doc, known: KnowledgeBase | None = None,
                 on: dt.date | None = None, text: str | None = None) -> None:
        self.doc = doc
        # The article's own text: the parser reads a copy with odd spaces made plain and page
        # furniture blanked, and a mention must quote the article, not that copy.
        self.parsed = parsed_text(doc)  # the parser's copy
        self.text = self.parsed if text is None else text
        self.gaz = gazetteer()
        self.known = known
        self.on = on
        self.people: dict[str, Person] = {}  # by lower-cased surname
        self.organisations: list[Organisation] = []
        # (offset, name, plural) of the bodies, groups and documents that spoke
        self.speaking_bodies: list[tuple[int, str, bool]] = []
        self.unnamed_speakers: list[int] = []  # offsets of "a ministry spokesman" who spoke
        self.acronyms = _acronyms(self.parsed)
        self._read_people()
        self._read_organisations()

    # -- reading who is in the article --------------------------------------------------

    def _continues_name(self, j: int) -> bool:
        """Whether token ``j`` carries on the name run: a name, a glued hyphen (al-Ansari,
        Kosiniak-Kamysz), or a particle (von der Leyen) that leads to a name."""
        doc, n = self.doc, len(self.doc)
        token = doc[j]
        if _is_name_token(token):
            return True
        if token.text == "-" and not doc[j - 1].whitespace_ and not token.whitespace_:
            return j + 1 < n and doc[j + 1].is_alpha  # Ching-te, al-Ansari
        if doc[j - 1].text == "-" and not doc[j - 1].whitespace_ and token.is_alpha:
            return True
        k = j
        while k < n and (doc[k].lower_ in _NAME_PARTICLES or doc[k].text == "-"):
            k += 1
        return k > j and k < n and _is_name_token(doc[k])

    def _name_runs(self) -> list[tuple[int, int]]:
        """Maximal runs of capitalised proper-noun tokens (with particles like "bin", "von")."""
        runs: list[tuple[int, int]] = []
        i, n = 0, len(self.doc)
        while i < n:
            if not _is_name_token(self.doc[i]):
                i += 1
                continue
            j = i + 1
            while j < n and self._continues_name(j):
                j += 1
            runs.append((i, j))
            i = j
        return runs

    def _is_title(self, token: Token) -> bool:
        return token.lower_.rstrip(".") in self.gaz.honorifics

    def _is_affiliation(self, token: Token) -> bool:
        return bool(self.gaz.is_place(token.text) or _ACRONYM.match(token.text)
                    or token.ent_type_ in ("ORG", "NORP", "GPE"))

    def _split_titles(self, start: int, end: int) -> tuple[int, list[Token]]:
        """First token of the name proper, and the words stripped before it: everything up to
        the last title ("Omani Foreign Minister Badr Albusaidi"), then leading places and
        organisations while two or more words remain ("NATO Mark Rutte", not "Israel Katz")."""
        first = start
        for i in range(start, end - 1):
            # "Minister of Foreign Relations Celso Amorim": a plural ends a title, never
            # opens a name.
            if self._is_title(self.doc[i]) or self.doc[i].tag_ == "NNPS":
                first = i + 1
        while first < end - 2 and self._is_affiliation(self.doc[first]) \
                and not self._one_entity(first, end):
            first += 1
        given = next((i for i in range(first, end - 1) if self._is_given_name(self.doc[i])), None)
        if given is not None and not any(t.ent_type_ in _PERSON_ENTS
                                         for t in self.doc[first:given]):
            first = given  # "Inspector-General of Police Khalid Abu Bakar": the name starts here
        entity = self._person_entity_ending(end)
        described = first > start or (start > 0 and self.doc[start - 1].lower_ == "the")
        if given is None and entity is not None and first < entity.start and (
                described or self._given_name_after(first, entity.start)):
            # "Colombian Senador Jimmy Chamorro", "Prime Minster Silvio Berlusconi": a title
            # the lists do not know (another language's, a misspelt one) before the name the
            # entity recogniser marks, after a title, a place or "the"; a run that opens with
            # such a word ("Anders Fogh Rasmussen") opens with a given name, unless the
            # entity opens with one and the run does not ("Scientologist Tom Cruise").
            first = entity.start
        if end - first == 1:
            first = self._styled(start, first)
        return first, list(self.doc[start:first])

    def _styled(self, start: int, first: int) -> int:
        """Where a one-word name starts with its style: "Saudi King Abdullah" -> "King
        Abdullah", "Mr Justice Green" (a style and the titles just before it); ``first`` when
        no style stands before the name."""
        titles = first
        while titles > start and self._is_title(self.doc[titles - 1]):
            titles -= 1
        styled = any(t.lower_.rstrip(".") in self.gaz.name_styles for t in self.doc[titles:first])
        return titles if styled else first

    def _given_name_after(self, first: int, name: int) -> bool:
        """Whether the entity's first word (``name``) is a given name the baby-name counts
        know and the run's first word is none."""
        genders = self.gaz.name_genders
        return self.doc[name].lower_ in genders and self.doc[first].lower_ not in genders

    def _one_entity(self, i: int, end: int) -> bool:
        """Whether token ``i`` opens an entity that runs to the end of the name: "Torben
        Vinding Holm" labelled as one organisation is a mislabelled name, not a body's
        name before a person's ("NATO Mark Rutte")."""
        entity = entity_of(self.doc[i])
        return entity is not None and entity.start == i and entity.end >= end

    def _person_entity_ending(self, end: int) -> Span | None:
        """The person entity of two words or more that ends at token ``end`` (exclusive); not
        a single hyphenated surname ("Kosiniak-Kamysz", the recogniser leaving the given name
        out)."""
        entity = entity_of(self.doc[end - 1])
        if entity is None or entity.label_ not in _PERSON_ENTS or entity.end != end \
                or " " not in entity.text.strip():
            return None
        return entity

    def _is_given_name(self, token: Token) -> bool:
        """A first name of the gender lists (``first_names.yaml``) opening a name."""
        word = token.lower_
        return token.text[:1].isupper() and (word in self.gaz.male_names
                                             or word in self.gaz.female_names)

    def _is_person(self, tokens: list[Token], stripped: list[Token]) -> bool:
        if all(self._is_title(t) for t in tokens):
            return False  # "Minister warns ...", "the Defence Secretary said": a role, no name
        text = " ".join(t.text for t in tokens)
        if self.gaz.is_place(text) or all(self.gaz.is_place(t.text) for t in tokens):
            return False
        if any(t.lower_ in self.gaz.organisation_heads for t in tokens):
            return False
        if any(_ACRONYM.match(t.text) and not self._initials(t) for t in tokens):
            return False  # "NATO", "IAEA"; not initials ("James L. Jones", "M.K. Narayanan")
        if len(tokens) == 1 and _CAMEL_CASE.search(text):
            return False  # QatarEnergy, ExxonMobil: companies, whatever NER says
        if any(t.ent_type_ in _PERSON_ENTS for t in tokens):
            return True
        if len(tokens) >= 2 and self._is_given_name(tokens[0]):
            return True  # "Mir-Hossein Mousavi", whatever label the NER gives a name it lacks
        if any(t.lower_.rstrip(".") in self.gaz.honorifics for t in stripped):
            return True
        head = tokens[-1]
        # "Arben Krasniqi, the interior minister" and "the interior minister, Arben Krasniqi":
        # a person noun in apposition makes a person, whatever the NER label says.
        if any(c.dep_ == "appos" and c.lemma_.lower() in self.gaz.person_heads
               for c in head.children):
            return True
        if head.dep_ == "appos" and self._describes_person(head.head) \
                and self.doc[tokens[0].i - 1].text == ",":
            # Set off by a comma; "a spokesperson for the website Fotobook" names the website.
            return True
        if _subject_of_relative(head):
            return True  # "like Amara Diallo, who lives in the camp": "who" is for people
        return len(tokens) >= 2 and all(t.ent_type_ not in _NOT_PERSON_ENTS | {"ORG"}
                                        for t in tokens)

    def _describes_person(self, noun: Token) -> bool:
        """Whether ``noun`` heads a person's description, through the phrases after it: "a
        spokesman for the refugee agency, Ana Kol," sets the name off after "agency"."""
        while noun.dep_ in ("pobj", "prep") and noun.head is not noun:
            noun = noun.head
        return noun.lemma_.lower() in self.gaz.person_heads

    def _initials(self, token: Token) -> bool:
        return bool(_INITIALS.match(token.text)) and not self.gaz.is_place(token.text)

    def _person_context(self, head: Token) -> list[Token]:
        """Words around a name that say who the person is: pre-name modifiers, appositions,
        "X's deputy head" possessives, and the post a glued name was parsed as sent to."""
        context: list[Token] = []
        for child in head.children:
            modifies = child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < head.i
            if modifies or child.dep_ == "appos":
                context.extend(child.subtree)
        post = post_abroad(head)
        if post is not None:  # "Israeli ambassador to the United States Ron Dermer"
            context.extend(t for t in post.subtree if t.i < post.i)
        described = _set_off_from(head)
        if described is not None and described.pos_ == "NOUN":
            context.extend(t for t in described.subtree if t.i < head.i)
        return context

    def _relative_roles(self, head: Token) -> set[str]:
        """ "Maria Keller, who heads the refugee agency, …": the role a "who" clause gives,
        with the words of what the person heads ("agency head", "refugee agency chief")."""
        roles: set[str] = set()
        for clause in head.children:
            role = self.gaz.role_verbs.get(clause.lemma_.lower())
            if clause.dep_ != "relcl" or role is None or not any(
                    g.tag_ == "WP" and g.dep_ in _SUBJECT_DEPS for g in clause.children):
                continue
            objects = [t for c in clause.children if c.dep_ == "dobj" for t in c.subtree]
            roles |= {role} | _role_words(objects, self.gaz)
        return roles

    def _read_people(self) -> None:
        found: list[tuple[str, Token, list[Token]]] = []
        surnames: list[tuple[Token, list[Token]]] = []  # one word that is no name by itself
        for start, end in self._name_runs():
            first, stripped = self._split_titles(start, end)
            while end > first and self.doc[end - 1].lower_ in ("'s", "’s", "’", "'"):
                end -= 1
            tokens = list(self.doc[first:end])
            if not tokens or not tokens[0].text[:1].isupper():
                continue  # "-based" of "Qatar-based", "-General" of "Secretary-General": no name
            if self._is_person(tokens, stripped):
                found.append((drop_invisible(self.doc[first:end].text), tokens[-1], stripped))
            elif len(tokens) == 1:
                surnames.append((tokens[0], stripped))
        # Fullest names first, so "Rutte" joins "Mark Rutte" rather than starting a person.
        for name, head, stripped in sorted(found, key=lambda f: -len(f[0].split())):
            self._add_mention(name, head, stripped)
        # "Waters pointed out …", the tagger making a surname a plural noun.
        surnames += [(t, []) for t in self.doc if t.pos_ == "NOUN" and t.text[:1].isupper()
                     and t.is_alpha and not t.text.isupper()]
        surnames.sort(key=lambda pair: pair[0].i)
        for token, stripped in surnames:
            person = self._surname_alone(token)
            if person is not None:
                self._add_mention(person.name, token, stripped, person)
        for person in self.people.values():
            person.mentions.sort()
            person.subject_mentions.sort()
            if self.known is not None:
                person.roles |= self.known.role_words(person.name, self.on)
            words = person.name.split()
            if person.gender is None and len(words) > 1:
                if words[0].lower() in self.gaz.male_names:
                    person.gender = "m"
                elif words[0].lower() in self.gaz.female_names:
                    person.gender = "f"
                else:
                    person.likely_gender = self.gaz.name_genders.get(words[0].lower())

    def _surname_alone(self, token: Token) -> Person | None:
        """ "Montalvo had known Devocht personally": the surname of someone the article named
        in full is that person's mention whatever label the recogniser gives it (so a later
        "he" follows that subject), unless it is a place or a body's acronym; a surname two
        people bear is the one named last before it."""
        if self.gaz.is_place(token.text) or _ACRONYM.match(token.text):
            return None
        bearers = [(max(m for m in p.mentions if m < token.idx), p) for p in self.people.values()
                   if p.surname == token.lower_ and " " in p.name
                   and any(m < token.idx for m in p.mentions)]
        return max(bearers, key=lambda pair: pair[0])[1] if bearers else None

    def _person_called(self, name: str) -> Person:
        """The person ``name`` names, made when the article has no one of that name yet."""
        surname = name.split()[-1].lower()
        person = self.people.get(name.lower()) or self.people.get(surname)
        if person is not None and _another_given_name(person.name, name):
            # "His brother Mohammed al-Megrahi" is not "Abdelbaset al-Megrahi": a person of
            # their own, found by their whole name.
            person = self.people.get(name.lower()) or self._spelt_otherwise(name)
            if person is None:
                person = self.people[name.lower()] = Person(name)
        if person is None and len(name.split()) == 1:
            person = next((p for p in self.people.values() if surname in p.keys), None) \
                or self._misspelt(surname)
        if person is None:
            person = self._spelt_otherwise(name)
        if person is None:
            person = self.people[surname] = Person(name)
        return person

    def _add_mention(self, name: str, head: Token, stripped: list[Token],
                     person: Person | None = None) -> None:
        """A mention of ``person``, or of the person called ``name``."""
        person = person or self._person_called(name)
        person.mentions.append(head.idx)
        # "Finland's defence minister, Antti Häkkänen, dismissed ...": the name in apposition
        # to a subject is the subject.
        described = _set_off_from(head)
        subject = head if head.dep_ in _SUBJECT_DEPS else described if (
            described is not None and described.dep_ in _SUBJECT_DEPS) else None
        if head.dep_ == "pobj" and head.head.dep_ == "agent":
            subject = head.head  # "the plan was drafted by Ana Kol": she did it
        # A subject inside someone's reported words ("Fowler said he expects Clinton to
        # recover") is not who a later "he" follows.
        if subject is not None and subject.head.dep_ not in _EMBEDDED_CLAUSES \
                or _subject_of_relative(head):
            person.subject_mentions.append(head.idx)
        context = stripped + self._person_context(head)
        person.roles |= _role_words(context, self.gaz) | self._relative_roles(head)
        person.affiliations += self._affiliations(context)
        honorific = {t.lower_.rstrip(".") for t in stripped}
        if honorific & self.gaz.male_honorifics:
            person.gender = "m"
        elif honorific & self.gaz.female_honorifics:
            person.gender = "f"

    def _affiliations(self, tokens: list[Token]) -> list[str]:
        """The place, body and nationality names among ``tokens``, whole entities where the
        parser found them ("North Korea's", not "North" and "Korea")."""
        names: list[str] = []
        taken: set[int] = set()  # the entities named already, by their first token
        for token in sorted(tokens, key=lambda t: t.i):
            if post_abroad(token) is not None:
                continue
            entity = entity_of(token) if token.ent_type_ in ("GPE", "NORP", "ORG") else None
            if entity is not None:
                if entity.start not in taken:
                    taken.add(entity.start)
                    names.append(without_article(entity.text))
            elif self._is_affiliation(token):
                names.append(token.text)
        return names

    def affiliations(self, name: str) -> list[str]:
        """The affiliations the article gives the person or body called ``name``: "Israeli"
        of "Israeli Prime Minister Ehud Olmert", "India" of "India's Ministry of External
        Affairs"."""
        person = self.people.get(name.lower()) or self.people.get(name.split()[-1].lower())
        if person is not None:
            return person.affiliations
        found: list[str] = []
        for match in re.finditer(re.escape(name), self.parsed):
            span = self.doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                found += self._affiliations([t for t in span.root.subtree if t.i < span.start])
        return found

    def _read_organisations(self) -> None:
        for ent in entities(self.doc):
            if ent.label_ in ("ORG", "GPE", "NORP") and not self._covers_person(ent.start):
                self.organisations.append(Organisation(_unbracketed(ent.text),
                                                       ent.root.lower_, [ent.start_char]))
        for token in self.doc:
            if token.lemma_.lower() in self.gaz.organisation_heads \
                    and token.pos_ in ("NOUN", "PROPN"):
                start, end = _phrase(token)
                end = self._of_name(token, end)
                self.organisations.append(Organisation(_unbracketed(self.doc[start:end].text),
                                                       token.lower_, [self.doc[start].idx]))

    def _of_name(self, head: Token, end: int) -> int:
        """ "Human Rights Commission of Pakistan": a capitalised body's name goes on through
        "of" and the proper name after it."""
        doc = self.doc
        if not head.text[:1].isupper() or end + 1 >= len(doc) or doc[end].lower_ != "of":
            return end
        stop = end + 1
        while stop < len(doc) and doc[stop].pos_ == "PROPN" and doc[stop].text[:1].isupper():
            stop += 1
        return stop if stop > end + 1 else end

    def _covers_person(self, i: int) -> bool:
        return self.doc[i].ent_type_ == "PERSON"

    def quoted(self, spans: Iterable[tuple[int, int]]) -> None:
        """The words of direct quotations are the speaker's: a subject in them ("“Karlsson has
        done nothing. Karlsson failed us,” he said") is not whom the writer's later "he"
        follows."""
        inside = sorted(spans)
        starts = [start for start, _ in inside]

        def quoted(offset: int) -> bool:
            i = bisect.bisect_right(starts, offset) - 1
            return i >= 0 and offset < inside[i][1]

        for person in self.people.values():
            person.subject_mentions = [m for m in person.subject_mentions if not quoted(m)]

    # -- resolving a mention ------------------------------------------------------------

    def resolve(self, head: Token, start: int, end: int, salient: bool = False) -> Mention:
        """The mention ``doc[start:end]`` headed by ``head``. A ``salient`` mention (a speaker)
        becomes what later pronouns look back to, like a grammatical subject."""
        span = self.doc[start:end]
        mention = Mention(mention=self.text[span.start_char:span.end_char],
                          span=(span.start_char, span.end_char))
        name, confidence = self._resolve_name(head, list(span))
        if name is not None:
            mention.name, mention.confidence = drop_invisible(name), confidence
            person = next((p for p in self.people.values() if p.name == name), None)
            if salient and person is not None and head.idx not in person.subject_mentions:
                bisect.insort(person.subject_mentions, head.idx)
            if salient and person is not None:
                person.spoke.append(head.idx)
            if salient and person is None and head.pos_ != "PRON":
                bisect.insort(self.speaking_bodies, (head.idx, mention.name, False))
        elif salient and head.lemma_.lower() in self.gaz.person_heads \
                and head.tag_ in ("NN", "NNP") and not _related_to_named(head):
            bisect.insort(self.unnamed_speakers, head.idx)
        elif salient and head.pos_ in ("NOUN", "PROPN"):
            # "Several hundred business leaders said … They forecast …", "says the email. It
            # also …": a group or a document the article never names, as printed.
            bisect.insort(self.speaking_bodies, (head.idx, mention.mention, head.tag_ == "NNS"))
        return mention

    def _resolve_name(self, head: Token, tokens: list[Token]) -> tuple[str | None, float | None]:
        lower = head.lower_
        pronoun = lower in _MALE_PRONOUNS | _FEMALE_PRONOUNS | _PLURAL_PRONOUNS
        if (head.pos_ == "PRON" or pronoun) and head.text != "US":  # "The US said": no "us"
            return self._resolve_pronoun(head)
        if head.lower_ == "old" and any(c.lower_ == "year" for c in head.children) \
                and any(t.lower_ == "the" for t in tokens):
            return self._latest_subject(head.idx)  # "the 78-year-old also said"
        person = self._named_person(head) or self._name_set_off(head)
        if person is not None:
            mention = self.doc[tokens[0].i:tokens[-1].i + 1].text.lower()
            full = len(person.name.split()) > 1 and person.name.lower() in mention
            clash = sum(1 for p in self.people.values() if p.surname == person.surname) > 1
            confidence = CONFIDENCE_FULL_NAME if full else (
                CONFIDENCE_AMBIGUOUS_SURNAME if clash else CONFIDENCE_SURNAME)
            return person.name, confidence
        # A role word is a description even capitalised ("Minister warns ..." in a headline,
        # "the President said"), unless a person's name is part of the mention.
        described = head.pos_ == "NOUN" or (head.pos_ == "PROPN" and (
            head.text.islower() or not any(t.ent_type_ == "PERSON" for t in tokens)))
        if head.lemma_.lower() in self.gaz.person_heads and described:
            if any(t.lower_ in ("a", "an") for t in tokens) and head.tag_ in ("NN", "NNP") \
                    and self._in_lead(head):
                person, _ = self._described_person(head, tokens, introduced=True)
                return (person.name, CONFIDENCE_CATAPHORA) if person else (None, None)
            if any(t.lower_ in ("a", "an", "another", "some", "one") for t in tokens):
                return None, None
            if head.tag_ in ("NNS", "NNPS"):
                if any(t.lower_ in ("both", "two") for t in tokens):
                    return self._named_pair(head)
                return None, None  # "the officials": never one person
            person, confidence = self._described_person(head, tokens)
            return (person.name, confidence) if person else (None, None)
        return self._organisation_name(head, tokens)

    def _named_pair(self, head: Token) -> tuple[str | None, float | None]:
        """ "Ana Kol and Lev Orlov were charged. Both men say …": the two people last named
        together before ``head``; the first of several subjects speaks (annotation guide)."""
        named = {m: p for p in self.people.values() for m in p.mentions}
        for token in reversed(self.doc[:head.i]):
            first = named.get(token.idx)
            if first is not None and any(c.dep_ == "conj" and named.get(c.idx) not in (None, first)
                                         for c in token.children):
                return first.name, CONFIDENCE_DESCRIPTION
        return None, None

    def _latest_subject(self, offset: int) -> tuple[str | None, float | None]:
        """The person last seen as a subject or speaker before ``offset``."""
        person = _last_subject(self.people.values(), offset)
        return (person.name, CONFIDENCE_DESCRIPTION) if person else (None, None)

    def name_words(self, head: Token) -> set[str]:
        """The lower-cased words of the name of the person ``head`` names (empty if none)."""
        person = self._named_person(head)
        return person.keys if person is not None else set()

    def _named_person(self, head: Token) -> Person | None:
        """The person the mention names: its head and the name words compounded with it
        ("NATO chief Mark Rutte"), never a name inside a modifier ("the sister of Kim Jong Un")."""
        chain = [head] + [c for c in head.lefts if c.dep_ in ("compound", "flat")]
        found = self._person_by_word(chain)
        if found is not None and head.text[:1].isupper() and not self._is_title(head) \
                and head.lower_ not in found.keys and self._misspelt(head.lower_) is not found:
            found = None  # "the International Maritime Bureau" is no "Vela International …"
        # A whole name the mention spells out is that person: "Kim Chang-su" is not whoever
        # else shares the word "Kim" (spellings apart: "Kim Jong-Un" is "Kim Jong Un").
        words = drop_invisible(self.doc[min(t.i for t in chain):head.i + 1].text)
        whole = [p for p in self.people.values() if " " in p.name and words.endswith(p.name)]
        if whole and (found is None or _plain(found.name) not in _plain(words)):
            return max(whole, key=lambda p: len(p.name))
        variant = self._spelt_otherwise(words) if " " in words else None
        if variant is not None and (found is None or _plain(found.name) not in _plain(words)):
            return variant
        return found

    def _name_set_off(self, head: Token) -> Person | None:
        """ "A spokesman for the refugee agency, Ana Kol, said", "One of the camp's elders,
        Musa Diop, says": the person named in apposition within the speaker's phrase (not in
        a clause inside it)."""
        for token in head.subtree:
            if token.dep_ != "appos" or not _is_name_token(token):
                continue
            path = [token, *(t for t in token.ancestors if head.is_ancestor(t))]
            if all(t.dep_ in ("appos", "prep", "pobj") for t in path):
                return self._named_person(token)
        return None

    def _person_by_word(self, chain: list[Token]) -> Person | None:
        """The person one of the words names; a capitalised word the tagger took for a common
        noun still names someone the article introduced ("Lage denied reports ...")."""
        for token in chain:
            if not (_is_name_token(token) or "-" in token.text
                    or (token.text[:1].isupper() and token.is_alpha)):
                continue
            word = drop_invisible(token.text).lower()
            person = self.people.get(word)
            if person is None and self.gaz.is_place(word):
                continue  # "urged Israel to withdraw" after "Israel Katz": the state
            person = person or next((p for p in self.people.values() if word in p.keys), None)
            person = person or self._misspelt(word)
            if person is not None:
                return person
        return None

    def _misspelt(self, word: str) -> Person | None:
        """A typo in the source ("Zelenksy"): the person with the closest surname, if close."""
        if len(word) < _FUZZY_MIN_LENGTH:
            return None
        close = difflib.get_close_matches(word, list(self.people), n=1, cutoff=_FUZZY_CUTOFF)
        return self.people[close[0]] if close else None

    def _spelt_otherwise(self, name: str) -> Person | None:
        """ "Abdourahim Said Bacar" (or "Said Bacar") after "Abdourahim Said Bakar": the same
        last given names and a surname a letter apart are one person, named as the article
        first spells them."""
        *given, surname = name.lower().split()
        if not given or len(surname) < _FUZZY_MIN_LENGTH:
            return None
        for person in self.people.values():
            *known_given, known_surname = person.name.lower().split()
            if known_given[-len(given):] == given and difflib.SequenceMatcher(
                    None, known_surname, surname).ratio() >= _VARIANT_SURNAME_CUTOFF:
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

    def _resolve_pronoun(self, pronoun: Token) -> tuple[str | None, float | None]:
        """He/she: the compatible person who spoke last in the pronoun's paragraph ("X said …,
        after Y approved …. “…,” he added"), else the one last seen as a subject or speaker
        (journalists' "he" follows the sentence subject), else the last one mentioned."""
        lower = pronoun.lower_
        said = [(offset, name) for offset, name, plural in self.speaking_bodies
                if offset < pronoun.idx and not (plural and lower == "it")
                and not (lower == "it" and self._names_person(name))]
        document = self._document_subject(pronoun) if lower == "it" else None
        if document is not None and (not said or document[0] > said[-1][0]):
            return document[1], CONFIDENCE_PRONOUN
        group = self._plural_subject(pronoun) if lower in _THEY else None
        if group is not None and (not said or group[0] > said[-1][0]):
            return group[1], CONFIDENCE_PRONOUN
        spoken = [name for _, name in said]
        if lower in _PLURAL_PRONOUNS | {"it"} and spoken:
            # "The Pentagon said ... It added": the body that spoke last.
            return spoken[-1], CONFIDENCE_PRONOUN
        if lower == "it":
            return self._subject_body(pronoun)
        if lower in _PLURAL_PRONOUNS:
            return self._latest_organisation(pronoun.idx)
        if lower not in _MALE_PRONOUNS | _FEMALE_PRONOUNS:
            return None, None
        gender = "m" if lower in _MALE_PRONOUNS else "f"
        candidates = [(offset, p) for offset, p in self._before(pronoun.idx)
                      if p.gender in (None, gender)]
        likely = [(offset, p) for offset, p in candidates
                  if p.gender is not None or p.likely_gender in (None, gender)]
        # "Yasmeen Afdhal, who works for …, was a witness. He described …": an article's
        # pronoun against the name still finds her when no one else fits.
        candidates = likely or candidates
        if not candidates:
            return None, None
        best = _last_subject((p for _, p in candidates), pronoun.idx) or candidates[-1][1]
        speaker = self._last_speaker([p for _, p in candidates], pronoun.idx)
        if speaker is not None:
            best = speaker
        if self._unnamed_spoke_since(best, pronoun.idx):
            return None, None
        if len(candidates) == 1:
            best.gender = gender
            return best.name, CONFIDENCE_ONLY_CANDIDATE_PRONOUN
        best.gender = gender  # "he" once, "he" after: a later "she" looks elsewhere
        return best.name, CONFIDENCE_PRONOUN

    def _last_speaker(self, people: list[Person], offset: int) -> Person | None:
        """The one of ``people`` who spoke last, when that was in the pronoun's paragraph."""
        spoke = [(max(m for m in p.spoke if m < offset), p) for p in people
                 if any(m < offset for m in p.spoke)]
        if not spoke:
            return None
        at, person = max(spoke, key=lambda pair: pair[0])
        return person if "\n" not in self.parsed[at:offset] else None

    def _unnamed_spoke_since(self, person: Person, offset: int) -> bool:
        """ "“…,” said a defence ministry spokesman. He said that …": a speaker the article
        never names spoke after ``person`` was last a subject, so "he" is that speaker."""
        last = max((m for m in person.subject_mentions if m < offset), default=-1)
        return any(last < m < offset for m in self.unnamed_speakers)

    def _in_lead(self, head: Token) -> bool:
        """Whether ``head`` is in the article's first two paragraphs (headline and lead)."""
        return self.parsed[:head.idx].strip().count("\n") < _LEAD_PARAGRAPHS

    def _described_person(self, head: Token, tokens: list[Token],
                          introduced: bool = False) -> tuple[Person | None, float | None]:
        """ "the Belarusian leader" -> the person introduced as "Belarusian President ...".

        The role must match (same word or same role class); every other modifier ("deputy",
        "defence") must appear among the person's roles; a nationality must agree when the
        article gives the person one. Among candidates, the most specific match, then the
        latest mentioned, wins. With no one before, a person named just after the description
        ("Estonia's defence minister warned … Defence Minister Kaarel Remmelgas said") is taken,
        with less confidence."""
        gaz = self.gaz
        role = head.lemma_.lower()
        # A describing adjective that is no title or nationality ("the young leader", "the
        # ailing president") need not be among the person's roles.
        # Nor does a phrase of time or place ("the leader on Sunday", "the envoy in Geneva"):
        # only "of", "for" and "to" relate a role ("ambassador to the UN").
        aside = {t.i for c in head.children if c.dep_ == "prep"
                 and c.lower_ not in ("of", "for", "to") for t in c.subtree}
        modifiers = [t for t in tokens if t.i != head.i and t.i not in aside and not (
            t.pos_ == "ADJ" and t.lower_ not in gaz.honorifics and not gaz.is_place(t.text))]
        words = _role_words(modifiers, gaz) - gaz.neutral_modifiers
        countries = {w for w in words if w in gaz.place_country}
        needed = {w for w in words if " " not in w and w not in gaz.place_country} - {role}
        head_classes = gaz.classes_of(role)

        def score(person: Person) -> int | None:
            if role not in person.roles and not any(
                    gaz.classes_of(r) & head_classes for r in person.roles):
                return None
            if needed - person.roles:
                return None
            person_countries = {r for r in person.roles if r in gaz.place_country}
            if countries and person_countries and not countries & person_countries:
                return None
            return len(needed) + len(countries & person_countries) + (role in person.roles)

        if introduced:  # "A top US commander said …" in the lead, named further on
            return next((p for _, p in sorted((p.mentions[0], p) for p in self.people.values()
                                              if p.mentions[0] > head.idx)
                         if score(p) is not None), None), CONFIDENCE_CATAPHORA
        best: tuple[int, int, Person] | None = None
        for offset, person in self._before(head.idx):
            points = score(person)
            if points is not None and (best is None or (points, offset) > best[:2]):
                best = (points, offset, person)
        if best is not None:
            if self._unnamed_since(role, best[1], head.i):
                return None, None
            return best[2], CONFIDENCE_DESCRIPTION
        later = sorted((p.mentions[0], p) for p in self.people.values()
                       if head.idx < p.mentions[0] <= head.idx + _CATAPHORA_WINDOW)
        for _, person in later:
            if score(person) is not None:
                return person, CONFIDENCE_CATAPHORA
        return None, None

    def _unnamed_since(self, role: str, offset: int, before: int) -> bool:
        """Whether someone new and unnamed with this role was introduced after ``offset``:
        "The commander of a Norwegian frigate, who cannot be named, said ..." makes a later
        "the commander" that person, not the general named earlier."""
        for token in self.doc[:before]:
            if token.idx <= offset or token.lemma_.lower() != role:
                continue
            if token.dep_ == "appos" and _is_name_token(token.head):
                continue  # "Tomas Vela, a harbour spokesman": the named person's own role
            indefinite = any(c.lower_ in ("a", "an") for c in token.children) or any(
                c.dep_ == "prep" and any(g.lower_ in ("a", "an") for p in c.children
                                         for g in p.children) for c in token.children)
            if indefinite or any(c.dep_ == "relcl" for c in token.children):
                return True
        return False

    def _document_subject(self, pronoun: Token) -> tuple[int, str] | None:
        """ "The report is known to hold disputed material. It says …": a document the
        subject of this sentence or the one before, as printed, is what "it" says."""
        sentence = pronoun.sent
        start = self.doc[sentence.start - 1].sent.start if sentence.start > 0 else 0
        for token in reversed(self.doc[start:pronoun.i]):
            if token.dep_ in _SUBJECT_DEPS and token.pos_ == "NOUN" and token.tag_ == "NN" \
                    and token.lemma_.lower() in lexicon().issuer_nouns:
                first, end = _phrase(token)
                words = self.doc[first:end]
                return token.idx, self.text[words.start_char:words.end_char]
        return None

    def _names_person(self, name: str) -> bool:
        """Whether ``name`` is, or ends in, the surname of a person of the article: "it" is
        never one ("Mousavi accuses the government of fraud after it reported …")."""
        return name.split()[-1].lower() in self.people

    def _plural_subject(self, pronoun: Token) -> tuple[int, str] | None:
        """ "Church officials have stated they have not received it": the plural noun last in
        subject position in this sentence, as printed, is whom "they"
        means when no body has spoken since."""
        for token in reversed(self.doc[pronoun.sent.start:pronoun.i]):
            if token.dep_ in ("nsubj", "nsubjpass") and token.tag_ in ("NNS", "NNPS"):
                first, end = _phrase(token)
                words = self.doc[first:end]
                return token.idx, self.text[words.start_char:words.end_char]
        return None

    def _subject_body(self, pronoun: Token) -> tuple[str | None, float | None]:
        """ "Niger's military government gave Benin 72 hours to dismantle what it called …":
        with no body speaking yet, "it" is the body last in subject position, in this
        sentence or the one before."""
        sentence = pronoun.sent
        start = self.doc[sentence.start - 1].sent.start if sentence.start > 0 else 0
        name = self._last_body(self.doc[start:pronoun.i], lambda t: t.dep_ == "nsubj")
        if name is None:
            # "X accuses the Iranian government of fraud after it reported …": else the body
            # last named in the pronoun's own sentence, whatever its place.
            name = self._last_body(self.doc[sentence.start:pronoun.i],
                                   lambda t: t.dep_ not in ("compound", "poss"))
        return (name, CONFIDENCE_PRONOUN) if name is not None else (None, None)

    def _last_body(self, words: Span, placed: Callable[[Token], bool]) -> str | None:
        """The body named last in ``words`` by a noun that ``placed`` accepts, never a person
        of the article."""
        for token in reversed(words):
            if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ == "PERSON" \
                    or not placed(token) or self._names_person(token.text):
                continue
            first, end = _phrase(token)
            name, _ = self._organisation_name(token, list(self.doc[first:end]))
            if name is not None:
                return name
        return None

    def _latest_organisation(self, offset: int) -> tuple[str | None, float | None]:
        earlier = [o for o in self.organisations if o.mentions[0] < offset]
        if not earlier:
            return None, None
        return earlier[-1].name, CONFIDENCE_PRONOUN

    def _organisation_name(self, head: Token,
                           tokens: list[Token]) -> tuple[str | None, float | None]:
        text = without_article(" ".join("".join(t.text_with_ws for t in tokens).split()))
        if head.text in self.acronyms:  # "The ONLF accused …", whatever the tagger made of it
            return self.acronyms[head.text], CONFIDENCE_ORGANISATION
        if head.text[:1].isupper() and (head.pos_ == "PROPN" or head.ent_type_
                                        or self.gaz.is_place(head.text)):
            name = self._entity_name(head) or self._proper_name(head, tokens)
            # "the Commission said", after "… Commission of Pakistan"; "The Red Cross says",
            # after "the Kenya Red Cross"
            earlier = None if self.gaz.is_place(name) \
                else self._earlier_same_head(head, tokens, name)  # not "North and South Korea"
            if earlier is not None:
                return earlier, CONFIDENCE_DESCRIPTION
            return self.acronyms.get(name) or self._fuller_name(name, head.idx) \
                or self._usual_spelling(name), CONFIDENCE_ORGANISATION
        if self._is_organisation_head(head):
            earlier = self._earlier_same_head(head, tokens, text)
            if earlier is not None and not any(t.lower_ in ("a", "an", "another", "some")
                                               for t in tokens):
                return earlier, CONFIDENCE_DESCRIPTION
            if any(t.pos_ == "PROPN" or t.ent_type_ for t in tokens):
                return text, CONFIDENCE_ORGANISATION
        return None, None

    def _earlier_same_head(self, head: Token, tokens: list[Token], text: str) -> str | None:
        """ "the ministry" -> the fullest earlier name with the same head noun. Its own words
        must all be in that name, a place as its country: "the Chinese government" is not the
        "Nationalist government" of an earlier paragraph; "India's External Affairs ministry"
        is the "Indian Ministry of External Affairs"."""
        own = self._name_words([t.text for t in tokens if t.is_alpha and t.dep_ != "det"])
        names = [*self.organisations,
                 *(Organisation(n, n.split()[-1].lower(), [self.parsed.find(n)])
                   for n in self.acronyms.values())]
        same = [o for o in names
                if o.head == head.lower_ and 0 <= o.mentions[0] < head.idx
                and len(o.name) > len(text) and own <= self._name_words(o.name.split())]
        return max(same, key=lambda o: len(o.name)).name if same else None

    def _name_words(self, words: list[str]) -> set[str]:
        """Lower-cased words of a name, a place or its people as the country's code."""
        places = self.gaz.place_country
        return {places.get(w.lower(), w.lower()) for w in words} - {"of", "the", "and", "for"}

    def _entity_name(self, head: Token) -> str | None:
        """The organisation entity around ``head`` when it runs on past the noun phrase the
        parser gives ("the Committee to Protect Journalists", its verb taken for a clause)."""
        entity = entity_of(head)
        if entity is None or entity.label_ != "ORG" or entity.end <= head.i + 1:
            return None
        return _unbracketed(entity.text)

    def _is_organisation_head(self, head: Token) -> bool:
        """ "ministry", and "minstry" too: a typo in a body's name still names a body."""
        lemma = head.lemma_.lower()
        return lemma in self.gaz.organisation_heads or (
            len(lemma) >= _FUZZY_MIN_LENGTH and bool(difflib.get_close_matches(
                lemma, self.gaz.organisation_heads, n=1, cutoff=_FUZZY_CUTOFF)))

    def _fuller_name(self, name: str, offset: int) -> str | None:
        """ "Amnesty said …" after "Amnesty International": a one-word name that opens a body's
        fuller name given before (spelt alike: "Amuary" of "Amaury Sport Organisation") is
        that body; never a place ("Israel" of "Israel Defense Forces")."""
        if " " in name or self.gaz.is_place(name):
            return None
        fuller = [o.name for o in self.organisations if o.mentions[0] < offset
                  and " " in o.name and not self.gaz.is_place(o.name.split()[0])
                  and _spelt_alike(o.name.split()[0], name)]
        return fuller[-1] if fuller else None

    def _usual_spelling(self, name: str) -> str:
        """A name misspelt once ("Central Electoral Comission") takes the spelling the article
        uses more often for it."""
        spellings = Counter(o.name for o in self.organisations)
        first_seen: dict[str, int] = {}
        for organisation in self.organisations:
            first_seen.setdefault(organisation.name, organisation.mentions[0])
        if name not in spellings:
            return name

        def preference(n: str) -> tuple[int, int]:  # more often, then earlier
            return spellings[n], -first_seen[n]

        if " " not in name:
            return name  # "Colombia" and "Colombian" are a state and its people
        close = [n for n in spellings if n != name
                 and difflib.SequenceMatcher(None, n, name).ratio() >= _FUZZY_ORGANISATION]
        better = [n for n in close if preference(n) > preference(name)]
        return max(better, key=preference) if better else name

    def _proper_name(self, head: Token, tokens: list[Token]) -> str:
        """The capitalised run that ends at ``head``: "the pro-Russian Patriotic Electoral
        Bloc" -> "Patriotic Electoral Bloc", "Norway's Equinor" -> "Equinor"."""
        joiners = _NAME_PARTICLES | {"of", "for", "and"}
        generic = self.gaz.organisation_heads
        first = head.i
        for token in reversed([t for t in tokens if t.i < head.i]):
            glued = token.idx > 0 and not self.parsed[token.idx - 1].isspace()
            capitalised = token.text[:1].isupper() and not glued
            # "Prime Minister's Office" is a name; "Norway's Equinor" is a country's company.
            possessive_name = token.lower_ in ("'s", "’s") and head.lower_ in generic
            hyphen = token.text == "-" and glued and not token.whitespace_  # "Al-Jazeera"
            if token.i != first - 1 or not (capitalised or token.lower_ in joiners
                                            or possessive_name or hyphen):
                break
            first = token.i
        while self.doc[first].text in joiners or self.doc[first].text == "-":
            first += 1
        return without_article(" ".join(self.doc[first:max(head.i, tokens[-1].i) + 1]
                                         .text.split()))


_ACRONYM_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|for|and|on|the|de)\s+)*)+[A-Z][\w'’.-]*)\s*\(([A-Z][A-Z0-9&.-]{1,9})\)")


def _unbracketed(text: str) -> str:
    """A body's name without its acronym in brackets, one word a line, no leading article:
    "The Democratic Republic of Congo (DRC) government" -> "Democratic Republic of Congo
    government"."""
    return without_article(" ".join(re.sub(r"\s*\([^()]*(?:\)|$)", "", text).split()))


def _last_subject(people: Iterable[Person], offset: int) -> Person | None:
    """Of ``people``, the one last seen as a subject or speaker before ``offset``."""
    seen = [(max(m for m in p.subject_mentions if m < offset), p)
            for p in people if any(m < offset for m in p.subject_mentions)]
    return max(seen, key=lambda pair: pair[0])[1] if seen else None


def _acronyms(text: str) -> dict[str, str]:
    """ "International Atomic Energy Agency (IAEA)" -> {"IAEA": "International ... Agency"}:
    the definition is kept only when the acronym's letters are the words' initials in order;
    a nationality just before them is part of the name ("Indian Ministry of External Affairs
    (MEA)")."""
    found: dict[str, str] = {}
    places = gazetteer().place_country
    for match in _ACRONYM_DEFINITION.finditer(text):
        words, acronym = match.group(1).split(), match.group(2).replace(".", "")
        initials = [w[0] for w in words if w[0].isupper()]
        for start in range(len(initials)):
            if "".join(initials[start:]) == acronym:
                capitalised = [w for w in words if w[0].isupper()]
                if start > 0 and capitalised[start - 1].lower() in places:
                    start -= 1
                first_word = capitalised[start]
                found[match.group(2)] = " ".join(words[words.index(first_word):])
                break
    return found


def _set_off_from(head: Token) -> Token | None:
    """The noun a name in apposition describes: "the mayor of Riga, Nils Ozols, opened …",
    which the parser may hang on "Riga", describes "mayor"."""
    if head.dep_ != "appos":
        return None
    noun = head.head
    while noun.dep_ in ("pobj", "prep") and noun.head is not noun:
        noun = noun.head
    return noun if noun.pos_ == "NOUN" else head.head


def _subject_of_relative(head: Token) -> bool:
    """ "… like Amara Diallo, who lives in the camp.": the name is the subject of its
    relative clause."""
    return any(c.dep_ == "relcl" and any(g.tag_ == "WP" and g.dep_ in _SUBJECT_DEPS
                                         for g in c.children) for c in head.children)


def _related_to_named(head: Token) -> bool:
    """ "the powerful sister of leader Kim Jong Un": a description by a relation to a named
    person, which news uses to mention again someone just named."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        g.dep_ == "pobj" and (g.ent_type_ == "PERSON" or g.pos_ == "PROPN") for g in c.children)
        for c in head.children)


def _another_given_name(known: str, name: str) -> bool:
    """Whether two full names with the same surname start with different given names."""
    first, other = known.split(), name.split()
    return len(first) > 1 and len(other) > 1 and first[0].lower() != other[0].lower() \
        and other[0].lower() not in {w.lower() for w in first}


def _spelt_alike(word: str, other: str) -> bool:
    """The same word, or one letter off in a word long enough ("Amuary", "Amaury")."""
    word, other = word.lower(), other.lower()
    return word == other or (min(len(word), len(other)) >= _FUZZY_MIN_LENGTH and difflib
                             .SequenceMatcher(None, word, other).ratio() >= _SPELT_ALIKE)


def _plain(name: str) -> str:
    return " ".join(name.replace("-", " ").lower().split())


def _phrase(head: Token) -> tuple[int, int]:
    """Left modifiers + head: "Russia's foreign ministry"."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("compound", "amod", "poss", "nmod", "det", "case"):
            start = min(start, child.left_edge.i)
    return start, head.i + 1
