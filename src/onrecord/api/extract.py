"""``POST /extract``: one article in, its record out (exactly what ``onrecord extract`` prints)."""

from __future__ import annotations

from fastapi import APIRouter

from onrecord.api.schemas import ExtractRequest
from onrecord.model import Article
from onrecord.pipeline import extract

router = APIRouter(tags=["extract"])


@router.post(
    "/extract",
    response_model=Article,
    responses={
        400: {"description": "A body that is not UTF-8 text."},
        413: {"description": "Request body over the size limit (1 MiB by default)."},
    },
)
def extract_article(request: ExtractRequest) -> Article:
    """Extract the quotations and events of one article, in the onrecord record format.

    Nothing is stored. A plain ``def``: FastAPI runs it in a worker thread, so parsing one
    article does not stall other requests.
    """
    return extract(**request.model_dump())
