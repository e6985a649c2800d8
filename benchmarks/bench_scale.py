"""Scaling of ``onrecord run``: one process, then N worker processes, then a Dask LocalCluster.

Every mode runs the whole batch (read JSONL shards, clean, de-duplicate, extract, store into a
fresh SQLite file) over the same synthetic articles, and the stores are compared: the parallel
runs must hold exactly the single-process records. Workers are started and their models loaded
before the clock starts (that start-up is reported separately); goal: ≥ 1.8× with 2 workers on
2 cores. Prints a table and writes ``benchmarks/results/bench_scale.json``.

    PYTHONPATH=src python benchmarks/bench_scale.py [--articles 600] [--workers 2] [--repeat 3]

With ``--repeat N`` the three modes run in turn N times, each parallel run is compared with the
single-process run of its own round, and the medians are reported: on a shared machine one round
can be disturbed by other jobs.

The machine is shared: the load average before and after each mode is recorded with it.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from statistics import median

from common import machine, print_table, write_result

from onrecord.distributed import dask_client, run_on_dask
from onrecord.eval.synthetic import articles
from onrecord.parallel import process_extractor, stored_records
from onrecord.pipeline import ArticleText, extract_many
from onrecord.runner import Batch, Prepared, Runner
from onrecord.store import open_store

# What every worker extracts before the clock starts: it loads the model and the lazily loaded
# tables (cues, knowledge base, events) that a first real article would otherwise pay for.
WARM_UP = "Warm-up: \u201cWe will respond,\u201d the Iranian foreign minister said on Monday."


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
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of all three modes, interleaved; medians are reported")
    args = parser.parse_args()
    modes = ("single_process", "processes", "dask")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shards = write_shards(work / "in", args.articles, args.shards)
        results = {"articles": args.articles, "workers": args.workers, "repeat": args.repeat,
                   "machine": machine(), "runs": {mode: [] for mode in modes}}
        _warm_up()  # the single process loads its model outside the clock, like the workers
        for n in range(args.repeat):
            # Each mode alone on the machine: a live cluster's scheduler thread would slow the
            # single process that hosts it, so pool and cluster live for their own run only.
            run = results["runs"]
            run["single_process"].append(timed_run(str(work / f"single{n}.db"), shards, Runner.run))
            start = time.perf_counter()
            with process_extractor(args.workers) as extractor:
                _warm_pool(extractor, args.workers)
                results["processes_startup_s"] = time.perf_counter() - start

                def run_processes(runner: Runner):
                    runner.extractor, runner.batch_size = extractor, args.partition_size
                    return runner.run()

                run["processes"].append(timed_run(str(work / f"processes{n}.db"), shards,
                                                  run_processes))
            start = time.perf_counter()
            with dask_client("local", args.workers) as client:
                client.run(_warm_up)
                results["dask_startup_s"] = time.perf_counter() - start
                run["dask"].append(timed_run(
                    str(work / f"dask{n}.db"), shards,
                    lambda runner, n=n: run_on_dask(runner, client, work / f"parts{n}",
                                                    args.partition_size)))
            reference = dump(str(work / f"single{n}.db"))
            for mode in modes[1:]:
                result = run[mode][-1]
                result["identical_records"] = dump(str(work / f"{mode}{n}.db")) == reference
                result["speedup"] = run["single_process"][-1]["seconds"] / result["seconds"]

    for mode in modes:
        runs = results["runs"][mode]
        results[mode] = {"seconds": median(r["seconds"] for r in runs),
                         "articles_per_s": median(r["articles_per_s"] for r in runs),
                         "identical_records": all(r.get("identical_records", True) for r in runs)}
        if mode != "single_process":
            results[mode]["speedup"] = median(r["speedup"] for r in runs)
            results[mode]["speedups"] = [round(r["speedup"], 3) for r in runs]
    results["articles_per_s_per_core"] = results["single_process"]["articles_per_s"]
    rows = [[mode, f"{results[mode]['seconds']:.1f}", f"{results[mode]['articles_per_s']:.2f}",
             f"{results[mode].get('speedup', 1.0):.2f}×",
             ", ".join(f"{x:.2f}" for x in results[mode].get("speedups", [])) or "-",
             str(results[mode]["identical_records"]) if mode != "single_process" else "-",
             ", ".join(f"{r['load_average_before']:.1f}" for r in results["runs"][mode])]
            for mode in modes]
    print_table(f"onrecord run, {args.articles} synthetic articles, {args.workers} workers, "
                f"median of {args.repeat}",
                ["mode", "seconds", "articles/s", "speedup", "each round", "identical",
                 "load avg before"], rows)
    write_result("bench_scale", results)


def _warm_pool(extractor, workers: int) -> None:
    """Have the workers start and load their models (a few tiny partitions)."""
    batches = [Batch([Prepared(f"warm{i}", ArticleText(WARM_UP, doc_id=f"w{i}"))], [], [])
               for i in range(2 * workers)]
    list(extractor(batches))


def _warm_up() -> None:
    list(extract_many([ArticleText(WARM_UP)]))


if __name__ == "__main__":
    main()
