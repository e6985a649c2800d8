"""Quotation extraction (``onrecord.quotes``): direct, indirect and mixed quotes."""

from __future__ import annotations

from spacy.tokens import Doc

from onrecord.layout import Layout
from onrecord.model import Quote


def extract_quotes(doc: Doc, layout: Layout) -> list[Quote]:
    """Work in progress: replaced by the rule-based extractor in the next commit."""
    return []
