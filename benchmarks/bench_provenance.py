"""Quote clustering: time for 100k quotations, and pair precision/recall by threshold.

    PYTHONPATH=src python benchmarks/bench_provenance.py [--quotes 100000] [--calibrate]

Quotations are synthetic (``bench_dedup.Writer``'s Zipf pseudo-words, seeded): statements of
8-40 words, some built around stock phrases that several statements of the same "speaker" share
("we will not", "we are ready to"), each reported 1-8 times as an exact copy, a re-punctuated
one, a trimmed one (a leading or trailing part of at least half), an edited one (one word
changed) or a partial quote (a 4-10 word phrase, as in a mixed quotation). The truth is the
statement each quotation came from. ``--calibrate`` prints pair precision / recall and purity
for a grid of thresholds on 20k quotations; the chosen values are in
``onrecord.provenance.cluster``. Results go to ``benchmarks/results/bench_provenance.json``.

Calibration (20k quotations, 4,430 statements; pair P / R, purity):

    constant      value       P      R purity
    MIN_WORDS         3   0.997  0.976  0.999
    MIN_WORDS         4   0.997  0.976  0.999   <- chosen
    MIN_WORDS         5   0.997  0.932  0.999
    NEAR_JACCARD    0.4   0.997  0.977  0.999
    NEAR_JACCARD    0.5   0.997  0.976  0.999   <- chosen
    NEAR_JACCARD    0.6   0.998  0.973  0.999
    CONTAINMENT     0.7   0.996  0.977  0.998
    CONTAINMENT     0.8   0.997  0.976  0.999   <- chosen
    CONTAINMENT     0.9   0.998  0.976  0.999

The synthetic partial quotes are 4-10 words, so MIN_WORDS 3 and 4 score alike here; 5 loses
the 4-word partials. Two rules came from earlier runs of this script: without NEAR_MIN_SHARED
(Jaccard alone), 20k quotations gave pair precision 0.455 (4-word quotes sharing a 3-word stock
phrase reach Jaccard 0.5); without the stock-shingle rule (COMMON_SHARE, RARE_SHARED), 100k gave
pair precision 0.301, one wrong group holding about 1,000 quotations of 223 statements.
100k quotations: 29-31 s on the 2-core development machine (under load from other jobs).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

from bench_dedup import Writer

from onrecord.provenance import cluster
from onrecord.provenance.cluster import cluster_parts, quoted_words

RESULTS = Path(__file__).parent / "results" / "bench_provenance.json"
STOCK = ["we will not", "we are ready to", "there is no", "it is important that",
         "we will respond", "this is a", "the people of", "we call on"]


def statement(writer: Writer) -> list[str]:
    rng = writer.rng
    words = rng.choices(writer.vocab, cum_weights=writer.cumulative, k=rng.randint(8, 40))
    for _ in range(rng.randint(0, 2)):
        at = rng.randint(0, len(words))
        words[at:at] = rng.choice(STOCK).split()
    return words


def variant(writer: Writer, words: list[str]) -> tuple[str, str]:
    """(kind, content) of one report of a statement."""
    rng = writer.rng
    how = rng.choice(["exact", "punctuated", "trimmed", "edited", "partial"])
    if how == "punctuated":
        out = list(words)
        for i in rng.sample(range(len(out)), k=min(3, len(out))):
            out[i] += rng.choice([",", " —", ";", "."])
        return "direct", " ".join(out).capitalize()
    if how == "trimmed":
        keep = rng.randint((len(words) + 1) // 2, len(words))
        cut = words[:keep] if rng.random() < 0.5 else words[-keep:]
        return "direct", " ".join(cut).capitalize() + "."
    if how == "edited":
        out = list(words)
        out[rng.randrange(len(out))] = rng.choice(writer.vocab)
        return "direct", " ".join(out).capitalize() + "."
    if how == "partial":
        size = rng.randint(4, min(10, len(words)))
        start = rng.randint(0, len(words) - size)
        return "mixed", "the speaker said it was “" + " ".join(words[start:start + size]) + "”"
    return "direct", " ".join(words).capitalize() + "."


def corpus(n: int, seed: int = 7) -> tuple[list[tuple[str, str]], list[int]]:
    writer = Writer(random.Random(seed))
    quotes, truth = [], []
    label = 0
    while len(quotes) < n:
        words = statement(writer)
        for _ in range(writer.rng.randint(1, 8)):
            quotes.append(variant(writer, words))
            truth.append(label)
        label += 1
    return quotes[:n], truth[:n]


def pair_scores(predicted: list[int], truth: list[int]) -> dict[str, float]:
    """Pair precision and recall (same predicted group vs same statement) and purity."""
    def pairs(labels: list[int]) -> set[tuple[int, int]]:
        members: dict[int, list[int]] = {}
        for i, label in enumerate(labels):
            members.setdefault(label, []).append(i)
        return {p for m in members.values() for p in combinations(m, 2)}
    got, want = pairs(predicted), pairs(truth)
    groups: dict[int, Counter] = {}
    for p, t in zip(predicted, truth, strict=True):
        groups.setdefault(p, Counter())[t] += 1
    purity = sum(c.most_common(1)[0][1] for c in groups.values()) / len(truth)
    return {"pair_precision": len(got & want) / len(got) if got else 1.0,
            "pair_recall": len(got & want) / len(want) if want else 1.0, "purity": purity}


def run(quotes: list[tuple[str, str]]) -> tuple[list[int], float]:
    start = time.perf_counter()
    labels = cluster_parts([quoted_words(kind, content) for kind, content in quotes])
    return labels, time.perf_counter() - start


GRID = [("MIN_WORDS", [3, 4, 5]), ("NEAR_JACCARD", [0.4, 0.5, 0.6]),
        ("CONTAINMENT", [0.7, 0.8, 0.9])]


def calibrate(quotes: list[tuple[str, str]], truth: list[int]) -> list[dict]:
    rows = []
    for name, values in GRID:
        chosen = getattr(cluster, name)
        for value in values:
            setattr(cluster, name, value)
            labels, _ = run(quotes)
            rows.append({"constant": name, "value": value, **pair_scores(labels, truth)})
        setattr(cluster, name, chosen)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--calibrate", action="store_true")
    args = parser.parse_args()
    quotes, truth = corpus(args.quotes)
    labels, seconds = run(quotes)
    scores = pair_scores(labels, truth)
    result = {
        "quotes": len(quotes), "statements": len(set(truth)), "seconds": round(seconds, 2),
        "quotes_per_second": round(len(quotes) / seconds), "groups": len(set(labels)),
        **{k: round(v, 4) for k, v in scores.items()},
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "processor": platform.processor() or platform.machine()},
        "thresholds": {name: getattr(cluster, name) for name, _ in GRID},
    }
    print(f"{result['quotes']:,} quotes from {result['statements']:,} statements: "
          f"{seconds:.1f} s ({result['quotes_per_second']:,}/s), pair P "
          f"{scores['pair_precision']:.3f} R {scores['pair_recall']:.3f}, "
          f"purity {scores['purity']:.3f}")
    if args.calibrate:
        small, small_truth = corpus(20_000)
        result["calibration"] = calibrate(small, small_truth)
        print(f"{'constant':<13} {'value':>5}  {'P':>6} {'R':>6} {'purity':>6}")
        for row in result["calibration"]:
            print(f"{row['constant']:<13} {row['value']:>5}  {row['pair_precision']:6.3f} "
                  f"{row['pair_recall']:6.3f} {row['purity']:6.3f}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
