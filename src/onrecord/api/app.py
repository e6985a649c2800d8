"""The one ASGI app: the REST API, its OpenAPI docs at ``/docs``, and the web UI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from swagger_ui_bundle import swagger_ui_path

from onrecord import __version__
from onrecord.api import alerts, extract, ingest, queries, records
from onrecord.api.cache import ResponseCache, sqlite_revision
from onrecord.api.settings import Settings
from onrecord.errors import FetchFailed, FetchTimeout, InputError
from onrecord.ingest.guard import AddressPolicy
from onrecord.nlp import load_nlp
from onrecord.store import open_store
from onrecord.store.queries import InvalidCursor
from onrecord.web import STATIC_DIR
from onrecord.web import alerts as web_alerts
from onrecord.web import pages as web_pages
from onrecord.web import provenance as web_provenance


class NoNul:
    """Refuse a URL with a NUL character (``%00``) in its path or query with 422.

    Nothing stored holds a NUL (ingest refuses them), so such a value can match nothing; and
    PostgreSQL refuses NUL even as a bound parameter, so passed on it would be a 500.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (
            "\x00" in scope["path"] or b"%00" in scope["query_string"].lower()
            or b"\x00" in scope["query_string"]
        ):
            response = unprocessable("query", "the URL holds a NUL character (%00)")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413 and a message giving the limit.

    The check sits in ``receive``, so it also covers chunked bodies, and a declared
    Content-Length over the limit fails before a byte is read. The error is raised inside the
    endpoint's body parsing, where FastAPI turns it into a JSON error like any other.
    (FastAPI's own ``max_body_size`` answers a declared length with a fixed plain-text body.)
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    def _too_large(self) -> HTTPException:
        return HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"request body is larger than {self.limit} bytes: send one article at a time",
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        declared_over = declared.isdigit() and int(declared) > self.limit
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            if declared_over:
                raise self._too_large()
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise self._too_large()
            return message

        await self.app(scope, receive_within_limit, send)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load spaCy at start-up so the first request does not wait for it; close the store last."""
    load_nlp()
    yield
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
    app.include_router(extract.router)
    app.include_router(records.router)
    app.include_router(queries.router)
    app.include_router(ingest.router)
    app.include_router(alerts.router)
    app.include_router(web_pages.router)
    app.include_router(web_provenance.router)
    app.include_router(web_alerts.router)
    app.add_exception_handler(InvalidCursor, _invalid_cursor)
    app.add_exception_handler(InputError, _unusable_input)
    app.add_exception_handler(FetchFailed, _upstream_failed)
    _offline_docs(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def unprocessable(where: str, message: str) -> JSONResponse:
    """A 422 shaped like FastAPI's own (the spec's ``HTTPValidationError``), one message."""
    detail = [{"type": "value_error", "loc": [where], "msg": message}]
    return JSONResponse({"detail": detail}, status.HTTP_422_UNPROCESSABLE_CONTENT)


async def _invalid_cursor(request: Request, exc: Exception) -> JSONResponse:
    """A cursor is a parameter like any other: a bad one is a 422 with a message."""
    return unprocessable("query", str(exc))


async def _unusable_input(request: Request, exc: Exception) -> JSONResponse:
    """A text the pipeline refuses by name (too long, a lone surrogate escape): 422, not 500."""
    return unprocessable("body", str(exc))


async def _upstream_failed(request: Request, exc: Exception) -> JSONResponse:
    """A page the server was asked to fetch and could not: the fault is upstream (502), or it
    was too slow (504). Refusals to fetch are ``FetchRefused``, an ``InputError`` (422)."""
    timed_out = isinstance(exc, FetchTimeout)
    code = status.HTTP_504_GATEWAY_TIMEOUT if timed_out else status.HTTP_502_BAD_GATEWAY
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
