"""Queries over the store: quotations, events and articles by filter, counts by period, a
speaker's record, an actor's record, a pair's escalation series and the actor network.

One SQL text serves SQLite and PostgreSQL (only full-text search differs). Lists are paged by
cursor (keyset pagination on a total order, so a page never repeats or skips a row while data is
added), text is ordered byte-wise on both databases, and counts are folded into periods and
sorted in Python, so both databases give the same answers. Records of a speaker or an actor and
the network are counted by the database (GROUP BY), so only distinct values reach Python.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Generic, Literal, TypeVar

import yaml
from pydantic import BaseModel
from sqlalchemy import Connection, Row, text

from onrecord.model import Article, Event, Quote
from onrecord.store.aggregates import AGGREGATES, NETWORK_WEIGHTS, NON_STATE_ENDS
from onrecord.store.db import Store, _fts_terms
from onrecord.store.filters import ArticleFilter, EventFilter, Period, QuoteFilter

#: Rows per page unless asked otherwise, and the most a page may hold.
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
#: Rows fetched per round when a query is read to the end (exports).
_BATCH = 1000

T = TypeVar("T")
Relation = Literal["cooperation", "conflict", "other"]
Table = Literal["articles", "quotes", "events"]


class InvalidCursor(ValueError):
    """A cursor that this query did not hand out (tampered with, or from another query)."""


# -- result types ----------------------------------------------------------------------------


class ArticleRef(BaseModel):
    """The article a quotation or event comes from: its id and metadata, as in the record."""

    doc_id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None


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


# -- SQL building ----------------------------------------------------------------------------


@dataclass
class _Where:
    """WHERE clauses joined by AND, and their bound parameters."""

    clauses: list[str] = field(default_factory=list)
    params: dict[str, object] = field(default_factory=dict)

    def add(self, clause: str, **params: object) -> None:
        self.clauses.append(clause)
        self.params.update(params)

    @property
    def sql(self) -> str:
        return " AND ".join(self.clauses) or "1 = 1"


def _collate(store: Store) -> str:
    """Text keys compare byte-wise on both databases (SQLite's default, "C" on PostgreSQL)."""
    return ' COLLATE "C"' if store.dialect == "postgresql" else ""


def _dates(
    store: Store, where: _Where, column: str, f: ArticleFilter | EventFilter,
    dated: str | None = None,
) -> None:
    """Publication dates are ISO 8601 text, so a day range is a prefix range of strings.

    The range is on ``coalesce(published, '')``, the expression lists are ordered by, so one
    index (migration 0004) serves both; undated rows ('') are below every day, and ``dated``
    (``column IS NOT NULL`` unless given) keeps them out of a range open at its start.
    """
    day = f"coalesce({column}, ''){_collate(store)}"
    if f.date_from:
        where.add(f"{day} >= :date_from", date_from=f.date_from.isoformat())
    if f.date_to:
        where.add(f"{day} < :date_after", date_after=(f.date_to + dt.timedelta(1)).isoformat())
        if not f.date_from:
            where.add(dated or f"{column} IS NOT NULL")


def _only(f: BaseModel, kind: type[BaseModel], *allowed: str) -> bool:
    """``f`` sets none of ``kind``'s filters but ``allowed``: an aggregate table can answer."""
    return all(
        getattr(f, name) == info.get_default(call_default_factory=True)
        for name, info in kind.model_fields.items() if name not in allowed
    )


def _full_text(store: Store, where: _Where, table: str, alias: str, words: str) -> None:
    if not re.search(r"\w", words):
        where.add("1 = 0")
    elif store.dialect == "sqlite":
        where.add(
            f"{alias}.rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :fts)",
            fts=_fts_terms(words),
        )
    else:
        where.add(f"{alias}.tsv @@ plainto_tsquery('english', :fts)", fts=words)


def _article_where(
    store: Store, f: ArticleFilter, table: str = "articles", alias: str = "a"
) -> _Where:
    """Words (in ``table``'s full-text index), outlet and dates; quotes add their own filters."""
    where = _Where()
    _dates(store, where, f"{alias}.published", f)
    if f.q:
        _full_text(store, where, table, alias, f.q)
    if f.source and alias == "a":
        where.add("a.source = :source", source=f.source)
    elif f.source:  # quotes need their article only for this: no join on every other query
        where.add(
            f"{alias}.doc_id IN (SELECT doc_id FROM articles WHERE source = :source)",
            source=f.source,
        )
    return where


def _quote_where(store: Store, f: QuoteFilter) -> _Where:
    where = _article_where(store, f, "quotes", "q")
    if f.speaker:
        where.add("q.speaker_name = :speaker", speaker=f.speaker)
    if f.actor:
        where.add("q.speaker_actor_id = :actor", actor=f.actor)
    if f.country and store.version >= AGGREGATES:
        # _quote_listing joins c; from migration 0007 it lists a quotation under a state
        # source's country only, as _of_state matches below.
        where.add("c.country = :country", country=f.country)
    elif f.country:
        # Not a correlated EXISTS: SQLite would run it per quotation in list order (seconds on
        # 100k quotes); this set is read once from events_source_country.
        where.add(
            "(q.doc_id, q.quote_id) IN (SELECT e.doc_id, e.quote_id FROM events e "
            f"WHERE {_of_state(store, 'source', ':country')})",
            country=f.country,
        )
    if f.addressee:
        where.add(
            "(q.addressee_name = :addressee OR q.addressee_actor_id = :addressee)",
            addressee=f.addressee,
        )
    if f.cue:
        where.add("q.cue = :cue", cue=f.cue)
    if f.kind:
        where.add("q.kind = :kind", kind=f.kind)
    return where


def _of_state(store: Store, role: str, code: str) -> str:
    """The event's ``role`` end (source or target) is the state ``code`` stands for: the
    state, its bodies or its officials, never a non-state armed group based there (Hezbollah
    is coded HEZBOLLAH, LBN, sector REB: ISR -> LBN does not count Israel -> Hezbollah, as
    ``onrecord timeline`` keys the group by its own id). Stores before migration 0007 do not
    mark such ends, and match the country alone."""
    country = f"e.{role}_country = {code}"
    if store.version < NON_STATE_ENDS:
        return country
    return f"{country} AND e.{role}_non_state = FALSE"


def _event_where(store: Store, f: EventFilter) -> _Where:
    """``f`` as SQL over ``events e``. A party (``source``, ``target``) is an actor id, a name
    or a country code; a country code, there or in ``source_country`` / ``target_country``,
    matches only ends that are that state (``_of_state``); an id or name matches the group."""
    where = _Where()
    _dates(store, where, "e.published", f)
    if f.type:
        names = {f"type{i}": t for i, t in enumerate(f.type)}
        where.add(f"e.type IN ({', '.join(':' + n for n in names)})", **names)
    if f.context:
        escaped = re.sub(r"([\\%_])", r"\\\1", f.context)
        where.add(
            "(',' || e.context || ',') LIKE :context ESCAPE '\\'", context=f"%,{escaped},%"
        )
    for role in ("source", "target"):
        if actor := getattr(f, role):
            where.add(
                f"(e.{role}_actor_id = :{role} OR e.{role}_name = :{role} "
                f"OR ({_of_state(store, role, ':' + role)}))",
                **{role: actor},
            )
        if country := getattr(f, f"{role}_country"):
            where.add(_of_state(store, role, f":{role}_country"), **{f"{role}_country": country})
    if f.conditional:
        where.add("e.condition IS NOT NULL")
    return where


@dataclass(frozen=True)
class _Listing:
    """A paged list: its FROM clause and its total order (expression, descending, is text)."""

    sql_from: str
    alias: str
    keys: tuple[tuple[str, bool, bool], ...]


_ARTICLES = _Listing(
    "articles a", "a", (("coalesce(a.published, '')", True, True), ("a.doc_id", False, True))
)
_QUOTES = _Listing(
    "quotes q",
    "q",
    (
        ("coalesce(q.published, '')", True, True),
        ("q.doc_id", False, True),
        ("coalesce(q.start_offset, -1)", False, False),
        ("q.quote_id", False, True),
    ),
)
#: Quotations of one country (``_quote_where``): the first rows of quote_countries_order
#: (migration 0005), joined to their quotations; the keys are the same values as ``_QUOTES``'.
_QUOTES_BY_COUNTRY = _Listing(
    "quote_countries c JOIN quotes q ON q.doc_id = c.doc_id AND q.quote_id = c.quote_id",
    "q",
    (
        ("c.published", True, True),
        ("c.doc_id", False, True),
        ("c.start_offset", False, False),
        ("c.quote_id", False, True),
    ),
)


def _quote_listing(store: Store, f: QuoteFilter) -> _Listing:
    return _QUOTES_BY_COUNTRY if f.country and store.version >= AGGREGATES else _QUOTES


_EVENTS = _Listing(
    "events e",
    "e",
    (
        ("coalesce(e.published, '')", True, True),
        ("e.doc_id", False, True),
        ("e.event_id", False, True),
    ),
)


def _encode(values: Sequence[object]) -> str:
    raw = json.dumps(list(values), separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, listing: _Listing) -> list[object]:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        values = None
    expected = [str if is_text else int for _, _, is_text in listing.keys]
    if not (
        isinstance(values, list)
        and len(values) == len(expected)
        and all(type(v) is t for v, t in zip(values, expected, strict=True))
    ):
        raise InvalidCursor("invalid cursor: pass back a next_cursor of the same query")
    return values


def _page_rows(
    store: Store, listing: _Listing, columns: str, where: _Where, cursor: str | None, limit: int
) -> tuple[list[Row], str | None]:
    """One page of rows in the listing's order, and the cursor of the next page."""
    collate = _collate(store)
    keys = [(expr + (collate if is_text else ""), desc) for expr, desc, is_text in listing.keys]
    clauses, params = list(where.clauses), dict(where.params)
    if cursor is not None:
        values = _decode(cursor, listing)
        after = []
        for i, (expr, desc) in enumerate(keys):
            equal = [f"{keys[j][0]} = :key{j}" for j in range(i)]
            after.append(" AND ".join([*equal, f"{expr} {'<' if desc else '>'} :key{i}"]))
        clauses.append("(" + " OR ".join(f"({a})" for a in after) + ")")
        params.update({f"key{i}": v for i, v in enumerate(values)})
    selected = ", ".join(f"{expr} AS key{i}" for i, (expr, _, _) in enumerate(listing.keys))
    order = ", ".join(f"{expr}{' DESC' if desc else ''}" for expr, desc in keys)
    sql = (
        f"SELECT {columns}, {selected} FROM {listing.sql_from} "
        f"WHERE {' AND '.join(clauses) or '1 = 1'} ORDER BY {order} LIMIT :limit"
    )
    with store.engine.connect() as conn:
        rows = conn.execute(text(sql), {**params, "limit": limit + 1}).all()
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]._mapping
    return rows[:limit], _encode([last[f"key{i}"] for i in range(len(listing.keys))])


