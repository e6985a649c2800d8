"""Memory over a long run: peak RSS of one extracting process after 20k and after 50k articles.

One process extracts synthetic articles (new surnames and figures in every one) with
``extract_many``; every ``--every`` articles it records the peak RSS so far, the current RSS and
the vocabulary size. Goal: peak RSS grows at most 10% from the first checkpoint to the last.
The file is rewritten at every sample, so an interrupted run still leaves its curve.

    PYTHONPATH=src python benchmarks/bench_memory.py [--checkpoints 20000 50000] [--every 1000]
        [--max-words 600]

At 300-1,500 words one core extracts about 4.5 articles/s, so 50,000 articles take over three
hours; ``--max-words 600`` draws from the short end of the range (wire briefs), twice as fast.
Batches still close at ``BATCH_CHARS``, so the parse peak is the same kind of batch.

Writes ``benchmarks/results/bench_memory.json`` (``bench_memory_600w.json`` with
``--max-words 600``) and prints a table.
"""

from __future__ import annotations

import argparse
import resource
import time

from common import machine, print_table, write_result

from onrecord.eval.synthetic import MAX_WORDS, articles
from onrecord.nlp import load_nlp
from onrecord.pipeline import ArticleText, extract_many


def rss_mb() -> tuple[float, float]:
    """(peak, current) resident set size of this process in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return peak, pages * resource.getpagesize() / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoints", type=int, nargs="+", default=[20000, 50000])
    parser.add_argument("--every", type=int, default=1000)
    parser.add_argument("--max-words", type=int, default=MAX_WORDS)
    args = parser.parse_args()
    name = "bench_memory" + ("" if args.max_words == MAX_WORDS else f"_{args.max_words}w")
    total, first = max(args.checkpoints), min(args.checkpoints)
    strings = load_nlp().vocab.strings
    result = {"checkpoints": args.checkpoints, "max_words": args.max_words, "samples": [],
              "machine": machine()}
    start = time.perf_counter()
    texts = articles(total, seed=7, max_words=args.max_words)
    for n, _ in enumerate(extract_many(ArticleText(t) for t in texts), start=1):
        if n % args.every and n not in args.checkpoints:
            continue
        peak, now = rss_mb()
        result["samples"].append({"articles": n, "peak_rss_mb": peak, "rss_mb": now,
                                  "vocab_strings": len(strings),
                                  "seconds": time.perf_counter() - start})
        at = {s["articles"]: s["peak_rss_mb"] for s in result["samples"]}
        if first in at:
            result["growth"] = max(at.values()) / at[first] - 1
        write_result(name, result)
    rows = [[f"{s['articles']:,}", f"{s['peak_rss_mb']:.0f}", f"{s['rss_mb']:.0f}",
             f"{s['vocab_strings']:,}"] for s in result["samples"]
            if s["articles"] in args.checkpoints]
    print_table("Memory of one extracting process", ["articles", "peak RSS MB", "RSS MB",
                                                     "vocab strings"], rows)
    if "growth" in result:
        print(f"peak RSS growth {first:,} → {total:,} articles: {100 * result['growth']:.1f}%")


if __name__ == "__main__":
    main()
