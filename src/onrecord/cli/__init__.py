"""Command-line interface: a thin layer over the library (``onrecord --help``).

Each command lives in its own module and registers itself on ``app``.
"""

from onrecord.cli import actors as _actors  # noqa: F401  (registers `actors`)
from onrecord.cli import eval as _eval  # noqa: F401  (registers `eval`)
from onrecord.cli import eval_events as _eval_events  # noqa: F401  (registers `eval events`)
from onrecord.cli import extract as _extract  # noqa: F401  (registers `extract`)
from onrecord.cli import ingest as _ingest  # noqa: F401  (registers `ingest` and `run`)
from onrecord.cli import provenance as _provenance  # noqa: F401  (registers `provenance`)
from onrecord.cli import query as _query  # noqa: F401  (registers `query` and `export`)
from onrecord.cli import serve as _serve  # noqa: F401  (registers `serve`)
from onrecord.cli import timeline as _timeline  # noqa: F401  (registers `timeline`)
from onrecord.cli import watch as _watch  # noqa: F401  (registers `watch`)
from onrecord.cli.app import app

__all__ = ["app"]
