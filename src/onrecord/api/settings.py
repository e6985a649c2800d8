"""What a deployment may change about the server, read once at start-up."""

from __future__ import annotations

import os
from dataclasses import dataclass

#: Largest request body accepted. A long feature article is about 100 kB of text and its HTML
#: a few times that; 1 MiB leaves room for both while keeping one request from tying up the
#: parser for minutes.
MAX_BODY_BYTES = 1024 * 1024
#: Longest a fetch for ``POST /extract`` or the paste box may take, connection to last byte: a
#: news page comes in well under a second; a person waiting at the paste box gives up long
#: before the CLI's 20 s.
FETCH_TIMEOUT = 10.0


@dataclass(frozen=True)
class Settings:
    """``token`` enables the write endpoints; without it the server is read-only.

    ``cors_origins`` lists the web origins allowed to call the API from a browser; empty (the
    default) sends no CORS headers at all, so only same-origin pages can use it. ``db`` is the
    store (a SQLite path or a ``postgresql://`` DSN); without one, only extraction is served.
    ``fetch_allow`` names hosts and CIDR blocks that URLs given to ``/extract`` may reach even
    though they are private (``onrecord.ingest.guard``); public addresses need no entry.
    """

    db: str | None = None
    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = MAX_BODY_BYTES
    fetch_allow: tuple[str, ...] = ()
    fetch_timeout: float = FETCH_TIMEOUT

    @classmethod
    def from_env(cls, db: str | None = None, cors_origins: tuple[str, ...] = ()) -> Settings:
        """Settings with the write token from ``ONRECORD_TOKEN`` (unset or empty: read-only)
        and the fetch allow-list from ``ONRECORD_FETCH_ALLOW`` (comma-separated).

        The token is read from the environment, not a command-line option, so it never shows
        in a process list or shell history.
        """
        token = os.environ.get("ONRECORD_TOKEN") or None
        allow = tuple(filter(None, os.environ.get("ONRECORD_FETCH_ALLOW", "").split(",")))
        return cls(db=db, token=token, cors_origins=cors_origins, fetch_allow=allow)
