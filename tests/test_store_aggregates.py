"""The tables the store keeps for fast queries (migrations 0005 and 0006), on SQLite and
PostgreSQL: every query they serve answers exactly as from the quotes and events rows, after
first writes, re-ingesting the same articles, changed articles and migrating a store that
already holds data; and re-ingesting never counts an article twice. Migration 0007 marks the
events' non-state ends in a store that holds them, as writes do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from corpus import GERMANY, PETROV, ROE, SERBIA, build_border, build_corpus
from records import build_article
from sqlalchemy import text

from onrecord.model import ActorRef, Article, Event
from onrecord.store import Store, Stored, open_store
from onrecord.store import queries as q
from onrecord.store.aggregates import AGGREGATES, NETWORK_WEIGHTS, NON_STATE_ENDS
from onrecord.store.filters import EventFilter, QuoteFilter

TABLES = {
    "quote_days": "day, quotes",
    "network_nodes": "actor, type, name, events",
    "network_edges": "source, target, type, events",
    "network_weights": "actor, events",
    "speaker_tallies": "speaker_name, kind, value, quotes",
    "actor_tallies": "actor, kind, value, detail, events",
    "quote_countries": "doc_id, quote_id, country, published, start_offset",
}


def _kept(store: Store) -> dict[str, list[tuple]]:
    """Every row of the aggregate tables, sorted."""
    with store.engine.connect() as conn:
        return {
            table: sorted(map(tuple, conn.execute(text(f"SELECT {columns} FROM {table}"))))
            for table, columns in TABLES.items()
        }


@contextmanager
def _from_base_rows(store: Store) -> Iterator[None]:
    """The queries as they run without the tables of migrations 0005 and 0006: from quotes and
    events alone (with the columns of later migrations, which they read too)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(q, "AGGREGATES", store.version + 1)
        patch.setattr(q, "NETWORK_WEIGHTS", store.version + 1)
        yield


def _answers(store: Store) -> dict[str, object]:
    """What every query served by an aggregate table returns, as plain data."""
    with store.engine.connect() as conn:
        names = list(conn.execute(text("SELECT DISTINCT speaker_name FROM quotes")).scalars())
        countries = list(conn.execute(text(
            "SELECT DISTINCT source_country FROM events WHERE source_country IS NOT NULL"
        )).scalars())
        actors = set(conn.execute(text(
            "SELECT source_actor_id FROM events UNION SELECT source_name FROM events UNION "
            "SELECT target_actor_id FROM events UNION SELECT target_name FROM events"
        )).scalars())
    day = dt.date(2024, 1, 25)
    answers: dict[str, object] = {}
    for period in ("day", "month"):
        for dates in ({}, {"from": day}, {"to": day}, {"from": day, "to": day}):
            counted = q.counts(store, "quotes", QuoteFilter(**dates), period)
            answers[f"counts {period} {dates}"] = [c.model_dump() for c in counted]
    for types in ([], ["THREATEN"], ["SUPPORT", "ACCUSE"]):
        for max_nodes in (40, 2):
            net = q.network(store, EventFilter(type=types), max_nodes=max_nodes)
            answers[f"network {types} {max_nodes}"] = net.model_dump()
    for name in names:
        record = q.speaker(store, name) if name is not None else None
        answers[f"speaker {name}"] = record and record.model_dump()
    for key in sorted(actors - {None}) + ["nobody"]:
        record = q.actor(store, key)
        answers[f"actor {key}"] = record and record.model_dump()
    for country in [*countries, "XXX"]:
        f = QuoteFilter(country=country)
        pages = [q.quotes(store, f, limit=1)]
        while pages[-1].next_cursor:
            pages.append(q.quotes(store, f, pages[-1].next_cursor, limit=1))
        answers[f"country {country}"] = [p.model_dump() for p in pages]
        answers[f"country counts {country}"] = [
            c.model_dump() for c in q.counts(store, "quotes", f, "month")
        ]
    return answers


def _same_as_base_rows(store: Store) -> dict[str, object]:
    kept = _answers(store)
    with _from_base_rows(store):
        assert kept == _answers(store)
    return kept


