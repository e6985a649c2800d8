"""onrecord side by side with textacy's ``direct_quotations`` on the same synthetic articles.

Both parse with the same spaCy model and batch size. textacy's time is parse + its quotation
finder; onrecord's is its whole extraction (cleaning, marks, cues, speakers, actors, events).
textacy raises ``ValueError`` on an odd number of quotation marks (a dropped mark, or the
opening-only marks of a multi-paragraph quotation); such an article counts as failed. Prints a
table and writes ``benchmarks/results/bench_textacy.json``.

    PYTHONPATH=src python benchmarks/bench_textacy.py [--articles 300]

textacy 0.13.0 is in the ``bench`` extra (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import time

import spacy
from common import machine, print_table, write_result
from textacy.extract import direct_quotations

from onrecord.eval.synthetic import articles
from onrecord.nlp import MODEL_NAME
from onrecord.pipeline import ArticleText, extract_many

BATCH_SIZE = 32


def run_textacy(texts: list[str]) -> dict:
    nlp = spacy.load(MODEL_NAME)
    start, failed, quotes = time.perf_counter(), 0, 0
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        try:
            quotes += sum(1 for _ in direct_quotations(doc))
        except ValueError:
            failed += 1
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "articles_per_s": len(texts) / seconds, "failed": failed,
            "direct_quotes": quotes}


def run_onrecord(texts: list[str]) -> dict:
    start, direct, quotes = time.perf_counter(), 0, 0
    for article in extract_many((ArticleText(t) for t in texts), batch_size=BATCH_SIZE):
        quotes += len(article.quotes)
        direct += sum(q.kind == "direct" for q in article.quotes)
    seconds = time.perf_counter() - start
    # failed: 0, as onrecord raises on no article (a raise would stop this benchmark)
    return {"seconds": seconds, "articles_per_s": len(texts) / seconds, "failed": 0,
            "direct_quotes": direct, "all_quotes": quotes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    texts = list(articles(args.articles, seed=11))
    run_onrecord(texts[:4])  # load the model, knowledge base and lexicons outside the clock
    result = {"articles": len(texts), "machine": machine(),
              "textacy": run_textacy(texts), "onrecord": run_onrecord(texts)}
    rows = [[name, f"{r['seconds']:.1f}", f"{r['articles_per_s']:.2f}",
             f"{r['failed']} ({100 * r['failed'] / len(texts):.0f}%)", str(r["direct_quotes"]),
             str(r.get("all_quotes", r["direct_quotes"]))]
            for name, r in (("textacy direct_quotations", result["textacy"]),
                            ("onrecord", result["onrecord"]))]
    print_table(f"Quotations in {len(texts)} synthetic articles",
                ["tool", "seconds", "articles/s", "articles failed", "direct quotes",
                 "all quotes"], rows)
    write_result("bench_textacy", result)


if __name__ == "__main__":
    main()
