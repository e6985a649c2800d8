"""The query endpoints under /api (on SQLite and PostgreSQL), their 422s, POST /api/ingest and its
token, and the offline API docs."""

from __future__ import annotations

import pytest
from corpus import TOKEN, build_border
from fastapi.testclient import TestClient

from onrecord.app import Settings, create_app
from onrecord.store import queries
from onrecord.store.filters import EventFilter, QuoteFilter


def _json(model) -> object:
    if isinstance(model, list):
        return [item.model_dump(mode="json") for item in model]
    return model.model_dump(mode="json")


def test_list_endpoints_answer_what_the_library_answers(app, client):
    store = app.state.store
    got = client.get("/api/quotes", params={"speaker": "Ivan Petrov", "limit": 2}).json()
    expected = _json(queries.quotes(store, QuoteFilter(speaker="Ivan Petrov"), limit=2))
    assert got == {**expected, "total": 4}  # the first page says how many match in all
    more = {"speaker": "Ivan Petrov", "cursor": got["next_cursor"]}
    rest = client.get("/api/quotes", params=more)
    assert len(got["items"]) + len(rest.json()["items"]) == 4
    assert rest.json()["next_cursor"] is None and rest.json()["total"] is None
    events = client.get("/api/events", params=[("type", "threaten"), ("conditional", "true")])
    expected = _json(queries.events(store, EventFilter(type=["THREATEN"], conditional=True)))
    assert events.json() == {**expected, "total": 2}
    articles = client.get("/api/articles", params={"q": "Belgrade"}).json()
    assert articles["items"] == [store.get("a3").to_json_dict()]


def test_counts_speaker_actor_escalation_network(app, client):
    store = app.state.store
    assert client.get("/api/quotes/counts", params={"period": "year"}).json() == [
        {"period": "2024", "count": 7}, {"period": None, "count": 1},
    ]
    assert client.get("/api/events/counts", params={"type": "SUPPORT"}).json() == [
        {"period": "2024-01", "count": 1}, {"period": "2024-02", "count": 1},
    ]
    assert client.get("/api/articles/counts", params={"source": "blog.example"}).json() == [
        {"period": None, "count": 1},
    ]
    speaker = client.get("/api/speakers/Jane Roe", params={"limit": 1}).json()
    assert speaker["speaker"] == _json(queries.speaker(store, "Jane Roe"))
    assert len(speaker["quotes"]["items"]) == 1 and speaker["quotes"]["next_cursor"]
    assert client.get("/api/actors/srb").json() == _json(queries.actor(store, "srb"))
    series = client.get("/api/escalation", params={"source": "rus-petrov", "target": "deu",
                                                    "period": "week"})
    assert series.json() == _json(queries.escalation(store, "rus-petrov", "deu", "week"))
    assert client.get("/api/network", params={"context": "cbrn"}).json() == _json(
        queries.network(store, EventFilter(context="cbrn"))
    )


def test_escalation_of_a_country_pair_is_the_states_not_an_armed_group_based_there(app, client):
    """GET /api/escalation?source=ISR&target=LBN: Israel -> Hezbollah is not Lebanon's."""
    def series(source, target):
        got = client.get("/api/escalation", params={"source": source, "target": target})
        return [(p["period"], p["counts"]) for p in got.json()["points"]]

    for article in build_border():
        app.state.store.put(article)
    assert series("ISR", "LBN") == [("2025-03", {"REQUEST": 1})]
    assert series("ISR", "HEZBOLLAH") == [("2025-03", {"THREATEN": 1}),
                                          ("2025-04", {"THREATEN": 1})]
    lebanon = client.get("/api/events", params={"target_country": "LBN"}).json()["items"]
    assert [(e["article"]["doc_id"], e["id"]) for e in lebanon] == [("h2", "e1")]


def test_the_actors_list_rolls_officials_up_and_each_number_is_its_list(app, client):
    """A state heads its bodies and officials; Hezbollah, based in Lebanon but no part of its
    state, is listed apart; every count is the total of the events list it links to."""
    for article in build_border():
        app.state.store.put(article)
    rows = client.get("/api/actors").json()
    heads = [r for r in rows if r["kind"] == "state"]
    assert [r["events"] for r in heads] == sorted((r["events"] for r in heads), reverse=True)
    # The actor coded with the state's own code is the state: one row, under its name.
    assert [(r["name"], r["kind"]) for r in rows if r["actor"] == "ISR"] == [("Israel", "state")]
    lebanon = [r["actor"] for r in rows if r["state"] == "LBN"]
    assert lebanon[0] == "LBN" and "HEZBOLLAH" not in lebanon
    [group] = [r for r in rows if r["actor"] == "HEZBOLLAH"]
    assert (group["country"], group["state"]) == ("LBN", None)
    assert rows.index(group) > max(rows.index(r) for r in rows if r["state"])  # after states
    for row in rows:
        for role in ("source", "target"):
            listed = client.get("/api/events", params={role: row["actor"], "limit": 1}).json()
            assert listed["total"] == row[f"as_{role}"], (row, role)
    petrov = client.get("/api/actors", params={"q": "PETROV"}).json()
    assert [r["actor"] for r in petrov] == ["rus-petrov"]
    russia = client.get("/api/actors", params={"country": "RUS"}).json()
    assert {r["state"] for r in russia} == {"RUS"} and russia[0]["kind"] == "state"


