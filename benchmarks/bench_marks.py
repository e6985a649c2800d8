"""Worst-case text for ``POST /extract``: paragraphs of unclosed quotation marks ("“a " repeated).

Prints, for 10, 30 and 100 kB of them, the seconds of the mark pairing (``find_marked_quotes``),
of spaCy's tokenizer and of the whole extraction, best of ``--rounds``: the pairing and the
tokenizer must stay linear (100 kB in under 2 s); the whole extraction is the parse, linear in
tokens, which ``onrecord.api.budget`` bounds for clients without the token.

    PYTHONPATH=src:benchmarks python benchmarks/bench_marks.py
"""

from __future__ import annotations

import argparse
import time

from common import machine, print_table, write_result

from onrecord import extract
from onrecord.layout import read_layout
from onrecord.nlp import load_nlp
from onrecord.quotes.marks import find_marked_quotes

SIZES = (10_000, 30_000, 100_000)


def _best(rounds: int, run) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    nlp = load_nlp()
    extract("“Warm,” she said.")
    rows, result = [], {"machine": machine(), "sizes": []}
    for size in SIZES:
        text = "“a " * (size // 3)
        pairing = _best(args.rounds, lambda t=text: find_marked_quotes(read_layout(t), set()))
        tokenizer = _best(args.rounds, lambda t=text: nlp.tokenizer(t))
        whole = _best(1, lambda t=text: extract(t))
        tokens = len(nlp.tokenizer(text))
        result["sizes"].append({"chars": len(text), "tokens": tokens, "pairing_s": pairing,
                                "tokenizer_s": tokenizer, "extract_s": whole})
        rows.append([f"{len(text):,}", f"{tokens:,}", f"{pairing:.2f}", f"{tokenizer:.2f}",
                     f"{whole:.1f}"])
    print_table("Unclosed quotation marks", ["characters", "tokens", "mark pairing s",
                                             "tokenizer s", "extract s"], rows)
    write_result("bench_marks", result)


if __name__ == "__main__":
    main()
