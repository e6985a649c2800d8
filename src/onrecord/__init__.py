"""onrecord: who said what, to whom, when, on which condition, from news text.

The names below are imported on first use (``onrecord.extract`` loads the pipeline and spaCy;
``onrecord.cli``, ``onrecord.model`` and the store do not need them).
"""

from importlib import import_module

__all__ = ["Article", "Event", "Mention", "Quote", "extract", "extract_many"]
__version__ = "0.1.0"

_HOMES = {"Article": "onrecord.model", "Event": "onrecord.model", "Mention": "onrecord.model",
          "Quote": "onrecord.model", "extract": "onrecord.pipeline",
          "extract_many": "onrecord.pipeline"}


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module 'onrecord' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
