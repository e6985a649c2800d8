"""onrecord: who said what, to whom, when, on which condition, from news text."""

from onrecord.model import Article, Event, Mention, Quote
from onrecord.pipeline import extract, extract_many

__all__ = ["Article", "Event", "Mention", "Quote", "extract", "extract_many"]
__version__ = "0.1.0"
