"""WHERE clauses from filters: each filter field carries its SQL (a ``Rule``, in the filter
types of ``onrecord.store.filters``), and ``where`` joins the rules of the fields that are set.

One SQL text serves SQLite and PostgreSQL; what differs (full-text search, byte-wise text
order) is decided here from the store's dialect.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy import TextClause, text

from onrecord.store.db import Store, _fts_terms

#: How the web form shows a field when its type does not say it: a name with suggestions
#: from the store (``speaker``), or a choice of PLOVER types (``types``);
#: ``party``: an actor id, name or country code, with the busiest as suggestions; ``yesno``:
#: any, yes or no (a flag that may also be asked to be false).
Control = Literal["speaker", "types", "party", "yesno"]


@dataclass
class Where:
    """WHERE clauses joined by AND, and their bound parameters."""

    clauses: list[str] = field(default_factory=list)
    params: dict[str, object] = field(default_factory=dict)

    def add(self, clause: str, **params: object) -> None:
        self.clauses.append(clause)
        self.params.update(params)

    @property
    def sql(self) -> str:
        return " AND ".join(self.clauses) or "1 = 1"


@dataclass(frozen=True)
class Scope:
    """The rows a filter narrows: the store they are in, the alias of their table in the
    query (``{t}`` in a rule) and the table whose full-text index holds their words."""

    store: Store
    alias: str
    table: str


@dataclass(frozen=True)
class Rule:
    """One row of a filter table: the SQL a set field adds and, if its type does not tell,
    the web form's control (the field's description is its help).

    ``sql`` is a clause with ``:name`` bound to the field's value (``{t}``: the table's
    alias), or a function adding what one clause cannot say; ``bind`` turns the value into
    the bound parameter.
    """

    sql: str | Callable[[Where, Scope, Any], None]
    bind: Callable[[Any], object] | None = None
    control: Control | None = None


def rule_of(model: type[BaseModel], name: str) -> Rule | None:
    """The ``Rule`` of ``model``'s field ``name``: in its ``Annotated`` metadata, else in the
    first base class's (a subclass that narrows a field's type, such as making it required,
    keeps its rule)."""
    for cls in model.__mro__:
        info = getattr(cls, "__pydantic_fields__", {}).get(name)
        if info is not None and (rule := next(
            (m for m in info.metadata if isinstance(m, Rule)), None
        )):
            return rule
    return None


@functools.cache
def _ruled_fields(model: type[BaseModel]) -> tuple[tuple[str, Rule, object], ...]:
    """The fields of ``model`` that have a rule: name, rule and default (read once a model,
    not on every request)."""
    return tuple(
        (name, rule, info.get_default(call_default_factory=True))
        for name, info in model.model_fields.items()
        if (rule := rule_of(model, name)) is not None
    )


def where(f: BaseModel, scope: Scope) -> Where:
    """The rules of every field of ``f`` that is set (not its default: None, False, empty),
    joined."""
    result = Where()
    applied: set[Callable] = set()
    for name, rule, default in _ruled_fields(type(f)):
        value = getattr(f, name)
        if value is None or value == default:
            continue
        if callable(rule.sql):
            if rule.sql not in applied:  # a function may read several fields (from, to)
                applied.add(rule.sql)
                rule.sql(result, scope, f)
        else:
            bound = rule.bind(value) if rule.bind else value
            result.add(rule.sql.format(t=scope.alias), **{name: bound})
    return result


@functools.lru_cache(maxsize=2048)
def sql(statement: str) -> TextClause:
    """``text(statement)``, made once per statement: a new ``text`` parses its bind
    parameters again and misses SQLAlchemy's cache of compiled statements (a fifth of a
    page's cost in the API's profile)."""
    return text(statement)


def collate(store: Store) -> str:
    """Text keys compare byte-wise on both databases (SQLite's default, "C" on PostgreSQL)."""
    return ' COLLATE "C"' if store.dialect == "postgresql" else ""


def dates(
    store: Store, where: Where, column: str, date_from: dt.date | None, date_to: dt.date | None,
    dated: str | None = None,
) -> None:
    """Publication dates are ISO 8601 text, so a day range is a prefix range of strings.

    The range is on ``coalesce(published, '')``, the expression lists are ordered by, so one
    index (migration 0004) serves both; undated rows ('') are below every day, and ``dated``
    (``column IS NOT NULL`` unless given) keeps them out of a range open at its start.
    """
    day = f"coalesce({column}, ''){collate(store)}"
    if date_from:
        where.add(f"{day} >= :date_from", date_from=date_from.isoformat())
    if date_to:
        where.add(f"{day} < :date_after", date_after=(date_to + dt.timedelta(1)).isoformat())
        if not date_from:
            where.add(dated or f"{column} IS NOT NULL")


def published(where: Where, scope: Scope, f: Any) -> None:
    """The ``from`` and ``to`` fields: a range of publication days (the rule of both)."""
    dates(scope.store, where, f"{scope.alias}.published", f.date_from, f.date_to)


def full_text(where: Where, scope: Scope, f: Any) -> None:
    """Words that must all occur, in the full-text index of the scope's table."""
    if not re.search(r"\w", f.q):
        where.add("1 = 0")
    elif scope.store.dialect == "sqlite":
        terms = _fts_terms(f.q)
        # Words in many rows: read the table in the list's order and keep the rows that match
        # ("+" stops SQLite looking up every match by rowid and sorting them all).
        rowid = f"{'+' if _common(scope, terms) else ''}{scope.alias}.rowid"
        where.add(
            f"{rowid} IN (SELECT rowid FROM {scope.table}_fts WHERE {scope.table}_fts MATCH :q)",
            q=terms,
        )
    else:
        where.add(f"{scope.alias}.tsv @@ plainto_tsquery('english', :q)", q=f.q)


#: From this many matches, a list with words is read in its own order (``full_text``):
#: on the 100,000-quotation store of ``benchmarks/bench_api_load.py`` two words in 28,000
#: quotations took 44 ms looked up and sorted, 12 ms read in order; a word in 200, 0.3 ms
#: looked up and 11 ms read in order (the table scanned to its end for 21 rows).
COMMON_MATCHES = 1000


def _common(scope: Scope, terms: str) -> bool:
    """Do ``terms`` match at least ``COMMON_MATCHES`` rows? (Counting stops there: 0.1 ms.)"""
    statement = (
        f"SELECT count(*) FROM (SELECT 1 FROM {scope.table}_fts "
        f"WHERE {scope.table}_fts MATCH :q LIMIT :n) AS matches"
    )
    return scope.store.read(statement, {"q": terms, "n": COMMON_MATCHES})[0][0] \
        >= COMMON_MATCHES


def of_state(role: str, code: str, e: str = "e") -> str:
    """The event's ``role`` end (source or target) is the state ``code`` stands for: the
    state, its bodies or its officials, never a non-state armed group based there (Hezbollah
    is coded HEZBOLLAH, LBN, sector REB: ISR -> LBN does not count Israel -> Hezbollah, as
    ``onrecord timeline`` keys the group by its own id); ``e``: the events' alias (``+e``:
    on SQLite, the country's index kept out)."""
    return f"{e}.{role}_country = {code} AND e.{role}_non_state = FALSE"


def actor_keys(store: Store, *keys: str) -> set[str]:
    """Those of ``keys`` that key an actor of the events (its id, else its name, as
    ``actor_tallies`` counts them); any other is a country code or nothing stored."""
    names = {f"k{i}": key for i, key in enumerate(keys)}
    listed = ", ".join(":" + name for name in names)
    statement = f"SELECT actor FROM actor_tallies WHERE actor IN ({listed})"
    with store.engine.connect() as conn:
        return set(conn.execute(sql(statement), names).scalars())


#: Two states whose events are at least this share of all events are "dense": their newest
#: events are found soonest by reading every event newest first.
DENSE_SHARE = 0.25


def dense_states(store: Store, source: str, target: str) -> bool:
    """Do the events from state ``source`` to state ``target`` (``state_pair_days``, negated
    ones left out) make up ``DENSE_SHARE`` or more of all events?"""
    statement = sql(
        "SELECT (SELECT coalesce(sum(events), 0) FROM state_pair_days "
        "WHERE source = :source AND target = :target), (SELECT count(*) FROM events)")
    with store.engine.connect() as conn:
        pair, every = conn.execute(statement, {"source": source, "target": target}).one()
    return every > 0 and pair >= DENSE_SHARE * every


def only(f: BaseModel, kind: type[BaseModel], *allowed: str) -> bool:
    """``f`` sets none of ``kind``'s filters but ``allowed``: a kept table can answer."""
    return all(getattr(f, name) == default
               for name, default in _defaults(kind) if name not in allowed)


@functools.cache
def _defaults(kind: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    """Each filter of ``kind`` and its default, worked out once (pydantic's per call were a
    tenth of a search by words)."""
    return tuple((name, info.get_default(call_default_factory=True))
                 for name, info in kind.model_fields.items())
