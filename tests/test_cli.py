"""`onrecord extract` as a user runs it: files in, records out, bad files named."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from onrecord.cli import app

runner = CliRunner()


def test_jsonl_record_format(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("“We will respond,” said Jane Roe.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert list(record) == ["schema_version", "doc_id", "url", "source", "title", "published",
                            "author", "dateline", "text", "paragraphs", "removed", "quotes",
                            "events"]
    quote = record["quotes"][0]
    assert record["text"][quote["spans"][0][0]:quote["spans"][0][1]] == "We will respond,"
    assert quote["speaker"]["name"] == "Jane Roe"


def test_bad_file_is_named_and_the_others_still_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("“Fine,” said Jane Roe.", encoding="utf-8")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["extract", str(folder), str(missing), str(good)])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert f"error {missing}: no such file" in errors
    assert any(line.startswith(f"error {folder}: ") for line in errors)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["quotes"][0]["content"] for r in records] == ["Fine,"]


def test_table_and_output_file(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("“We will respond,” said Jane Roe.", encoding="utf-8")
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["extract", str(article), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text())[0]["quotes"][0]["cue"] == "said"
    table = runner.invoke(app, ["extract", str(article), "--format", "table"])
    assert "Jane Roe" in table.stdout and "said" in table.stdout
