"""Scaling of ``onrecord run``: one process, then N worker processes, then a Dask LocalCluster.

Every mode runs the whole batch (read JSONL shards, clean, de-duplicate, extract, store into a
fresh SQLite file) over the same synthetic articles, and the stores are compared: the parallel
runs must hold exactly the single-process records. Workers are started and their models loaded
before the clock starts (that start-up is reported separately); goal: ≥ 1.8× with 2 workers on
2 cores. Prints a table and writes ``benchmarks/results/bench_scale.json``.

    PYTHONPATH=src python benchmarks/bench_scale.py [--articles 600] [--workers 2]

The machine is shared: the load average before and after each mode is recorded with it.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from common import machine, print_table, write_result

from onrecord.distributed import dask_client, run_on_dask
from onrecord.eval.synthetic import articles
from onrecord.nlp import load_nlp
from onrecord.parallel import process_extractor, stored_records
from onrecord.pipeline import Source
from onrecord.runner import Batch, Prepared, Runner
from onrecord.store import open_store


def write_shards(folder: Path, count: int, shards: int) -> list[str]:
    """The synthetic corpus as ``shards`` JSONL files (Dask's unit of partition)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [(folder / f"shard-{i:03}.jsonl").open("w", encoding="utf-8") for i in range(shards)]
    for n, body in enumerate(articles(count)):
        title, _, body = body.partition("\n")
        files[n % shards].write(json.dumps({"id": f"a{n}", "title": title, "text": body}) + "\n")
    for file in files:
        file.close()
    return [str(p) for p in sorted(folder.glob("*.jsonl"))]


def dump(db: str) -> dict:
    with open_store(db) as store:
        return stored_records(store)


def timed_run(db: str, shards: list[str], run) -> dict:
    load_before = os.getloadavg()[0]
    with open_store(db) as store:
        runner = Runner(store, shards)
        start, cpu = time.perf_counter(), time.process_time()
        summary = run(runner)
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu
    return {"seconds": seconds, "articles_per_s": summary.stored / seconds,
            "driver_cpu_seconds": cpu, "stored": summary.stored,
            "load_average_before": load_before, "load_average_after": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shards", type=int, default=12)
    parser.add_argument("--partition-size", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shards = write_shards(work / "in", args.articles, args.shards)
        results = {"articles": args.articles, "workers": args.workers, "machine": machine()}

        load_nlp()  # the single process loads its model outside the clock, like the workers
        results["single_process"] = timed_run(str(work / "one.db"), shards, Runner.run)

        start = time.perf_counter()
        with process_extractor(args.workers) as extractor:
            _warm_pool(extractor, args.workers)
            results["processes_startup_s"] = time.perf_counter() - start

            def run_processes(runner: Runner):
                runner.extractor, runner.batch_size = extractor, args.partition_size
                return runner.run()

            results["processes"] = timed_run(str(work / "procs.db"), shards, run_processes)

        start = time.perf_counter()
        with dask_client("local", args.workers) as client:
            client.run(load_nlp)
            results["dask_startup_s"] = time.perf_counter() - start
            results["dask"] = timed_run(
                str(work / "dask.db"), shards,
                lambda runner: run_on_dask(runner, client, work / "parts", args.partition_size))

        reference = dump(str(work / "one.db"))
        for mode, db in (("processes", "procs.db"), ("dask", "dask.db")):
            results[mode]["identical_records"] = dump(str(work / db)) == reference
            results[mode]["speedup"] = (results["single_process"]["seconds"]
                                        / results[mode]["seconds"])

    one = results["single_process"]
    results["articles_per_s_per_core"] = one["articles_per_s"]
    rows = [[mode, f"{r['seconds']:.1f}", f"{r['articles_per_s']:.2f}",
             f"{r.get('speedup', 1.0):.2f}×", str(r.get("identical_records", "-")),
             f"{r['load_average_before']:.1f} → {r['load_average_after']:.1f}"]
            for mode, r in ((m, results[m]) for m in ("single_process", "processes", "dask"))]
    print_table(f"onrecord run, {args.articles} synthetic articles, {args.workers} workers",
                ["mode", "seconds", "articles/s", "speedup", "identical", "load avg"], rows)
    write_result("bench_scale", results)


def _warm_pool(extractor, workers: int) -> None:
    """Have the workers start and load their models (a few tiny partitions)."""
    batches = [Batch([Prepared(f"warm{i}", Source("Warm-up.", doc_id=f"w{i}"))], [], [])
               for i in range(2 * workers)]
    list(extractor(batches))


if __name__ == "__main__":
    main()
