"""The alerts page (``/alerts``): what ``onrecord watch`` raised, newest first, each with the
quotation, its article and the evidence it fired on."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from onrecord.server.deps import StoreDep
from onrecord.watch import alerts
from onrecord.web.pages import page
from onrecord.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/alerts")
def alerts_page(store: StoreDep,
                before: Annotated[int | None, Query(ge=1)] = None) -> HTMLResponse:
    """A page of alerts; the link at the bottom pages back."""
    found = alerts.recent(store, alerts.DEFAULT_LIMIT, before)
    older = found[-1].alert_id if len(found) == alerts.DEFAULT_LIMIT else None
    return page(render("alerts.html", alerts=found, older=older, before=before,
                       twin="/api/alerts" + (f"?before={before}" if before else "")))
