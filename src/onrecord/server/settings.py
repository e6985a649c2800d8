"""What a deployment may change about the server, read once at start-up."""

from __future__ import annotations

import os
from dataclasses import dataclass

from onrecord.server.cache import MAX_BYTES as CACHE_BYTES

#: Largest request body accepted. A long feature article is about 100 kB of text and its HTML
#: a few times that; 1 MiB leaves room for both while keeping one request from tying up the
#: parser for minutes.
MAX_BODY_BYTES = 1024 * 1024
#: Longest a fetch for ``POST /extract`` or the paste box may take, connection to last byte: a
#: news page comes in well under a second; a person waiting at the paste box gives up long
#: before the CLI's 20 s.
FETCH_TIMEOUT = 10.0
#: ``POST /extract`` without the write token (``onrecord.api.budget``): requests a minute per
#: client address, and tokens per article: 10,000 is a 50 kB article of prose (about one
#: token in five characters), 5 to 15 s of parsing on a loaded core; text built to cost
#: the most per character ("“a " repeated: two tokens in three characters) reaches it at 15 kB.
EXTRACT_PER_MINUTE = 30
EXTRACT_MAX_TOKENS = 10_000


@dataclass(frozen=True)
class Settings:
    """``token`` enables the write endpoints; without it the server is read-only.

    ``cors_origins`` lists the web origins allowed to call the API from a browser; empty (the
    default) sends no CORS headers at all, so only same-origin pages can use it. ``db`` is the
    store (a SQLite path or a ``postgresql://`` DSN); without one, only extraction is served.
    ``cache_bytes`` is the memory per process for answers of read routes kept until the store
    changes (``onrecord.server.cache``; SQLite stores only); 0 turns the cache off.
    ``fetch_allow`` names hosts and CIDR blocks that URLs given to ``/extract`` may reach even
    though they are private (``onrecord.ingest.guard``); public addresses need no entry.
    """

    db: str | None = None
    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = MAX_BODY_BYTES
    fetch_allow: tuple[str, ...] = ()
    fetch_timeout: float = FETCH_TIMEOUT
    cache_bytes: int = CACHE_BYTES
    extract_per_minute: int = EXTRACT_PER_MINUTE  # per client without the token; 0: no limit
    extract_max_tokens: int = EXTRACT_MAX_TOKENS  # per article without the token; 0: no limit

    @classmethod
    def from_env(cls, db: str | None = None, cors_origins: tuple[str, ...] = ()) -> Settings:
        """Settings from the environment, ``db`` and ``cors_origins`` given here first.

        ``ONRECORD_TOKEN`` (unset or empty: read-only), ``ONRECORD_DB``,
        ``ONRECORD_CORS_ORIGINS`` and ``ONRECORD_FETCH_ALLOW`` (comma-separated),
        ``ONRECORD_CACHE_BYTES``, ``ONRECORD_EXTRACT_PER_MINUTE``, ``ONRECORD_EXTRACT_MAX_TOKENS``
        (``onrecord.api.budget``). The token is read from the environment, not a command-line
        option, so it never shows in a process list or shell history; ``onrecord serve
        --workers`` hands the rest to its worker processes this way.
        """
        env = os.environ
        return cls(
            db=db or env.get("ONRECORD_DB") or None,
            token=env.get("ONRECORD_TOKEN") or None,
            cors_origins=cors_origins or _listed(env.get("ONRECORD_CORS_ORIGINS")),
            fetch_allow=_listed(env.get("ONRECORD_FETCH_ALLOW")),
            cache_bytes=int(env.get("ONRECORD_CACHE_BYTES") or CACHE_BYTES),
            extract_per_minute=int(env.get("ONRECORD_EXTRACT_PER_MINUTE")
                                   or EXTRACT_PER_MINUTE),
            extract_max_tokens=int(env.get("ONRECORD_EXTRACT_MAX_TOKENS")
                                   or EXTRACT_MAX_TOKENS),
        )


def _listed(value: str | None) -> tuple[str, ...]:
    """A comma-separated environment value as its non-empty items."""
    return tuple(item.strip() for item in (value or "").split(",") if item.strip())
