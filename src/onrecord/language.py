"""The language an article is written in, told at ingest (py3langid: langid.py's model, shipped
inside the package, so nothing is downloaded).

"A page in another language is parsed as English": an Indonesian article once gave two direct
quotes whose speaker was "Jangan" ("don't"). The rules and the parser are English, so an article
in another language is stored with no quotations and a reason naming its language. A language is
claimed only when the text is long enough and the model sure; otherwise it is unknown (``None``)
and the article is read as English, as before.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from functools import cache
from itertools import islice
from pathlib import Path

#: The languages quotations are extracted from (the parser, the cue lexicon, the rules).
SUPPORTED = frozenset({"en"})
#: Letters a text needs before its language is claimed: a headline alone is too short to tell.
MIN_LETTERS = 200
#: The least probability the model must give its language (normalised over all 97 it knows).
MIN_PROBABILITY = 0.99


#: The model's arrays as py3langid stores them (``py3langid.modelio``).
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def cache_dir() -> Path:
    """Where onrecord keeps files it can make again: ``$ONRECORD_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/onrecord``, else ``~/.cache/onrecord``."""
    if os.environ.get("ONRECORD_CACHE_DIR"):
        return Path(os.environ["ONRECORD_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "onrecord"


def _unpacked(model: Path) -> Path | None:
    """The model's arrays unpacked once into the cache, one ``.npy`` file each (68 MB):
    py3langid ships them LZMA-compressed, and unpacking them was most of every process's
    start-up cost after the spaCy model; mapped from the cache they load at once. ``None``
    where the cache cannot be written (the model is then unpacked in memory, as py3langid
    does)."""
    import numpy as np

    stat = model.stat()
    folder = cache_dir() / f"langid-{stat.st_size}-{stat.st_mtime_ns}"
    if folder.is_dir():
        return folder
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".langid-"))
    except OSError:
        return None
    try:
        from py3langid.modelio import load_model

        ptc, pc, classes, nextmove, row, out = load_model(model)
        for name, values in zip(_ARRAYS, (
                ptc, pc, np.array(classes), np.frombuffer(nextmove, dtype=nextmove.typecode),
                np.frombuffer(row, dtype=row.typecode), np.asarray(out, dtype=np.int32)),
                strict=True):
            np.save(scratch / f"{name}.npy", values)
        scratch.rename(folder)  # whole or not at all; another process may have won
    except OSError:
        pass
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return folder if folder.is_dir() else None


@cache
def _identifier():
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    folder = _unpacked(MODEL_DIR / MODEL_FILE)
    if folder is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ptc, pc, classes, nextmove, row, out = (np.load(folder / f"{name}.npy", mmap_mode="r")
                                            for name in _ARRAYS)

    def flat(values) -> memoryview:  # the DFA is walked a byte at a time: Python ints
        return memoryview(values).cast("B").cast(values.dtype.char)  # mapped, not copied

    return LanguageIdentifier(ptc, np.asarray(pc), classes.tolist(), flat(nextmove),
                              out.tolist(), norm_probs=True, tk_row=flat(row))


def identify(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or ``None`` when it cannot be told surely.

    The model's best guess is also taken when it is unsure between languages that are all
    unsupported (Indonesian or Malay): the article is then surely not one we can read."""
    sample = text[:20_000]
    if sum(1 for _ in islice(filter(str.isalpha, sample), MIN_LETTERS)) < MIN_LETTERS:
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