def test_every_list_comes_as_csv(app, client):
    for path, first in [("/api/speakers", "name,count"),
                        ("/api/actors", "actor,name,kind,country,state,as_source,as_target"),
                        ("/api/quotes/counts", "period,count"),
                        ("/api/events/counts", "period,count"),
                        ("/api/articles/counts", "period,count"),
                        ("/api/quotes", "id,"), ("/api/events", "id,"),
                        ("/api/articles", "schema_version,doc_id,")]:
        got = client.get(path, params={"format": "csv"})
        assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv"), path
        assert got.text.startswith(first), (path, got.text[:80])
    speakers = client.get("/api/speakers", params={"q": "petrov", "format": "csv"}).text
    assert speakers.splitlines()[1:] == ["Ivan Petrov,4"]


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/api/quotes", {"kind": "quoted"}, "'direct', 'indirect' or 'mixed'"),
        ("/api/quotes", {"from": "2024-05-01", "to": "2024-01-01"}, "is after 'to'"),
        ("/api/quotes", {"from": "yesterday"}, "valid date"),
        ("/api/quotes", {"limit": 0}, "greater than or equal to 1"),
        ("/api/events", {"limit": 501}, "less than or equal to 500"),
        ("/api/quotes", {"speakr": "Jane Roe"}, "Extra inputs are not permitted"),
        ("/api/quotes", {"cursor": "garbage"}, "invalid cursor"),
        ("/api/events", {"conditional": "maybe"}, "valid boolean"),
        ("/api/events", {"q": "x"}, "Extra inputs are not permitted"),
        ("/api/escalation", {"source": "deu"}, "Field required"),
        ("/api/escalation", {"source": "a", "target": "b", "period": "decade"}, "'day', 'week'"),
        ("/api/quotes/counts", {"period": "fortnight"}, "'day', 'week'"),
        ("/api/speakers/Jane Roe", {"limit": "many"}, "valid integer"),
    ],
)
def test_bad_parameters_are_422_with_a_message(client, path, params, message):
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert message in str(response.json()["detail"])


def test_unknown_speaker_and_actor_are_404(client):
    for path in ("/api/speakers/Nobody", "/api/actors/nobody"):
        response = client.get(path)
        assert response.status_code == 404
        assert "'nobody'" in response.json()["detail"].lower()


BATCH = {"articles": [
    {"text": "“We will never give up Narnia,” said Jane Roe.", "doc_id": "n1",
     "title": "<script>alert(1)</script>", "published": "2024-04-02", "source": "api.example"},
]}


def test_ingest_needs_the_token(client):
    assert client.post("/api/ingest", json=BATCH).status_code == 401
    wrong = client.post("/api/ingest", json=BATCH, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert client.get("/api/quotes", params={"q": "Narnia"}).json()["items"] == []


def test_read_only_server_refuses_ingest_but_answers_queries(tmp_path):
    client = TestClient(create_app(Settings(db=str(tmp_path / "ro.db"))))
    response = client.post("/api/ingest", json=BATCH, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    assert client.get("/api/quotes").json() == {"items": [], "next_cursor": None, "total": 0}


def test_ingest_stores_extracts_and_is_idempotent(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = client.post("/api/ingest", json=BATCH, headers=auth)
    assert first.status_code == 200, first.text
    assert first.json()["stored"] == 1
    [quote] = client.get("/api/quotes", params={"q": "Narnia"}).json()["items"]
    assert quote["speaker"]["name"] == "Jane Roe"
    assert quote["article"]["doc_id"] == "n1"
    again = client.post("/api/ingest", json=BATCH, headers=auth).json()
    assert (again["stored"], again["already_done"]) == (0, 1)
    page = client.get("/articles/n1").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page


@pytest.mark.parametrize(
    ("body", "message"),
    [({"articles": []}, "at least 1 item"), ({"articles": [{"text": " "}]}, "text is empty"),
     ({"articles": [{"text": "x"}], "store": True}, "Extra inputs")],
)
def test_bad_ingest_bodies_are_422(client, body, message):
    response = client.post("/api/ingest", json=body,
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422
    assert message in str(response.json()["detail"])


def test_api_docs_are_served_without_a_cdn(client):
    page = client.get("/docs").text
    assert "/docs/assets/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    script = client.get("/docs/assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.text
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/quotes", "/api/events", "/api/ingest", "/api/escalation"} <= set(paths)
    names = [p["name"] for p in paths["/api/quotes"]["get"]["parameters"]]
    assert {"from", "to", "speaker", "kind", "cursor", "limit"} <= set(names)
