"""The REST API (``onrecord.api``): FastAPI routes over the same library functions as the CLI.

``router`` holds every route; ``onrecord.app`` serves it with the web UI, and
``uvicorn --factory onrecord.app:create_app`` or ``onrecord serve`` runs that.
"""

from fastapi import APIRouter

from onrecord.api import alerts, extract, ingest, queries, records

#: Paths whose errors are answered as JSON (the rest of the app answers people with pages).
PATHS = ("/api/", "/extract", "/records/", "/openapi.json", "/docs")

router = APIRouter()
for part in (extract, records, queries, ingest, alerts):
    router.include_router(part.router)

__all__ = ["PATHS", "router"]
