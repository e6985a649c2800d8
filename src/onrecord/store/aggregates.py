"""The tables the store keeps for fast queries (migrations 0005–0007), each defined once.

Each table is kept by one statement over the quotes and events rows of the articles in ``:ids``.
A write runs it, in its transaction, over the rows of the articles it replaces (``:sign`` -1,
taking their counts away) and of those it writes (``:sign`` 1). The migration that adds a table
fills it by running the same statement over every stored row (``doc_id IN :ids`` read as
``true``), so what a migrated store holds and what writes keep cannot drift apart. A later
migration that changes what a table holds gives it a new definition: the old one stops at the
version before (``until``), and the migration empties the table and fills it anew.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, TextClause, bindparam, text

#: The schema version (migration 0005) from which the store keeps the aggregate tables below.
AGGREGATES = 5
#: The schema version (migration 0006) from which it also keeps network_weights.
NETWORK_WEIGHTS = 6
#: The schema version (migration 0007) from which events mark their non-state ends, which a
#: country code does not match (``onrecord.store.queries``) nor quote_countries list.
NON_STATE_ENDS = 7
#: The schema version (migration 0012) from which the store keeps state_tallies.
STATE_TALLIES = 12
#: The schema version (migration 0013) from which it keeps state_pair_days.
STATE_PAIR_DAYS = 13


@dataclass(frozen=True)
class Aggregate:
    """One kept table: its statement over some articles' rows and over every row."""

    table: str
    #: The migration that adds the table and fills it.
    since: int
    #: Over the rows of the articles in ``:ids``, adding ``:sign`` times their counts.
    written: TextClause
    #: Over every stored row, into the empty table (``:sign`` 1).
    filled: TextClause
    #: Deletes the keys left at zero; None for a projection, whose rows are deleted with the
    #: quotes they come from and written anew (never taken away by count).
    drop_zeros: TextClause | None
    #: The last schema version this definition is kept at; None while it is current.
    until: int | None = None


#: The one place a statement names the articles whose rows it counts.
_SOME_ROWS = re.compile(r"\b(?:\w+\.)?doc_id IN :ids")


def _aggregate(
    table: str, since: int, sql: str, count: str | None = None, until: int | None = None
) -> Aggregate:
    """``sql`` counts into ``table`` (its ``count`` column) the rows with ``doc_id IN :ids``."""
    if not _SOME_ROWS.search(sql):
        raise ValueError(f"{table}: the statement does not select rows by doc_id IN :ids")
    return Aggregate(
        table=table,
        since=since,
        written=text(sql).bindparams(bindparam("ids", expanding=True)),
        filled=text(_SOME_ROWS.sub("true", sql)),
        drop_zeros=text(f"DELETE FROM {table} WHERE {count} = 0") if count else None,
        until=until,
    )


#: An event that links two parties in the network: not negated, both ends named (the network
#: query's own condition, in onrecord.store.queries).
_LINKED = (
    "negated = FALSE AND coalesce(source_actor_id, source_name) IS NOT NULL "
    "AND coalesce(target_actor_id, target_name) IS NOT NULL AND doc_id IN :ids"
)
#: Each end of the linking events: its party (actor id, else name), the type, the name there.
_LINKED_ENDS = (
    "SELECT coalesce(source_actor_id, source_name) AS actor, type, "
    f"coalesce(source_name, '') AS name FROM events WHERE {_LINKED} UNION ALL "
    "SELECT coalesce(target_actor_id, target_name), type, coalesce(target_name, '') "
    f"FROM events WHERE {_LINKED}"
)


def _actor_ends() -> str:
    """Each end of the events of some articles, under its key and under a differing name,
    with the event's type, the end's name and country and the other end (actor_tallies)."""
    branches = []
    for role, other, as_role, with_other in (
        ("source", "target", "as_source", "sent"), ("target", "source", "as_target", "received")
    ):
        key = f"coalesce({role}_actor_id, {role}_name)"
        columns = (
            f"type, {role}_name AS name, {role}_country AS country, "
            f"coalesce({other}_actor_id, {other}_name) AS other, {other}_name AS other_name, "
            f"'{as_role}' AS kind, '{with_other}' AS with_other FROM events WHERE doc_id IN :ids"
        )
        branches += [f"SELECT {key} AS actor, {columns}",
                     f"SELECT {role}_name, {columns} AND {role}_name <> {key}"]
    return " UNION ALL ".join(branches)


