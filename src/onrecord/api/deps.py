"""Dependencies shared by API and web routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from onrecord.store import Store


def _store(request: Request) -> Store:
    store = request.app.state.store
    if store is None:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "this server has no store: start it with `onrecord serve --db PATH`",
        )
    return store


#: The app's store, for routes that read or write the corpus.
StoreDep = Annotated[Store, Depends(_store)]
