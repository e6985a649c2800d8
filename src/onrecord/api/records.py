"""``GET /records/{doc_id}``: a stored article's record, exactly as it was stored, and
``GET /records/{doc_id}/copies``: the other publications de-duplication folded into it."""

from __future__ import annotations

from fastapi import APIRouter

from onrecord.model import Article
from onrecord.server.deps import StoredArticle, StoreDep
from onrecord.store import Copy

router = APIRouter(tags=["records"])


@router.get("/records/{doc_id}", response_model=Article,
            responses={404: {"description": "No stored article has this doc_id."}})
async def get_record(article: StoredArticle) -> Article:
    """One stored article in the onrecord record format."""
    return article


@router.get("/records/{doc_id}/copies", response_model=list[Copy],
            responses={404: {"description": "No stored article has this doc_id."}})
async def get_copies(article: StoredArticle, store: StoreDep) -> list[Copy]:
    """The other copies of a stored article's story (syndicated or re-posted), oldest first.
    Kept apart from the record, whose shape is the extraction contract."""
    return store.copies(article.doc_id)
