"""Parallel and distributed runs store exactly what a single-process run stores, and resume.

The worker and Dask tests start real processes (two workers each) on a small corpus; they are
the slowest tests here, so they share one corpus and one single-process reference run.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from onrecord.distributed import TRIM_VARIABLE, dask_client, partitions, run_on_dask
from onrecord.errors import InputError
from onrecord.eval.synthetic import MAX_WORDS, MIN_WORDS, article, articles, write_jsonl
from onrecord.ingest import Item, ReadOptions
from onrecord.ingest.sources import input_units
from onrecord.nlp import load_nlp
from onrecord.parallel import run_in_processes, stored_records
from onrecord.pipeline import BATCH_CHARS, ArticleText, _batches, extract_many
from onrecord.runner import Runner
from onrecord.store import open_store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """Loose files (one a copy of another, one undecodable) and a JSONL shard."""
    folder = tmp_path_factory.mktemp("corpus")
    for n, text in enumerate(articles(7, seed=3)):
        (folder / f"a{n}.txt").write_text(text, encoding="utf-8")
    (folder / "a7-copy.txt").write_text((folder / "a2.txt").read_text(encoding="utf-8"))
    (folder / "a8-bad.txt").write_bytes(bytes(range(256)) * 4)
    shard = write_jsonl(tmp_path_factory.mktemp("shards") / "shard.jsonl", 5, seed=4)
    return [str(folder), str(shard)]


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict:
    with open_store(str(tmp_path_factory.mktemp("one") / "one.db")) as store:
        Runner(store, corpus).run()
        return stored_records(store)


def test_reference_run_has_copies_failures_and_records(reference):
    statuses = sorted(status for _, status, _, _ in reference["items"])
    assert statuses == ["duplicate", "error"] + ["stored"] * 12
    assert len(reference["copies"]) == 1
    assert all(json.loads(record)["quotes"] for _, _, record in reference["articles"])


def test_worker_processes_store_the_same_records_and_resume(corpus, reference, tmp_path):
    with open_store(str(tmp_path / "workers.db")) as store:
        summary = run_in_processes(Runner(store, corpus), workers=2, partition_size=3)
        assert summary.stored == 12
        assert stored_records(store) == reference
        again = run_in_processes(Runner(store, corpus), workers=2, partition_size=3)
        assert (again.stored, again.already_done) == (0, 13)  # the bad file alone is retried
        assert stored_records(store) == reference


def test_dask_local_cluster_stores_the_same_records_and_resumes(corpus, reference, tmp_path):
    parts = tmp_path / "parts"
    with open_store(str(tmp_path / "dask.db")) as store, dask_client("local", 2) as client:
        summary = run_on_dask(Runner(store, corpus), client, parts, files=3)
        assert summary.stored == 12
        assert stored_records(store) == reference
        files = sorted(parts.rglob("*.parquet"))
        assert len(files) == 4  # 9 loose files by 3, and the shard alone
        stamps = [f.stat().st_mtime_ns for f in files]
        again = run_on_dask(Runner(store, corpus), client, parts, files=3)
        assert (again.stored, again.already_done) == (0, 13)
        assert [f.stat().st_mtime_ns for f in files] == stamps  # finished partitions reused
        assert stored_records(store) == reference



def test_a_cluster_whose_workers_trim_memory_is_named_in_a_warning(corpus, reference, tmp_path):
    """Dask's own default (MALLOC_TRIM_THRESHOLD_ in every worker) costs ~15 % of extraction;
    ``dask_client("local")`` starts workers without it, a user's cluster gets a warning."""
    from distributed import Client, LocalCluster

    with dask_client("local", 1) as ours:
        assert list(ours.run(os.environ.get, TRIM_VARIABLE).values()) == [None]
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client, open_store(str(tmp_path / "d.db")) as store, \
            pytest.warns(RuntimeWarning, match=f"run with {TRIM_VARIABLE} set"):
        run_on_dask(Runner(store, corpus), client, tmp_path / "parts", files=9)
        assert stored_records(store) == reference


def test_partitions_keep_input_order_and_shards_alone(tmp_path):
    names = ["a.txt", "b.html", "c.jsonl", "d.txt", "e.txt", "f.txt", "g.warc.gz"]
    for name in names:
        (tmp_path / name).write_text("x")
    failed = Item("missing*.txt", error=InputError("missing*.txt", "pattern matches no file"))
    units = [*input_units([str(tmp_path)]), failed]
    parts = partitions(units, ReadOptions(), files=2)
    assert [[Path(u).name if isinstance(u, str) else u for u in p] for p in parts] == [
        ["a.txt", "b.html"], ["c.jsonl"], ["d.txt", "e.txt"], ["f.txt"], ["g.warc.gz"], [failed]
    ]


