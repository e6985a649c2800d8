"""A local news site for the watcher's tests and benchmark: RSS feeds that grow as a test
publishes articles, with ETag and Last-Modified (304 when nothing changed), a feed that fails,
article pages for teaser entries, and a webhook receiver. Only ever on 127.0.0.1.

The articles are written here, one story per number: a named official threatens a state on a
condition, in words no other story uses, among paragraphs of ordinary reporting drawn at random
(so two stories never look like wire copies of each other).
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SPEAKERS = [
    ("Sergei Lavrov", "Russian Foreign Minister", "Germany", "Berlin"),
    ("Dmitry Medvedev", "Russian Security Council deputy chairman", "Poland", "Warsaw"),
    ("Wang Yi", "Chinese Foreign Minister", "Japan", "Tokyo"),
    ("Andrei Belousov", "Russian Defence Minister", "Finland", "Helsinki"),
]
_TARGETS = ["fuel depots", "rail bridges", "air bases", "arms factories", "supply ports",
            "radar stations", "command posts", "training camps"]
_PLACES = ["the northern provinces", "the capital", "the coastal towns", "the border region",
           "the river valley", "the industrial east", "the southern plains", "the islands"]
_SUBJECTS = ["Farmers", "Teachers", "Local officials", "Shop owners", "Railway workers",
             "Students", "Doctors", "Fishermen", "Lorry drivers", "Pensioners"]
_VERBS = ["complained about", "queued for", "debated", "counted", "repaired", "planned",
          "protested against", "waited for", "discussed", "reported"]
_OBJECTS = ["fuel prices", "late trains", "the harvest", "school budgets", "road repairs",
            "winter heating", "bread prices", "hospital queues", "power cuts", "new taxes"]


_SYLLABLES = ["var", "ko", "len", "da", "mor", "ti", "sel", "bru", "na", "gor", "vel", "ost",
              "ri", "pa", "mund", "ae", "lin", "tor"]


def _town(rng: random.Random) -> str:
    """An invented town: every story reports from places of its own."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()


def _reporting(rng: random.Random, sentences: int) -> str:
    """Ordinary reporting, no quotation: who in which town did what about what."""
    return " ".join(
        f"{rng.choice(_SUBJECTS)} in {_town(rng)} {rng.choice(_VERBS)} "
        f"{rng.choice(_OBJECTS)} on day {rng.randint(1, 400)} of the dispute."
        for _ in range(sentences)
    )


def story(number: int, outlet: str = "Wire", sentences: int = 12) -> tuple[str, str]:
    """Story ``number`` as (headline, text): a conditional threat and ``sentences`` sentences
    of reporting (12: about 150 words). The same number gives the same story from any outlet,
    with the outlet's own first line."""
    name, title, state, capital = SPEAKERS[number % len(SPEAKERS)]
    rng = random.Random(number)
    target = f"the {_TARGETS[number % len(_TARGETS)]} near {_town(rng)}"
    quote = (f"If {state} sends these missiles, we will strike {target} within hours"
             f" and the {rng.randint(2, 99)} launchers behind them")
    filler = _reporting(rng, sentences)
    text = "\n\n".join([
        f"{outlet} report, story {number}.",
        f"{title} {name} warned {capital} on Tuesday, speaking in {_town(rng)}, that his "
        f"country would answer any new delivery of long-range missiles.",
        f"“{quote},” {name} told reporters.",
        filler,
    ])
    return f"{name} warns {state} (story {number})", text


def calm_story(number: int) -> tuple[str, str]:
    """A story with a quotation that threatens no one (a rule on threats must not fire)."""
    rng = random.Random(10_000 + number)
    filler = _reporting(rng, 14)
    text = (f"The harvest festival opened on Sunday in {_PLACES[number % 8]}.\n\n"
            f"“We are proud of this year's apples,” the mayor said.\n\n{filler}")
    return f"Harvest festival opens ({number})", text


def paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))


@dataclass
class Entry:
    title: str
    link: str
    text: str | None  # None: a teaser entry, whose page is fetched
    published: float


