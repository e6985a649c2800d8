"""The one ASGI app, composed here: the REST API (``onrecord.api``), its OpenAPI docs at
``/docs``, and the web UI (``onrecord.web``), behind the server's middleware.

A new part of the app (a router of its own) is one more entry in ``ROUTERS``; errors on the
API's paths are JSON, everywhere else they are pages a person can read.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request, status
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from swagger_ui_bundle import swagger_ui_path

from onrecord import __version__, api, web
from onrecord.api.budget import RateLimit
from onrecord.errors import FetchFailed, FetchTimeout, InputError
from onrecord.ingest.guard import AddressPolicy
from onrecord.nlp import load_nlp
from onrecord.server.cache import ResponseCache
from onrecord.server.middleware import BodyLimit, NoNul, unprocessable
from onrecord.server.settings import Settings
from onrecord.store import open_store
from onrecord.store.db import sqlite_revision
from onrecord.store.queries import InvalidCursor

#: The routers of the app, in the order their routes are matched.
ROUTERS: tuple[APIRouter, ...] = (*api.routers, web.router)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load spaCy at start-up so the first request does not wait for it, then put what start-up
    made out of the garbage collector's reach: a full collection walked its 150,000 objects,
    100-120 ms in the middle of some request; now only what requests make. Close the store
    last."""
    load_nlp()
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()
    if app.state.store is not None:
        app.state.store.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; ``settings`` default to the environment (``Settings.from_env``)."""
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="onrecord",
        version=__version__,
        description="Who said what, to whom, when, on which condition: quotations and events "
        "from news text, in the onrecord record format.",
        lifespan=_lifespan,
        docs_url=None,  # served below from the installed Swagger UI, not a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = open_store(settings.db) if settings.db else None
    app.state.fetch_policy = AddressPolicy(settings.fetch_allow)
    app.state.extract_rate = RateLimit(settings.extract_per_minute)
    revision = sqlite_revision(app.state.store) if app.state.store else None
    if revision and settings.cache_bytes:  # innermost: CORS headers are still added per request
        app.add_middleware(ResponseCache, revision=revision, max_bytes=settings.cache_bytes)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(NoNul)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    for router in ROUTERS:
        app.include_router(router)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(InvalidCursor, _invalid_cursor)
    app.add_exception_handler(InputError, _unusable_input)
    app.add_exception_handler(FetchFailed, _upstream_failed)
    _offline_docs(app)
    app.mount("/static", StaticFiles(directory=web.STATIC_DIR), name="static")
    return app


def _for_people(request: Request) -> bool:
    """Errors off the API's paths are for someone reading pages: HTML, not JSON."""
    return not request.url.path.startswith(api.PATHS)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _for_people(request):
        return web.error_page(exc.status_code, str(exc.detail))
    return await http_exception_handler(request, exc)


async def _invalid_request(request: Request, exc: Exception) -> Response:
    """A bad parameter: FastAPI's 422 on the API; on a page, each problem on a line."""
    assert isinstance(exc, RequestValidationError)
    if _for_people(request):
        problems = [
            f"{error['loc'][-1]}: {error['msg'].removeprefix('Value error, ')}"
            if error["loc"] else error["msg"]
            for error in exc.errors()
        ]
        return web.error_page(status.HTTP_422_UNPROCESSABLE_CONTENT, "; ".join(problems))
    return await request_validation_exception_handler(request, exc)


def _unprocessable(request: Request, where: str, message: str) -> Response:
    if _for_people(request):
        return web.error_page(status.HTTP_422_UNPROCESSABLE_CONTENT, message)
    return unprocessable(where, message)


async def _invalid_cursor(request: Request, exc: Exception) -> Response:
    """A cursor is a parameter like any other: a bad one is a 422 with a message."""
    return _unprocessable(request, "query", str(exc))


async def _unusable_input(request: Request, exc: Exception) -> Response:
    """A text the pipeline refuses by name (too long, a lone surrogate escape): 422, not 500."""
    return _unprocessable(request, "body", str(exc))


async def _upstream_failed(request: Request, exc: Exception) -> Response:
    """A page the server was asked to fetch and could not: the fault is upstream (502), or it
    was too slow (504). Refusals to fetch are ``FetchRefused``, an ``InputError`` (422)."""
    timed_out = isinstance(exc, FetchTimeout)
    code = status.HTTP_504_GATEWAY_TIMEOUT if timed_out else status.HTTP_502_BAD_GATEWAY
    if _for_people(request):
        return web.error_page(code, str(exc))
    return JSONResponse({"detail": str(exc)}, code)


def _offline_docs(app: FastAPI) -> None:
    """Swagger UI at ``/docs`` from the ``swagger-ui-bundle-v2`` package: works offline."""
    app.mount("/docs/assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} API",
            swagger_js_url="/docs/assets/swagger-ui-bundle.js",
            swagger_css_url="/docs/assets/swagger-ui.css",
            swagger_favicon_url="/docs/assets/favicon-32x32.png",
        )

__all__ = ["ROUTERS", "Settings", "create_app"]