def _records(conn: Connection, doc_ids: set[str]) -> dict[str, dict]:
    """The stored records (JSON without text) of ``doc_ids``."""
    names = {f"d{i}": d for i, d in enumerate(sorted(doc_ids))}
    if not names:
        return {}
    placeholders = ", ".join(":" + n for n in names)
    rows = conn.execute(
        text(f"SELECT doc_id, text, record FROM articles WHERE doc_id IN ({placeholders})"), names
    )
    return {row.doc_id: {**json.loads(row.record), "text": row.text} for row in rows}


def _rows_of_records(store: Store, rows: list[Row], part: str, model: type[BaseModel]) -> list:
    """The quotes or events of ``rows`` (doc_id, item id) as stored in their records."""
    with store.engine.connect() as conn:
        records = _records(conn, {row.doc_id for row in rows})
    result = []
    for row in rows:
        record = records[row.doc_id]
        item = next(x for x in record[part] if x["id"] == row.item_id)
        result.append(model.model_validate({**item, "article": ArticleRef.model_validate(record)}))
    return result


def _build_articles(store: Store, rows: list[Row]) -> list[Article]:
    with store.engine.connect() as conn:
        records = _records(conn, {row.doc_id for row in rows})
    return [Article.model_validate(records[row.doc_id]) for row in rows]