def _state_ends() -> str:
    """Each end of the events of some articles that is a state, its body or its official
    (never a non-state group based there), under the state's code, with the event's type,
    whether it is negated, the end's name and the other end (state_tallies)."""
    branches = []
    for role, other, as_role, with_other in (
        ("source", "target", "as_source", "sent"), ("target", "source", "as_target", "received")
    ):
        branches.append(
            f"SELECT {role}_country AS country, type, negated, {role}_name AS name, "
            f"coalesce({other}_actor_id, {other}_name) AS other, {other}_name AS other_name, "
            f"'{as_role}' AS kind, '{with_other}' AS with_other FROM events "
            f"WHERE doc_id IN :ids AND {role}_country IS NOT NULL AND {role}_non_state = FALSE"
        )
    return " UNION ALL ".join(branches)


_QUOTE_COUNTRIES = (
    "INSERT INTO quote_countries (doc_id, quote_id, country, published, start_offset) "
    "SELECT DISTINCT q.doc_id, q.quote_id, e.source_country, coalesce(q.published, ''), "
    "coalesce(q.start_offset, -1) FROM events e "
    "JOIN quotes q ON q.doc_id = e.doc_id AND q.quote_id = e.quote_id "
    "WHERE e.doc_id IN :ids AND e.source_country IS NOT NULL"
)

