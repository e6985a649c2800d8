"""Cleaning (``onrecord.clean``): tell article prose from page furniture."""

from onrecord.clean.boilerplate import Insert, find_inserts, looks_like_headline
from onrecord.clean.dateline import blank, find_dateline
from onrecord.clean.text import Cleaned, clean_text

__all__ = [
    "Cleaned", "Insert", "blank", "clean_text", "find_dateline", "find_inserts",
    "looks_like_headline",
]
