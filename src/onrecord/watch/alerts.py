"""Alerts in the store (migration 0009): written once per story, read newest first by the Atom
feed, the alerts page and the webhook's delivery queue."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from pydantic import BaseModel
from sqlalchemy import Connection, text

from onrecord.store import Store

#: Alerts shown on a page or in the feed unless asked otherwise, and the most one answer holds.
DEFAULT_LIMIT = 50
MAX_LIMIT = 500

_COLUMNS = (
    "story_key, rule, kind, created_at, summary, doc_id, quote_id, event_id, quote, speaker, "
    "url, title, published, evidence"
)
_INSERT = text(
    f"INSERT INTO alerts ({_COLUMNS}) VALUES (:{_COLUMNS.replace(', ', ', :')}) "
    "ON CONFLICT (story_key) DO NOTHING"
)
_SELECT = f"SELECT alert_id, {_COLUMNS}, delivered_at, attempts, last_error FROM alerts"


class Alert(BaseModel):
    """One alert: the rule, the statement (or the pair's week) it fired on, and the evidence.

    ``evidence`` holds the article's metadata, the quotation and its event as recorded (for a
    statement), or the week's figures against the baseline and the week's events (escalation).
    """

    story_key: str
    rule: str
    kind: str  # statement | escalation
    summary: str
    doc_id: str | None = None
    quote_id: str | None = None
    event_id: str | None = None
    quote: str | None = None
    speaker: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    evidence: dict
    alert_id: int | None = None
    created_at: str | None = None
    delivered_at: str | None = None
    attempts: int = 0
    last_error: str | None = None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def insert(conn: Connection, alerts: list[Alert]) -> list[Alert]:
    """Add the alerts whose story has none yet, in the caller's transaction; those added."""
    added = []
    for alert in alerts:
        row = alert.model_dump(exclude={"alert_id", "delivered_at", "attempts", "last_error"})
        row.update(created_at=now(), evidence=json.dumps(alert.evidence, ensure_ascii=False))
        if conn.execute(_INSERT, row).rowcount:
            added.append(alert.model_copy(update={"created_at": row["created_at"]}))
    return added


def _alert(row) -> Alert:
    values = dict(row._mapping)
    return Alert(**{**values, "evidence": json.loads(values["evidence"])})


def recent(store: Store, limit: int = DEFAULT_LIMIT, before: int | None = None) -> list[Alert]:
    """The newest alerts first; ``before`` an alert id pages back from there."""
    where = "WHERE alert_id < :before " if before is not None else ""
    sql = text(f"{_SELECT} {where}ORDER BY alert_id DESC LIMIT :n")
    with store.engine.connect() as conn:
        rows = conn.execute(sql, {"before": before, "n": min(limit, MAX_LIMIT)})
        return [_alert(row) for row in rows]


def undelivered(store: Store, limit: int = 100) -> list[Alert]:
    """The first ``limit`` alerts the webhook has not taken yet, oldest first."""
    sql = text(f"{_SELECT} WHERE delivered_at IS NULL ORDER BY alert_id LIMIT :n")
    with store.engine.connect() as conn:
        return [_alert(row) for row in conn.execute(sql, {"n": limit})]


def mark_delivery(store: Store, alert_id: int, error: str | None) -> None:
    """Record one delivery: taken (``error`` None) or refused with ``error``."""
    with store.engine.begin() as conn:
        conn.execute(text(
            "UPDATE alerts SET attempts = attempts + 1, last_error = :error, "
            "delivered_at = CASE WHEN :ok THEN :now ELSE NULL END WHERE alert_id = :id"
        ), {"error": error, "ok": error is None, "now": now(), "id": alert_id})
