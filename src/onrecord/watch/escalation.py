"""Escalation alerts: this week's events of an ordered pair against the pair's own past weeks.

The measure is the week's event count (an alert when it rises) or its mean intensity (PLOVER
scores run from cooperation, positive, to conflict, negative: an alert when it falls). The
baseline is the ``baseline_weeks`` weeks before this one, from the pair's first event on (weeks
without events count as zero events; they carry no intensity); the z-score is the week's
distance from the baseline mean in baseline standard deviations. A week with fewer than
``min_count`` events never fires, nor a pair with fewer than ``min_baseline_weeks`` weeks of
history: "three threats this week" means little for a pair first seen on Monday.
"""

from __future__ import annotations

import datetime as dt
import statistics

from onrecord.store import Store, queries
from onrecord.store.filters import EventFilter
from onrecord.watch.alerts import Alert
from onrecord.watch.config import EscalationRule
from onrecord.watch.rules import story_key

#: Smallest standard deviation a baseline is taken to have. A quiet pair's baseline is often all
#: zeros (or one steady intensity): its deviation 0 would make any change infinitely surprising.
#: One event a week, and half a PLOVER intensity step, are the smallest changes worth a z of 1.
COUNT_SD_FLOOR = 1.0
INTENSITY_SD_FLOOR = 0.5
#: This week's events listed in an alert's evidence.
EVIDENCE_EVENTS = 20


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _types(rule: EscalationRule) -> list[str]:
    if rule.relation is None:
        return rule.type
    related = [t for t, r in queries.relations().items() if r == rule.relation]
    return [t for t in related if not rule.type or t in rule.type]


def _events_of_week(store: Store, rule: EscalationRule, monday: dt.date) -> list[dict]:
    f = EventFilter(source=rule.source, target=rule.target, type=_types(rule),
                    date_from=monday, date_to=monday + dt.timedelta(days=6))
    listed = queries.events(store, f, limit=EVIDENCE_EVENTS).items
    return [{"doc_id": e.article.doc_id, "event_id": e.id, "quote_id": e.quote_id,
             "type": e.type, "intensity": e.intensity, "title": e.article.title,
             "url": e.article.url, "published": e.article.published}
            for e in listed if not e.negated]


def _first_week(store: Store, rule: EscalationRule) -> str:
    """The week of the pair's first event of any type: its history starts there."""
    return queries.escalation(store, rule.source, rule.target, "week").points[0].period


def check(store: Store, rule: EscalationRule, today: dt.date) -> Alert | None:
    """The rule's alert for the week of ``today``, or None when the week does not stand out."""
    series = queries.escalation(store, rule.source, rule.target, "week",
                                EventFilter(type=_types(rule)))
    points = {p.period: p for p in series.points}
    this_week = queries.period_of(today.isoformat(), "week")
    now = points.get(this_week)
    count = sum(now.counts.values()) if now else 0
    if now is None or count < rule.min_count:
        return None
    first = _first_week(store, rule) if _types(rule) else series.points[0].period
    history = []
    for back in range(1, rule.baseline_weeks + 1):
        week = queries.period_of((_monday(today) - dt.timedelta(weeks=back)).isoformat(), "week")
        if week is None or week < first:
            break
        point = points.get(week)
        if rule.measure == "count":
            history.append(sum(point.counts.values()) if point else 0)
        elif point is not None and point.intensity is not None:
            history.append(point.intensity)
    if len(history) < rule.min_baseline_weeks:
        return None
    mean = statistics.fmean(history)
    if rule.measure == "count":
        value, floor, change = float(count), COUNT_SD_FLOOR, count - mean
    else:
        if now.intensity is None:
            return None
        value, floor, change = now.intensity, INTENSITY_SD_FLOOR, mean - now.intensity
    sd = max(statistics.pstdev(history), floor)
    z = change / sd
    if z < rule.z:
        return None
    measured = "events" if rule.measure == "count" else "mean intensity"
    summary = (f"{rule.source} -> {rule.target}, week {this_week}: {measured} {value:g} against "
               f"a baseline of {mean:.2f} ± {sd:.2f} over {len(history)} weeks (z = {z:.1f})")
    return Alert(
        story_key=story_key("escalation", rule.name, rule.source, rule.target, this_week),
        rule=rule.name, kind="escalation", summary=summary, published=_monday(today).isoformat(),
        evidence={"week": this_week, "measure": rule.measure, "value": value, "count": count,
                  "baseline_mean": round(mean, 3), "baseline_sd": round(sd, 3),
                  "baseline_weeks": len(history), "z": round(z, 2),
                  "events": _events_of_week(store, rule, _monday(today))},
    )
