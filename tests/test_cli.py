"""`onrecord extract` as a user runs it: files in, records out, bad files named."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import typer
from typer.testing import CliRunner

import onrecord
import onrecord.cli
from onrecord.cli import app
from onrecord.cli.app import COMMANDS

runner = CliRunner()


def test_jsonl_record_format(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("“We will respond,” said Jane Roe.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert list(record) == ["schema_version", "doc_id", "url", "source", "title", "published",
                            "author", "dateline", "language", "not_extracted", "text",
                            "paragraphs", "removed", "quotes",
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


def test_extract_reads_a_dump_as_run_does_one_record_per_line(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "a", "text": "“Fine,” said Jane Roe."}) + "\n"
                    + json.dumps({"id": "b", "text": "“Never,” said John Doe."}) + "\n")
    result = runner.invoke(app, ["extract", str(dump)])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["doc_id"], r["quotes"][0]["content"]) for r in records] == [
        ("a", "Fine,"), ("b", "Never,")]


def test_extract_of_an_empty_file_is_an_error_not_an_empty_record(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["extract", str(empty)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert f"error {empty}: empty file" in result.stderr.splitlines()


def test_run_exits_1_when_an_input_failed_and_0_when_all_were_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The minister spoke about the border on Tuesday in the capital.")
    db = str(tmp_path / "r.db")
    assert runner.invoke(app, ["ingest", str(good), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["ingest", str(good), str(tmp_path / "missing.txt"), "--db", db])
    assert result.exit_code == 1 and "no such file" in result.stderr


#: What `onrecord extract` has no use for: the store, the web server, the exporters, the
#: distributed runner and the readers of HTML pages, feeds and archives.
NOT_FOR_EXTRACT = ("sqlalchemy", "fastapi", "starlette", "uvicorn", "pyarrow", "dask",
                   "datasketch", "trafilatura", "lxml", "feedparser", "warcio")


def test_extract_in_a_fresh_process_imports_nothing_it_does_not_use(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("“We will respond,” said Jane Roe.", encoding="utf-8")
    script = (
        "import runpy, sys\n"
        f"sys.argv = ['onrecord', 'extract', {str(article)!r}]\n"
        "try:\n"
        "    runpy.run_module('onrecord', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {NOT_FOR_EXTRACT!r} if m in sys.modules), file=sys.stderr)\n"
    )
    src = str(Path(onrecord.__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [src, os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, check=True)
    assert json.loads(done.stdout.splitlines()[0])["quotes"][0]["content"] == "We will respond,"
    assert done.stderr.splitlines()[-1] == "[]"


def test_the_lazy_table_names_every_command_the_cli_modules_register():
    """A command missing from ``COMMANDS`` would never be imported, so never run."""
    for module in pkgutil.iter_modules(onrecord.cli.__path__):
        import_module(f"onrecord.cli.{module.name}")
    assert set(typer.main.get_group(app).commands) == set(COMMANDS)


def test_a_store_or_an_output_that_cannot_be_used_is_named_not_a_traceback(tmp_path):
    """Both once ended in a traceback of sqlalchemy or the file system (exit 1 by accident)."""
    missing = str(tmp_path / "no" / "such" / "folder" / "x.db")
    opened = runner.invoke(app, ["query", "quotes", "--db", missing])
    assert opened.exit_code == 1 and isinstance(opened.exception, SystemExit)
    assert f"error {missing}: cannot open the store (unable to open database file)" \
        in opened.stderr
    db = str(tmp_path / "ok.db")
    for fmt in ("jsonl", "parquet"):
        output = tmp_path / "no" / f"quotes.{fmt}"
        written = runner.invoke(app, ["export", "quotes", "--db", db, "--format", fmt,
                                      "-o", str(output)])
        assert written.exit_code == 1 and isinstance(written.exception, SystemExit)
        assert f"error {output}: cannot write (No such file or directory)" in written.stderr
    article = tmp_path / "a.txt"
    article.write_text("“We will respond,” said Jane Roe.", encoding="utf-8")
    output = tmp_path / "no" / "a.jsonl"
    extracted = runner.invoke(app, ["extract", str(article), "-o", str(output)])
    assert extracted.exit_code == 1 and isinstance(extracted.exception, SystemExit)
    assert f"error {output}: cannot write (No such file or directory)" in extracted.stderr


def test_a_replaced_byte_is_one_warning_line_naming_the_file_each_time(tmp_path):
    article = tmp_path / "a.txt"
    article.write_bytes("“We will respond,” said Jane Roe in Zürich.".encode() + b"\xff\n")
    result = runner.invoke(app, ["extract", str(article), str(article)])
    assert result.exit_code == 0, result.output
    offset = len("“We will respond,” said Jane Roe in Zürich.".encode())
    line = f"warning {article}: 1 invalid UTF-8 byte replaced by U+FFFD (at byte {offset})"
    assert result.stderr.splitlines() == [line, line]
