"""Shared fixtures: one spaCy model for the whole run (loading it takes a second)."""

from __future__ import annotations

import pytest

from onrecord import extract
from onrecord.model import Article, Quote


@pytest.fixture(scope="session")
def quotes_of():
    """Extract an article and return its quotes (text, then the list)."""

    def run(text: str) -> list[Quote]:
        return extract(text).quotes

    return run


def by_content(article: Article, words: str) -> Quote:
    """The quote whose content contains ``words``."""
    found = [q for q in article.quotes if words in q.content]
    assert found, f"no quote contains {words!r}: {[q.content for q in article.quotes]}"
    return found[0]
