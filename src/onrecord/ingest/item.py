"""What every reader yields: one input item, read or failed, under a stable key."""

from __future__ import annotations

from dataclasses import dataclass

from onrecord.errors import InputError
from onrecord.pipeline import ArticleText


@dataclass(frozen=True)
class Item:
    """One article-sized input.

    ``key`` names it stably across runs (a path, a URL, ``file.warc.gz#1234``, ``a.jsonl:7``) so a
    resumed run can skip it; exactly one of ``article_text`` and ``error`` is set.
    """

    key: str
    article_text: ArticleText | None = None
    error: InputError | None = None

