"""The language an article is written in, told at ingest (py3langid: langid.py's model, shipped
inside the package, so nothing is downloaded).

"A page in another language is parsed as English": an Indonesian article once gave two direct
quotes whose speaker was "Jangan" ("don't"). The rules and the parser are English, so an article
in another language is stored with no quotations and a reason naming its language. A language is
claimed only when the text is long enough and the model sure; otherwise it is unknown (``None``)
and the article is read as English, as before.
"""

from __future__ import annotations

from functools import cache

#: The languages quotations are extracted from (the parser, the cue lexicon, the rules).
SUPPORTED = frozenset({"en"})
#: Letters a text needs before its language is claimed: a headline alone is too short to tell.
MIN_LETTERS = 200
#: The least probability the model must give its language (normalised over all 97 it knows).
MIN_PROBABILITY = 0.99


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or ``None`` when it cannot be told surely.

    The model's best guess is also taken when it is unsure between languages that are all
    unsupported (Indonesian or Malay): the article is then surely not one we can read."""
    sample = text[:20_000]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    ranked = _identifier().rank(sample)
    language, probability = ranked[0]
    supported = sum(p for code, p in ranked if code in SUPPORTED)
    if probability >= MIN_PROBABILITY or supported <= 1 - MIN_PROBABILITY:
        return language
    return None


def not_extracted(language: str | None) -> str | None:
    """Why an article in ``language`` gets no quotations, or ``None`` when it does."""
    if language is None or language in SUPPORTED:
        return None
    return f"language {language!r} is not supported (quotations are extracted from " \
           f"{', '.join(sorted(SUPPORTED))} only)"
