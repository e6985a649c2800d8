"""A polite HTTP client for URL lists and feeds.

Polite means: an identifying user agent, robots.txt obeyed, at most one request per host every
``host_delay`` seconds, timeouts, a few retries with exponential backoff on timeouts, 429 and 5xx
(honouring ``Retry-After``), and a size cap so one huge page cannot exhaust memory.

robots.txt follows RFC 9309 section 2.3.1: a 4xx answer ("unavailable") means no rules, so every
page may be fetched; a 5xx answer, a 429 or no answer at all ("unreachable", after the usual
retries) means the whole host is disallowed for the run, since the site may be overloaded or its
rules simply unknown.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from onrecord import __version__
from onrecord.errors import FetchFailed, FetchRefused, FetchTimeout, InputError
from onrecord.ingest.guard import AddressPolicy, GuardedTransport, ascii_host

DEFAULT_USER_AGENT = f"onrecord/{__version__} (+https://github.com/onrecord/onrecord)"
# 10 MB: ten times the largest news page in our samples; bigger responses are not articles.
DEFAULT_MAX_BYTES = 10_000_000
_RETRY_STATUS = {429, 500, 502, 503, 504}
# Longest server-requested wait we honour; beyond it the URL is reported and the run goes on.
_MAX_RETRY_AFTER = 60.0


# A host name's label once IDNA-encoded (RFC 1123): letters, digits, inner hyphens, 1-63 long.
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def checked_url(url: str) -> httpx.URL:
    """``url`` parsed, or ``FetchRefused`` naming it and what is wrong: not http(s), no host,
    a host that is no name (a space, an empty or overlong label, characters IDNA refuses, such
    as full-width digits or circled letters) or an address literal no parser agrees on
    (``0177.0.0.1``: octal to some, decimal to others, refused by httpx)."""
    try:
        parsed = httpx.URL(url)
        urlsplit(url)  # it also refuses what httpx lets through (an unclosed "[")
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchRefused(url, f"not a valid URL ({exc})") from None
    if parsed.scheme not in ("http", "https"):
        raise FetchRefused(url, "not an http(s) URL")
    host = ascii_host(parsed)
    if not host:
        raise FetchRefused(url, "the URL names no host")
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise FetchRefused(url, f"port {parsed.port} is out of range")
    is_address = host.startswith("[") or ":" in host or all(c.isdigit() or c in ".x" for c in host)
    if not is_address and (len(host) > 253 or not all(map(_is_label, host.split(".")))):
        raise FetchRefused(url, f"not a valid host name: {host!r}")
    return parsed


def _is_label(label: str) -> bool:
    """A label as RFC 1123 allows it; an ``xn--`` label must also encode printable non-ASCII
    text in Punycode (``xn--a`` encodes a control character, ``xn--`` nothing)."""
    if not _LABEL.fullmatch(label):
        return False
    if not label.startswith("xn--"):
        return True
    try:
        decoded = label[4:].encode("ascii").decode("punycode")
    except UnicodeError:
        return False
    return not decoded.isascii() and decoded.isprintable() \
        and decoded.encode("punycode").decode("ascii") == label[4:]


@dataclass(frozen=True)
class FetchOptions:
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    host_delay: float = 1.0
    max_bytes: int = DEFAULT_MAX_BYTES
    robots: bool = True


@dataclass(frozen=True)
class Page:
    url: str
    content: bytes
    content_type: str
    charset: str | None
    #: 304 when a conditional request (``If-None-Match``, ``If-Modified-Since``) found no change.
    status: int = 200
    headers: httpx.Headers = field(default_factory=httpx.Headers)


class Fetcher:
    """Fetches pages one at a time, remembering robots.txt and last-request time per host.

    With a ``policy`` (the server fetching URLs users give it) every request, each redirect hop
    included, goes only where the policy allows (``onrecord.ingest.guard``), and proxies from
    the environment are ignored: a proxy would resolve and connect past the check.
    """

    def __init__(
        self, options: FetchOptions | None = None, policy: AddressPolicy | None = None
    ) -> None:
        self.options = options or FetchOptions()
        self._client: httpx.Client | None = None
        self._policy = policy
        self._robots: dict[str, RobotFileParser | str] = {}
        self._last: dict[str, float] = {}

    @property
    def client(self) -> httpx.Client:
        """The HTTP client, made at the first fetch: making one loads the TLS certificates
        (0.1 s), which a run reading only files never needs."""
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": self.options.user_agent},
                timeout=self.options.timeout,
                follow_redirects=True,
                transport=GuardedTransport(self._policy) if self._policy else None,
                trust_env=self._policy is None,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Page:
        """Fetch ``url``; raises ``InputError`` naming it with the reason on any failure.

        ``headers`` go with the request (a feed poller's ``If-None-Match``); a 304 answer is a
        page with ``status`` 304 and no content.
        """
        parsed = checked_url(url)
        if self._policy:  # before robots.txt, so a refusal names this URL, not robots.txt's
            self._policy.address_for(parsed)
        if self.options.robots and (refusal := self._robots_refusal(url)):
            raise FetchRefused(url, refusal)
        response = self._request(url, headers=headers)
        if response.status_code >= 400:
            raise FetchFailed(url, f"HTTP {response.status_code}")
        return Page(
            url=str(response.url),
            content=response.content,
            content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
            charset=response.charset_encoding,
            status=response.status_code,
            headers=response.headers,
        )

    def _wait_for_host(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            delay = last + self.options.host_delay - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        self._last[host] = time.monotonic()

    def _request(self, url: str, attempts: int | None = None,
                 headers: Mapping[str, str] | None = None) -> httpx.Response:
        attempts = self.options.retries + 1 if attempts is None else attempts
        host = urlsplit(url).netloc
        for attempt in range(attempts):
            last_try = attempt == attempts - 1
            self._wait_for_host(host)
            try:
                response = self._read_capped(url, headers)
            except httpx.TimeoutException:
                if last_try:
                    tries = f"{attempts} attempt{'s' * (attempts > 1)}"
                    raise FetchTimeout(url, f"timed out ({tries})") from None
                time.sleep(self.options.backoff * 2**attempt)
                continue
            except httpx.HTTPError as exc:
                if last_try:
                    raise FetchFailed(url, f"cannot fetch ({exc.__class__.__name__})") from None
                time.sleep(self.options.backoff * 2**attempt)
                continue
            if response.status_code in _RETRY_STATUS and not last_try:
                time.sleep(self._retry_after(response) or self.options.backoff * 2**attempt)
                continue
            return response
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _read_capped(self, url: str, headers: Mapping[str, str] | None = None) -> httpx.Response:
        # httpx's timeout bounds each wait for bytes; this bounds the whole fetch, so a server
        # that drips a byte now and then cannot hold the run.
        deadline = time.monotonic() + self.options.timeout
        with self.client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.options.max_bytes:
                raise FetchFailed(url, f"too large ({declared} bytes > {self.options.max_bytes})")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.options.max_bytes:
                    raise FetchFailed(url, f"too large (over {self.options.max_bytes} bytes)")
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout(f"not read in {self.options.timeout} s")
            return httpx.Response(
                response.status_code,
                headers=response.headers,
                content=bytes(body),
                request=response.request,
            )

    @staticmethod
    def _retry_after(response: httpx.Response) -> float | None:
        value = response.headers.get("retry-after", "")
        return min(float(value), _MAX_RETRY_AFTER) if value.isdigit() else None

    def _robots_rules(self, origin: str) -> RobotFileParser | str:
        """The host's robots.txt rules, or why the whole host is off limits (RFC 9309 2.3.1)."""
        try:
            response = self._request(origin + "/robots.txt")
        except FetchRefused:
            raise  # the host itself is off limits: say so, not "robots.txt unreachable"
        except InputError as exc:
            return f"robots.txt unreachable ({exc.reason}): host disallowed"
        status = response.status_code
        if status == 429 or status >= 500:
            return f"robots.txt unreachable (HTTP {status}): host disallowed"
        parser = RobotFileParser()
        parser.parse(response.text.splitlines() if status < 400 else [])  # 4xx: no rules
        return parser

    def _robots_refusal(self, url: str) -> str | None:
        """Why robots.txt forbids ``url``, or None when it may be fetched."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._robots_rules(origin)
        rules = self._robots[origin]
        if isinstance(rules, str):
            return rules
        return None if rules.can_fetch(self.options.user_agent, url) else "disallowed by robots.txt"
