"""The tables the store keeps for fast queries (migrations 0005 and 0006), on SQLite and
PostgreSQL: every query they serve answers exactly as from the quotes and events rows, after
first writes, re-ingesting the same articles, changed articles and migrating a store that
already holds data; and re-ingesting never counts an article twice. Migration 0007 marks the
events' non-state ends in a store that holds them, as writes do."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import old_schema
import pytest
from corpus import GERMANY, PETROV, ROE, SERBIA, build_border, build_corpus
from old_schema import old_store
from records import build_article
from sqlalchemy import text

from onrecord.model import ActorRef, Article, Event
from onrecord.store import Store, Stored, open_store
from onrecord.store import counts as counts_module
from onrecord.store import escalation as escalation_module
from onrecord.store import network as network_module
from onrecord.store import queries as q
from onrecord.store.aggregates import (
    AGGREGATES,
    NETWORK_WEIGHTS,
    NON_STATE_ENDS,
    STATE_PAIR_DAYS,
    STATE_TALLIES,
)
from onrecord.store.filters import EventFilter, QuoteFilter
from onrecord.store.results import ActorRecord, Counted, Counterpart, SpeakerRecord

TABLES = {
    "quote_days": "day, quotes",
    "network_nodes": "actor, type, name, events",
    "network_edges": "source, target, type, events",
    "network_weights": "actor, events",
    "speaker_tallies": "speaker_name, kind, value, quotes",
    "actor_tallies": "actor, kind, value, detail, events",
    "quote_countries": "doc_id, quote_id, country, published, start_offset",
    "state_tallies": "country, kind, value, detail, events",
    "state_pair_days": "source, target, day, type, events, threats, intensity, scored",
}


def _kept(store: Store) -> dict[str, list[tuple]]:
    """Every row of the aggregate tables, sorted."""
    with store.engine.connect() as conn:
        return {
            table: sorted(map(tuple, conn.execute(text(f"SELECT {columns} FROM {table}"))))
            for table, columns in TABLES.items()
        }


def _counted(values) -> list[Counted]:
    tally = Counter(v for v in values if v)
    return [Counted(name=v, count=n) for v, n in sorted(tally.items(), key=lambda x: (-x[1], x[0]))]


def _speaker_from_rows(store: Store, name: str) -> SpeakerRecord | None:
    """A speaker's record counted in Python from their rows in quotes."""
    with store.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT speaker_actor_id, speaker_mention, addressee_name, addressee_actor_id, cue, "
            "published FROM quotes WHERE speaker_name = :n"), {"n": name}).all()
    if not rows:
        return None
    days = sorted(r.published for r in rows if r.published)
    return SpeakerRecord(
        name=name, quotes=len(rows),
        actor_ids=sorted({r.speaker_actor_id for r in rows if r.speaker_actor_id}),
        mentions=_counted(r.speaker_mention for r in rows),
        addressees=_counted(r.addressee_name or r.addressee_actor_id for r in rows),
        cues=_counted(r.cue for r in rows),
        first=days[0] if days else None, last=days[-1] if days else None,
    )


def _type(event) -> str:
    """How an actor's record counts an event: "did not threaten" is "not THREATEN"."""
    return f"not {event['type']}" if event["negated"] else event["type"]


