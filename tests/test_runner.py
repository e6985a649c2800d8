import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from articles import PARAGRAPHS, page

from onrecord import pipeline
from onrecord.ingest import FetchOptions, ReadOptions
from onrecord.parallel import stored_records
from onrecord.runner import Runner
from onrecord.store import open_store

SRC = str(Path(__file__).resolve().parents[1] / "src")
CRASHPOINT = str(Path(__file__).with_name("crashpoint.py"))
FAST = ReadOptions(fetch=FetchOptions(timeout=5.0, retries=0, backoff=0.0, host_delay=0.0))


def _story(n: int) -> str:
    """A distinct multi-paragraph story: the test paragraphs' words in story ``n``'s own order."""
    words = " ".join(PARAGRAPHS).split()
    random.Random(n).shuffle(words)
    third = len(words) // 3
    body = [" ".join(words[i : i + third]) for i in range(0, 3 * third, third)]
    return "\n".join(f"Story {n}, part {i}: {p.capitalize()}." for i, p in enumerate(body))


def _corpus(folder: Path, count: int, start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"story{n:03}.txt").write_text(_story(n), encoding="utf-8")


def test_run_groups_copies_and_reports_bad_input(tmp_path, db_url):
    _corpus(tmp_path / "in", 3)
    original = _story(1)
    (tmp_path / "in" / "z-exact.txt").write_text("  " + original.replace(" ", "  "))
    trimmed = original.rsplit("\n", 1)[0].replace("part", "section", 1)
    (tmp_path / "in" / "z-wire.txt").write_text("RELATED: another story\n" + trimmed)
    (tmp_path / "in" / "z-bad.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "in" / "z-empty.txt").write_text("Sign up for our daily newsletter\n")
    with open_store(db_url) as store:
        summary = Runner(store, [str(tmp_path / "in")], FAST, extract=False).run()
        assert (summary.read, summary.stored, summary.duplicates) == (7, 3, 2)
        assert sorted(reason for _, reason in summary.skipped) == [
            "no article text left after cleaning", "undecodable bytes: no text encoding fits"
        ]
        canonical = store.search_articles("Story 1")[0]
        assert sorted(c.kind for c in store.copies(canonical)) == ["exact", "near"]
        again = Runner(store, [str(tmp_path / "in")], FAST, extract=False).run()
        assert (again.read, again.already_done) == (1, 6)  # only the failed file is retried
        assert store.count("articles") == 3 and store.count("copies") == 2


def test_a_different_command_restores_but_never_copies_itself(tmp_path, db_url):
    _corpus(tmp_path / "in", 2)
    with open_store(db_url) as store:
        Runner(store, [str(tmp_path / "in")], FAST, extract=False).run()
        summary = Runner(store, [str(tmp_path / "in" / "*.txt")], FAST, extract=False).run()
        assert (summary.stored, summary.duplicates) == (2, 0)
        assert store.count("articles") == 2 and store.count("copies") == 0


def _run(sources, db_url, batch_size=1, crashpoint=()):
    """``onrecord run`` in a process of its own; ``crashpoint`` (stage, n, marker) stops it dead
    the n-th time it passes that stage (see ``crashpoint.py``)."""
    env = {**os.environ, "PYTHONPATH": SRC}
    program = [CRASHPOINT, *map(str, crashpoint)] if crashpoint else ["-m", "onrecord"]
    command = [sys.executable, *program, "run", *sources, "--db", db_url,
               "--batch-size", str(batch_size), "--host-delay", "0", "--timeout", "60"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_killed_run_resumes_and_stores_nothing_twice(tmp_path, db_url, site):
    """The run blocks on a stalling URL after the first folder; it is killed there, re-run."""
    _corpus(tmp_path / "first", 6)
    (tmp_path / "first" / "story000-copy.txt").write_text(_story(0))
    _corpus(tmp_path / "second", 4, start=6)
    stalled = site.add("/slow", page("Slow story"), stall=120.0)
    (tmp_path / "list.urls").write_text(stalled + "\n")
    sources = [str(tmp_path / "first"), str(tmp_path / "list.urls"), str(tmp_path / "second")]

    process = _run(sources, db_url)
    with open_store(db_url) as store:
        while store.count("run_items") < 7:
            assert process.poll() is None, process.stderr.read().decode()
            site.wait_for_request("/slow", timeout=0.2)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert (store.count("articles"), store.count("copies")) == (6, 1)

        site.add("/slow", page("Slow story"))
        finished = _run(sources, db_url)
        out, err = finished.communicate(timeout=300)
        assert finished.returncode == 0, err.decode()
        assert out == b""  # progress and summary go to stderr only
        assert "done by an earlier run │ 7" in err.decode()
        assert store.count("articles") == 6 + 1 + 4
        assert store.count("copies") == 1
        assert store.count("run_items") == 12


@pytest.fixture(scope="module")
def crash_corpus(tmp_path_factory):
    """Ten stories and a copy of one; and what a run that is never killed stores from them."""
    folder = tmp_path_factory.mktemp("crash")
    _corpus(folder / "in", 10)
    (folder / "in" / "story000-copy.txt").write_text(_story(0))
    sources = [str(folder / "in")]
    with open_store(str(folder / "clean.db")) as store:
        Runner(store, sources, FAST).run()
        return sources, stored_records(store)


@pytest.mark.parametrize("stage, count", [("reading", 6), ("extracting", 5), ("writing", 5)])
def test_killed_at_any_stage_the_rerun_stores_what_a_clean_run_does(
        tmp_path, db_url, crash_corpus, stage, count):
    """kill -9 while reading a file, half-way through a batch's extraction, or inside the
    store's transaction; the re-run's store equals an uninterrupted run's, row for row."""
    sources, clean = crash_corpus
    marker = tmp_path / "stopped"
    process = _run(sources, db_url, batch_size=2, crashpoint=(stage, count, marker))
    while not marker.exists():
        assert process.poll() is None, process.stderr.read().decode()
        time.sleep(0.1)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with open_store(db_url) as store:
        assert store.count("articles") == 4  # two batches committed, the third lost with the kill
        finished = _run(sources, db_url)
        _, err = finished.communicate(timeout=300)
        assert finished.returncode == 0, err.decode()
        assert stored_records(store) == clean


def test_an_article_the_extractor_fails_on_is_named_and_the_rest_stored(tmp_path, monkeypatch):
    """A bug in a stage on one article: the run goes on, and so does every re-run."""
    _corpus(tmp_path / "in", 4)
    passed = pipeline.extract_quotes

    def fails_on_story_2(doc, *args):
        if "Story 2," in doc.text:
            raise RuntimeError("a bug")
        return passed(doc, *args)

    monkeypatch.setattr(pipeline, "extract_quotes", fails_on_story_2)
    bad = str(tmp_path / "in" / "story002.txt")
    with open_store(str(tmp_path / "run.db")) as store:
        for _ in range(2):  # the failed item is retried, and fails the same way, by name
            summary = Runner(store, [str(tmp_path / "in")], FAST, batch_size=4).run()
            assert summary.skipped == [(bad, "extraction failed (RuntimeError: a bug)")]
        assert store.count("articles") == 3 and store.count("quotes") > 0
