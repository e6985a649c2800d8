"""The actor network: who did what to whom, an edge per (source, target, relation).

Counted by the database (GROUP BY), so only the kept actors' names and edges reach Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from onrecord.store.counts import best_name
from onrecord.store.db import Store
from onrecord.store.escalation import NOT_NEGATED
from onrecord.store.filters import EventFilter
from onrecord.store.lists import filtered
from onrecord.store.relations import relations
from onrecord.store.results import Network, Relation
from onrecord.store.where import collate, only, sql


def _key(end: str, states: bool) -> str:
    """An event end's node: its actor (id, else name) or, with ``states``, the state its
    actor belongs to (a country code; a non-state armed group keeps its own node)."""
    actor = f"coalesce(e.{end}_actor_id, e.{end}_name)"
    if not states:
        return actor
    return (f"CASE WHEN e.{end}_country IS NOT NULL AND e.{end}_non_state = FALSE "
            f"THEN e.{end}_country ELSE {actor} END")


def _network_rows(
    store: Store, f: EventFilter, states: bool = False
) -> tuple[str, dict[str, object]]:
    """Common table expressions ``ends`` (each end of a linking event matching ``f`` as
    actor, type, name, n), ``links`` (source, target, type and the number n of such events,
    one row each, so the network query need not group them again) and ``weights`` (each
    party's events, as actor, n).

    Filtered by type at most, they read the network tables (migration 0005), where ``n``
    counts the events that share those values, and over every type ``weights`` is the
    network_weights table (0006); else every event is read once from the events
    (MATERIALIZED ``linking``) for both, as an end with ``n`` = 1 and counted into links.
    """
    where, _ = filtered(store, "events", f)
    summed = "weights AS (SELECT actor, sum(n) AS n FROM ends GROUP BY actor)"
    if only(f, EventFilter, "type") and not states:
        if not f.type:
            summed = "weights AS (SELECT actor, events AS n FROM network_weights)"
        return (
            "ends AS NOT MATERIALIZED (SELECT actor, type, name, events AS n "
            f"FROM network_nodes e WHERE {where.sql}), "
            "links AS (SELECT source, target, type, events AS n "
            f"FROM network_edges e WHERE {where.sql}), {summed}",
            where.params,
        )
    where.add(NOT_NEGATED)
    actors = [f"coalesce(e.{end}_actor_id, e.{end}_name)" for end in ("source", "target")]
    where.add(f"{actors[0]} IS NOT NULL AND {actors[1]} IS NOT NULL")
    source, target = (_key(end, states) for end in ("source", "target"))
    if states:
        where.add(f"{source} <> {target}")
    # A state's node is named by its code (an official's name would name the whole state).
    source_name, target_name = (
        f"CASE WHEN {_key(end, states)} = {actor} THEN e.{end}_name ELSE {_key(end, states)} END"
        for end, actor in zip(("source", "target"), actors, strict=True)
    )
    return (
        f"linking AS MATERIALIZED (SELECT {source} AS source, {source_name} AS source_name, "
        f"{target} AS target, {target_name} AS target_name, e.type AS type, "
        f"CASE WHEN {source} = {actors[0]} THEN 0 ELSE 1 END AS source_state, "
        f"CASE WHEN {target} = {actors[1]} THEN 0 ELSE 1 END AS target_state "
        f"FROM events e WHERE {where.sql}), "
        "ends AS (SELECT source AS actor, type, coalesce(source_name, '') AS name, 1 AS n "
        "FROM linking UNION ALL "
        "SELECT target, type, coalesce(target_name, ''), 1 FROM linking), "
        "links AS (SELECT source, target, type, count(*) AS n FROM linking "
        f"GROUP BY source, target, type), {summed}",
        where.params,
    )


def network(
    store: Store, f: EventFilter | None = None, max_nodes: int = 40, states: bool = False
) -> Network:
    """Actors linked by events matching ``f``; the ``max_nodes`` busiest actors are kept.
    With ``states``, officials and bodies roll up into their state, a node keyed by its
    country code (a state's events with itself, an official's with their own state, are
    left out); a non-state armed group keeps its own node.

    The database weighs the actors and picks the busiest (by events, then key byte-wise, as
    lists are ordered), then counts names and edges of those only, all in one statement:
    grouping every event by its parties sent tens of thousands of rows to Python, over a
    second. Over all dates this reads the network tables (``_network_rows``).
    """
    tables, params = _network_rows(store, f or EventFilter(), states)
    # PostgreSQL hashes a subquery's 40 keys and scans the whole table against them; as an
    # array they are index lookups (SQLite looks a subquery's keys up in the index itself).
    kept = (
        "= ANY(ARRAY(SELECT actor FROM busiest))" if store.dialect == "postgresql"
        else "IN (SELECT actor FROM busiest)"
    )
    statement = (
        f"WITH {tables}, busiest AS (SELECT actor, n FROM weights "
        f"ORDER BY n DESC, actor{collate(store)} LIMIT :max_nodes) "
        "SELECT 'node' AS part, actor AS a, NULL AS b, NULL AS c, n FROM busiest UNION ALL "
        "SELECT 'name', actor, name, NULL, sum(n) FROM ends "
        f"WHERE name <> '' AND actor {kept} GROUP BY actor, name UNION ALL "
        f"SELECT 'edge', source, target, type, n FROM links "
        f"WHERE source {kept} AND target {kept} UNION ALL "
        f"SELECT 'country', actor_id, country, NULL, 0 FROM actors "
        f"WHERE country IS NOT NULL AND actor_id {kept}"
    )
    if states:  # a rolled-up node is a state: its country is its code
        statement += "".join(
            f" UNION ALL SELECT 'country', {end}, {end}, NULL, 0 FROM linking "
            f"WHERE {end}_state = 1 AND {end} {kept}" for end in ("source", "target")
        )
    else:  # a person known by name only (no actor id) has the country their events give
        statement += "".join(
            f" UNION ALL SELECT 'country', e.{end}_name, min(e.{end}_country), NULL, 0 "
            f"FROM events e WHERE e.{end}_name {kept} AND e.{end}_actor_id IS NULL "
            f"AND e.{end}_country IS NOT NULL GROUP BY e.{end}_name"
            for end in ("source", "target")
        )
    with store.engine.connect() as conn:
        rows = conn.execute(sql(statement), {**params, "max_nodes": max_nodes}).all()
    weight: dict[str, int] = {}
    country: dict[str, str] = {}
    names: dict[str, Counter[str]] = defaultdict(Counter)
    # ``links`` has a row per (source, target, type), so a type comes once per edge.
    edges: dict[tuple[str, str, Relation], dict[str, int]] = defaultdict(dict)
    relation = relations()
    for part, a, b, c, n in rows:
        if part == "node":
            weight[a] = int(n)
        elif part == "name":
            names[a][b] += int(n)
        elif part == "country":
            country[a] = b
        else:
            edges[(a, b, relation.get(c, "other"))][c] = int(n)
    # Validated as one structure: a model built per edge cost more than the query (1k+ edges).
    return Network.model_validate({
        "nodes": [
            {"actor": k, "name": best_name(names[k], k), "events": weight[k],
             "country": country.get(k)}
            for k in sorted(weight)
        ],
        "edges": [
            {"source": s, "target": t, "relation": rel, "count": sum(types.values()),
             "types": dict(sorted(types.items()))}
            for (s, t, rel), types in sorted(edges.items())
        ],
    })
