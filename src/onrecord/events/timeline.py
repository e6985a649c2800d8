"""Escalation series: per ordered pair of parties, events per day or week by type, and mean
intensity.

A function over ``Article`` records, so the store can feed it as well as JSONL files. A story
counts once however many wire copies carry it: events with the same source, target, type and
quoted words on the same day are one. Negated events ("did not threaten") are not counted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from onrecord.dates import parse_date
from onrecord.model import ActorRef, Article

Period = Literal["day", "week"]
Level = Literal["state", "actor"]


@dataclass
class Bucket:
    """One day or week of a pair's series."""

    start: dt.date
    counts: Counter[str] = field(default_factory=Counter)
    intensities: list[float] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def mean_intensity(self) -> float | None:
        return sum(self.intensities) / len(self.intensities) if self.intensities else None


def party(ref: ActorRef | None, level: Level = "state") -> str | None:
    """The key a party is counted under: its state (or body) code, or the actor itself. A
    non-state armed group counts as itself at either level: Israel -> Hezbollah is not
    Israel -> Lebanon."""
    if ref is None:
        return None
    if level == "actor" or (ref.actor_id and ref.non_state):
        return ref.actor_id or ref.name
    return ref.country or ref.actor_id


def _period_start(day: dt.date, period: Period) -> dt.date:
    return day - dt.timedelta(days=day.weekday()) if period == "week" else day


def series(articles: Iterable[Article], source: str, target: str, period: Period = "week",
           level: Level = "state") -> list[Bucket]:
    """Events from ``source`` to ``target`` (codes as ``party`` gives them), bucketed by
    ``period``, oldest first. Articles without a date are skipped: they cannot be placed."""
    buckets: dict[dt.date, Bucket] = {}
    seen: set[tuple] = set()
    for article in articles:
        day = parse_date(article.published)
        if day is None:
            continue
        quotes = {q.id: q.content for q in article.quotes}
        for event in article.events:
            if event.negated or party(event.source, level) != source \
                    or party(event.target, level) != target:
                continue
            words = " ".join(quotes.get(event.quote_id or "", "").lower().split())
            key = (day, source, target, event.type, words or article.doc_id)
            if key in seen:
                continue
            seen.add(key)
            start = _period_start(day, period)
            bucket = buckets.setdefault(start, Bucket(start))
            bucket.counts[event.type] += 1
            if event.intensity is not None:
                bucket.intensities.append(event.intensity)
    return [buckets[k] for k in sorted(buckets)]
