"""The answer cache of the read routes (``onrecord.server.cache``): kept answers are served again,
and never once the store has changed, whoever changed it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from corpus import PETROV, TOKEN
from fastapi.testclient import TestClient

from onrecord.app import Settings, create_app
from onrecord.model import Article
from onrecord.server.cache import ResponseCache
from onrecord.store import open_store, queries

URL = f"/api/quotes?speaker={PETROV.name}"


@pytest.fixture
def counted(monkeypatch):
    """How many times the store's quote listing ran."""
    calls = []
    real = queries.quote_fragments

    def quote_fragments(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(queries, "quote_fragments", quote_fragments)
    return calls


def _is_cached(app) -> bool:
    return any(m.cls is ResponseCache for m in app.user_middleware)


def _quotes(client: TestClient) -> list[str]:
    response = client.get(URL)
    assert response.status_code == 200
    return [item["content"] for item in response.json()["items"]]


def _article(doc_id: str, text: str) -> Article:
    return Article(doc_id=doc_id, text=text, published="2030-01-01")


def test_a_kept_answer_is_served_without_asking_the_store(app, client, counted, db_url):
    first = client.get(URL)
    assert client.get(URL).content == first.content
    postgresql = "postgresql" in db_url  # never cached: asked every time
    assert len(counted) == 1 + postgresql
    client.get(URL + "&limit=1")  # another query string is another answer
    assert len(counted) == 2 + postgresql


def test_no_stale_answer_after_an_ingest_through_the_api(app, client, counted):
    before = _quotes(client)
    text = f"“The border stays open,” {PETROV.name} said on Monday."
    response = client.post("/api/ingest", json={"articles": [{"text": text}]},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.json()["stored"] == 1
    assert _quotes(client) == [*before, "The border stays open,"]  # undated: listed last


def test_no_stale_answer_after_a_write_by_another_process(app, client, db_url):
    """``onrecord run`` into the same store while the server runs: the next answer shows it."""
    assert client.get("/records/late").status_code == 404
    count = client.get("/api/articles/counts?period=year").json()
    script = (
        "import sys; from onrecord.store import open_store; from onrecord.model import Article\n"
        "with open_store(sys.argv[1]) as store:\n"
        "    store.put(Article(doc_id='late', text='Late news.', published='2030-01-01'))\n"
    )
    subprocess.run([sys.executable, "-c", script, db_url], check=True)
    assert client.get("/records/late").json()["text"] == "Late news."
    assert client.get("/api/articles/counts?period=year").json() != count


def test_errors_are_not_kept(app, client):
    assert client.get("/records/soon").status_code == 404
    app.state.store.put(_article("soon", "Soon."))
    assert client.get("/records/soon").status_code == 200


def test_the_cache_can_be_turned_off_and_postgresql_has_none(db_url, monkeypatch):
    assert not _is_cached(create_app(Settings(db=db_url, cache_bytes=0)))
    assert _is_cached(create_app(Settings(db=db_url))) == db_url.endswith(".db")
    monkeypatch.setenv("ONRECORD_CACHE_BYTES", "0")
    monkeypatch.setenv("ONRECORD_DB", db_url)
    settings = Settings.from_env()
    assert settings.cache_bytes == 0 and settings.db == db_url


def test_least_recently_used_answers_go_first_when_memory_runs_out(tmp_path, counted):
    db = str(tmp_path / "small.db")
    with open_store(db) as store:
        store.put(_article("a1", "Words."))
    client = TestClient(create_app(Settings(db=db, cache_bytes=300)))
    first, second = "/api/quotes?limit=1", "/api/quotes?limit=2"
    client.get(first)
    client.get(second)  # each answer is ~40 bytes: both kept
    client.get(first)
    assert len(counted) == 2
    for n in range(3, 20):  # enough others to push the oldest out
        client.get(f"/api/quotes?limit={n}")
    client.get(second)
    assert len(counted) == 20
