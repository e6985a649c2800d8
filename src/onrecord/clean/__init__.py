"""Cleaning (``onrecord.clean``): tell article prose from page furniture."""

from onrecord.clean.boilerplate import Insert, find_inserts, looks_like_headline

__all__ = ["Insert", "find_inserts", "looks_like_headline"]