def test_input_errors_survive_pickling_to_and_from_workers():
    error = pickle.loads(pickle.dumps(InputError("a.txt", "no such file")))
    assert (error.origin, error.reason) == ("a.txt", "no such file")


def test_memory_zone_keeps_the_vocabulary_from_growing():
    """Every synthetic article brings new surnames and figures; none may stay in the vocab."""
    strings = load_nlp().vocab.strings
    list(extract_many([ArticleText("Warm-up: “We will respond,” he said.")]))
    before = len(strings)
    found = list(extract_many(ArticleText(text) for text in articles(12, seed=9)))
    assert sum(len(a.quotes) for a in found) > 12
    assert len(strings) == before


def test_batches_close_at_a_count_or_a_character_budget_and_keep_order():
    """Peak memory follows the characters parsed at once, so 32 long articles may not share a
    batch; a text longer than the budget is parsed alone, never refused for it."""
    texts = ["a" * 30_000, "b" * 15_000, "c" * 10_000, "d" * 80_000, "e" * 10, "f" * 10, "g" * 10]
    batches = list(_batches(((t, None) for t in texts), most=2, chars=BATCH_CHARS))
    assert [[t[0] for t, _ in b] for b in batches] == [["a", "b"], ["c"], ["d"], ["e", "f"], ["g"]]


def test_batching_does_not_change_the_records():
    texts = list(articles(5, seed=4))
    one_by_one = list(extract_many((ArticleText(t) for t in texts), batch_chars=1))
    together = list(extract_many((ArticleText(t) for t in texts), batch_chars=10**7))
    assert [a.to_json_dict() for a in one_by_one] == [a.to_json_dict() for a in together]
    assert sum(len(a.quotes) for a in together) > 5


def test_synthetic_articles_are_repeatable_and_realistic():
    texts = list(articles(200, seed=1))
    assert texts[17] == article(1, 17)
    assert all(MIN_WORDS <= len(t.split()) <= MAX_WORDS for t in texts)
    unbalanced = [t for t in texts if t.count("\u201c") != t.count("\u201d")
                  or t.count('"') % 2]
    assert 0.05 < len(unbalanced) / len(texts) < 0.5  # multi-paragraph quotes and dropped marks
    for mark in ("\u201c", '"', "\u2018", "According to", "warned that", "Read more:"):
        assert any(mark in t for t in texts), mark


def test_short_synthetic_articles_keep_to_the_lower_bound_and_stay_repeatable():
    briefs = list(articles(100, seed=1, max_words=600))
    assert all(MIN_WORDS <= len(t.split()) <= 600 for t in briefs)
    assert briefs[3] == article(1, 3, max_words=600)
    full = sum(len(t.split()) for t in articles(100, seed=1)) / 100
    assert sum(len(t.split()) for t in briefs) / 100 < full / 1.5


def _children(pid: int) -> set[int]:
    import psutil

    return {child.pid for child in psutil.Process(pid).children(recursive=True)}


@pytest.mark.parametrize("signal_name", ["SIGKILL", "SIGTERM"])
def test_worker_processes_die_with_their_parent(tmp_path, signal_name):
    """kill -9 (or SIGTERM) to `run --workers 2` once left both workers parsing, ~270 MB each."""
    import signal
    import subprocess
    import sys
    import time

    import psutil

    shard = write_jsonl(tmp_path / "big.jsonl", 400, seed=5)
    src = str(Path(__file__).resolve().parents[1] / "src")
    parent = subprocess.Popen(
        [sys.executable, "-m", "onrecord", "run", str(shard), "--db", str(tmp_path / "r.db"),
         "--workers", "2", "--partition-size", "8"],
        env={**os.environ, "PYTHONPATH": src}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    while len(workers) < 2 and parent.poll() is None:  # both spawned (and the tracker)
        time.sleep(0.2)
        workers = {p for p in _children(parent.pid)
                   if "spawn_main" in " ".join(psutil.Process(p).cmdline())}
    parent.send_signal(getattr(signal, signal_name))
    parent.wait()
    gone, alive = psutil.wait_procs([psutil.Process(p) for p in workers], timeout=60)
    for process in alive:  # leave nothing behind, whatever the outcome
        process.kill()
    assert len(workers) == 2 and alive == []
