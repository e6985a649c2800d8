"""The REST API through FastAPI's TestClient: records, validation, body limit, token, CORS."""

from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import Depends
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from onrecord import extract
from onrecord.api.security import require_token
from onrecord.app import Settings, create_app
from onrecord.cli import app as cli

TEXT = "“We will not retreat,” said Jane Roe.\n\nThe talks go on, officials said."


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(Settings()))


def test_extract_returns_the_record_of_the_library(client):
    response = client.post("/extract", json={"text": TEXT})
    assert response.status_code == 200
    assert response.json() == extract(TEXT).to_json_dict()


def test_extract_copies_metadata_and_writes_empty_metadata_as_null(client):
    meta = {"doc_id": "a1", "url": "https://example.org/a", "source": "Wire", "title": "T"}
    response = client.post("/extract", json={"text": TEXT, "published": "", **meta})
    record = response.json()
    assert {key: record[key] for key in meta} == meta
    assert record["published"] is None
    assert record == extract(TEXT, **meta).to_json_dict()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": ""}, "article text is empty"),
        ({"text": " \n\t "}, "article text is empty"),
        ({}, "text is required"),
        ({"text": 3}, "Input should be a valid string"),
        ({"text": TEXT, "titel": "typo"}, "Extra inputs are not permitted"),
    ],
)
def test_extract_rejects_bad_bodies_with_422(client, body, message):
    response = client.post("/extract", json=body)
    assert response.status_code == 422
    assert message in str(response.json()["detail"])


@pytest.mark.parametrize(
    ("path", "body"),
    [("/extract", {"json": {"text": "x" * 300}}), ("/paste", {"data": {"text": "x" * 300}})],
)
def test_body_over_the_limit_is_413_with_a_message(path, body):
    small = TestClient(create_app(Settings(max_body_bytes=200)))
    response = small.post(path, **body)
    assert response.status_code == 413
    assert "larger than 200 bytes" in response.text  # JSON for /extract, a page for /paste


def test_chunked_body_over_the_limit_is_413():
    small = TestClient(create_app(Settings(max_body_bytes=200)))
    chunks = (b'{"text": "' + b"x" * 100, b"x" * 200 + b'"}')
    response = small.post(
        "/extract", content=iter(chunks), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_paste_form_renders_the_article_escaped(client):
    response = client.post(
        "/paste", data={"text": "<script>alert(1)</script> It rained.", "title": "<b>T</b>"}
    )
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; It rained." in response.text
    assert "<b>T</b>" not in response.text and "&lt;b&gt;T&lt;/b&gt;" in response.text


def test_paste_form_rejects_empty_text(client):
    assert client.post("/paste", data={"text": "  "}).status_code == 422


def test_pages_docs_and_static_files(client):
    assert '<form class="paste" method="post" action="/paste">' in client.get("/paste").text
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/extract" in paths and "/paste" not in paths
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/article.js").status_code == 200


def _app_with_write_route(token: str | None) -> TestClient:
    """The write endpoints (POST /ingest) need the store; a stand-in route checks the guard."""
    app = create_app(Settings(token=token))

    @app.post("/api/write-probe")
    def write_probe(_: Annotated[None, Depends(require_token)]) -> dict:
        return {"ok": True}

    return TestClient(app)


def test_writes_are_refused_when_no_token_is_set():
    response = _app_with_write_route(None).post(
        "/api/write-probe", headers={"Authorization": "Bearer anything"}
    )
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong"}, 401),
        ({"Authorization": "Bearer s3cret-but-longer"}, 401),
        ({"Authorization": "Basic s3cret"}, 401),
        ({"Authorization": "Bearer s3cret"}, 200),
    ],
)
def test_writes_need_the_exact_token(headers, status):
    response = _app_with_write_route("s3cret").post("/api/write-probe", headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"


def test_token_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("ONRECORD_TOKEN", "t0k")
    assert Settings.from_env().token == "t0k"
    monkeypatch.setenv("ONRECORD_TOKEN", "")
    assert Settings.from_env().token is None


def test_cors_is_off_unless_origins_are_given(client):
    origin = {"Origin": "https://desk.example"}
    assert "access-control-allow-origin" not in client.get("/", headers=origin).headers
    open_client = TestClient(create_app(Settings(cors_origins=("https://desk.example",))))
    allowed = open_client.get("/", headers=origin).headers
    assert allowed["access-control-allow-origin"] == "https://desk.example"


def test_serve_command_is_registered():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "ONRECORD_TOKEN" in result.output


def test_serve_logs_each_request_only_when_asked(monkeypatch, tmp_path):
    runs = []
    monkeypatch.setattr("uvicorn.run", lambda app, **options: runs.append(options))
    monkeypatch.setenv("ONRECORD_DB", "")  # serve sets it for its workers: undone after
    monkeypatch.setenv("ONRECORD_CORS_ORIGINS", "")
    db = str(tmp_path / "store.db")
    for flag in ([], ["--access-log"]):
        assert CliRunner().invoke(cli, ["serve", "--db", db, *flag]).exit_code == 0
    assert [options["access_log"] for options in runs] == [False, True]
