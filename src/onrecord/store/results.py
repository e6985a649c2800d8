"""What the store's queries answer: rows as in their records, pages, counts, a speaker's or an
actor's record, an escalation series and the actor network (pydantic models, so the API
documents them and the web renders them alike)."""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel

from onrecord.model import Event, Quote
from onrecord.plover import Relation
from onrecord.store.filters import Period

T = TypeVar("T")


class ArticleRef(BaseModel):
    """The article a quotation or event comes from: its id and metadata, as in the record."""

    doc_id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None


class ArticleHit(ArticleRef):
    """An article found by words, as a list shows it: its metadata, the beginning of its text
    (for one without a title) and its number of quotations, without its record."""

    opening: str = ""
    quotes: int = 0


class QuoteRow(Quote):
    """A quotation exactly as in its record, with the article it is in."""

    article: ArticleRef


class EventRow(Event):
    """An event exactly as in its record, with the article it is in."""

    article: ArticleRef


class Page(BaseModel, Generic[T]):  # noqa: UP046  (Python 3.11 has no ``class Page[T]``)
    """One page of results; pass ``next_cursor`` back for the next (``None``: this is the last)."""

    items: list[T]
    next_cursor: str | None = None
    #: How many rows match in all (given on a list's first page).
    total: int | None = None


class PeriodCount(BaseModel):
    period: str | None  # None: rows without a usable publication date
    count: int


class Counted(BaseModel):
    name: str
    count: int


class SpeakerRecord(BaseModel):
    """Everything the corpus holds about one speaker (by resolved name), but the quotes."""

    name: str
    quotes: int
    actor_ids: list[str]
    mentions: list[Counted]  # how articles refer to them ("he", "the minister", ...)
    addressees: list[Counted]
    cues: list[Counted]
    first: str | None
    last: str | None


class Counterpart(BaseModel):
    actor: str  # actor id, else name: the key of actor pages and timelines
    name: str
    sent: int  # events from the actor to this counterpart
    received: int  # events from this counterpart to the actor


class ActorRecord(BaseModel):
    """An actor's events by type as source and as target, and who they were with."""

    actor: str
    names: list[str]
    countries: list[str]
    quotes: int
    as_source: list[Counted]
    as_target: list[Counted]
    counterparts: list[Counterpart]
    #: A state by its code, its bodies and officials rolled up (``names``: theirs).
    state: bool = False


class SeriesPoint(BaseModel):
    period: str
    counts: dict[str, int]  # events by PLOVER type
    conditional_threats: int
    intensity: float | None  # mean over the period's events that carry one


class Escalation(BaseModel):
    """Events from ``source`` to ``target`` per period, every period from first to last."""

    source: str
    target: str
    period: Period
    types: list[str]  # in stacking order (cooperation, other, conflict)
    points: list[SeriesPoint]
    undated: int


class Node(BaseModel):
    actor: str
    name: str
    events: int
    country: str | None = None  # the state it is or belongs to, when the store knows it


class ActorEntry(BaseModel):
    """A row of the actors list: a state (``kind`` "state", its bodies and officials rolled
    up) or an actor, its events as source and as target, and their sum (an event between two
    of a state's own officials counts at both ends)."""

    actor: str
    name: str
    kind: Literal["state", "actor"]
    country: str | None
    #: The state it is listed under (a state under itself); None for an actor under none.
    state: str | None
    as_source: int
    as_target: int
    events: int


class Edge(BaseModel):
    source: str
    target: str
    relation: Relation
    count: int
    types: dict[str, int]


class Network(BaseModel):
    """Who did what to whom: an edge per (source, target, relation), weighted by events."""

    nodes: list[Node]
    edges: list[Edge]
