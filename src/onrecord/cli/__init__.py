"""Command-line interface: a thin layer over the library (``onrecord --help``).

Each command lives in its own module and registers itself on ``app``; ``onrecord.cli.app``
imports a command's module only when that command runs (``COMMANDS``).
"""

from onrecord.cli.app import app

__all__ = ["app"]
