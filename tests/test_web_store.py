"""Pages and endpoints over a stored corpus (SQLite): the record, the article page, search."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from records import build_article

from onrecord.api import Settings, create_app


@pytest.fixture
def client(tmp_path) -> TestClient:
    app = create_app(Settings(db=str(tmp_path / "onrecord.db")))
    app.state.store.put(build_article())
    return TestClient(app)


def test_record_comes_back_exactly_as_stored(client):
    assert client.get("/records/sample-1").json() == build_article().to_json_dict()


def test_unknown_doc_id_is_404_naming_it(client):
    for path in ("/records/nope", "/articles/nope"):
        response = client.get(path)
        assert response.status_code == 404
        assert "'nope'" in response.json()["detail"]


def test_stored_article_page_is_the_annotated_article(client):
    response = client.get("/articles/sample-1")
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert 'data-q="q2"' in response.text
    assert "&lt;script&gt;window.pwned" in response.text


def test_search_finds_quotes_and_articles(client):
    html = client.get("/search", params={"q": "retreat"}).text
    assert "Quotations (1)" in html and "Articles (1)" in html
    assert 'href="/articles/sample-1#card-q1"' in html
    assert '<span class="speaker-name">Jane Roe</span>' in html


def test_search_escapes_the_query_and_survives_operators(client):
    html = client.get("/search", params={"q": '<script>"x" OR NEAR(*'}).text
    assert '<script>"x"' not in html
    assert 'value="&lt;script&gt;&#34;x&#34; OR NEAR(*"' in html


def test_empty_search_shows_the_form_only(client):
    html = client.get("/search").text
    assert 'name="q"' in html and "Quotations (" not in html


def test_store_routes_need_a_store():
    response = TestClient(create_app(Settings())).get("/search", params={"q": "x"})
    assert response.status_code == 503
    assert "--db" in response.json()["detail"]
