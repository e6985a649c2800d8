"""Evaluation of the extractor (``onrecord eval``): gold loading, matching and scores.

``gold`` reads the hand-annotated YAML articles, ``polnear`` the PolNeAR corpus, and
``metrics`` scores predicted ``Article`` records against either.
"""

from onrecord.eval.gold import GOLD_DIR, GoldArticle, GoldError, GoldQuote, load_gold_dir
from onrecord.eval.metrics import Report, evaluate
from onrecord.eval.polnear import read_polnear

__all__ = [
    "GOLD_DIR",
    "GoldArticle",
    "GoldError",
    "GoldQuote",
    "Report",
    "evaluate",
    "load_gold_dir",
    "read_polnear",
]
