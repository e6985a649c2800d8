"""Shared fixtures: one spaCy model for the whole run, and a fresh store on SQLite and PostgreSQL.

PostgreSQL comes from ``ONRECORD_TEST_PG`` (``scripts/start-postgres.sh`` prints it). Each test
gets its own schema, dropped afterwards. Under CI (``CI=true``) an unreachable server fails the
run instead of skipping, so the PostgreSQL half of the suite cannot silently vanish.
"""

from __future__ import annotations

import os
import threading
import uuid
from urllib.parse import quote

import psycopg
import pytest
from corpus import TOKEN, build_corpus
from fastapi.testclient import TestClient

from onrecord import extract
from onrecord.app import Settings, create_app
from onrecord.model import Article, Quote
from onrecord.store import open_store


@pytest.fixture(scope="session")
def quotes_of():
    """Extract an article and return its quotes (text, then the list)."""

    def run(text: str) -> list[Quote]:
        return extract(text).quotes

    return run


def by_content(article: Article, words: str) -> Quote:
    """The quote whose content contains ``words``."""
    found = [q for q in article.quotes if words in q.content]
    assert found, f"no quote contains {words!r}: {[q.content for q in article.quotes]}"
    return found[0]


def _postgres_dsn() -> str:
    dsn = os.environ.get("ONRECORD_TEST_PG")
    problem = None
    if not dsn:
        problem = "ONRECORD_TEST_PG is not set (run scripts/start-postgres.sh)"
    else:
        try:
            psycopg.connect(dsn, connect_timeout=5).close()
        except psycopg.OperationalError as exc:
            problem = f"PostgreSQL at {dsn} is unreachable: {exc}"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)
    return dsn


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A database URL for an empty store: a SQLite file, or a private PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "onrecord.db")
        return
    dsn = _postgres_dsn()
    schema = "test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in dsn else "?"
    yield f"{dsn}{separator}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def app(db_url):
    """The API and pages over a store holding ``corpus.build_corpus()``, writes on ``TOKEN``."""
    app = create_app(Settings(db=db_url, token=TOKEN))
    for article in build_corpus():
        app.state.store.put(article)
    yield app
    app.state.store.close()


@pytest.fixture
def client(app) -> TestClient:
    return TestClient(app)


@pytest.fixture
def store(db_url):
    with open_store(db_url) as opened:
        yield opened


class _Site:
    """Routes of the local test server: path -> (status, content type, body, seconds to stall,
    seconds between 64-byte pieces of the body, redirect target)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.routes: dict[str, tuple[int, str, bytes, float, float, str | None]] = {}
        self.requests: list[tuple[str, str]] = []  # (path, user agent)
        self.hosts: list[str] = []  # the Host header of each request
        self.requested = threading.Condition()

    def add(self, path: str, body: str | bytes, content_type="text/html; charset=utf-8",
            status=200, stall=0.0, drip=0.0, location: str | None = None) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, content_type, data, stall, drip, location)
        return self.base + path

    def wait_for_request(self, path: str, timeout: float) -> bool:
        """Block until ``path`` has been requested (or ``timeout`` seconds pass)."""
        with self.requested:
            return self.requested.wait_for(
                lambda: any(p == path for p, _ in self.requests), timeout
            )


@pytest.fixture
def site():
    """A local HTTP server on 127.0.0.1 serving what the test adds (never the internet)."""
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    holder: dict[str, _Site] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802  (http.server's naming)
            served = holder["site"]
            with served.requested:
                served.requests.append((self.path, self.headers.get("User-Agent", "")))
                served.hosts.append(self.headers.get("Host", ""))
                served.requested.notify_all()
            status, content_type, body, stall, drip, location = served.routes.get(
                self.path, (404, "text/plain", b"not found", 0.0, 0.0, None)
            )
            if stall:
                time.sleep(stall)
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if location:
                    self.send_header("Location", location)
                self.end_headers()
                for start in range(0, len(body), 64 if drip else len(body) or 1):
                    self.wfile.write(body[start : start + 64] if drip else body)
                    self.wfile.flush()
                    time.sleep(drip)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    holder["site"] = _Site(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield holder["site"]
    server.shutdown()
    server.server_close()
