"""Hostile requests (issue 8): SQL and LIKE metacharacters in every filter and path, script in
every stored field a page shows, texts the pipeline refuses, and URLs the server must not fetch."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from corpus import PETROV, TOKEN

from onrecord.model import Article, Event, Mention, Quote
from onrecord.store.filters import ArticleFilter, EventFilter, QuoteFilter

INJECTIONS = [
    "'; DROP TABLE quotes; --", '" OR 1=1 --', "' OR '1'='1",
    "x' UNION SELECT text FROM articles --", "%", "_", "\\", 'NEAR(* "', "$1", "\u202e",
]
# Every endpoint and page that takes a filter, and the model its query parameters come from.
FILTERED = [
    ("/api/articles", ArticleFilter), ("/api/quotes", QuoteFilter), ("/api/events", EventFilter),
    ("/api/articles/counts", ArticleFilter), ("/api/quotes/counts", QuoteFilter),
    ("/api/events/counts", EventFilter), ("/api/network", EventFilter),
    ("/search", QuoteFilter), ("/network", EventFilter), ("/events", EventFilter),
]
_NOT_TEXT = {"date_from", "date_to", "kind", "conditional"}
#: Filters whose values are checked (a PLOVER type, yes or no, a flag, a number): else a 422.
_CHECKED = {"type", "negated", "hedged", "min_confidence", "linked"}
PARAMETERS = [(path, name) for path, model in FILTERED
              for name in model.model_fields if name not in _NOT_TEXT | _CHECKED]
CHECKED = [(path, name) for path, model in FILTERED
           for name in model.model_fields if name in _CHECKED]
PATHS = ["/api/speakers/", "/api/actors/", "/speakers/", "/actors/", "/records/", "/articles/"]
SCRIPT = "<script>alert(1)</script>"


def _tables(app) -> dict[str, int]:
    return {table: app.state.store.count(table) for table in ("articles", "quotes", "events")}


def _found_nothing(body) -> bool:
    if isinstance(body, list):
        return body == []
    return body.get("items", []) == [] and body.get("nodes", []) == []


@pytest.mark.parametrize("path, name", PARAMETERS)
def test_injection_in_any_filter_is_a_literal_that_matches_nothing(app, client, path, name):
    before = _tables(app)
    for value in INJECTIONS:
        response = client.get(path, params={name: value})
        assert response.status_code == 200, (value, response.text)
        if path.startswith("/api/"):
            assert _found_nothing(response.json()), (value, response.json())
    assert _tables(app) == before


@pytest.mark.parametrize("path, name", CHECKED)
def test_injection_in_a_checked_filter_is_refused_naming_it(app, client, path, name):
    before = _tables(app)
    for value in INJECTIONS:
        response = client.get(path, params={name: value})
        assert response.status_code == 422, (value, response.text)
        assert name in response.text
    assert _tables(app) == before


@pytest.mark.parametrize("path", PATHS)
def test_injection_in_a_path_is_a_name_that_is_not_there(app, client, path):
    before = _tables(app)
    for value in INJECTIONS:
        response = client.get(path + quote(value, safe=""))
        assert response.status_code == 404, (value, response.text)
    assert _tables(app) == before


@pytest.mark.parametrize("url", ["/api/quotes?speaker=a%00b", "/api/speakers/a%00b",
                                 "/records/%00", "/search?q=%00&cue=%00"])
def test_a_nul_anywhere_in_the_url_is_422_on_every_backend(client, url):
    response = client.get(url)
    assert response.status_code == 422 and "NUL" in response.json()["detail"][0]["msg"]


@pytest.mark.parametrize("method, url, body, message", [
    ("GET", "/api/quotes?to=0", None, "'0' is not a valid date"),  # not 1970-01-01
    ("POST", "/api/ingest", {"articles": [{"text": "x"}], "extract": 0}, "valid boolean"),
])
def test_values_the_spec_forbids_are_not_read_leniently(client, method, url, body, message):
    response = client.request(method, url, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422 and message in str(response.json()["detail"])


def _hostile_article() -> Article:
    """Script in every field a page shows: title, outlet, text, speaker, actor id, cue, events."""
    text = f"“{SCRIPT} We will strike,” {SCRIPT} said {SCRIPT} to {SCRIPT}."
    at = text.index(SCRIPT, 20)
    mention = Mention(mention=SCRIPT, span=(at, at + len(SCRIPT)), name=SCRIPT, actor_id=SCRIPT)
    quote = Quote(id="q1", kind="direct", content=f"{SCRIPT} We will strike,",
                  spans=[(1, 1 + len(SCRIPT) + 17)], cue=SCRIPT, speaker=mention,
                  addressee=mention, condition=SCRIPT)
    event = Event(id="e1", type="THREATEN", source=PETROV.model_copy(update={"name": SCRIPT}),
                  target=PETROV, quote_id="q1", condition=SCRIPT, context=[SCRIPT])
    return Article(doc_id="x1", title=SCRIPT, source=SCRIPT, url="javascript:alert(1)",
                   published="2024-02-02", text=text, quotes=[quote], events=[event])


def test_script_in_any_stored_field_is_shown_escaped_on_every_page(app, client):
    app.state.store.put(_hostile_article())
    pages = ["/articles/x1", f"/search?q={SCRIPT}", "/search?q=strike", f"/speakers/{SCRIPT}",
             f"/actors/{PETROV.actor_id}", "/network",
             f"/timeline?source={PETROV.actor_id}&target={PETROV.actor_id}"]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        body = response.text.split("</head>", 1)[-1]
        assert "<script>alert" not in body and 'href="javascript:' not in body, page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/articles/x1").text


@pytest.mark.parametrize("text, message", [
    ("He said \\ud800 it.", "lone surrogate"),  # JSON's escape for half a character
    ("x" * 1_000_001, "too long (1000001 characters > 1000000)"),
])
def test_text_the_pipeline_refuses_is_422_naming_why(client, text, message):
    body = ('{"text": "' + text + '"}').encode()
    response = client.post("/extract", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422 and message in response.json()["detail"][0]["msg"]


def test_refused_articles_in_an_ingest_batch_are_named_and_the_rest_stored(app, client):
    body = (b'{"articles": [{"text": "A NUL \\u0000 here."}, {"text": "Half \\udc00 a pair."}, '
            b'{"text": "The minister said the talks would resume on Monday."}]}')
    response = client.post("/api/ingest", content=body, headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    summary = response.json()
    assert response.status_code == 200 and summary["stored"] == 1
    assert [reason.split(":")[0] for _, reason in summary["skipped"]] == ["not text"] * 2


def test_urls_in_requests_are_recorded_never_fetched(client, site):
    url = site.add("/internal", "secret")
    assert client.post("/extract", json={"text": "It rained.", "url": url}).json()["url"] == url
    client.post("/api/ingest", json={"articles": [{"text": "It rained.", "url": url}]},
                headers={"Authorization": f"Bearer {TOKEN}"})
    assert site.requests == []
