"""Cleaning (``onrecord.clean``): tell article prose from page furniture."""

from onrecord.clean.boilerplate import Insert, find_inserts, looks_like_headline
from onrecord.clean.dateline import blank, find_dateline

__all__ = ["Insert", "blank", "find_dateline", "find_inserts", "looks_like_headline"]
