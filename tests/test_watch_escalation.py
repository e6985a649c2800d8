"""Escalation alerts against a pair's own baseline, on a store of hand-built weeks."""

from __future__ import annotations

import datetime as dt

from test_watch_rules import GERMANY, LAVROV, THREAT, article

from onrecord.watch.config import EscalationRule
from onrecord.watch.escalation import check

TODAY = dt.date(2026, 12, 3)  # a Thursday


def put_week(store, weeks_back: int, n: int, intensity: float = -3.5, kind: str = "THREATEN"):
    """``n`` events from Russia to Germany in the week ``weeks_back`` weeks before TODAY's."""
    monday = TODAY - dt.timedelta(days=TODAY.weekday(), weeks=weeks_back)
    for i in range(n):
        event = THREAT.model_copy(update={"type": kind, "intensity": intensity})
        art = article(f"Warning {weeks_back} {i}", event, doc_id=f"w{weeks_back}-{i}")
        store.put(art.model_copy(update={"published": (monday + dt.timedelta(i % 5)).isoformat()}))


def rule(**fields) -> EscalationRule:
    return EscalationRule(name="russia on germany", source="RUS", target="DEU", **fields)


def test_a_week_far_above_the_pairs_own_baseline_fires(store):
    for back in range(1, 9):
        put_week(store, back, 1 + back % 2)  # one or two a week for eight weeks
    put_week(store, 0, 6)
    alert = check(store, rule(), TODAY)
    assert alert is not None and alert.kind == "escalation"
    assert alert.evidence["count"] == 6 and alert.evidence["baseline_weeks"] == 8
    assert alert.evidence["baseline_mean"] == 1.5 and alert.evidence["z"] >= 2
    assert len(alert.evidence["events"]) == 6
    assert "RUS -> DEU, week 2026-W49" in alert.summary
    assert check(store, rule(), TODAY).story_key == alert.story_key  # once a week


def test_a_busy_pair_at_its_usual_level_does_not(store):
    for back in range(0, 9):
        put_week(store, back, 5)
    assert check(store, rule(), TODAY) is None


def test_too_few_events_or_too_little_history_do_not(store):
    for back in range(1, 9):
        put_week(store, back, 0)
    put_week(store, 9, 1)
    put_week(store, 0, 3)
    assert check(store, rule(), TODAY) is not None
    assert check(store, rule(min_count=4), TODAY) is None
    assert check(store, rule(min_baseline_weeks=10), TODAY) is None  # nine weeks of history


def test_mean_intensity_falling_fires_the_intensity_measure(store):
    for back in range(1, 7):
        put_week(store, back, 3, intensity=2.0, kind="CONSULT")
    put_week(store, 0, 3, intensity=-6.0, kind="SANCTION")
    assert check(store, rule(), TODAY) is None  # as many events as usual
    alert = check(store, rule(measure="intensity"), TODAY)
    assert alert is not None and alert.evidence["value"] == -6.0


def test_the_relation_filter_counts_conflict_only(store):
    for back in range(1, 7):
        put_week(store, back, 4, intensity=2.0, kind="CONSULT")
    put_week(store, 0, 4, intensity=-3.5)
    assert check(store, rule(), TODAY) is None  # four events, as every week
    assert check(store, rule(relation="conflict"), TODAY) is not None


def test_the_pair_is_ordered(store):
    for back in range(1, 7):
        put_week(store, back, 1)
    put_week(store, 0, 6)
    reverse = EscalationRule(name="germany on russia", source="DEU", target="RUS")
    assert check(store, reverse, TODAY) is None
    assert LAVROV.country == "RUS" and GERMANY.country == "DEU"
