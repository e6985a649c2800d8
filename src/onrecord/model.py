"""Record types shared by every pipeline stage.

They serialise to exactly the JSON of ``shared/spec/record-format.md`` (schema_version "1"):
``Article.to_json_dict()`` is what ``onrecord extract --format jsonl`` prints, what the store
keeps and what the REST API returns. Fields may be added; none may be renamed or dropped without
bumping ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr

SCHEMA_VERSION = "1"

Span = tuple[int, int]
QuoteKind = Literal["direct", "indirect", "mixed"]


class Mention(BaseModel):
    """Who a quote is attributed to (speaker) or addressed to (addressee).

    ``mention`` is the words as printed at ``span``; ``name`` is the fullest name the article
    gives for that party, or ``None`` when it cannot be resolved (never a guess).
    """

    mention: str
    span: Span
    name: str | None = None
    actor_id: str | None = None
    confidence: float | None = None


class Quote(BaseModel):
    id: str
    kind: QuoteKind
    content: str
    spans: list[Span]
    cue: str | None = None
    cue_span: Span | None = None
    speaker: Mention | None = None
    addressee: Mention | None = None
    negated: bool = False
    hedged: bool = False
    condition: str | None = None


class ActorRef(BaseModel):
    """An event's source or target as coded against the actor knowledge base.

    ``non_state`` says the coder found a non-state armed group or one of its members (the
    knowledge base in force lists its sector as such): its ``country`` is where it is based,
    not whom it acts for."""

    name: str | None = None
    actor_id: str | None = None
    country: str | None = None
    sector: str | None = None
    non_state: bool = False


class Event(BaseModel):
    id: str
    type: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    source: ActorRef | None = None
    target: ActorRef | None = None
    quote_id: str | None = None
    condition: str | None = None
    negated: bool = False
    hedged: bool = False
    intensity: float | None = None
    evidence: Span | None = None
    confidence: float | None = None  # how sure the coder is, 0..1 (events.confidence)
    # What the coder knew (``events.confidence.Signals``), for fitting the confidence model;
    # a private attribute, so never part of the record, its schema or its exports.
    _signals: Any = PrivateAttr(default=None)

    @property
    def signals(self) -> Any:
        return self._signals

    def knowing(self, signals: Any) -> Event:
        """This event with what the coder knew when it coded it."""
        self._signals = signals
        return self


class Removed(BaseModel):
    """A piece of the original text that cleaning dropped, and why (so a user can check it)."""

    span: Span
    why: str


class Article(BaseModel):
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    dateline: str | None = None  # e.g. "KYIV, Ukraine (AP) —", kept by cleaning as metadata
    language: str | None = None  # ISO 639-1, told at ingest (onrecord.language); None: unsure
    not_extracted: str | None = None  # why the article has no quotations at all (its language)
    text: str
    paragraphs: list[Span] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    def to_json_dict(self) -> dict:
        """The record as plain JSON-ready data, field order as in the contract."""
        return self.model_dump(mode="json")


def doc_id_for(text: str) -> str:
    """Default document id: SHA-1 of the cleaned text, so the same text always gets the same id."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
