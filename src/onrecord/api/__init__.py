"""The REST API (``onrecord.api``): FastAPI routes over the same library functions as the CLI.

``routers`` hold every route, one router a part; ``onrecord.app`` serves them with the web UI
(each included on its own: a router of routers costs every request a walk through each level's
routes, twice), and
``uvicorn --factory onrecord.app:create_app`` or ``onrecord serve`` runs that.
"""

from fastapi import APIRouter

from onrecord.api import alerts, extract, ingest, queries, records

#: Paths whose errors are answered as JSON (the rest of the app answers people with pages).
PATHS = ("/api/", "/extract", "/records/", "/openapi.json", "/docs")

routers: tuple[APIRouter, ...] = tuple(
    part.router for part in (extract, records, queries, ingest, alerts))

__all__ = ["PATHS", "routers"]
