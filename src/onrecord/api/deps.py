"""Dependencies shared by API and web routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from onrecord.store import Store


async def _store(request: Request) -> Store:
    """``async`` though it is not: it only reads an attribute, and a plain ``def`` dependency
    would cost every store route a trip to the thread pool (measured: under load such trips,
    each waiting for the GIL, were most of the latency of an uncached answer)."""
    store = request.app.state.store
    if store is None:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "this server has no store: start it with `onrecord serve --db PATH`",
        )
    return store


#: The app's store, for routes that read or write the corpus.
StoreDep = Annotated[Store, Depends(_store)]
