"""`onrecord watch`: latency from an item appearing in a feed to its alert, and the articles per
minute one watcher sustains on one core.

Latency: a local feed server (``tests/feedserver.py``, 127.0.0.1) publishes ``--items`` threat
stories at random moments while a watcher polls it every ``--interval`` seconds (the issue asks
for a one-minute poll; the default scales it down to 6 s so the run takes minutes, not an
hour). Each latency runs from the moment the item is added to the feed to the moment the local
webhook receiver has its alert; it splits into the wait for the next poll (uniform over the
interval, whatever the machine) and the work after that poll (fetch, extract, store, rules,
webhook), which does not depend on the interval. The table gives both, and the one-minute
figure as the measured work plus a uniform wait over 60 s.

Throughput: ``--articles`` stories of about 500 words in one feed, one poll, on one core (the
process is pinned to CPU 0 and BLAS to one thread): articles stored and checked per minute.
And the fixed cost of a poll that brings new entries, on stores of 1,000 to 30,000 articles.

    python benchmarks/bench_watch.py [--interval 6] [--items 30] [--articles 120]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: no BLAS threads beside the parser
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from common import ROOT, machine, print_table, write_result  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
import numpy as np  # noqa: E402
from feedserver import SECRET_ENV, FeedServer, calm_story, story, watch_config  # noqa: E402

from onrecord.model import Article  # noqa: E402
from onrecord.nlp import load_nlp  # noqa: E402
from onrecord.runner import Runner  # noqa: E402
from onrecord.store import ItemMark, Stored, open_store  # noqa: E402
from onrecord.watch import Watcher  # noqa: E402
from onrecord.watch.config import parse_config  # noqa: E402

#: Store sizes at which the start of a poll's batch run is timed, and rows written at a time.
STORE_SIZES = (1_000, 10_000, 30_000)
_FILL_BATCH = 1_000

#: Sentences of ordinary reporting around each throughput story: about 500 words in all, the
#: length of a typical wire story.
THROUGHPUT_SENTENCES = 45


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _start(site: FeedServer, interval: float, db: str) -> tuple[Watcher, threading.Thread]:
    config = parse_config(watch_config(site, ["/wire.xml"], interval=interval, name="bench"),
                          "bench.yaml")
    watcher = Watcher(config, open_store(db))
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    return watcher, thread


def latency(interval: float, items: int, folder: Path) -> dict:
    """Publish ``items`` stories at random moments over ``items`` intervals; time each alert."""
    rng = random.Random(7)
    with FeedServer() as site:
        site.feed("/wire.xml", "Wire")
        site.publish("/wire.xml", *calm_story(0))
        watcher, thread = _start(site, interval, str(folder / "latency.db"))
        time.sleep(interval)
        published: dict[str, float] = {}
        for number in range(1, items + 1):
            time.sleep(rng.uniform(0.2, 1.8) * interval)
            site.publish("/wire.xml", *story(number))
            published[f"story {number})"] = time.time()
        deadline = time.time() + 10 * interval + 120
        while len(site.webhook) < items and time.time() < deadline:
            time.sleep(0.1)
        watcher.stop()
        thread.join()
        watcher.close()
        total, work = [], []
        polls = sorted(at for path, status, _, at in site.hits
                       if path == "/wire.xml" and status == 200)
        for received, _, alert in site.webhook:
            appeared = next(at for key, at in published.items() if alert["title"].endswith(key))
            seen = next(at for at in polls if at >= appeared)
            total.append(received - appeared)
            work.append(received - seen)
    return {"interval_s": interval, "items": items, "alerts": len(total),
            "latency_median_s": statistics.median(total),
            "latency_p95_s": _percentile(total, 0.95),
            "after_poll_median_s": statistics.median(work),
            "after_poll_p95_s": _percentile(work, 0.95)}


def one_minute(result: dict) -> dict:
    """The latency at a 60-s poll: the measured work after the poll plus a uniform wait."""
    rng = random.Random(11)
    median_work, p95_work = result["after_poll_median_s"], result["after_poll_p95_s"]
    waits = [rng.uniform(0, 60) for _ in range(100_000)]
    return {"latency_median_s": statistics.median(waits) + median_work,
            "latency_p95_s": _percentile(waits, 0.95) + p95_work}


def throughput(articles: int, folder: Path) -> dict:
    """One poll of a feed holding ``articles`` stories: stored and checked per minute."""
    with FeedServer() as site:
        site.feed("/wire.xml", "Wire")
        for number in range(1, articles + 1):
            site.publish("/wire.xml", *story(number, sentences=THROUGHPUT_SENTENCES))
        config = parse_config(watch_config(site, ["/wire.xml"], interval=3600, name="bench"),
                              "bench.yaml")
        store = open_store(str(folder / "throughput.db"))
        watcher = Watcher(config, store)
        started = time.perf_counter()
        watcher.run(cycles=1)
        seconds = time.perf_counter() - started
        stored = store.count("articles")
        watcher.close()
        store.close()
    return {"articles": articles, "stored": stored, "seconds": round(seconds, 2),
            "articles_per_minute": round(60 * stored / seconds, 1),
            "alerts": len(site.webhook)}


def run_start(sizes: tuple[int, ...], folder: Path) -> list[dict]:
    """The fixed cost of a poll that brings new entries: the batch run it starts reads every
    stored article's fingerprint and every stored item. Timed on stores of ``sizes`` articles
    (short records with random MinHash signatures: only the fingerprints are read)."""
    rng = np.random.default_rng(5)
    with open_store(str(folder / "warm-up.db")) as empty:  # imports loaded on first use
        Runner(empty, ["watch:bench"]).run(items=[])
    found = []
    for size in sizes:
        store = open_store(str(folder / f"start{size}.db"))
        key = Runner(store, ["watch:bench"]).key
        store.start_run(key, {"sources": ["watch:bench"]})
        for start in range(0, size, _FILL_BATCH):
            numbers = range(start, min(size, start + _FILL_BATCH))
            stored = [Stored(Article(doc_id=f"d{n}", text=f"Article {n}.",
                                     url=f"https://news.example/{n}"), f"h{n}",
                             rng.integers(0, 2**32, 128, dtype=np.uint32).astype("<u4").tobytes())
                      for n in numbers]
            marks = [ItemMark(f"https://news.example/{n}", "stored", None, f"d{n}")
                     for n in numbers]
            store.write(stored, run_key=key, items=marks)
        started = time.perf_counter()
        Runner(store, ["watch:bench"]).run(items=[])
        found.append({"articles": size, "seconds": round(time.perf_counter() - started, 3)})
        store.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interval", type=float, default=6.0, help="poll interval, seconds")
    parser.add_argument("--items", type=int, default=30, help="items for the latency run")
    parser.add_argument("--articles", type=int, default=120, help="articles for throughput")
    args = parser.parse_args()
    os.environ[SECRET_ENV] = "bench"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    before = machine()
    load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measured = latency(args.interval, args.items, folder)
        minute = one_minute(measured)
        rate = throughput(args.articles, folder)
        starts = run_start(STORE_SIZES, folder)
    print_table(
        f"onrecord watch: {measured['alerts']} alerts at a {args.interval:g}-s poll; "
        f"{rate['stored']} articles in one poll, one core",
        ["measure", "median", "p95"],
        [[f"item to alert, {args.interval:g}-s poll (measured)",
          f"{measured['latency_median_s']:.2f} s", f"{measured['latency_p95_s']:.2f} s"],
         ["work after the poll that saw it (measured)",
          f"{measured['after_poll_median_s']:.2f} s", f"{measured['after_poll_p95_s']:.2f} s"],
         ["item to alert, 60-s poll (work + uniform wait)",
          f"{minute['latency_median_s']:.1f} s", f"{minute['latency_p95_s']:.1f} s"],
         ["articles per minute, one core", f"{rate['articles_per_minute']:.0f}", ""],
         *[[f"start of a poll's batch run, store of {s['articles']:,} articles",
            f"{s['seconds']:.2f} s", ""] for s in starts]],
    )
    out = write_result("bench_watch", {"machine_at_start": before, "latency": measured,
                                       "latency_at_60s_poll": minute, "throughput": rate,
                                       "run_start": starts})
    print(f"results in {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
