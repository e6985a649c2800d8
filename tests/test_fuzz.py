"""Fuzzing (issue 8): whatever the extractor and the readers are given, they never crash, every
offset they write points at its piece of the text, and bad input is a named error while the rest
of the batch is stored. ``make fuzz`` runs the same properties on thousands of cases each."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hostile import (
    FUZZ,
    HOSTILE_TEXTS,
    article_text,
    assert_offsets,
    feed_document,
    file_bytes,
    html_page,
    jsonl_lines,
    warc_archive,
)
from hypothesis import given
from hypothesis import strategies as st
from test_runner import _story

from onrecord import extract
from onrecord.errors import InputError
from onrecord.ingest import FetchOptions, ReadOptions, read_inputs
from onrecord.pipeline import MAX_TEXT_CHARS
from onrecord.runner import Runner
from onrecord.store import open_store

# Feed entries point here: a closed port on this machine, so every fetch fails at once.
CLOSED = "http://127.0.0.1:9/article"
QUICK = ReadOptions(fetch=FetchOptions(timeout=1.0, retries=0, backoff=0.0, host_delay=0.0,
                                       robots=False))
SUFFIXES = [".txt", ".html", ".jsonl", ".csv", ".warc", ".warc.gz", ".rss"]


@FUZZ
@given(article_text)
def test_extract_keeps_every_offset_on_any_text(text):
    assert_offsets(extract(text))


@pytest.mark.parametrize("name", HOSTILE_TEXTS)
def test_extract_survives_the_named_worst_cases(name):
    article = extract(HOSTILE_TEXTS[name])
    assert article.text == HOSTILE_TEXTS[name]
    assert_offsets(article)


@pytest.mark.parametrize("text, reason", [
    ("word " * (MAX_TEXT_CHARS // 5 + 1), "too long (1000005 characters > 1000000)"),
    ("He said \ud800 it.", "not text: a lone surrogate at offset 8"),
])
def test_extract_refuses_what_it_cannot_parse_or_store_by_name(text, reason):
    with pytest.raises(InputError) as refused:
        extract(text)
    assert refused.value.reason == reason


def _read(folder: Path, name: str, data: bytes) -> list:
    """Read one file of ``data``: every item is an article or an error naming where it failed."""
    path = folder / name
    path.write_bytes(data)
    items = list(read_inputs([str(path)], QUICK))
    for item in items:
        assert (item.article_text is None) != (item.error is None), item
        if item.error is not None:
            assert item.error.origin.startswith((str(path), CLOSED)), item.error
            assert item.error.reason.isprintable()
        else:
            assert isinstance(item.article_text.text, str) and item.article_text.text.strip()
    return items


@FUZZ
@given(st.sampled_from(SUFFIXES), file_bytes)
def test_any_bytes_under_any_reader_give_articles_or_named_errors(suffix, data):
    with tempfile.TemporaryDirectory() as folder:
        _read(Path(folder), "input" + suffix, data)


@FUZZ
@given(html_page)
def test_any_markup_gives_an_article_or_a_named_error(markup):
    with tempfile.TemporaryDirectory() as folder:
        [item] = _read(Path(folder), "page.html", markup.encode("utf-8"))


@FUZZ
@given(jsonl_lines)
def test_each_jsonl_line_is_an_article_or_fails_alone(lines):
    with tempfile.TemporaryDirectory() as folder:
        items = _read(Path(folder), "dump.jsonl", "\n".join(lines).encode("utf-8"))
    numbered = [n for n, line in enumerate(lines, start=1) if line.strip()]
    assert [int(item.key.rsplit(":", 1)[1]) for item in items] == numbered
    for item, number in zip(items, numbered, strict=True):
        try:
            json.loads(lines[number - 1])
        except json.JSONDecodeError:
            assert item.error is not None


@FUZZ
@given(st.lists(article_text, min_size=1, max_size=4), st.booleans(), st.floats(0, 1))
def test_a_truncated_warc_keeps_the_records_before_the_cut(bodies, gzipped, where):
    pages = [f"<html><body><article><p>{body} Story {n}.</p></article></body></html>"
             for n, body in enumerate(bodies)]
    archive, ends = warc_archive(pages, gzipped)
    cut = int(where * len(archive))
    with tempfile.TemporaryDirectory() as folder:
        items = _read(Path(folder), "news.warc.gz" if gzipped else "news.warc", archive[:cut])
    whole = sum(1 for end in ends if end <= cut)
    assert len([item for item in items if "#corrupt" not in item.key]) >= whole


@FUZZ
@given(st.lists(st.one_of(article_text, st.just("<b>unclosed"), st.just("&bogus;")), max_size=5))
def test_a_feed_of_anything_gives_one_named_error_per_unreachable_entry(titles):
    with tempfile.TemporaryDirectory() as folder:
        items = _read(Path(folder), "news.rss", feed_document(titles, CLOSED))
    assert all(item.error is not None for item in items)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(SUFFIXES), file_bytes), max_size=4))
def test_a_run_over_any_files_stores_what_it_can_and_names_the_rest(files):
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "in"
        inputs.mkdir()
        for number, (suffix, data) in enumerate(files):
            (inputs / f"in{number}{suffix}").write_bytes(data)
        (inputs / "zz-good.txt").write_text(_story(1), encoding="utf-8")
        with open_store(str(Path(folder) / "fuzz.db")) as store:
            summary = Runner(store, [str(inputs)], QUICK).run()
            assert summary.read == summary.stored + summary.duplicates + len(summary.skipped)
            assert store.count("articles") == summary.stored >= 1
            for doc_id in store.search_articles("Story 1"):
                assert_offsets(store.get(doc_id))