@dataclass
class Feed:
    title: str
    entries: list[Entry] = field(default_factory=list)
    failing: bool = False
    changed: float = field(default_factory=time.time)

    def document(self) -> bytes:
        items = []
        for e in reversed(self.entries):
            body = (f"<content:encoded><![CDATA[{paragraphs(e.text)}]]></content:encoded>"
                    if e.text else "<description>A teaser.</description>")
            items.append(f"<item><title>{escape(e.title)}</title><link>{escape(e.link)}</link>"
                         f"<pubDate>{formatdate(e.published, usegmt=True)}</pubDate>{body}</item>")
        return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                f"<title>{escape(self.title)}</title><link>http://127.0.0.1/</link>"
                f"{''.join(items)}</channel></rss>").encode()


class FeedServer:
    """The site: ``publish`` adds an article to a feed; ``hits`` and ``webhook`` record what the
    watcher asked and posted (each with the time it arrived, for the benchmark)."""

    def __init__(self) -> None:
        self.feeds: dict[str, Feed] = {}
        self.pages: dict[str, bytes] = {}
        self.hits: list[tuple[str, int, dict[str, str], float]] = []  # path, status, headers, at
        self.webhook: list[tuple[float, dict[str, str], dict]] = []
        self.webhook_failures = 0  # answer the next N posts with 503
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def feed(self, path: str, title: str, failing: bool = False) -> str:
        self.feeds[path] = Feed(title, failing=failing)
        return self.base + path

    def publish(self, path: str, title: str, text: str, teaser: bool = False) -> str:
        """Add an article to the feed at ``path``; its link is returned."""
        slug = hashlib.sha1(f"{path}{title}".encode()).hexdigest()[:12]
        link = f"{self.base}/pages/{slug}"
        with self.lock:
            self.pages[f"/pages/{slug}"] = (
                f"<html><head><title>{escape(title)}</title></head><body><article>"
                f"<h1>{escape(title)}</h1>{paragraphs(text)}</article></body></html>").encode()
            feed = self.feeds[path]
            feed.entries.append(Entry(title, link, None if teaser else text, time.time()))
            feed.changed = time.time()
        return link

    def statuses(self, path: str) -> list[int]:
        with self.lock:
            return [status for p, status, _, _ in self.hits if p == path]

    def _answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if path == "/robots.txt":
            return 404, {}, b""
        if path in self.pages:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, self.pages[path]
        feed = self.feeds.get(path)
        if feed is None:
            return 404, {}, b"not found"
        if feed.failing:
            return 500, {}, b"internal error"
        body = feed.document()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        validators = {"ETag": etag, "Last-Modified": formatdate(int(feed.changed), usegmt=True)}
        if headers.get("if-none-match") == etag:
            return 304, validators, b""
        return 200, {**validators, "Content-Type": "application/rss+xml"}, body

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):  # noqa: N802  (http.server's naming)
                headers = {k.lower(): v for k, v in self.headers.items()}
                with site.lock:
                    status, extra, body = site._answer(self.path, headers)
                    site.hits.append((self.path, status, headers, time.time()))
                self._send(status, extra, body)

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                data = json.loads(self.rfile.read(length))
                with site.lock:
                    failing = site.webhook_failures > 0
                    if failing:
                        site.webhook_failures -= 1
                    else:
                        site.webhook.append((time.time(), {k.lower(): v for k, v in
                                                           self.headers.items()}, data))
                self._send(503 if failing else 204, {}, b"")

            def log_message(self, *args):
                pass

        return Handler


#: The environment variable the test configurations name for the webhook's secret.
SECRET_ENV = "ONRECORD_TEST_WEBHOOK_SECRET"


def watch_config(site: FeedServer, paths: list[str], interval: float = 0.2,
                 name: str = "test") -> str:
    """A watch configuration over the site's feeds at ``paths``: conditional threats alert and
    go to the site's webhook; nothing waits between requests and nothing is retried."""
    feeds = "".join(f"  - url: {site.base}{path}\n" for path in paths)
    return (
        f"name: {name}\ninterval: {interval}\nmax_backoff: 2\nhost_delay: 0\nretries: 0\n"
        f"fetch_allow: [127.0.0.1]\nfeeds:\n{feeds}"
        "rules:\n  - name: conditional threats\n    type: THREATEN\n    conditional: true\n"
        f"webhook:\n  url: {site.base}/hook\n  secret_env: {SECRET_ENV}\n  backoff: 0.1\n"
    )
