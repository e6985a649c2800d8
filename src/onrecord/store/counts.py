"""How many articles, quotations or events fall in each day, week, month or year.

Counts are folded into periods and sorted in Python, so both databases give the same answers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from onrecord.store import words
from onrecord.store.db import Store
from onrecord.store.filters import ArticleFilter, EventFilter, Period, QuoteFilter
from onrecord.store.lists import Table, filtered
from onrecord.store.results import Counted, PeriodCount
from onrecord.store.where import Where, collate, dates, only, sql


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
    where, listing = filtered(store, table, f)
    day = f"substr({listing.alias}.published, 1, 10)"
    statement = (
        f"SELECT {day} AS day, count(*) AS n FROM {listing.sql_from} WHERE {where.sql} "
        f"GROUP BY {day}"
    )
    if table == "quotes" and only(f or QuoteFilter(), QuoteFilter, "date_from", "date_to"):
        where = Where()
        date_from, date_to = (f.date_from, f.date_to) if f else (None, None)
        dates(store, where, "day", date_from, date_to, dated="day <> ''")  # undated: ''
        statement = f"SELECT day, quotes AS n FROM quote_days WHERE {where.sql}"
    totals: Counter[str | None] = Counter()
    for day_value, n in store.read(statement, where.params):
        totals[period_of(day_value, period)] += n
    dated = sorted(p for p in totals if p is not None)
    result = [PeriodCount(period=p, count=totals[p]) for p in dated]
    if None in totals:
        result.append(PeriodCount(period=None, count=totals[None]))
    return result


def total(
    store: Store, table: Table, f: ArticleFilter | QuoteFilter | EventFilter | None = None
) -> int:
    """How many articles, quotations or events match ``f`` (a list's total).

    Words alone on SQLite are counted in the full-text index itself: 2 words in 28,000 of
    100,000 quotations, 3 ms there, 26 ms with each match looked up in the table.
    """
    if table == "quotes" and (matched := words.matching(store, f)) is not None:
        return matched.count
    where, listing = filtered(store, table, f)
    statement = f"SELECT count(*) FROM {listing.sql_from} WHERE {where.sql}"
    kind = {"articles": ArticleFilter, "quotes": QuoteFilter}.get(table)
    if store.dialect == "sqlite" and kind and "q" in where.params and only(f, kind, "q"):
        statement = f"SELECT count(*) FROM {table}_fts WHERE {table}_fts MATCH :q"
    return store.read(statement, where.params)[0][0]


def counted(counter: Counter[str]) -> list[Counted]:
    """Most frequent first, then by name, so the order never depends on the database."""
    ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return [Counted(name=name, count=n) for name, n in ordered]


def best_name(names: Counter[str], fallback: str) -> str:
    """The name used most often (the first by name among equals), else ``fallback``."""
    return counted(names)[0].name if names else fallback


def outlets(store: Store, limit: int = 10) -> list[Counted]:
    """The outlets with the most stored articles."""
    statement = (
        "SELECT source, count(*) FROM articles WHERE source IS NOT NULL GROUP BY source "
        f"ORDER BY count(*) DESC, source{collate(store)} LIMIT :n"
    )
    with store.engine.connect() as conn:
        return [Counted(name=s, count=n) for s, n in conn.execute(sql(statement), {"n": limit})]


#: What a list can be narrowed by, per table (Datasette's facets): the filter a value sets,
#: and the column it is counted from (an actor by name, else id: the ``source`` filter
#: matches either, so a value's link lists exactly its count).
FACETS: dict[str, dict[str, str]] = {
    "quotes": {"speaker": "q.speaker_name", "kind": "q.kind", "cue": "q.cue"},
    "events": {"type": "e.type", "source": "coalesce(e.source_name, e.source_actor_id)",
               "target": "coalesce(e.target_name, e.target_actor_id)"},
}
#: Facets are counted for at most this many matching rows (the three facets of one type's
#: 7,900 events took 74 ms on the 100,000-quotation store of ``benchmarks/bench_pages.py``,
#: under load), and list this many values each.
FACET_ROWS, FACET_VALUES = 5_000, 8


def facets(
    store: Store, table: Table, f: QuoteFilter | EventFilter, matching: int
) -> dict[str, list[Counted]]:
    """For each facet of ``table``, its commonest values among the ``matching`` rows that
    ``f`` keeps, with their counts; none when there are more than ``FACET_ROWS``."""
    if not 0 < matching <= FACET_ROWS or table not in FACETS:
        return {}
    where, listing = filtered(store, table, f)
    result = {}
    with store.engine.connect() as conn:
        for name, column in FACETS[table].items():
            statement = (
                f"SELECT {column} AS value, count(*) AS n FROM {listing.sql_from} "
                f"WHERE {where.sql} AND {column} IS NOT NULL GROUP BY {column} "
                f"ORDER BY count(*) DESC, {column}{collate(store)} LIMIT :facet_values"
            )
            rows = conn.execute(sql(statement), {**where.params, "facet_values": FACET_VALUES})
            result[name] = [Counted(name=value, count=n) for value, n in rows]
    return {name: values for name, values in result.items() if values}
