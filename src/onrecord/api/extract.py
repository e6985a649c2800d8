"""``POST /extract``: one article in, its record out (exactly what ``onrecord extract`` prints).

The article is the body's text, or with ``fetch: true`` the page at its ``url``.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from onrecord.api.budget import check_rate, check_size
from onrecord.model import Article
from onrecord.pipeline import extract
from onrecord.server.fetched import extract_fetched
from onrecord.server.schemas import ExtractBody

router = APIRouter(tags=["extract"])


@router.post(
    "/extract",
    response_model=Article,
    dependencies=[Depends(check_rate)],
    responses={
        400: {"description": "A body that is not UTF-8 text."},
        413: {"description": "Request body over the size limit (1 MiB by default), or, "
              "without the write token, an article over the token budget (10,000 by default)."},
        429: {"description": "Without the write token: over the per-client rate (30 a minute "
              "by default); `Retry-After` says when to try again."},
        502: {"description": "`fetch`: the page could not be had (host not found, connection "
              "refused, HTTP error, too large); the message names the URL and why."},
        504: {"description": "`fetch`: the page did not arrive within the server's time limit."},
    },
)
def extract_article(body: ExtractBody, request: Request) -> Article:
    """Extract the quotations and events of one article, in the onrecord record format.

    Nothing is stored. A plain ``def``: FastAPI runs it in a worker thread, so parsing one
    article (or waiting for a fetched page) does not stall other requests.
    """
    meta = body.model_dump(exclude={"text", "fetch"})
    if body.fetch:
        return extract_fetched(request, budget=check_size, **meta)
    check_size(request, body.text)
    return extract(body.text, **meta)
