"""What a deployment may change about the server, read once at start-up."""

from __future__ import annotations

import os
from dataclasses import dataclass

#: Largest request body accepted. A long feature article is about 100 kB of text and its HTML
#: a few times that; 1 MiB leaves room for both while keeping one request from tying up the
#: parser for minutes.
MAX_BODY_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """``token`` enables the write endpoints; without it the server is read-only.

    ``cors_origins`` lists the web origins allowed to call the API from a browser; empty (the
    default) sends no CORS headers at all, so only same-origin pages can use it. ``db`` is the
    store (a SQLite path or a ``postgresql://`` DSN); without one, only extraction is served.
    """

    db: str | None = None
    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = MAX_BODY_BYTES

    @classmethod
    def from_env(cls, db: str | None = None, cors_origins: tuple[str, ...] = ()) -> Settings:
        """Settings with the write token from ``ONRECORD_TOKEN`` (unset or empty: read-only).

        The token is read from the environment, not a command-line option, so it never shows
        in a process list or shell history.
        """
        token = os.environ.get("ONRECORD_TOKEN") or None
        return cls(db=db, token=token, cors_origins=cors_origins)
