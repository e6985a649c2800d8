"""Quotations and events kept as their JSON in their rows: the API's lists join these fragments,
and their answers are byte for byte what the response models write from the articles' records
(on SQLite and PostgreSQL, over the hand-built corpus and the extracted sample texts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import build_corpus
from fastapi.testclient import TestClient
from pydantic import TypeAdapter
from sqlalchemy import text

from onrecord import extract
from onrecord.app import Settings, create_app
from onrecord.model import Article
from onrecord.server.views import SpeakerPage
from onrecord.store import items, open_store, queries
from onrecord.store.db import Stored
from onrecord.store.results import ArticleRef, EventRow, Page, QuoteRow, SpeakerRecord

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    """The corpus and the sample texts as extracted, each with an outlet and a date."""
    found = [
        extract(path.read_text(encoding="utf-8")).model_copy(update={
            "doc_id": path.stem, "source": f"outlet{n % 3}.example", "title": path.stem,
            "published": f"2025-0{1 + n % 3}-1{n % 10}",
        })
        for n, path in enumerate(sorted(SAMPLES.glob("*.txt")))
    ]
    assert sum(len(a.quotes) for a in found) > 20 and sum(len(a.events) for a in found) > 5
    return build_corpus() + found


@pytest.fixture
def client(db_url, articles):
    app = create_app(Settings(db=db_url))
    app.state.store.write([Stored(article) for article in articles])
    yield TestClient(app), {a.doc_id: a for a in articles}
    app.state.store.close()


def _row(model: type[QuoteRow | EventRow], article: Article, item: dict):
    """The row as the list answered it before the fragments: the article's record item, read
    back as the row's model with its article."""
    part = "quotes" if model is QuoteRow else "events"
    record = article.model_dump(mode="json")
    stored = next(x for x in record[part] if x["id"] == item["id"])
    ref = ArticleRef.model_validate({k: record[k] for k in ArticleRef.model_fields})
    return model.model_validate({**stored, "article": ref})


def _expected(model, answer: dict, stored: dict[str, Article]) -> bytes:
    rows = [_row(model, stored[item["article"]["doc_id"]], item) for item in answer["items"]]
    page = Page[model](items=rows, next_cursor=answer["next_cursor"], total=answer["total"])
    return TypeAdapter(Page[model]).dump_json(page)


def _urls(stored: dict[str, Article]) -> list[tuple[str, dict]]:
    speakers = sorted({q.speaker.name for a in stored.values() for q in a.quotes
                       if q.speaker and q.speaker.name})
    types = sorted({e.type for a in stored.values() for e in a.events})
    assert len(speakers) > 5 and len(types) > 3
    return (
        [("/api/quotes", {"speaker": s, "limit": 2}) for s in speakers]
        + [("/api/quotes", {"q": w, "limit": 3}) for w in ("will", "said gas", "the", "nowhere")]
        + [("/api/quotes", {"limit": 500}), ("/api/quotes", {"kind": "indirect", "limit": 4})]
        + [("/api/events", {"type": t, "limit": 2}) for t in types]
        + [("/api/events", {"order": o, "limit": 500}) for o in ("newest", "type", "target")]
    )


def test_list_answers_are_what_the_models_write_from_the_records(client):
    """Every page, and the next page of each, item for item as the models write them."""
    http, stored = client
    for path, params in _urls(stored):
        model = QuoteRow if path == "/api/quotes" else EventRow
        answer = http.get(path, params=params)
        assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
        assert answer.content == _expected(model, answer.json(), stored), (path, params)
        if cursor := answer.json()["next_cursor"]:
            more = http.get(path, params={**params, "cursor": cursor})
            assert more.content == _expected(model, more.json(), stored), (path, params)


def test_speaker_answer_is_what_the_model_writes(client):
    http, stored = client
    answer = http.get("/api/speakers/Ivan Petrov", params={"limit": 2})
    quotes = answer.json()["quotes"]
    page = _expected(QuoteRow, quotes, stored)
    expected = SpeakerPage(speaker=SpeakerRecord.model_validate(answer.json()["speaker"]),
                           quotes=Page[QuoteRow].model_validate_json(page))
    assert quotes["total"] is None and quotes["next_cursor"] and len(quotes["items"]) == 2
    assert answer.content == expected.model_dump_json().encode()


def test_fragments_are_written_anew_when_the_models_change(db_url):
    """A store whose fragments a release with other fields wrote: the next open rewrites them
    all from the records, so no answer lacks a field the models have now."""
    with open_store(db_url) as store:
        for article in build_corpus():
            store.put(article)
        before = queries.quotes(store, limit=500)
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE quotes SET item = '{\"id\": \"stale\"}'"))
            conn.execute(text("UPDATE item_format SET signature = 'an older release'"))
    with open_store(db_url) as store:
        assert queries.quotes(store, limit=500) == before
        with store.engine.connect() as conn:
            assert items.written_by(conn) == items.signature()


def test_article_fields_of_a_fragment_are_the_rows_article():
    assert tuple(ArticleRef.model_fields) == items.ARTICLE_FIELDS


def test_articles_and_records_are_what_the_model_writes(client):
    """An article's fragment holds an empty text; the answer puts the text in its place,
    whatever it holds (marks, escapes, other scripts)."""
    http, stored = client
    for outlet in sorted({a.source for a in stored.values()}):
        answer = http.get("/api/articles", params={"source": outlet, "limit": 3})
        page = Page[Article](items=[stored[a["doc_id"]] for a in answer.json()["items"]],
                             next_cursor=answer.json()["next_cursor"])
        assert answer.content == TypeAdapter(Page[Article]).dump_json(page)
    for doc_id, article in stored.items():
        assert http.get(f"/records/{doc_id}").content == article.model_dump_json().encode()


def test_an_article_fragment_takes_any_text():
    article = Article(doc_id="x", title='He said ,"text":"" here', text='“Q,” he said.\n\\ \u2028')
    item = items.article_item(article)
    assert items.with_text(item, article.text) == article.model_dump_json()
