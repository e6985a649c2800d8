"""``GET /records/{doc_id}``: a stored article's record, exactly as it was stored, and
``GET /records/{doc_id}/copies``: the other publications de-duplication folded into it.

A doc_id may hold "/" (an id from a dump: ``wire/2024/01/a``), so both take it as a path; the
copies route is matched first, so an id that itself ends in ``/copies`` names its copies."""

from __future__ import annotations

from fastapi import APIRouter, Response

from onrecord.api.route import ReadRoute
from onrecord.model import Article
from onrecord.server.deps import StoredArticle, StoreDep, StoredJson, json_answer
from onrecord.store import Copy

router = APIRouter(tags=["records"], route_class=ReadRoute)


@router.get("/records/{doc_id:path}/copies", response_model=list[Copy],
            responses={404: {"description": "No stored article has this doc_id."}})
async def get_copies(article: StoredArticle, store: StoreDep) -> list[Copy]:
    """The other copies of a stored article's story (syndicated or re-posted), oldest first.
    Kept apart from the record, whose shape is the extraction contract."""
    return store.copies(article.doc_id)


@router.get("/records/{doc_id:path}", response_model=Article,
            responses={404: {"description": "No stored article has this doc_id."}})
async def get_record(record: StoredJson) -> Response:
    """One stored article in the onrecord record format."""
    return json_answer(record)
