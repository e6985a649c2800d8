"""The day an article was published, as every stage that dates something reads it."""

from __future__ import annotations

import datetime as dt


def parse_date(value: str | None) -> dt.date | None:
    """The day of an article's ``published`` value ("2025-11-08", "2025-11-08T10:00Z");
    ``None`` when there is none or it names no day."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
