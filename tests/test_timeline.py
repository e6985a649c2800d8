"""Escalation series over records: buckets, wire copies counted once, denials left out."""

from __future__ import annotations

import datetime as dt

from onrecord.events.timeline import series
from onrecord.model import ActorRef, Article, Event, Quote

RUS = ActorRef(name="Russia", actor_id="RUS", country="RUS", sector="GOV")
POL = ActorRef(name="Poland", actor_id="POL", country="POL", sector="GOV")


def article(doc_id: str, day: str, *events: tuple[str, str, bool]) -> Article:
    quotes = [Quote(id=f"q{i}", kind="indirect", content=words, spans=[(0, 1)])
              for i, (_, words, _) in enumerate(events)]
    coded = [Event(id=f"e{i}", type=kind, source=RUS, target=POL, quote_id=f"q{i}",
                   negated=negated, intensity=-3.5 if kind == "THREATEN" else -2.0)
             for i, (kind, _, negated) in enumerate(events)]
    return Article(doc_id=doc_id, text="x", published=day, quotes=quotes, events=coded)


def test_weekly_counts_by_type_and_mean_intensity():
    records = [
        article("a", "2025-11-03", ("THREATEN", "we will strike", False)),
        article("b", "2025-11-05", ("ACCUSE", "they provoke us", False)),
        article("c", "2025-11-12", ("THREATEN", "the answer will come", False)),
    ]
    weeks = series(records, "RUS", "POL", period="week")
    assert [w.start for w in weeks] == [dt.date(2025, 11, 3), dt.date(2025, 11, 10)]
    assert dict(weeks[0].counts) == {"THREATEN": 1, "ACCUSE": 1}
    assert weeks[0].mean_intensity == -2.75


def test_a_wire_copy_of_the_same_story_counts_once_and_a_denial_not_at_all():
    records = [
        article("a", "2025-11-03", ("THREATEN", "We will strike.", False)),
        article("b", "2025-11-03", ("THREATEN", "we will  strike.", False)),
        article("c", "2025-11-03", ("THREATEN", "we never threatened anyone", True)),
    ]
    (day,) = series(records, "RUS", "POL", period="day")
    assert day.total == 1


def test_direction_matters_and_undated_records_are_skipped():
    records = [article("a", "2025-11-03", ("THREATEN", "we will strike", False)),
               article("b", None, ("THREATEN", "again", False))]
    assert series(records, "POL", "RUS") == []
    assert len(series(records, "RUS", "POL")) == 1


def test_a_non_state_group_has_its_own_series_apart_from_its_host_state():
    isr = ActorRef(name="Israel", actor_id="ISR", country="ISR", sector="GOV")
    hezbollah = ActorRef(name="Hezbollah", actor_id="HEZBOLLAH", country="LBN", sector="REB",
                         non_state=True)
    lebanon = ActorRef(name="Lebanon", actor_id="LBN", country="LBN", sector="GOV")
    coded = [Event(id=f"e{i}", type="THREATEN", source=isr, target=target, quote_id=f"q{i}")
             for i, target in enumerate((hezbollah, hezbollah, lebanon))]
    quotes = [Quote(id=f"q{i}", kind="indirect", content=f"words {i}", spans=[(0, 1)])
              for i in range(3)]
    record = Article(doc_id="a", text="x", published="2025-11-03", quotes=quotes,
                     events=coded)
    assert [b.total for b in series([record], "ISR", "HEZBOLLAH")] == [2]
    assert [b.total for b in series([record], "ISR", "LBN")] == [1]
