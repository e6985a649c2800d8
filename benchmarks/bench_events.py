"""Time event coding adds to extraction: the same pipeline with and without the event stages
(actor linking, modality, PLOVER coding).

Same texts, same process, same batch size; each side runs ``--rounds`` times alternately and
the best round counts. Times are the process's CPU time (``time.process_time``), not the
wall clock: on a shared machine the wall clock measures the other sessions too. Goal: the
event stage costs at most 15 % of extraction (issue 17). Prints a table and writes
``benchmarks/results/bench_events.json``.

    python benchmarks/bench_events.py [--copies N] [--rounds R] [--classify]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from rich.console import Console

from onrecord.actors.kb import load_kb
from onrecord.actors.link import resolve_parties
from onrecord.clean import find_inserts
from onrecord.dates import parse_date
from onrecord.eval.events import load_event_gold
from onrecord.eval.gold import load_gold_dir
from onrecord.events import code_events
from onrecord.layout import read_layout
from onrecord.modality import apply_modality
from onrecord.nlp import load_nlp
from onrecord.pipeline import ArticleText, extract_many
from onrecord.quotes import extract_quotes

ROOT = Path(__file__).resolve().parent.parent
BATCH_SIZE = 32


def corpus(copies: int) -> list[ArticleText]:
    texts = [(a.text, str(a.published) if a.published else None) for a in load_gold_dir()]
    texts += [(a.text, a.published) for a in load_event_gold()]
    return [ArticleText(text=f"{text}\n(copy {n})", published=day)
            for n in range(copies) for text, day in texts]


def timed(sources: list[ArticleText], events: bool, classify: bool = False) -> tuple[float, int]:
    start = time.process_time()
    coded = sum(len(a.events) for a in extract_many(sources, batch_size=BATCH_SIZE,
                                                     events=events, classify=classify))
    return time.process_time() - start, coded


def stage_ms(sources: list[ArticleText], rounds: int) -> float:
    """Milliseconds per article of the event stage alone (``code_events`` over parsed articles
    with their quotations), best of ``rounds``: on a shared machine the difference of two
    whole-pipeline timings is noisier than the stage itself."""
    nlp, kb = load_nlp(), load_kb()
    parsed = []
    for doc, src in nlp.pipe(((s.text, s) for s in sources), as_tuples=True):
        on = parse_date(src.published)
        layout = read_layout(src.text)
        quotations = extract_quotes(doc, layout, find_inserts(layout))
        resolve_parties(doc, quotations, kb, on, src.text)
        apply_modality(quotations)
        parsed.append((doc, quotations, on))
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for doc, quotations, on in parsed:
            code_events(doc, quotations, kb, on)
        best = min(best, time.process_time() - start)
    return 1000 * best / len(parsed)


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
    result["event_stage_ms_per_article"] = stage_ms(sources, args.rounds)
    result["event_stage_fraction"] = result["event_stage_ms_per_article"] / \
        result["extraction_ms_per_article"]
    if classified:
        result["with_classifier_ms_per_article"] = 1000 * min(classified) / len(sources)
        result["classifier_added_fraction"] = min(classified) / base - 1
    console = Console()
    console.print(f"{len(sources)} articles, {coded} events, best of {args.rounds}: "
                  f"extraction {result['extraction_ms_per_article']:.1f} ms/article, "
                  f"with events {result['with_events_ms_per_article']:.1f} ms/article, "
                  f"added {100 * result['added_fraction']:.1f}%")
    console.print(f"event stage alone {result['event_stage_ms_per_article']:.1f} ms/article = "
                  f"{100 * result['event_stage_fraction']:.1f}% of extraction")
    if classified:
        console.print(f"with the MiniLM classifier "
                      f"{result['with_classifier_ms_per_article']:.1f} ms/article, added "
                      f"{100 * result['classifier_added_fraction']:.1f}%")
    out = ROOT / "benchmarks" / "results" / "bench_events.json"
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
