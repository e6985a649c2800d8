"""``POST /api/ingest``: a batch of articles into the store, through the same runner as
``onrecord run`` (clean, de-duplicate, extract, store). Needs the write token."""

from __future__ import annotations

import hashlib
import json

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from onrecord.api.security import require_token
from onrecord.ingest import Item
from onrecord.pipeline import ArticleText
from onrecord.runner import Runner, Summary
from onrecord.server.deps import StoreDep
from onrecord.server.schemas import ExtractRequest

router = APIRouter(prefix="/api", tags=["ingest"])

#: Articles per request: the 1 MiB body limit allows a few hundred short ones anyway.
MAX_BATCH = 500


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ExtractRequest] = Field(min_length=1, max_length=MAX_BATCH)
    extract: StrictBool = Field(
        True, description="Extract quotations (as `onrecord run`); false only stores the "
        "cleaned, de-duplicated articles (as `onrecord ingest`).",
    )


def _key(article: ExtractRequest) -> str:
    """An item's key: its content, so posting the same article twice in a batch is one item."""
    body = json.dumps(article.model_dump(), sort_keys=True, ensure_ascii=False)
    # surrogatepass: a lone surrogate escape gets a key; the runner then refuses it by name
    return "api:" + hashlib.sha1(body.encode("utf-8", "surrogatepass")).hexdigest()


@router.post(
    "/ingest",
    dependencies=[Depends(require_token)],
    responses={
        400: {"description": "A body that is not UTF-8 text."},
        401: {"description": "Missing or wrong token."},
        403: {"description": "The server is read-only (no ONRECORD_TOKEN)."},
        413: {"description": "Request body over the size limit (1 MiB by default)."},
    },
)
def ingest(request: IngestRequest, store: StoreDep) -> Summary:
    """Store a batch of articles: cleaned, de-duplicated against the store, extracted.

    Answers with the run's summary (stored, duplicates, skipped with reasons).
    """
    items = [Item(_key(a), ArticleText(**a.model_dump())) for a in request.articles]
    batch = hashlib.sha1(" ".join(item.key for item in items).encode()).hexdigest()
    runner = Runner(store, [f"api:{batch}"], extract=request.extract)
    return runner.run(items)
