"""The actor knowledge base: people with dated roles, states, organisations and metonyms.

Events need more than the name an article gives: whose government a speaker speaks for on the
day they spoke (``Rutte`` was the Dutch prime minister until July 2024 and NATO's secretary
general from October 2024), and which state "the Kremlin" or "Kyiv" stands for. The facts live
in ``data/actors/*.yaml`` (people, organisations) and the shared ``places.csv`` /
``metonyms.csv``; a user file given with ``--actors`` is merged over them (same id or name
replaces).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import Field

from onrecord.actors.gazetteer import gazetteer
from onrecord.datafiles import DataFile, DataFileError, read_yaml
from onrecord.model import ActorRef
from onrecord.normalise import name_key


class KnowledgeBaseError(DataFileError):
    """A knowledge-base file that cannot be used (its path and the problem)."""


@dataclass(frozen=True)
class Role:
    title: str
    of: str  # state ISO3 or organisation id
    sector: str
    start: dt.date | None = None
    end: dt.date | None = None
    leader: bool = False

    def active(self, on: dt.date | None) -> bool:
        """In post on ``on`` (any date when ``on`` is unknown and the role has not ended)."""
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str  # person | state | organisation
    code: str | None = None  # what an event's `country` carries (ISO3 or organisation code)
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    as_of: dt.date | None = None

    def role_on(self, on: dt.date | None) -> Role | None:
        """The role held on ``on``; else the latest one begun before it; else the first."""
        active = [r for r in self.roles if r.active(on)]
        if active:
            return active[0]
        earlier = [r for r in self.roles if on is not None and r.start and r.start <= on]
        if earlier:
            return max(earlier, key=lambda r: r.start or dt.date.min)
        return self.roles[0] if self.roles else None


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    metonyms: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (state, sector)
    title_synonyms: dict[str, frozenset[str]] = field(default_factory=dict)  # phrase -> titles
    military_words: frozenset[str] = frozenset()
    body_words: frozenset[str] = frozenset()
    neutral_words: frozenset[str] = frozenset()
    leader_words: frozenset[str] = frozenset()  # what any head of state or government is
    non_state_sectors: frozenset[str] = frozenset()  # armed groups that are not states' bodies
    _index: dict[str, set[str]] = field(default_factory=dict)  # alias key -> actor ids

    # -- building ------------------------------------------------------------------------

    def add(self, actor: Actor) -> None:
        """Add ``actor``, replacing an entry with the same id (a user's correction)."""
        self.actors[actor.id] = actor
        self._index = {}

    @property
    def index(self) -> dict[str, set[str]]:
        if not self._index:
            self._index = self._build_index()
        return self._index

    def _build_index(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = {}
        surnames: dict[str, set[str]] = {}
        for actor in self.actors.values():
            for alias in (actor.name, *actor.aliases):
                index.setdefault(name_key(alias), set()).add(actor.id)
            if actor.kind == "person":
                surnames.setdefault(name_key(actor.name).split()[-1], set()).add(actor.id)
        for surname, ids in surnames.items():
            if len(ids) == 1 and surname not in index:
                index[surname] = ids
        return self._spelled_out(index)

    def _spelled_out(self, index: dict[str, set[str]]) -> dict[str, set[str]]:
        """Aliases with a body's short name spelt out as its other names: "UN nuclear watchdog"
        is also "United Nations nuclear watchdog"."""
        names: dict[str, list[str]] = {}
        for key, ids in index.items():
            actor = self.actors[next(iter(ids))] if len(ids) == 1 else None
            if actor is not None and actor.kind != "person" and " " not in key:
                spelt = (name_key(a) for a in (actor.name, *actor.aliases))
                names[key] = [name for name in spelt if " " in name]
        spelled = dict(index)
        for key, ids in index.items():
            words = key.split()
            for i, word in enumerate(words):
                if len(words) == 1 or word not in names:
                    continue
                for name in names[word]:
                    spelled.setdefault(" ".join([*words[:i], name, *words[i + 1:]]), ids)
        return spelled

    # -- resolving -----------------------------------------------------------------------

    def party(self, actor: Actor, country: str | None, sector: str | None) -> ActorRef:
        """``actor`` as an event end: with its state or body code, sector, and whether that
        sector is a non-state armed group's (the store counts such an end under no state)."""
        return ActorRef(name=actor.name, actor_id=actor.id, country=country, sector=sector,
                        non_state=sector in self.non_state_sectors)

    def ref(self, actor: Actor, on: dt.date | None = None) -> ActorRef:
        """The actor as an event carries it: for a person, the state or body of their role
        on ``on``."""
        if actor.kind != "person":
            return self.party(actor, actor.code, actor.sector)
        role = actor.role_on(on)
        if role is None:
            return self.party(actor, None, None)
        body = self.actors.get(role.of)
        return self.party(actor, body.code if body else role.of, role.sector)

    def acting_for(self, ref: ActorRef | None, on: dt.date | None = None) -> ActorRef | None:
        """The party an event codes for ``ref``: a member of a non-state armed group acts for
        the group ("Naim Qassem" -> Hezbollah, not Lebanon); a person out of office for no
        party (the name alone); anyone else for themself (their state or body is in
        ``country`` already)."""
        if ref is not None and self._out_of_office(ref, on):
            return ActorRef(name=ref.name)
        actor = self.actors.get(ref.actor_id or "") if ref is not None and ref.non_state \
            else None
        role = actor.role_on(on) if actor is not None and actor.kind == "person" else None
        group = self.actors.get(role.of) if role is not None else None
        return self.ref(group) if group is not None and group.kind != "state" else ref

    def _out_of_office(self, ref: ActorRef, on: dt.date | None) -> bool:
        """A person every one of whose roles ended before ``on`` speaks for no state or body:
        a president quoted two months after his fall, a secretary general mediating three
        years after his term."""
        actor = self.actors.get(ref.actor_id or "")
        return on is not None and actor is not None and actor.kind == "person" \
            and bool(actor.roles) and all(r.end is not None and r.end <= on for r in actor.roles)

    def resolve(self, mention: str, on: dt.date | None = None) -> ActorRef | None:
        """Who ``mention`` ("Rutte", "the Kremlin", "NATO's secretary general", "Russian
        officials") is on ``on``; ``None`` when the knowledge base cannot tell for sure."""
        key = name_key(mention)
        if not key:
            return None
        words = [w for w in key.split() if w not in self.neutral_words]
        phrase = " ".join(words)
        # "the Russian embassy in Washington" is the Russian embassy wherever it sits.
        located = phrase.split(" in ")[0].split(" at ")[0]
        for candidate in (key, phrase, " ".join(self._without_honorifics(words)), located):
            found = self._by_name(candidate, on)
            if found is not None:
                return found
        return self._by_title(words, on) or (
            self._by_title(located.split(), on) if located != phrase else None)

    def role_words(self, name: str, on: dt.date | None = None) -> set[str]:
        """Words of the role a named person held on ``on``, so an article that says only
        "Alexander Lukashenko" still resolves "the Belarusian leader": title ("president"),
        body ("belarus", "belarusian", "minsk") and "leader" for heads of state or government."""
        ids = self.index.get(name_key(name), set())
        actor = self.actors[next(iter(ids))] if len(ids) == 1 else None
        role = actor.role_on(on) if actor is not None and actor.kind == "person" else None
        if role is None:
            return set()
        words = {role.title, *role.title.split()}
        body = self.actors.get(role.of)
        if body is not None:
            words |= {name_key(body.name), *(name_key(a) for a in body.aliases)}
        words |= gazetteer().country_words.get(role.of, frozenset())
        if role.leader:
            words |= self.leader_words
        return words

    def _without_honorifics(self, words: list[str]) -> list[str]:
        honorifics = gazetteer().honorifics
        i = 0
        while i < len(words) - 1 and words[i] in honorifics:
            i += 1
        return words[i:]

    def _by_name(self, key: str, on: dt.date | None) -> ActorRef | None:
        if not key:
            return None
        ids = self.index.get(key, set())
        if len(ids) == 1:
            return self.ref(self.actors[next(iter(ids))], on)
        if key in self.metonyms:
            state, sector = self.metonyms[key]
            return self._state_ref(state, sector)
        return None

    def _state_ref(self, state: str, sector: str) -> ActorRef | None:
        actor = self.actors.get(state)
        if actor is None:
            return None
        return self.party(actor, actor.code, sector)

    def _qualifier(self, words: list[str]) -> tuple[Actor | None, list[str]]:
        """The state or organisation named in ``words`` (longest phrase first) and the rest."""
        for n in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                ids = self.index.get(" ".join(words[i:i + n]), set())
                bodies = [self.actors[a] for a in ids if self.actors[a].kind != "person"]
                if len(bodies) == 1:
                    return bodies[0], words[:i] + words[i + n:]
                state = self.metonyms.get(" ".join(words[i:i + n]))
                if state is not None and state[0] in self.actors:
                    return self.actors[state[0]], words[:i] + words[i + n:]
        return None, words

    def _by_title(self, words: list[str], on: dt.date | None) -> ActorRef | None:
        body, rest = self._qualifier(words)
        while rest and rest[-1] in ("of", "for"):
            rest = rest[:-1]  # "secretary general of NATO" leaves "secretary general"
        phrase = " ".join(rest)
        titles = self.title_synonyms.get(phrase, frozenset())
        if titles:
            holders = [a for a in self.actors.values() if a.kind == "person" and any(
                r.active(on) and (r.title in titles or (r.leader and titles & self.leader_words))
                and (body is None or r.of == body.id) for r in a.roles)]
            if len(holders) == 1:
                return self.ref(holders[0], on)
            if body is None or holders:
                return None
        if body is None or not self._is_body_phrase(rest):
            return None
        sector = body.sector or "GOV"
        if body.kind == "state" and self._is_military(phrase):
            sector = "MIL"
        return self.party(body, body.code, sector)

    def _is_body_phrase(self, words: list[str]) -> bool:
        """Every word names a part of the body ("defence ministry spokesman"), none a rival
        ("opposition leader")."""
        known = self.body_words | self.military_words | set(self.title_synonyms)
        known_words = {w for phrase in known for w in phrase.split()} | {"of", "for", "and"}
        return all(w in known_words or w.rstrip("s") in known_words for w in words)

    def _is_military(self, phrase: str) -> bool:
        return any(re.search(rf"\b{re.escape(w)}\b", phrase) for w in self.military_words)


# -- loading ---------------------------------------------------------------------------------


class _Role(DataFile):
    title: str
    of: str | None  # state ISO3 or organisation id; null in a suggestion not reviewed yet
    sector: str | None = None
    start: dt.date | None = Field(None, alias="from")
    end: dt.date | None = Field(None, alias="to")
    leader: bool = False


class _Person(DataFile):
    id: str | None = None
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[_Role, ...] = ()
    as_of: dt.date | None = None
    note: str | None = None  # for the reader ("suggested from: ..."), not read


class _State(DataFile):
    id: str
    name: str
    demonym: str | None = None
    capital: str | None = None
    aliases: tuple[str, ...] = ()
    as_of: dt.date | None = None


class _Organisation(DataFile):
    id: str
    name: str
    code: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    as_of: dt.date | None = None


class KnowledgeFile(DataFile):
    """A knowledge-base file: ``data/actors/*.yaml`` or a user's ``--actors`` file."""

    as_of: dt.date | None = None  # of the people listed, unless one says otherwise
    states: tuple[_State, ...] = ()
    organisations: tuple[_Organisation, ...] = ()
    people: tuple[_Person, ...] = ()
    military_words: tuple[str, ...] = ()
    body_words: tuple[str, ...] = ()
    neutral_words: tuple[str, ...] = ()
    leader_words: tuple[str, ...] = ()
    title_synonyms: dict[str, tuple[str, ...]] = {}
    non_state_sectors: tuple[str, ...] = ()


def _read(path: Path | None, name: str) -> KnowledgeFile:
    try:
        return read_yaml(path or f"actors/{name}", KnowledgeFile)
    except DataFileError as exc:
        raise KnowledgeBaseError(str(exc)) from None


def _slug(name: str) -> str:
    return name_key(name).replace(" ", "-")


def _person(entry: _Person, default_as_of: dt.date | None, kb: KnowledgeBase) -> Actor:
    roles = []
    for role in entry.roles:
        body = kb.actors.get(role.of)
        sector = role.sector or (body.sector if body and body.kind != "state" else None)
        if sector is None:
            sector = "MIL" if kb._is_military(name_key(role.title)) else "GOV"
        roles.append(Role(title=role.title, of=role.of, sector=sector, start=role.start,
                          end=role.end, leader=role.leader))
    as_of = entry.as_of if "as_of" in entry.model_fields_set else default_as_of
    return Actor(id=entry.id or _slug(entry.name), name=entry.name, kind="person",
                 aliases=entry.aliases, roles=tuple(roles), as_of=as_of)


def _merge(kb: KnowledgeBase, data: KnowledgeFile) -> None:
    for key in ("military_words", "body_words", "neutral_words", "leader_words"):
        setattr(kb, key, getattr(kb, key) | {name_key(w) for w in getattr(data, key)})
    kb.non_state_sectors |= {sector.upper() for sector in data.non_state_sectors}
    for title, phrases in data.title_synonyms.items():
        for phrase in (*phrases, title):
            key = name_key(phrase)
            kb.title_synonyms[key] = kb.title_synonyms.get(key, frozenset()) | {title}
    for state in data.states:
        kb.add(Actor(id=state.id, name=state.name, kind="state", code=state.id, sector="GOV",
                     aliases=(state.demonym or "", *state.aliases), as_of=state.as_of))
        if state.capital:
            kb.metonyms[name_key(state.capital)] = (state.id, "GOV")
    for body in data.organisations:
        kb.add(Actor(id=body.id, name=body.name, kind="organisation", code=body.code,
                     sector=body.sector, aliases=body.aliases, as_of=body.as_of))
    by_name = {name_key(a.name): a.id for a in kb.actors.values() if a.kind == "person"}
    for entry in data.people:
        person = _person(entry, data.as_of, kb)
        previous = by_name.get(name_key(person.name))
        if previous is not None and previous != person.id:
            kb.actors.pop(previous)
        kb.add(person)


def _shipped() -> KnowledgeBase:
    kb = KnowledgeBase()
    gaz = gazetteer()
    places = resources.files("onrecord.data").joinpath("places.csv").read_text("utf-8")
    for row in csv.DictReader(places.splitlines()):
        kb.actors[row["iso3"]] = Actor(id=row["iso3"], name=row["country"], kind="state",
                                       code=row["iso3"], sector="GOV")
    for words, iso in gaz.place_country.items():
        kb.metonyms[name_key(words)] = (iso, "GOV")
    _merge(kb, _read(None, "organisations.yaml"))
    for name, iso in gaz.metonym_country.items():
        kb.metonyms[name_key(name)] = (iso, "MIL" if kb._is_military(name_key(name))
                                        else "GOV")
    _merge(kb, _read(None, "people.yaml"))
    return kb


@lru_cache(maxsize=8)
def load_kb(extra: tuple[Path, ...] = ()) -> KnowledgeBase:
    """The shipped knowledge base with the user's files (``--actors``) merged over it."""
    kb = _shipped()
    for path in extra:
        _merge(kb, _read(path, path.name))
    return kb

