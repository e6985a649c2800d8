"""A pair's escalation series: events from one party to another by type, per period."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from sqlalchemy import Row

from onrecord.store.counts import period_of
from onrecord.store.db import Store
from onrecord.store.filters import EventFilter, Period
from onrecord.store.lists import filtered
from onrecord.store.relations import type_order
from onrecord.store.results import Escalation, SeriesPoint
from onrecord.store.where import actor_keys, only, sql

#: "Did not threaten" is in the record but is no step of an escalation nor an edge of the
#: network (as in ``onrecord.events.timeline``).
NOT_NEGATED = "e.negated = FALSE"


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


#: Two states' series as the store keeps it (state_pair_days, migration 0013), in the rows
#: the events query gives.
_STATE_PAIR = (
    "SELECT day, type, events AS n, threats, intensity, scored FROM state_pair_days "
    "WHERE source = :source AND target = :target"
)


def escalation(
    store: Store, source: str, target: str, period: Period = "month",
    f: EventFilter | None = None,
) -> Escalation:
    """Events from ``source`` to ``target`` (actor ids, names or country codes) by type, per
    period; negated events are left out. A country code is the state alone (``of_state``):
    ISR -> LBN counts Israel's events against Lebanon's government, not against Hezbollah,
    which is ISR -> HEZBOLLAH."""
    pair = {"source": source, "target": target}
    f = (f or EventFilter()).model_copy(update=pair)
    where, _ = filtered(store, "events", f)
    where.add(NOT_NEGATED)
    # Counted by the database per day and type (a few thousand rows where a busy pair has
    # tens of thousands of events), then folded into periods here as ``counts`` does.
    statement = (
        "SELECT substr(e.published, 1, 10) AS day, e.type AS type, count(*) AS n, "
        "sum(CASE WHEN e.type = 'THREATEN' AND e.condition IS NOT NULL THEN 1 ELSE 0 END) "
        "AS threats, sum(e.intensity) AS intensity, count(e.intensity) AS scored "
        f"FROM events e WHERE {where.sql} GROUP BY substr(e.published, 1, 10), e.type"
    )
    params = where.params
    with store.engine.connect() as conn:
        # Two country codes, no actor's id or name: the two states' events, which
        # state_pair_days counts.
        if only(f, EventFilter, "source", "target") and not actor_keys(store, source, target):
            statement, params = _STATE_PAIR, pair
        rows = conn.execute(sql(statement), params).all()
    by_period: dict[str, list[Row]] = defaultdict(list)
    undated = 0
    for row in rows:
        if (p := period_of(row.day, period)) is None:
            undated += row.n
        else:
            by_period[p].append(row)
    points = []
    if by_period:
        current, last = min(by_period), max(by_period)
        while current <= last:
            items = by_period.get(current, [])
            counts: Counter[str] = Counter()
            for r in items:
                counts[r.type] += r.n
            scored = sum(r.scored for r in items)
            points.append(SeriesPoint(
                period=current,
                counts=dict(sorted(counts.items())),
                conditional_threats=sum(int(r.threats) for r in items),
                intensity=round(sum(r.intensity for r in items if r.scored) / scored, 3)
                if scored else None,
            ))
            current = _next_period(current, period)
    return Escalation(
        source=source, target=target, period=period, types=type_order({r.type for r in rows}),
        points=points, undated=undated,
    )
