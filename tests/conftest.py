"""Fixtures shared by the API, web and browser tests."""

from __future__ import annotations

import pytest
from records import build_article

from onrecord.model import Article


@pytest.fixture
def article() -> Article:
    """A record with plain, multi-paragraph, indirect and nested quotes, and markup in its text."""
    return build_article()
