"""The store's queries in one namespace, for the CLI, the API and the web: lists by filter
(``lists``), counts by period (``counts``), a speaker's or actor's record (``records``), a
pair's escalation (``escalation``), the actor network (``network``) and what they answer
(``results``). One SQL text serves SQLite and PostgreSQL (``where`` decides what differs)."""

from onrecord.store.browse import actor_entries, article_hits, headlines
from onrecord.store.counts import FACETS, counts, facets, outlets, period_of, total
from onrecord.store.cursor import InvalidCursor
from onrecord.store.escalation import escalation
from onrecord.store.lists import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    EventOrder,
    Fragments,
    Table,
    article_fragments,
    articles,
    event_fragments,
    events,
    every,
    quote_fragments,
    quotes,
)
from onrecord.store.network import network
from onrecord.store.records import actor, parties, speaker, speaker_names
from onrecord.store.relations import relations
from onrecord.store.results import (
    ActorEntry,
    ActorRecord,
    ArticleHit,
    ArticleRef,
    Counted,
    Counterpart,
    Edge,
    Escalation,
    EventRow,
    Network,
    Node,
    Page,
    PeriodCount,
    QuoteRow,
    Relation,
    SeriesPoint,
    SpeakerRecord,
)

__all__ = [
    "DEFAULT_LIMIT", "FACETS", "MAX_LIMIT", "ActorEntry", "ActorRecord", "ArticleHit",
    "ArticleRef", "Counted", "Counterpart", "Edge", "Escalation", "EventOrder", "EventRow",
    "Fragments", "InvalidCursor", "Network", "Node", "Page", "PeriodCount", "QuoteRow", "Relation",
    "SeriesPoint", "SpeakerRecord", "Table", "actor", "actor_entries", "article_fragments",
    "article_hits", "articles", "counts", "escalation", "event_fragments", "events", "every",
    "headlines",
    "facets", "network", "outlets", "parties", "period_of", "quote_fragments", "quotes",
    "relations", "speaker", "speaker_names", "total",
]