#: Every kept table, in the order a write keeps them. Keys come sorted, so concurrent writers
#: on PostgreSQL lock shared rows in one order.
TABLES = [
    _aggregate("quote_days", AGGREGATES, (
        "INSERT INTO quote_days (day, quotes) "
        "SELECT coalesce(substr(published, 1, 10), ''), :sign * count(*) FROM quotes "
        "WHERE doc_id IN :ids GROUP BY 1 ORDER BY 1 "
        "ON CONFLICT (day) DO UPDATE SET quotes = quote_days.quotes + excluded.quotes"
    ), count="quotes"),
    _aggregate("speaker_tallies", AGGREGATES, (
        "INSERT INTO speaker_tallies (speaker_name, kind, value, quotes) "
        "SELECT speaker_name, kind, value, :sign * count(*) FROM ("
        "SELECT speaker_name, 'actor' AS kind, nullif(speaker_actor_id, '') AS value "
        "FROM quotes WHERE doc_id IN :ids UNION ALL "
        "SELECT speaker_name, 'mention', nullif(speaker_mention, '') "
        "FROM quotes WHERE doc_id IN :ids UNION ALL "
        "SELECT speaker_name, 'addressee', "
        "coalesce(nullif(addressee_name, ''), nullif(addressee_actor_id, '')) "
        "FROM quotes WHERE doc_id IN :ids UNION ALL "
        "SELECT speaker_name, 'cue', nullif(cue, '') FROM quotes WHERE doc_id IN :ids) said "
        "WHERE speaker_name IS NOT NULL AND value IS NOT NULL "
        "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 "
        "ON CONFLICT (speaker_name, kind, value) DO UPDATE "
        "SET quotes = speaker_tallies.quotes + excluded.quotes"
    ), count="quotes"),
    _aggregate("network_nodes", AGGREGATES, (
        "INSERT INTO network_nodes (actor, type, name, events) "
        f"SELECT actor, type, name, :sign * count(*) FROM ({_LINKED_ENDS}) ends WHERE true "
        "GROUP BY actor, type, name ORDER BY actor, type, name "
        "ON CONFLICT (actor, type, name) DO UPDATE "
        "SET events = network_nodes.events + excluded.events"
    ), count="events"),
    _aggregate("network_edges", AGGREGATES, (
        "INSERT INTO network_edges (source, target, type, events) "
        "SELECT coalesce(source_actor_id, source_name), coalesce(target_actor_id, target_name), "
        f"type, :sign * count(*) FROM events WHERE {_LINKED} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 "
        "ON CONFLICT (source, target, type) DO UPDATE "
        "SET events = network_edges.events + excluded.events"
    ), count="events"),
    _aggregate("actor_tallies", AGGREGATES, (
        f"WITH ends AS ({_actor_ends()}) "
        "INSERT INTO actor_tallies (actor, kind, value, detail, events) "
        "SELECT actor, kind, value, detail, :sign * count(*) FROM ("
        "SELECT actor, kind, type AS value, '' AS detail FROM ends UNION ALL "
        "SELECT actor, 'name', nullif(name, ''), '' FROM ends UNION ALL "
        "SELECT actor, 'country', nullif(country, ''), '' FROM ends UNION ALL "
        "SELECT actor, with_other, other, coalesce(other_name, '') FROM ends) tallied "
        "WHERE actor IS NOT NULL AND value IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 "
        "ON CONFLICT (actor, kind, value, detail) DO UPDATE "
        "SET events = actor_tallies.events + excluded.events"
    ), count="events"),
    # A quotation under the country of each of its events' sources (listing by country) ...
    _aggregate("quote_countries", AGGREGATES, _QUOTE_COUNTRIES, until=NON_STATE_ENDS - 1),
    # ... from migration 0007 only sources that are that state, not a group based there.
    _aggregate("quote_countries", NON_STATE_ENDS,
               f"{_QUOTE_COUNTRIES} AND e.source_non_state = FALSE"),
    # Each party's linking events, both ends: network_nodes summed by actor.
    _aggregate("network_weights", NETWORK_WEIGHTS, (
        "INSERT INTO network_weights (actor, events) "
        f"SELECT actor, :sign * count(*) FROM ({_LINKED_ENDS}) ends WHERE true "
        "GROUP BY actor ORDER BY actor "
        "ON CONFLICT (actor) DO UPDATE SET events = network_weights.events + excluded.events"
    ), count="events"),
    _aggregate("state_tallies", STATE_TALLIES, (
        f"WITH ends AS ({_state_ends()}) "
        "INSERT INTO state_tallies (country, kind, value, detail, events) "
        "SELECT country, kind, value, detail, :sign * count(*) FROM ("
        "SELECT country, kind, type AS value, '' AS detail FROM ends UNION ALL "
        "SELECT country, 'not_' || kind, type, '' FROM ends WHERE negated = TRUE UNION ALL "
        "SELECT country, 'name', nullif(name, ''), '' FROM ends UNION ALL "
        "SELECT country, with_other, other, coalesce(other_name, '') FROM ends) tallied "
        "WHERE value IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 "
        "ON CONFLICT (country, kind, value, detail) DO UPDATE "
        "SET events = state_tallies.events + excluded.events"
    ), count="events"),
    _aggregate("state_pair_days", STATE_PAIR_DAYS, (
        "INSERT INTO state_pair_days (source, target, day, type, events, threats, intensity, "
        "scored) SELECT source_country, target_country, coalesce(substr(published, 1, 10), ''), "
        "type, :sign * count(*), "
        ":sign * sum(CASE WHEN type = 'THREATEN' AND condition IS NOT NULL THEN 1 ELSE 0 END), "
        ":sign * coalesce(sum(intensity), 0), :sign * count(intensity) FROM events "
        "WHERE doc_id IN :ids AND negated = FALSE AND source_country IS NOT NULL "
        "AND source_non_state = FALSE AND target_country IS NOT NULL "
        "AND target_non_state = FALSE GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 "
        "ON CONFLICT (source, target, day, type) DO UPDATE SET "
        "events = state_pair_days.events + excluded.events, "
        "threats = state_pair_days.threats + excluded.threats, "
        "intensity = state_pair_days.intensity + excluded.intensity, "
        "scored = state_pair_days.scored + excluded.scored"
    ), count="events"),
]


#: The tables a store at the latest schema keeps: what every write keeps up to date.
CURRENT = [aggregate for aggregate in TABLES if aggregate.until is None]


def fill(conn: Connection, version: int) -> None:
    """Fill the tables migration ``version`` adds or redefines from the rows already stored."""
    for aggregate in TABLES:
        if aggregate.since == version:
            if any(a.table == aggregate.table and a.since < version for a in TABLES):
                conn.execute(text(f"DELETE FROM {aggregate.table}"))
            conn.execute(aggregate.filled, {"sign": 1})