def _changed(article: Article) -> Article:
    """A corrected version of an article: another date, a quote's events and speaker changed."""
    first, *others = article.quotes
    speaker = first.speaker.model_copy(update={"name": "Jane Roe", "actor_id": "gbr-roe"})
    events = [
        Event(id="e9", type="ACCUSE", source=ROE, target=SERBIA, quote_id=first.id,
              intensity=-2.0),
        Event(id="e10", type="THREATEN", source=ActorRef(name="the Kremlin", country="RUS"),
              target=ActorRef(country="UKR")),  # a name without an id; a target without either
        Event(id="e11", type="THREATEN", source=PETROV, target=ActorRef(name="Kyiv"),
              negated=True),
    ]
    return article.model_copy(update={
        "published": "2024-02-29", "quotes": [first.model_copy(update={"speaker": speaker}),
                                             *others],
        "events": events,
    })


def test_queries_answer_from_kept_counts_as_from_rows(store):
    articles = [build_article(), *build_corpus(), *build_border()]
    store.write(articles=[Stored(a) for a in articles])
    first = _kept(store)
    assert first["quote_days"] and first["network_edges"] and first["quote_countries"]
    answers = _same_as_base_rows(store)

    for article in articles:  # re-ingested: nothing counted twice
        store.put(article)
    assert _kept(store) == first and _answers(store) == answers

    store.put(_changed(articles[1]))
    store.write(articles=[Stored(_changed(articles[2])), Stored(articles[2])])  # last wins
    assert _same_as_base_rows(store) != answers


def test_no_key_is_left_at_zero(store):
    """Taking an article's events away removes the keys only it counted."""
    lone = Article(doc_id="lone", text="x", published="2030-01-01", events=[
        Event(id="e1", type="SANCTION", source=GERMANY, target=PETROV)])
    store.put(lone)
    assert ("deu", "rus-petrov", "SANCTION", 1) in _kept(store)["network_edges"]
    store.put(lone.model_copy(update={"events": []}))
    kept = _kept(store)
    assert not [row for row in kept["network_edges"] if row[2] == "SANCTION"]
    assert all(row[-1] > 0 for table in ("quote_days", "network_nodes", "network_edges",
                                          "network_weights", "speaker_tallies", "actor_tallies")
               for row in kept[table])


@pytest.mark.parametrize("before", [AGGREGATES - 1, NETWORK_WEIGHTS - 1, NON_STATE_ENDS - 1])
def test_migration_fills_the_tables_as_writes_keep_them(db_url, before):
    articles = [build_article(), *build_corpus(), *build_border()]
    with open_store(db_url, upto=before) as old:
        for article in articles:
            old.put(article)
    with open_store(db_url) as store:
        assert store.version >= NON_STATE_ENDS  # and any migration since
        filled = _kept(store)
        _same_as_base_rows(store)
        for article in articles:
            store.put(article)
        assert _kept(store) == filled


@pytest.mark.parametrize("before", [AGGREGATES - 1, NON_STATE_ENDS - 1])
def test_migration_tells_a_state_from_the_armed_group_based_there(db_url, before):
    """Israel -> Hezbollah stored before migration 0007 counted under ISR -> LBN; migrated,
    the store answers as one written since, and Qassem's quotation is no longer Lebanon's."""
    with open_store(db_url, upto=before) as old:
        for article in build_border():
            old.put(article)
        assert len(q.events(old, EventFilter(target="LBN")).items) == 3  # the old answer
    with open_store(db_url) as store:
        assert [(p.period, p.counts) for p in q.escalation(store, "ISR", "LBN").points] == [
            ("2025-03", {"REQUEST": 1}),
        ]
        assert sum(
            sum(p.counts.values()) for p in q.escalation(store, "ISR", "HEZBOLLAH").points
        ) == 2
        lebanon_acts = q.events(store, EventFilter(source_country="LBN")).items
        assert [(e.article.doc_id, e.id) for e in lebanon_acts] == [("h2", "e2")]
        lebanon = q.quotes(store, QuoteFilter(country="LBN")).items
        assert [(x.article.doc_id, x.id) for x in lebanon] == [("h2", "q2")]
        kept = _kept(store)
        for article in build_border():
            store.put(article)
        assert _kept(store) == kept
