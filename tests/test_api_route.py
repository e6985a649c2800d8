"""``ReadRoute``, the read endpoints' route class: the same answers, 422s and OpenAPI description
as FastAPI's own handling (on SQLite and PostgreSQL), without FastAPI's solving of parameters
on a request the fast path takes."""

from __future__ import annotations

import fastapi.routing
from corpus import TOKEN
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from onrecord.api.route import ReadRoute
from onrecord.app import Settings, create_app
from onrecord.server import deps
from onrecord.store import open_store

#: Requests the fast path takes, and ones it hands to FastAPI (an unknown key, a key twice,
#: a value pydantic refuses, a missing record), each answered the same either way.
URLS = [
    "/api/quotes", "/api/quotes?speaker=Ivan+Petrov&limit=2", "/api/quotes?q=",
    "/api/quotes?from=2024-01-01&to=2024-02-15", "/api/quotes?date_from=2024-02-01",
    "/api/quotes?from=2024-02-01&date_from=2024-01-01", "/api/quotes?from=2024-03-01&to=2024-01-01",
    "/api/quotes?limit=0", "/api/quotes?limit=two", "/api/quotes?limit=1&limit=2",
    "/api/quotes?colour=red", "/api/quotes?cursor=not-a-cursor", "/api/quotes?format=csv",
    "/api/quotes?kind=", "/api/quotes?kind=shouted",
    "/api/events?type=threaten&type=SUPPORT", "/api/events?type=", "/api/events?type=HUG",
    "/api/events?conditional=true&order=oldest", "/api/events?negated=perhaps",
    "/api/articles?q=Belgrade", "/api/articles?source=blog.example&limit=1",
    "/api/quotes/counts?period=year", "/api/events/counts?period=fortnight",
    "/api/articles/counts?format=jsonl", "/api/dashboard", "/api/dashboard?any=thing",
    "/api/speakers", "/api/speakers?q=petrov", "/api/speakers?limit=1&limit=2",
    "/api/speakers?limit=0", "/api/speakers?format=csv", "/api/actors?country=RUS",
    "/api/speakers/Jane Roe?limit=1", "/api/speakers/Nobody", "/api/speakers/" + "x" * 301,
    "/api/actors/srb", "/api/actors/nobody", "/api/escalation?source=rus-petrov&target=deu",
    "/api/escalation?source=rus-petrov", "/api/timeline?source=RUS&target=DEU&period=week",
    "/api/search?q=Belgrade&limit=1", "/api/network?states=true", "/api/network?states=maybe",
    "/api/provenance?q=border", "/records/a3", "/records/a3/copies", "/records/none",
    "/records/none/copies",
]


def _answers(client: TestClient) -> list[tuple[str, int, str | None, bytes]]:
    answers = []
    for url in URLS:
        response = client.get(url)
        answers.append((url, response.status_code, response.headers.get("content-type"),
                        response.content))
    return answers


def _fastapi_only(app, monkeypatch) -> TestClient:
    """A second app over the same store whose read routes FastAPI handles itself (an included
    route's handler is built at its first request, so keep ``monkeypatch`` until done)."""
    monkeypatch.setattr(ReadRoute, "get_route_handler", APIRoute.get_route_handler)
    return TestClient(create_app(Settings(db=app.state.settings.db, token=TOKEN)))


def test_answers_and_422s_are_fastapis_own(app, client, monkeypatch):
    fast = _answers(client)
    with monkeypatch.context() as patch:
        plain = _answers(_fastapi_only(app, patch))
    assert fast == plain
    statuses = {status for _, status, _, _ in fast}
    assert {200, 404, 422} <= statuses


def test_a_bad_parameter_gets_fastapis_422_body(client):
    answer = client.get("/api/quotes", params={"limit": "two"})
    assert answer.status_code == 422
    [problem] = answer.json()["detail"]
    assert problem["loc"] == ["query", "limit"] and problem["type"] == "int_parsing"


def test_the_openapi_description_is_unchanged(app, client, monkeypatch):
    with monkeypatch.context() as patch:
        plain = _fastapi_only(app, patch).get("/openapi.json").json()
    assert client.get("/openapi.json").json() == plain


def test_fastapi_solves_parameters_only_for_what_the_fast_path_refuses(client, monkeypatch):
    solved = []
    solve = fastapi.routing.solve_dependencies

    async def counted(**kwargs):
        solved.append(kwargs["request"].url.path)
        return await solve(**kwargs)

    monkeypatch.setattr(fastapi.routing, "solve_dependencies", counted)
    for url in ["/api/quotes?speaker=Ivan+Petrov&from=2024-01-01", "/records/a3",
                "/api/events?type=SUPPORT&type=ACCUSE", "/api/speakers/Jane Roe?limit=1",
                "/api/speakers?q=roe"]:
        assert client.get(url).status_code == 200
    assert solved == []
    assert client.get("/api/quotes?limit=two").status_code == 422
    assert client.get("/api/provenance?q=border").status_code == 200  # a plain def
    assert solved == ["/api/quotes", "/api/provenance"]


def test_an_overridden_dependency_is_honoured(app, client, tmp_path):
    with open_store(str(tmp_path / "empty.db")) as empty:
        app.dependency_overrides[deps._store] = lambda: empty
        assert client.get("/api/quotes?limit=3").json()["items"] == []
        app.dependency_overrides.clear()
    assert client.get("/api/quotes?limit=4").json()["items"]  # another URL: not a cached answer
