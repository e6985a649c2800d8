"""ASGI middleware of the server: requests refused before any route sees them."""

from __future__ import annotations

from fastapi import HTTPException, status
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send


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


def unprocessable(where: str, message: str) -> JSONResponse:
    """A 422 shaped like FastAPI's own (the spec's ``HTTPValidationError``), one message."""
    detail = [{"type": "value_error", "loc": [where], "msg": message}]
    return JSONResponse({"detail": detail}, status.HTTP_422_UNPROCESSABLE_CONTENT)
