"""A list as a file to download: CSV, JSON Lines or Parquet, written by ``onrecord.export``
(as ``onrecord export`` writes them), so a download and an export of the same rows agree."""

from __future__ import annotations

import io
from collections.abc import Iterable

from fastapi.responses import Response
from pydantic import BaseModel

from onrecord.export import write_csv, write_jsonl, write_parquet

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}


def download(rows: Iterable[BaseModel], model: type[BaseModel], fmt: str, name: str) -> Response:
    """Every row of ``rows`` as ``name.fmt``; built in memory (a list's matches, not a corpus:
    ``onrecord export`` is for whole stores)."""
    if fmt == "parquet":
        binary = io.BytesIO()
        write_parquet(rows, model, binary)
        body = binary.getvalue()
    else:
        sink = io.StringIO(newline="")
        if fmt == "csv":
            write_csv(rows, model, sink)
        else:
            write_jsonl(rows, sink)
        body = sink.getvalue().encode("utf-8")
    disposition = f'attachment; filename="{name}.{fmt}"'
    return Response(body, media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": disposition})
