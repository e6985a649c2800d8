"""The one ASGI app: the REST API, its OpenAPI docs at ``/docs``, and the web UI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, status
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from onrecord import __version__
from onrecord.api import extract
from onrecord.api.settings import Settings
from onrecord.nlp import load_nlp
from onrecord.web import STATIC_DIR
from onrecord.web import pages as web_pages


@asynccontextmanager
async def _load_model_first(app: FastAPI) -> AsyncIterator[None]:
    """Load spaCy at start-up so the first request is not the one that waits for it."""
    load_nlp()
    yield


async def _too_large(request: Request, exc: Exception) -> JSONResponse:
    limit = request.app.state.settings.max_body_bytes
    return JSONResponse(
        {"detail": f"request body is larger than {limit} bytes: send one article at a time"},
        status_code=status.HTTP_413_CONTENT_TOO_LARGE,
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; ``settings`` default to the environment (``Settings.from_env``)."""
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="onrecord",
        version=__version__,
        description="Who said what, to whom, when, on which condition: quotations and events "
        "from news text, in the onrecord record format.",
        max_body_size=settings.max_body_bytes,
        lifespan=_load_model_first,
    )
    app.state.settings = settings
    app.add_exception_handler(status.HTTP_413_CONTENT_TOO_LARGE, _too_large)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.include_router(extract.router)
    app.include_router(web_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
