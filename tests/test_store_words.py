"""Common words answered from per-word bitmaps (SQLite): the same pages, cursors and totals as
the full-text index gives, and never a stale answer once the store has changed."""

from __future__ import annotations

import pytest
from corpus import PETROV, build_corpus

from onrecord.model import Article, Mention, Quote
from onrecord.store import open_store, queries, words
from onrecord.store.filters import QuoteFilter

SEARCHES = ["will", "berlin", "we will", "threat", "Berlin patience", "the", "nothing here", "!"]


def _every_page(store, f: QuoteFilter, limit: int) -> tuple[list[list[str]], int]:
    pages, cursor = [], None
    while True:
        page = queries.quote_fragments(store, f, cursor, limit)
        pages.append(page.items)
        if (cursor := page.next_cursor) is None:
            return pages, queries.total(store, "quotes", f)


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(words, "COMMON_MATCHES", 1)  # every word counts as common here
    with open_store(str(tmp_path / "words.db")) as opened:
        for article in build_corpus():
            opened.put(article)
        yield opened


@pytest.mark.parametrize("limit", [1, 2, 50])
def test_pages_and_totals_are_the_indexs(store, monkeypatch, limit):
    from_bitmaps = {q: _every_page(store, QuoteFilter(q=q), limit) for q in SEARCHES}
    assert words.matching(store, QuoteFilter(q="will")) is not None
    monkeypatch.setattr(words, "matching", lambda *_: None)
    from_index = {q: _every_page(store, QuoteFilter(q=q), limit) for q in SEARCHES}
    assert from_bitmaps == from_index
    assert from_index["we will"][1] == 2 and from_index["nothing here"][1] == 0


def test_other_filters_and_rare_words_are_left_to_the_index(store, monkeypatch):
    assert words.matching(store, QuoteFilter(q="will", speaker=PETROV.name)) is None
    assert words.matching(store, QuoteFilter(q="...")) is None
    monkeypatch.setattr(words, "COMMON_MATCHES", 3)  # "berlin" is in two quotations
    assert words.matching(store, QuoteFilter(q="berlin")) is None
    assert words.matching(store, QuoteFilter(q="will")).count == 3


def test_a_write_is_seen_by_the_next_search(store):
    assert queries.total(store, "quotes", QuoteFilter(q="berlin")) == 2
    text = "“Berlin must choose,” Ivan Petrov said."
    speaker = Mention(mention=PETROV.name, span=(22, 33), name=PETROV.name)
    quote = Quote(id="q1", kind="direct", content="Berlin must choose,", spans=[(1, 20)],
                  speaker=speaker)
    store.put(Article(doc_id="late", text=text, published="2030-01-01", quotes=[quote]))
    page = queries.quotes(store, QuoteFilter(q="berlin"), limit=1)
    assert [q.content for q in page.items] == ["Berlin must choose,"]
    assert queries.total(store, "quotes", QuoteFilter(q="berlin")) == 3
