"""The provenance page (``/provenance?q=...``): where quoted words first appeared, their
variants with outlet and date, who they are attributed to, and conflicting attributions with
the evidence side by side (``onrecord.server.views.provenance``, as ``/api/provenance`` gives it);
the groups are rebuilt first when quotations were stored since the last build (a cache, not
user data)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from onrecord.server import views
from onrecord.server.deps import StoreDep
from onrecord.web.pages import page
from onrecord.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/provenance")
def provenance_page(store: StoreDep,
                    q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    """The chains of a quoted phrase across the stored articles."""
    return page(render("provenance.html", q=q, chains=views.provenance(store, q),
                       twin=f"/api/provenance?{urlencode({'q': q})}" if q else None))
