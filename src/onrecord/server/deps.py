"""Dependencies shared by API and web routes: the store, a stored article, a path key."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import Depends, HTTPException, Path, Request, Response, status

from onrecord.model import Article
from onrecord.store import Store

T = TypeVar("T")


async def _store(request: Request) -> Store:
    """``async`` though it waits for nothing: it reads an attribute, and as a plain ``def`` it
    cost every store route a trip to the thread pool, which under load waits for the GIL
    (``make load``: p95 111 ms with the trip, 63 ms without, in consecutive runs)."""
    store = request.app.state.store
    if store is None:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "this server has no store: start it with `onrecord serve --db PATH`",
        )
    return store


#: The app's store, for routes that read or write the corpus.
StoreDep = Annotated[Store, Depends(_store)]


async def _stored_article(store: StoreDep, doc_id: str) -> Article:
    """``async``, so run on the event loop: one row by primary key (0.2 ms on 100k articles)
    costs less than a trip to the thread pool, which under load waits for the GIL. Measured
    with ``make load`` under the same contention: record p95 85 ms this way, 277 ms as a plain
    ``def``. The price: when every pooled connection is out, the loop waits for one (as long
    as the shortest query holding one), and the process's other requests with it."""
    article = store.get(doc_id)
    if article is None:
        raise _no_article(doc_id)
    return article


def _no_article(doc_id: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, f"no article with doc_id {doc_id!r}")


async def _stored_json(store: StoreDep, doc_id: str) -> str:
    """The stored record named by the route's ``doc_id`` as the API writes it."""
    found = store.get_json(doc_id)
    if found is None:
        raise _no_article(doc_id)
    return found


#: The stored record named by the route's ``doc_id``; 404 naming it when there is none.
StoredArticle = Annotated[Article, Depends(_stored_article)]

#: ``StoredArticle`` as its JSON, for a route that answers it as it is (``json_answer``).
StoredJson = Annotated[str, Depends(_stored_json)]


def json_answer(answer: str | bytes) -> Response:
    """An answer already written as JSON, exactly as its response model would write it (from
    the fragments the store keeps: no model a row, no check of the answer)."""
    return Response(answer, media_type="application/json")


#: A path segment naming a speaker or an actor.
Key = Annotated[str, Path(min_length=1, max_length=300)]


def found(record: T | None, what: str) -> T:
    """``record``, or a 404 saying what is missing."""
    if record is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"{what} is not in the store")
    return record
