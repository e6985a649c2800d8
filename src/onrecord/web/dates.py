"""Dates as people read them ("1 Mar 2024", "Mar 2024", "week of 15 Jan 2024"), each in a
``<time datetime="…">`` that keeps the stored ISO value for machines.

The store keeps ISO 8601 text: a day (``2024-03-01``), a moment (an alert's
``2026-12-03T11:35:50+00:00``), or a period of a count (``2024``, ``2024-03``, ``2024-W03``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from markupsafe import Markup, escape

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _moment(value: str) -> str | None:
    """A stored date or date and time, readable; None if it is neither."""
    try:
        if len(value) <= 10:
            return _day(dt.date.fromisoformat(value))
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    offset = moment.utcoffset()
    zone = "" if offset is None else " UTC" if not offset else f" {moment:%z}"
    return f"{_day(moment.date())}, {moment:%H:%M}{zone}"


@functools.lru_cache(maxsize=4096)
def readable(value: str | None, short: bool = False) -> str | None:
    """``value`` as people read it; None if it is no ISO date, moment or period. ``short``
    names a week by its Monday alone (an axis of weeks says "per week" once)."""
    if not value:
        return None
    if _YEAR.match(value):
        return value
    if match := _MONTH.match(value):
        try:
            return f"{dt.date(int(match[1]), int(match[2]), 1):%b %Y}"
        except ValueError:
            return None
    if match := _WEEK.match(value):
        try:
            monday = _day(dt.date.fromisocalendar(int(match[1]), int(match[2]), 1))
        except ValueError:
            return None
        return monday if short else f"week of {monday}"
    return _moment(value)


def time_tag(value: str | None, missing: str = "undated") -> Markup:
    """``<time datetime="2024-03-01">1 Mar 2024</time>``; ``missing`` when there is no date,
    and a value that is no date shown as it is (escaped), never dropped."""
    if not value:
        return Markup('<span class="undated">{}</span>').format(missing)
    shown = readable(value)
    if shown is None:
        return escape(value)
    return Markup('<time datetime="{}">{}</time>').format(value, shown)
