"""The web UI (``onrecord.web``): server-rendered pages over the record format.

The API app serves it. Templates and static files ship inside the package, so
``pip install onrecord`` is all it needs.
"""

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"

__all__ = ["STATIC_DIR"]