def _actor_from_rows(store: Store, key: str) -> ActorRecord | None:
    """An actor's record counted in Python from the events rows where it is an end (by its
    key, actor id else name, or by a name it had) and the quotes it spoke."""
    with store.engine.connect() as conn:
        events = conn.execute(text("SELECT * FROM events")).mappings().all()
        n_quotes = conn.execute(text(
            "SELECT count(*) FROM quotes WHERE speaker_actor_id = :a OR speaker_name = :a"),
            {"a": key}).scalar_one()
    # a state by its code first: it, its bodies and officials (Russia coded RUS included)
    ends = {role: [e for e in events if e[f"{role}_country"] == key
                   and not e[f"{role}_non_state"]] for role in ("source", "target")}
    state = bool(ends["source"] or ends["target"])
    if not state:
        ends = {role: [e for e in events if key in (
            e[f"{role}_actor_id"] or e[f"{role}_name"], e[f"{role}_name"])]
            for role in ("source", "target")}
    if not ends["source"] and not ends["target"] and not n_quotes:
        return None
    roles = [("source", "target", e) for e in ends["source"]]
    roles += [("target", "source", e) for e in ends["target"]]
    others = {(role, e[f"{other}_actor_id"] or e[f"{other}_name"]) for role, other, e in roles}
    names: dict[str, Counter] = {}
    for _, other, e in roles:
        if (o := e[f"{other}_actor_id"] or e[f"{other}_name"]) and e[f"{other}_name"]:
            names.setdefault(o, Counter())[e[f"{other}_name"]] += 1

    def with_other(role: str, o: str) -> int:
        return sum(1 for r, other, e in roles
                   if r == role and (e[f"{other}_actor_id"] or e[f"{other}_name"]) == o)

    keys = sorted({o for _, o in others if o},
                  key=lambda o: (-(with_other("source", o) + with_other("target", o)), o))
    return ActorRecord(
        actor=key,
        names=[c.name for c in _counted(
            [e["source_name"] for e in ends["source"]] + [e["target_name"] for e in ends["target"]]
        )],
        countries=sorted({e[f"{role}_country"] for role, _, e in roles if e[f"{role}_country"]}),
        quotes=n_quotes,
        as_source=_counted(_type(e) for e in ends["source"]),
        as_target=_counted(_type(e) for e in ends["target"]),
        counterparts=[Counterpart(
            actor=o, name=_counted(names[o].elements())[0].name if o in names else o,
            sent=with_other("source", o), received=with_other("target", o)) for o in keys],
        state=state,
    )


@contextmanager
def _from_base_rows(store: Store) -> Iterator[None]:
    """The queries as they run without the kept tables: counts and the network from quotes
    and events alone, a speaker's and an actor's record counted in Python from their rows."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(counts_module, "only", lambda *args: False)
        patch.setattr(network_module, "only", lambda *args: False)
        patch.setattr(escalation_module, "only", lambda *args: False)
        patch.setattr(q, "speaker", _speaker_from_rows)
        patch.setattr(q, "actor", _actor_from_rows)
        yield


def _answers(store: Store) -> dict[str, object]:
    """What every query served by an aggregate table returns, as plain data."""
    with store.engine.connect() as conn:
        names = list(conn.execute(text("SELECT DISTINCT speaker_name FROM quotes")).scalars())
        countries = list(conn.execute(text(
            "SELECT source_country FROM events WHERE source_country IS NOT NULL UNION "
            "SELECT target_country FROM events WHERE target_country IS NOT NULL"
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
    for source in [*countries, "XXX"]:
        for target in countries:
            for period in ("day", "month"):
                series = q.escalation(store, source, target, period)
                answers[f"escalation {source} {target} {period}"] = series.model_dump()
    for country in [*countries, "XXX"]:
        record = q.actor(store, country)
        answers[f"state {country}"] = record and record.model_dump()
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
                                          "network_weights", "speaker_tallies", "actor_tallies",
                                          "state_tallies", "state_pair_days")
               for row in kept[table])


@pytest.mark.parametrize(
    "before", [AGGREGATES - 1, NETWORK_WEIGHTS - 1, NON_STATE_ENDS - 1, STATE_TALLIES - 1,
               STATE_PAIR_DAYS - 1])
def test_migration_fills_the_tables_as_writes_keep_them(db_url, before):
    articles = [build_article(), *build_corpus(), *build_border()]
    with old_store(db_url, before) as engine:
        old_schema.put(engine, *articles)
    with open_store(db_url) as store:
        assert store.version >= NON_STATE_ENDS  # and any migration since
        filled = _kept(store)
        _same_as_base_rows(store)
        for article in articles:
            store.put(article)
        assert _kept(store) == filled


@pytest.mark.parametrize("before", [AGGREGATES - 1, NON_STATE_ENDS - 1])
def test_migration_tells_a_state_from_the_armed_group_based_there(db_url, before):
    """Israel -> Hezbollah stored before migration 0007, which could not tell the group from
    the state; migrated, the store answers as one written since, and Qassem's quotation is no
    longer Lebanon's."""
    with old_store(db_url, before) as engine:
        old_schema.put(engine, *build_border())
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
