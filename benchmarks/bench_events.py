"""Time event coding adds to extraction: the same pipeline with and without the event stages
(actor linking, modality, PLOVER coding).

Same texts, same process, same batch size; each side runs ``--rounds`` times alternately and
the best round counts. Goal: event coding adds at most 10% per article. Prints a table and
writes ``benchmarks/results/bench_events.json``.

    python benchmarks/bench_events.py [--copies N] [--rounds R] [--classify]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from rich.console import Console

from onrecord.eval.events import load_event_gold
from onrecord.eval.gold import load_gold_dir
from onrecord.pipeline import Source, extract_many

ROOT = Path(__file__).resolve().parent.parent
BATCH_SIZE = 32


def corpus(copies: int) -> list[Source]:
    texts = [(a.text, str(a.published) if a.published else None) for a in load_gold_dir()]
    texts += [(a.text, a.published) for a in load_event_gold()]
    return [Source(text=f"{text}\n(copy {n})", published=day)
            for n in range(copies) for text, day in texts]


def timed(sources: list[Source], events: bool, classify: bool = False) -> tuple[float, int]:
    start = time.perf_counter()
    coded = sum(len(a.events) for a in extract_many(sources, batch_size=BATCH_SIZE,
                                                     events=events, classify=classify))
    return time.perf_counter() - start, coded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--classify", action="store_true",
                        help="Also time the pipeline with the MiniLM classifier in.")
    args = parser.parse_args()
    sources = corpus(args.copies)
    # load the parser, knowledge base, lexicons (and the MiniLM weights) first
    timed(sources[:8], events=True, classify=args.classify)
    without, with_events, classified, coded = [], [], [], 0
    for _ in range(args.rounds):
        without.append(timed(sources, events=False)[0])
        seconds, coded = timed(sources, events=True)
        with_events.append(seconds)
        if args.classify:
            classified.append(timed(sources, events=True, classify=True)[0])
    base, full = min(without), min(with_events)
    result = {
        "articles": len(sources), "events": coded, "rounds": args.rounds,
        "extraction_ms_per_article": 1000 * base / len(sources),
        "with_events_ms_per_article": 1000 * full / len(sources),
        "added_fraction": full / base - 1,
    }
    if classified:
        result["with_classifier_ms_per_article"] = 1000 * min(classified) / len(sources)
        result["classifier_added_fraction"] = min(classified) / base - 1
    console = Console()
    console.print(f"{len(sources)} articles, {coded} events, best of {args.rounds}: "
                  f"extraction {result['extraction_ms_per_article']:.1f} ms/article, "
                  f"with events {result['with_events_ms_per_article']:.1f} ms/article, "
                  f"added {100 * result['added_fraction']:.1f}%")
    if classified:
        console.print(f"with the MiniLM classifier "
                      f"{result['with_classifier_ms_per_article']:.1f} ms/article, added "
                      f"{100 * result['classifier_added_fraction']:.1f}%")
    out = ROOT / "benchmarks" / "results" / "bench_events.json"
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
