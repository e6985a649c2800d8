"""What one client may ask of ``POST /extract``: a rate (requests a minute, per client address)
and a size in tokens, the measure parsing time grows with (spaCy's parse is linear in tokens,
about 0.5 ms a token on the shared development machine: ``benchmarks/bench_marks.py``).

"A time and size budget for /extract ... plus a per-client rate limit." A request carrying the
server's write token is the operator's own and has neither limit; the others get 429 with
``Retry-After`` past their rate and 413 naming the budget past their size.
"""

from __future__ import annotations

import hmac
import math
import threading
import time
from collections import OrderedDict

from fastapi import HTTPException, Request, status

from onrecord.nlp import load_nlp

#: Client addresses remembered; the least recently seen is forgotten first.
_CLIENTS = 10_000


class RateLimit:
    """A token bucket per client: ``per_minute`` requests, refilled continuously."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """0 when ``client`` may go on (and takes one request), else seconds until it may."""
        now = time.monotonic()
        with self._lock:
            level, then = self._buckets.pop(client, (float(self.per_minute), now))
            level = min(self.per_minute, level + (now - then) * self.per_minute / 60)
            wait = 0.0 if level >= 1 else (1 - level) * 60 / self.per_minute
            self._buckets[client] = (level - 1 if wait == 0 else level, now)
            if len(self._buckets) > _CLIENTS:
                self._buckets.popitem(last=False)
        return wait


def _trusted(request: Request) -> bool:
    """Whether the request carries the server's write token."""
    expected = request.app.state.settings.token
    given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    return expected is not None and hmac.compare_digest(given.encode(), expected.encode())


def check_rate(request: Request) -> None:
    """Dependency of ``POST /extract``: 429 naming the wait when the client is over its rate."""
    limit: RateLimit = request.app.state.extract_rate
    if _trusted(request) or limit.per_minute <= 0:
        return
    client = request.client.host if request.client else "unknown"
    if wait := limit.wait(client):
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            f"over {limit.per_minute} extractions a minute from {client}: retry in "
            f"{math.ceil(wait)} s (or send the server's token)",
            headers={"Retry-After": str(math.ceil(wait))},
        )


def check_size(request: Request, text: str) -> None:
    """413 naming the budget when ``text`` has more tokens than an untrusted client may send."""
    budget = request.app.state.settings.extract_max_tokens
    if _trusted(request) or budget <= 0 or len(text) <= budget:  # never more tokens than chars
        return
    tokens = len(load_nlp().tokenizer(text))  # linear, about 0.1 s for 100 kB
    if tokens > budget:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"the article has {tokens} tokens, over this server's budget of {budget} for "
            "extraction without its token",
        )
