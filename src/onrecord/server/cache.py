"""Answers of the read routes, kept in memory until the store changes.

Every read route answers from the store alone (path and query string in, the same bytes out), so
an answer can be served again until the next write. The store's write revision is SQLite's
``PRAGMA data_version`` on a connection of the cache's own that never writes: it changes on
every commit by any other connection, this server's or another process's (``onrecord run`` into
the same file), and costs a few microseconds. The revision is read before the answer is made
and the answer kept only if the revision is still current when it is done, so an answer that
may predate a write is never served after it.

PostgreSQL has no such cheap counter, so answers from a PostgreSQL store are not cached.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Paths whose GET answers depend on the store and the URL only (not on headers or time).
CACHED_PATHS = (
    "/api/", "/records/", "/articles/", "/search", "/speakers/", "/actors/", "/timeline",
    "/network",
)
#: Memory for kept answers per server process: a record is a few kB, a list page 10–30 kB, so
#: this holds thousands; the least recently used go first.
MAX_BYTES = 64 * 1024 * 1024


class ResponseCache:
    """ASGI middleware: 200 answers to GET on ``CACHED_PATHS``, kept while the revision holds."""

    def __init__(self, app: ASGIApp, revision: Callable[[], int],
                 max_bytes: int = MAX_BYTES) -> None:
        self.app = app
        self.revision = revision
        self.max_bytes = max_bytes
        self._kept: OrderedDict[tuple[str, bytes], tuple[Message, bytes]] = OrderedDict()
        self._bytes = 0
        self._revision: int | None = None

    def _current(self) -> int:
        """The store's revision now; everything kept under an earlier one is dropped."""
        revision = self.revision()
        if revision != self._revision:
            self._kept.clear()
            self._bytes = 0
            self._revision = revision
        return revision

    def _keep(self, key: tuple[str, bytes], start: Message, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        self._kept[key] = (start, body)
        self._bytes += len(body)
        while self._bytes > self.max_bytes:
            _, (_, dropped) = self._kept.popitem(last=False)
            self._bytes -= len(dropped)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not (scope["type"] == "http" and scope["method"] == "GET"
                and scope["path"].startswith(CACHED_PATHS)):
            await self.app(scope, receive, send)
            return
        revision = self._current()
        key = (scope["path"], scope["query_string"])
        if (kept := self._kept.get(key)) is not None:
            self._kept.move_to_end(key)
            start, body = kept
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if start.get("status") == 200 and revision == self._current():
            self._keep(key, start, b"".join(chunks))
