"""Choose the near-duplicate threshold: precision/recall of MinHash LSH on constructed wire copies.

    PYTHONPATH=src python benchmarks/bench_dedup.py [--stories 1500] [--timing 10000]

Stories are synthetic (Zipf-distributed pseudo-words, seeded, so every run gives the same table).
Positives are wire-copy variants of a story; negatives are other stories that share part of it,
which is what makes real near-duplicate detection hard. Prints one row per threshold, and the
time to index and query ``--timing`` stories.
"""

from __future__ import annotations

import argparse
import itertools
import random
import time

from onrecord.dedup.minhash import Deduplicator, body_hash, signature

SYLLABLES = [c + v for c in "bcdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]


def vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


class Writer:
    """Sentences of Zipf-distributed words: common words repeat across stories, as in news."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.vocab = vocabulary(rng)
        weights = [1 / (rank + 1) ** 1.05 for rank in range(len(self.vocab))]
        self.cumulative = list(itertools.accumulate(weights))

    def sentence(self) -> str:
        k = self.rng.randint(12, 30)
        words = self.rng.choices(self.vocab, cum_weights=self.cumulative, k=k)
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 3)))

    def story(self) -> list[str]:
        return [self.paragraph() for _ in range(self.rng.randint(6, 14))]


def light_edits(writer: Writer, paragraphs: list[str], share: float = 0.03) -> list[str]:
    """A sub-editor's pass: a few words replaced, dropped or inserted."""
    rng, out = writer.rng, []
    for paragraph in paragraphs:
        words = paragraph.split()
        for i in range(len(words)):
            if rng.random() < share:
                words[i] = rng.choice([rng.choice(writer.vocab), ""])
        out.append(" ".join(w for w in words if w))
    return out


def trimmed(writer: Writer, paragraphs: list[str]) -> list[str]:
    """The ending cut to fit: 20-40% of paragraphs gone."""
    keep = max(2, round(len(paragraphs) * writer.rng.uniform(0.6, 0.8)))
    return paragraphs[:keep]


def new_headline(writer: Writer, paragraphs: list[str]) -> list[str]:
    """Another outlet's headline and sign-off around the same body."""
    return [writer.sentence()[:60]] + paragraphs + [f"Reporting by {writer.sentence()[:30]}"]


def same_quotes(writer: Writer, paragraphs: list[str]) -> list[str]:
    """Another story on the same event: two of its paragraphs (quotes), the rest its own."""
    own = writer.story()
    picked = writer.rng.sample(paragraphs, min(2, len(paragraphs)))
    return own[:3] + picked + own[3:]


def follow_up(writer: Writer, paragraphs: list[str]) -> list[str]:
    """A later story repeating the background (first third), with new reporting."""
    return writer.story() + paragraphs[: max(1, len(paragraphs) // 3)]


POSITIVE = {
    "light edits": light_edits,
    "trimmed ending": trimmed,
    "new headline": new_headline,
    "edits + trim": lambda w, p: trimmed(w, light_edits(w, p)),
}
NEGATIVE = {"same quotes": same_quotes, "follow-up": follow_up}
KINDS = list(POSITIVE) + list(NEGATIVE)


def pairs(stories: int, seed: int = 7):
    """(label, kind, original text, variant text) for every story and variant kind."""
    writer = Writer(random.Random(seed))
    for _ in range(stories):
        story = writer.story()
        for kind, make in {**POSITIVE, **NEGATIVE}.items():
            yield kind in POSITIVE, kind, "\n".join(story), "\n".join(make(writer, story))


def scores(stories: int, thresholds: list[float]) -> list[dict]:
    """Index every original, query every variant: a hit on its own original counts as found.

    One row per threshold: precision, recall and the share of each variant kind matched.
    """
    labelled = [(label, kind, signature(a), signature(b)) for label, kind, a, b in pairs(stories)]
    originals = {n // len(KINDS): minhash for n, (_, _, minhash, _) in enumerate(labelled)}
    rows = []
    for threshold in thresholds:
        index = Deduplicator(threshold)
        for number, minhash in originals.items():
            index.add(str(number), f"hash-{number}", minhash)
        found = dict.fromkeys(KINDS, 0)
        wrong = 0  # a positive matched to another story is a false positive too
        for n, (_, kind, _, variant) in enumerate(labelled):
            match = index.find("-", variant)
            if match is not None:
                own = match.doc_id == str(n // len(KINDS))
                found[kind] += own
                wrong += not own
        tp = sum(found[k] for k in POSITIVE)
        fp = sum(found[k] for k in NEGATIVE) + wrong
        rows.append({
            "threshold": threshold, "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (stories * len(POSITIVE)),
            "matched": {k: found[k] / stories for k in KINDS},
        })
    return rows


def evaluate(stories: int, thresholds: list[float]) -> None:
    """Print ``scores`` as a table."""
    rows = scores(stories, thresholds)
    print(f"{stories * len(KINDS)} pairs from {stories} stories; "
          "cells: share of variants matched\n")
    columns = " ".join(f"{k:>14}" for k in KINDS)
    header = f"{'threshold':>9} {'precision':>9} {'recall':>6} {columns}"
    print(header)
    print("-" * len(header))
    for row in rows:
        rates = " ".join(f"{row['matched'][k]:>14.3f}" for k in KINDS)
        print(f"{row['threshold']:>9.2f} {row['precision']:>9.3f} {row['recall']:>6.3f} {rates}")


def timing(count: int) -> None:
    writer = Writer(random.Random(11))
    texts = ["\n".join(writer.story()) for _ in range(count)]
    start = time.perf_counter()
    index = Deduplicator()
    duplicates = 0
    for number, text in enumerate(texts):
        hashed, minhash = body_hash(text), signature(text)
        if index.find(hashed, minhash):
            duplicates += 1
        else:
            index.add(str(number), hashed, minhash)
    seconds = time.perf_counter() - start
    print(f"\n{count} stories hashed, queried and indexed in {seconds:.1f} s "
          f"({count / seconds:.0f}/s, {duplicates} false duplicates)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1500)
    parser.add_argument("--timing", type=int, default=10000)
    args = parser.parse_args()
    evaluate(args.stories, [0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9])
    if args.timing:
        timing(args.timing)


if __name__ == "__main__":
    main()