# -- lists -----------------------------------------------------------------------------------


def articles(
    store: Store, f: ArticleFilter | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Page[Article]:
    """Stored articles (whole records), newest first."""
    where = _article_where(store, f or ArticleFilter())
    rows, next_cursor = _page_rows(store, _ARTICLES, "a.doc_id", where, cursor, limit)
    return Page(items=_build_articles(store, rows), next_cursor=next_cursor)


def quotes(
    store: Store, f: QuoteFilter | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Page[QuoteRow]:
    """Quotations matching ``f``, newest article first, in text order within an article."""
    f = f or QuoteFilter()
    columns = "q.doc_id AS doc_id, q.quote_id AS item_id"
    rows, next_cursor = _page_rows(
        store, _quote_listing(store, f), columns, _quote_where(store, f), cursor, limit
    )
    return Page(items=_rows_of_records(store, rows, "quotes", QuoteRow), next_cursor=next_cursor)


def events(
    store: Store, f: EventFilter | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Page[EventRow]:
    """Coded events matching ``f``, newest first."""
    where = _event_where(store, f or EventFilter())
    columns = "e.doc_id AS doc_id, e.event_id AS item_id"
    rows, next_cursor = _page_rows(store, _EVENTS, columns, where, cursor, limit)
    return Page(items=_rows_of_records(store, rows, "events", EventRow), next_cursor=next_cursor)


def every(page: Callable[..., Page], store: Store, f: BaseModel | None = None) -> Iterator:
    """Every result of a list query (``articles``, ``quotes``, ``events``), page after page."""
    cursor = None
    while True:
        result = page(store, f, cursor=cursor, limit=_BATCH)
        yield from result.items
        if (cursor := result.next_cursor) is None:
            return


# -- counts ----------------------------------------------------------------------------------


def period_of(published: str | None, period: Period) -> str | None:
    """The day, ISO week (2024-W10), month or year of an ISO 8601 date; None if it is none."""
    try:
        day = dt.date.fromisoformat((published or "")[:10])
    except ValueError:
        return None
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()[: {"day": 10, "month": 7, "year": 4}[period]]


def counts(
    store: Store, table: Table, f: ArticleFilter | QuoteFilter | EventFilter | None = None,
    period: Period = "month",
) -> list[PeriodCount]:
    """How many articles, quotations or events matching ``f`` fall in each period.

    Periods with nothing are left out; undated rows come last, as period ``None``. Quotations
    filtered by date alone are counted from their counts per day (quote_days, migration 0005).
    """
    if table == "articles":
        where, listing = _article_where(store, f or ArticleFilter()), _ARTICLES
    elif table == "quotes":
        f = f or QuoteFilter()
        where, listing = _quote_where(store, f), _quote_listing(store, f)
    else:
        where, listing = _event_where(store, f or EventFilter()), _EVENTS
    day = f"substr({listing.alias}.published, 1, 10)"
    sql = (
        f"SELECT {day} AS day, count(*) AS n FROM {listing.sql_from} WHERE {where.sql} "
        f"GROUP BY {day}"
    )
    if table == "quotes" and store.version >= AGGREGATES and _only(
        f, QuoteFilter, "date_from", "date_to"
    ):
        where = _Where()
        _dates(store, where, "day", f, dated="day <> ''")  # undated: '' (period_of: None)
        sql = f"SELECT day, quotes AS n FROM quote_days WHERE {where.sql}"
    totals: Counter[str | None] = Counter()
    with store.engine.connect() as conn:
        for day_value, n in conn.execute(text(sql), where.params):
            totals[period_of(day_value, period)] += n
    dated = sorted(p for p in totals if p is not None)
    result = [PeriodCount(period=p, count=totals[p]) for p in dated]
    if None in totals:
        result.append(PeriodCount(period=None, count=totals[None]))
    return result


def _counted(counter: Counter[str]) -> list[Counted]:
    """Most frequent first, then by name, so the order never depends on the database."""
    ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return [Counted(name=name, count=n) for name, n in ordered]


# -- speakers and actors ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Tally:
    """One count in a ``_tallies`` statement: rows of ``rows`` meeting ``where``, by ``key``
    (rows whose key is NULL are left out) and, if given, by ``subs`` within it."""

    kind: str
    where: str
    key: str
    subs: tuple[str, ...] = ()


Tallied = Counter[tuple[str | None, ...]]


def _truthy(column: str) -> str:
    """``column`` with '' as NULL: the records' empty strings count as absent, as in Python."""
    return f"nullif({column}, '')"


def _tallies(
    conn: Connection, rows: str, params: dict[str, object], tallies: Sequence[_Tally]
) -> dict[str, Tallied]:
    """Several GROUP BY counts over the same rows in one statement (UNION ALL of branches),
    so that the database counts and only one row per distinct value comes back to Python.

    ``rows`` is a query whose columns the tallies name; it is a CTE, which both databases
    compute once although every branch reads it. Counts of the same ``kind`` add up; each
    is keyed by (key, *subs).
    """
    width = max(len(t.subs) for t in tallies)
    branches = []
    for t in tallies:
        columns = [t.key, *t.subs]
        padded = [*t.subs, *["NULL"] * (width - len(t.subs))]
        selected = "".join(f", {c} AS sub{i}" for i, c in enumerate(padded))
        branches.append(
            f"SELECT '{t.kind}' AS kind, {t.key} AS k{selected}, count(*) AS n FROM m "
            f"WHERE {t.where} AND {t.key} IS NOT NULL GROUP BY {', '.join(columns)}"
        )
    sql = f"WITH m AS ({rows}) " + " UNION ALL ".join(branches)
    result: dict[str, Tallied] = defaultdict(Counter)
    for kind, *keys, n in conn.execute(text(sql), params):
        result[kind][tuple(keys)] += n
    return result


def _by_key(counter: Tallied) -> Counter[str]:
    """A tally by its key alone."""
    totals: Counter[str] = Counter()
    for (key, *_), n in counter.items():
        totals[key] += n
    return totals


def _speaker_tallies(store: Store, conn: Connection, name: str) -> dict[str, Tallied]:
    """A speaker's quotations by actor id, mention, addressee and cue: kept by the store in
    speaker_tallies (migration 0005), else counted from the quotations."""
    if store.version >= AGGREGATES:
        tally: dict[str, Tallied] = defaultdict(Counter)
        kept = "SELECT kind, value, quotes FROM speaker_tallies WHERE speaker_name = :name"
        for kind, value, n in conn.execute(text(kept), {"name": name}):
            tally[kind][(value,)] += n
        return tally
    rows = (
        "SELECT speaker_actor_id, speaker_mention, cue, coalesce("
        f"{_truthy('addressee_name')}, {_truthy('addressee_actor_id')}) AS addressee "
        "FROM quotes WHERE speaker_name = :name"
    )
    parts = [
        _Tally(kind, "1 = 1", _truthy(column))
        for kind, column in (
            ("actor", "speaker_actor_id"), ("mention", "speaker_mention"),
            ("addressee", "addressee"), ("cue", "cue"),
        )
    ]
    return _tallies(conn, rows, {"name": name}, parts)


def speaker(store: Store, name: str) -> SpeakerRecord | None:
    """Who ``name`` (a resolved speaker name) spoke to, how, and when; None if never quoted.

    Counted by the database: the busiest speakers have thousands of quotations, and reading
    them all into Python took longer than the 50 ms a page may take; grouping them four ways
    still took up to 90 ms, so the store keeps the counts (``_speaker_tallies``).
    """
    collate = _collate(store)
    day = f"{_truthy('published')}{collate}"
    totals = (
        f"SELECT count(*) AS n, min({day}) AS first, max({day}) AS last "
        "FROM quotes WHERE speaker_name = :name"
    )
    with store.engine.connect() as conn:
        n, first, last = conn.execute(text(totals), {"name": name}).one()
        if not n:
            return None
        tally = _speaker_tallies(store, conn, name)
    return SpeakerRecord(
        name=name,
        quotes=n,
        actor_ids=sorted(_by_key(tally["actor"])),
        mentions=_counted(_by_key(tally["mention"])),
        addressees=_counted(_by_key(tally["addressee"])),
        cues=_counted(_by_key(tally["cue"])),
        first=first,
        last=last,
    )


_PARTIES = (
    "e.type AS type, coalesce(e.source_actor_id, e.source_name) AS source, "
    "e.source_name AS source_name, e.source_country AS source_country, "
    "coalesce(e.target_actor_id, e.target_name) AS target, e.target_name AS target_name, "
    "e.target_country AS target_country"
)


def _best_name(names: Counter[str], fallback: str) -> str:
    return _counted(names)[0].name if names else fallback


def _is_actor(role: str) -> str:
    """The event has the actor ``:a`` (id or name) in ``role`` (source or target)."""
    return f"({role} = :a OR {role}_name = :a)"


def _actor_tallies(store: Store, conn: Connection, key: str) -> dict[str, Tallied]:
    """The actor's events by type as source and target, its names and countries, and its
    counterparts (key, name): kept by the store in actor_tallies (migration 0005), else
    counted from the events in one statement."""
    if store.version >= AGGREGATES:
        tally: dict[str, Tallied] = defaultdict(Counter)
        kept = "SELECT kind, value, detail, events FROM actor_tallies WHERE actor = :a"
        for kind, value, detail, n in conn.execute(text(kept), {"a": key}):
            tally[kind][(value, detail or None) if kind in ("sent", "received") else (value,)] += n
        return tally
    rows = (
        f"SELECT {_PARTIES} FROM events e WHERE e.source_actor_id = :a OR e.source_name = :a "
        "OR e.target_actor_id = :a OR e.target_name = :a"
    )
    parts: list[_Tally] = []
    for role, other, as_role, with_other in (
        ("source", "target", "as_source", "sent"), ("target", "source", "as_target", "received")
    ):
        mine = _is_actor(role)
        parts += [
            _Tally(as_role, mine, "type"),
            _Tally("name", mine, _truthy(f"{role}_name")),
            _Tally("country", mine, _truthy(f"{role}_country")),
            _Tally(with_other, mine, other, (_truthy(f"{other}_name"),)),
        ]
    return _tallies(conn, rows, {"a": key}, parts)


def actor(store: Store, key: str) -> ActorRecord | None:
    """An actor (actor id or name) in the events and quotes; None if the corpus never has it.

    Counted by the database rather than in Python (thousands of events for a country, over
    the 50 ms a page may take), and kept by the store since grouping those took 40-60 ms.
    """
    quoted = "SELECT count(*) FROM quotes WHERE speaker_actor_id = :a OR speaker_name = :a"
    with store.engine.connect() as conn:
        tally = _actor_tallies(store, conn, key)
        n_quotes = conn.execute(text(quoted), {"a": key}).scalar_one()
    if not tally and not n_quotes:
        return None
    sent, received = _by_key(tally["sent"]), _by_key(tally["received"])
    other_names: dict[str, Counter[str]] = defaultdict(Counter)
    for (other, other_name, *_), n in (tally["sent"] + tally["received"]).items():
        if other_name is not None:
            other_names[other][other_name] += n
    counterparts = [
        Counterpart(actor=o, name=_best_name(other_names[o], o), sent=sent[o], received=received[o])
        for o in sorted(set(sent) | set(received), key=lambda o: (-(sent[o] + received[o]), o))
    ]
    return ActorRecord(
        actor=key, names=[c.name for c in _counted(_by_key(tally["name"]))],
        countries=sorted(_by_key(tally["country"])), quotes=n_quotes,
        as_source=_counted(_by_key(tally["as_source"])),
        as_target=_counted(_by_key(tally["as_target"])),
        counterparts=counterparts,
    )


# -- escalation and network ------------------------------------------------------------------


@lru_cache(maxsize=1)
def relations() -> dict[str, Relation]:
    """PLOVER type -> cooperation / conflict / other, from ``data/plover_relations.yaml``."""
    path = resources.files("onrecord.data") / "plover_relations.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {t: relation for relation, types in data.items() for t in types}


def _type_order(types: set[str]) -> list[str]:
    """Cooperation, other, then conflict (in the data file's order), unknown types by name."""
    known = list(relations())
    rank = {"cooperation": 0, "other": 1, "conflict": 2}
    return sorted(
        types,
        key=lambda t: (rank[relations().get(t, "other")], known.index(t) if t in known else 99, t),
    )


def _next_period(value: str, period: Period) -> str:
    if period == "year":
        return str(int(value) + 1)
    if period == "month":
        year, month = map(int, value.split("-"))
        return f"{year + month // 12}-{month % 12 + 1:02d}"
    if period == "week":
        year, week = value.split("-W")
        monday = dt.date.fromisocalendar(int(year), int(week), 1) + dt.timedelta(7)
        return period_of(monday.isoformat(), "week") or ""
    return (dt.date.fromisoformat(value) + dt.timedelta(1)).isoformat()


#: "Did not threaten" is in the record but is no step of an escalation nor an edge of the
#: network (as in ``onrecord.events.timeline``).
_NOT_NEGATED = "e.negated = FALSE"


def escalation(
    store: Store, source: str, target: str, period: Period = "month",
    f: EventFilter | None = None,
) -> Escalation:
    """Events from ``source`` to ``target`` (actor ids, names or country codes) by type, per
    period; negated events are left out. A country code is the state alone (``_of_state``):
    ISR -> LBN counts Israel's events against Lebanon's government, not against Hezbollah,
    which is ISR -> HEZBOLLAH."""
    pair = {"source": source, "target": target}
    where = _event_where(store, (f or EventFilter()).model_copy(update=pair))
    where.add(_NOT_NEGATED)
    sql = (
        "SELECT e.type AS type, e.published AS published, e.condition AS condition, "
        f"e.intensity AS intensity FROM events e WHERE {where.sql}"
    )
    with store.engine.connect() as conn:
        rows = conn.execute(text(sql), where.params).all()
    by_period: dict[str, list[Row]] = defaultdict(list)
    undated = 0
    for row in rows:
        if (p := period_of(row.published, period)) is None:
            undated += 1
        else:
            by_period[p].append(row)
    points = []
    if by_period:
        current, last = min(by_period), max(by_period)
        while current <= last:
            items = by_period.get(current, [])
            scores = [r.intensity for r in items if r.intensity is not None]
            points.append(SeriesPoint(
                period=current,
                counts=dict(sorted(Counter(r.type for r in items).items())),
                conditional_threats=sum(
                    1 for r in items if r.type == "THREATEN" and r.condition is not None
                ),
                intensity=round(sum(scores) / len(scores), 3) if scores else None,
            ))
            current = _next_period(current, period)
    return Escalation(
        source=source, target=target, period=period, types=_type_order({r.type for r in rows}),
        points=points, undated=undated,
    )


def _network_rows(store: Store, f: EventFilter) -> tuple[str, dict[str, object]]:
    """Common table expressions ``ends`` (each end of a linking event matching ``f`` as
    actor, type, name, n), ``links`` (source, target, type and the number n of such events,
    one row each, so the network query need not group them again) and ``weights`` (each
    party's events, as actor, n).

    Filtered by type at most, they read the network tables (migration 0005), where ``n``
    counts the events that share those values, and over every type ``weights`` is the
    network_weights table (0006); else every event is read once from the events
    (MATERIALIZED ``linking``) for both, as an end with ``n`` = 1 and counted into links.
    """
    where = _event_where(store, f)
    summed = "weights AS (SELECT actor, sum(n) AS n FROM ends GROUP BY actor)"
    if store.version >= AGGREGATES and _only(f, EventFilter, "type"):
        if store.version >= NETWORK_WEIGHTS and not f.type:
            summed = "weights AS (SELECT actor, events AS n FROM network_weights)"
        return (
            "ends AS NOT MATERIALIZED (SELECT actor, type, name, events AS n "
            f"FROM network_nodes e WHERE {where.sql}), "
            "links AS (SELECT source, target, type, events AS n "
            f"FROM network_edges e WHERE {where.sql}), {summed}",
            where.params,
        )
    where.add(_NOT_NEGATED)
    source, target = (f"coalesce(e.{end}_actor_id, e.{end}_name)" for end in ("source", "target"))
    where.add(f"{source} IS NOT NULL AND {target} IS NOT NULL")
    return (
        f"linking AS MATERIALIZED (SELECT {source} AS source, e.source_name AS source_name, "
        f"{target} AS target, e.target_name AS target_name, e.type AS type "
        f"FROM events e WHERE {where.sql}), "
        "ends AS (SELECT source AS actor, type, coalesce(source_name, '') AS name, 1 AS n "
        "FROM linking UNION ALL "
        "SELECT target, type, coalesce(target_name, ''), 1 FROM linking), "
        "links AS (SELECT source, target, type, count(*) AS n FROM linking "
        f"GROUP BY source, target, type), {summed}",
        where.params,
    )


def network(store: Store, f: EventFilter | None = None, max_nodes: int = 40) -> Network:
    """Actors linked by events matching ``f``; the ``max_nodes`` busiest actors are kept.

    The database weighs the actors and picks the busiest (by events, then key byte-wise, as
    the rest of the module orders), then counts names and edges of those only, all in one
    statement: grouping every event by its parties sent tens of thousands of rows to Python,
    over a second. Over all dates this reads the network tables (``_network_rows``).
    """
    tables, params = _network_rows(store, f or EventFilter())
    # PostgreSQL hashes a subquery's 40 keys and scans the whole table against them; as an
    # array they are index lookups (SQLite looks a subquery's keys up in the index itself).
    kept = (
        "= ANY(ARRAY(SELECT actor FROM busiest))" if store.dialect == "postgresql"
        else "IN (SELECT actor FROM busiest)"
    )
    sql = (
        f"WITH {tables}, busiest AS (SELECT actor, n FROM weights "
        f"ORDER BY n DESC, actor{_collate(store)} LIMIT :max_nodes) "
        "SELECT 'node' AS part, actor AS a, NULL AS b, NULL AS c, n FROM busiest UNION ALL "
        "SELECT 'name', actor, name, NULL, sum(n) FROM ends "
        f"WHERE name <> '' AND actor {kept} GROUP BY actor, name UNION ALL "
        f"SELECT 'edge', source, target, type, n FROM links "
        f"WHERE source {kept} AND target {kept}"
    )
    with store.engine.connect() as conn:
        rows = conn.execute(text(sql), {**params, "max_nodes": max_nodes}).all()
    weight: dict[str, int] = {}
    names: dict[str, Counter[str]] = defaultdict(Counter)
    # ``links`` has a row per (source, target, type), so a type comes once per edge.
    edges: dict[tuple[str, str, Relation], dict[str, int]] = defaultdict(dict)
    relation = relations()
    for part, a, b, c, n in rows:
        if part == "node":
            weight[a] = int(n)
        elif part == "name":
            names[a][b] += int(n)
        else:
            edges[(a, b, relation.get(c, "other"))][c] = int(n)
    # Validated as one structure: a model built per edge cost more than the query (1k+ edges).
    return Network.model_validate({
        "nodes": [
            {"actor": k, "name": _best_name(names[k], k), "events": weight[k]}
            for k in sorted(weight)
        ],
        "edges": [
            {"source": s, "target": t, "relation": rel, "count": sum(types.values()),
             "types": dict(sorted(types.items()))}
            for (s, t, rel), types in sorted(edges.items())
        ],
    })
