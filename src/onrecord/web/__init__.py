"""The web UI (``onrecord.web``): server-rendered pages over the record format.

``router`` holds its pages and ``error_page`` renders an error for a person (the message and
a way back); ``onrecord.app`` serves them with the API. Templates and static files ship
inside the package, so ``pip install onrecord`` is all it needs.
"""

from fastapi import APIRouter

from onrecord.web import alerts, pages, provenance
from onrecord.web.pages import STATIC_DIR, error_page

router = APIRouter(include_in_schema=False)
router.include_router(pages.router)
router.include_router(provenance.router)
router.include_router(alerts.router)

__all__ = ["STATIC_DIR", "error_page", "router"]
