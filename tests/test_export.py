"""Exports load in pandas and DuckDB in one line each; `onrecord query` and `onrecord export`."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest
from corpus import build_corpus
from typer.testing import CliRunner

from onrecord.cli import app as cli
from onrecord.export import ExportFormat, export
from onrecord.store import open_store, queries
from onrecord.store.filters import EventFilter
from onrecord.store.queries import QuoteRow

READERS = {
    "csv": (pd.read_csv, "read_csv"),
    "jsonl": (lambda p: pd.read_json(p, lines=True), "read_json"),
    "parquet": (pd.read_parquet, "read_parquet"),
}


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "onrecord.db")
    with open_store(path) as store:
        for article in build_corpus():
            store.put(article)
    return path


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_quotes_export_loads_in_pandas_and_duckdb(db, tmp_path, fmt):
    path = tmp_path / f"quotes.{fmt}"
    result = _run("export", "quotes", "--db", db, "--format", fmt, "-o", str(path),
                  "--speaker", "Ivan Petrov")
    assert result.exit_code == 0, result.output
    pandas_reader, duckdb_reader = READERS[fmt]
    frame = pandas_reader(path)
    table = duckdb.sql(f"SELECT * FROM {duckdb_reader}('{path}')").df()
    assert len(frame) == len(table) == 4
    assert list(frame["content"]) == list(table["content"]) == [
        "Our patience with Berlin is running out", "the talks with Belgrade were fruitful",
        "Nuclear weapons will be used if Germany attacks", "We will respond to any provocation",
    ]
    if fmt == "csv":
        assert set(frame["speaker.name"]) == {"Ivan Petrov"}
        assert json.loads(frame["spans"][0]) == [[1, 40]]
    else:  # nested as in the record format
        assert duckdb.sql(
            f"SELECT DISTINCT speaker.actor_id FROM {duckdb_reader}('{path}')"
        ).fetchall() == [("rus-petrov",)]


def test_events_and_articles_exports_follow_their_filters(db, tmp_path):
    events = tmp_path / "events.parquet"
    assert _run("export", "events", "--db", db, "--format", "parquet", "-o", str(events),
                "--type", "THREATEN", "--conditional").exit_code == 0
    assert duckdb.sql(f"SELECT condition FROM '{events}' ORDER BY condition").fetchall() == [
        ("if Germany attacks",), ("if provoked",),
    ]
    articles = tmp_path / "articles.jsonl"
    assert _run("export", "articles", "--db", db, "-o", str(articles), "--q", "Belgrade",
                ).exit_code == 0
    [record] = [json.loads(line) for line in articles.read_text().splitlines()]
    with open_store(db) as store:
        assert record == store.get("a3").to_json_dict()


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_an_empty_export_keeps_its_columns(tmp_path, fmt):
    path = tmp_path / f"empty.{fmt}"
    export([], QuoteRow, fmt, path)
    if fmt == "jsonl":
        assert path.read_text() == ""
    else:
        frame = READERS[fmt][0](path)
        assert len(frame) == 0 and "content" in frame.columns


def test_csv_export_to_standard_output(db):
    result = _run("export", "quotes", "--db", db, "--format", "csv", "--kind", "mixed")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,kind,content,spans,cue")
    assert lines[1].startswith("q1,mixed,a grave threat,")


def test_parquet_needs_a_file(db):
    result = _run("export", "quotes", "--db", db, "--format", "parquet")
    assert result.exit_code == 2
    assert "give a file" in result.output


def test_query_pages_by_cursor_and_validates_filters(db):
    first = _run("query", "quotes", "--db", db, "--format", "jsonl", "--limit", "5")
    assert first.exit_code == 0
    cursor = first.stderr.split("--cursor ")[1].split()[0]
    second = _run("query", "quotes", "--db", db, "--format", "jsonl", "--cursor", cursor)
    rows = [json.loads(line) for line in (first.stdout + second.stdout).splitlines()]
    with open_store(db) as store:
        every = [q.model_dump(mode="json") for q in queries.every(queries.quotes, store)]
    assert rows == every
    bad = _run("query", "quotes", "--db", db, "--from", "2024-05-01", "--to", "2024-01-01")
    assert bad.exit_code == 2 and "'from' (2024-05-01) is after 'to'" in bad.output
    assert _run("query", "quotes", "--db", db, "--cursor", "xyz").exit_code == 2


def test_query_counts_speaker_actor_escalation_network(db):
    counts = json.loads(_run("query", "events", "--db", db, "--by", "month").stdout)
    assert counts == [{"period": "2024-01", "count": 3}, {"period": "2024-02", "count": 1},
                      {"period": "2024-03", "count": 3}]
    with open_store(db) as store:
        expected = {
            ("speaker", "Jane Roe"): queries.speaker(store, "Jane Roe"),
            ("actor", "deu"): queries.actor(store, "deu"),
            ("escalation", "rus-petrov", "deu"): queries.escalation(store, "rus-petrov", "deu"),
            ("network", "--context", "cbrn"): queries.network(store, EventFilter(context="cbrn")),
        }
    for args, record in expected.items():
        result = _run("query", *args, "--db", db)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == record.model_dump(mode="json")
    missing = _run("query", "speaker", "Nobody", "--db", db)
    assert missing.exit_code == 1 and "not in the store" in missing.stderr


def test_an_exported_store_runs_back_into_the_same_records_and_ids(tmp_path):
    """export --format jsonl, then run: dateline, removed furniture and doc_ids once got lost."""
    from onrecord.parallel import stored_records
    from onrecord.runner import Runner

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "KYIV, Ukraine (AP) — “We will respond,” the minister said on Tuesday.\n"
        "RELATED: Talks called off after border clash\n"
        "“The talks are over,” an aide told reporters in the capital.\n")
    (tmp_path / "in" / "b.txt").write_text("“Never,” said Jane Roe, the envoy, in Vienna.\n")
    first, second, out = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "articles.jsonl"
    with open_store(str(first)) as store:
        Runner(store, [str(tmp_path / "in")]).run()
        before = stored_records(store)["articles"]
    assert any('"dateline": "KYIV' in record and '"removed": [{' in record
               for _, _, record in before)
    assert _run("export", "articles", "--format", "jsonl", "-o", str(out), "--db",
                str(first)).exit_code == 0
    with open_store(str(second)) as store:
        summary = Runner(store, [str(out)]).run()
        assert (summary.stored, summary.skipped) == (2, [])
        assert stored_records(store)["articles"] == before


def test_language_filters_queries_and_exports(tmp_path):
    from articles import PARAGRAPHS
    from test_ingest import INDONESIAN

    from onrecord import extract

    db = str(tmp_path / "lang.db")
    with open_store(db) as store:
        store.put(extract(INDONESIAN, doc_id="id-1"))
        store.put(extract("\n".join(PARAGRAPHS), doc_id="en-1"))
    found = _run("query", "articles", "--language", "id", "--format", "jsonl", "--db", db)
    assert [json.loads(line)["doc_id"] for line in found.stdout.splitlines()] == ["id-1"]
    out = tmp_path / "quotes.jsonl"
    assert _run("export", "quotes", "--language", "en", "-o", str(out), "--db", db).exit_code == 0
    assert {json.loads(line)["article"]["doc_id"] for line in out.read_text().splitlines()} == {
        "en-1"}
    none = _run("export", "quotes", "--language", "id", "--format", "csv", "--db", db)
    assert none.stdout.count("\n") == 1  # the header: an Indonesian article has no quotations
