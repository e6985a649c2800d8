"""``GET /api/alerts``: the watcher's alerts as JSON, and ``GET /api/alerts.atom``: the same as
an Atom feed for feed readers (``onrecord watch``, docs/watch.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from onrecord.server.deps import StoreDep
from onrecord.server.download import MEDIA_TYPES, download
from onrecord.server.params import Format
from onrecord.store import Store
from onrecord.watch import alerts
from onrecord.watch.alerts import Alert
from onrecord.watch.atom import alerts_feed

router = APIRouter(tags=["alerts"])

Limit = Annotated[int, Query(ge=1, le=alerts.MAX_LIMIT, description="Alerts in one answer.")]
#: The largest alert id a database stores (a 64-bit integer): a larger ``before`` is a 422.
MAX_ID = 2 ** 63 - 1
Before = Annotated[int | None, Query(ge=1, le=MAX_ID,
                                     description="Only alerts older than this alert id.")]


class AlertRow(Alert):
    """An alert as a row of a file: what it fired on as JSON text (a file's column holds
    one value, not a nested object of any shape)."""

    evidence: str  # type: ignore[assignment]


def _every_alert(store: Store, before: int | None) -> Iterator[AlertRow]:
    """Every alert older than ``before`` (all of them without it), newest first."""
    while found := alerts.recent(store, alerts.MAX_LIMIT, before):
        for alert in found:
            yield AlertRow.model_validate(
                {**alert.model_dump(), "evidence": json.dumps(alert.evidence, ensure_ascii=False)})
        before = found[-1].alert_id


@router.get("/api/alerts", response_model=list[Alert], responses={200: {
    "content": {media: {} for media in MEDIA_TYPES.values()},
    "description": "A page of JSON, or with `format` every alert (older than `before`) as a file.",
}})
def list_alerts(
    store: StoreDep, limit: Limit = alerts.DEFAULT_LIMIT, before: Before = None,
    format: Annotated[Format, Query(description="json: a page; csv, jsonl or parquet: every "
                                    "alert older than `before` (all without it), as a file.")]
    = "json",
) -> list[Alert] | Response:
    """Alerts raised by `onrecord watch`, newest first, with the statement and evidence each
    fired on; page back with `before` (the last alert id of a page)."""
    if format != "json":
        return download(_every_alert(store, before), AlertRow, format, "alerts")
    return alerts.recent(store, limit, before)


@router.get("/api/alerts.atom", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}})
def alerts_atom(store: StoreDep, request: Request,
                limit: Limit = alerts.DEFAULT_LIMIT) -> Response:
    """The newest alerts as an Atom feed."""
    found = alerts.recent(store, limit)
    base = str(request.base_url).rstrip("/")
    updated = found[0].created_at if found else alerts.now()
    return Response(alerts_feed(found, base, updated), media_type="application/atom+xml")
