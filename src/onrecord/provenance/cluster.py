"""Grouping quotations that report the same words, across articles (``cluster_quotes``).

Not article de-duplication (``onrecord.dedup``): two different articles quote one statement,
each trimming, re-punctuating or cutting it to a phrase. Words are compared after case, accents
and punctuation are dropped, as word 2-shingles (a partial quote of four words still has three).
A mixed quotation contributes only its words inside quotation marks: the rest is the writer's.
An ellipsis ("...", "…", "[...]") splits a quotation into parts no shingle spans.

Two quotations join when, on their shingle sets,
- their Jaccard similarity is at least ``NEAR_JACCARD`` (edited copies of about the same length;
  candidates from MinHash LSH, then the exact Jaccard decides), or
- at least ``CONTAINMENT`` of the shorter one's shingles are in the longer one (trimmed and
  partial quotes; candidates from a prefix-filtered inverted index of shingles, rarest first,
  then the exact containment decides).

Both need ``MIN_WORDS`` words in the shorter quotation: shorter ones ("a red line", "No
comment") are said by everyone and join nothing. A partial quote of fewer than ``AMBIGUOUS_WORDS``
words contained in quotations of two different groups joins neither (a stock phrase of two
statements must not merge them).

Calibration: ``PYTHONPATH=src python benchmarks/bench_provenance.py --calibrate`` on synthetic
statements with their variants (exact, re-punctuated, trimmed, one word edited, partial phrases)
and hard negatives (other statements sharing stock phrases); the table is in that script's
docstring. Re-run it, and ``onrecord eval provenance``, after changing any constant here.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np

from onrecord.normalise import fold

# Shorter quotations join nothing, so a 3-word stock phrase ("we will respond") alone never
# links two statements, while a 4-word partial ("dead in the water") still joins. The benchmark
# cannot tell 3 from 4 (its partials are 4+ words); 5 drops pair recall from 0.976 to 0.932.
MIN_WORDS = 4
# Jaccard of 2-shingle sets for edited copies (one changed word in a 10-word quote gives 0.64).
# Flat in the benchmark: 0.4 / 0.5 / 0.6 give pair P 0.997 / 0.997 / 0.998, R 0.977 / 0.976 /
# 0.973; the middle is kept.
NEAR_JACCARD = 0.5
# Edited copies must also share this many shingles: two 4-word quotes that share a 3-word stock
# phrase ("we will respond") have Jaccard 0.5 and are not the same words.
NEAR_MIN_SHARED = 5
# Share of a shorter quote's shingles found in a longer one: 0.8 lets a partial quote differ by
# one word in five and still join. Benchmark: 0.7 / 0.8 / 0.9 give pair P 0.996 / 0.997 / 0.998,
# R 0.977 / 0.976 / 0.976.
CONTAINMENT = 0.8
# Partial quotes at least this long that sit in two groups merge them (a long passage shared
# by two groups is one statement); shorter ones are stock phrases and join neither. Set by hand
# (not varied in the benchmark, whose statements never share 8 words).
AMBIGUOUS_WORDS = 8
# A shingle in more than this share of the distinct quotations (and at least COMMON_MIN of them)
# is a stock phrase ("we will", "of the"): joining needs RARE_SHARED shared shingles besides
# those, or a chain of stock phrases plus common words links unrelated statements (the
# 100k benchmark's pair precision rose from 0.301 to 0.982 with this rule; the values are the
# first tried, not tuned).
COMMON_SHARE = 0.005
COMMON_MIN = 20
RARE_SHARED = 2
# MinHash: 64 values in 21 bands of 3 rows puts the LSH threshold at (1/21)^(1/3) = 0.36, below
# NEAR_JACCARD, so a pair at 0.5 becomes a candidate with probability 0.94 (verified exactly).
NUM_PERM = 64
BANDS, ROWS = 21, 3
_SEED = 1

_WORD = re.compile(r"\w+")
_ELLIPSIS = re.compile(r"\[\s*(?:\.\s*){2,}\]|\[\s*…\s*\]|(?:\.\s*){3,}|…")
_DOUBLE = re.compile(r"[“\"«„]([^”\"»“]+)[”\"»“]")
_SINGLE = re.compile(r"(?:^|(?<=\W))[‘']([^’']+)[’'](?=\W|$)")

Parts = tuple[tuple[str, ...], ...]


def words(text: str) -> list[str]:
    """Lower-case words without accents or punctuation: what "the same words" compares."""
    return _WORD.findall(fold(text))


def quoted_words(kind: str, content: str) -> Parts:
    """The words a quotation attributes to its speaker, as parts split at ellipses.

    Direct and indirect quotations give all of their content; a mixed one only its fragments
    inside quotation marks (the rest is the writer's paraphrase), when it has any.
    """
    pieces = [content]
    if kind == "mixed":
        pieces = _DOUBLE.findall(content) or _SINGLE.findall(content) or [content]
    parts = []
    for piece in pieces:
        for part in _ELLIPSIS.split(piece):
            found = words(part)
            if found:
                parts.append(tuple(found))
    return tuple(parts)


def word_count(parts: Parts) -> int:
    return sum(len(part) for part in parts)


def shingles(parts: Parts) -> set[str]:
    """Word 2-shingles of each part (a one-word part is its own shingle)."""
    found = set()
    for part in parts:
        if len(part) == 1:
            found.add(part[0])
        found.update(f"{a} {b}" for a, b in zip(part, part[1:], strict=False))
    return found


def containment(inner: set[str], outer: set[str]) -> float:
    """Share of ``inner``'s shingles that are in ``outer``."""
    return len(inner & outer) / len(inner) if inner else 0.0


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """Multiply-shift hash functions ((a·x + b) mod 2^64) >> 32, a odd, from a fixed seed."""
    rng = np.random.default_rng(_SEED)
    a = rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
    return a, b


def minhash_signatures(sets: Sequence[Sequence[int]]) -> np.ndarray:
    """MinHash of every set of 32-bit shingle hashes at once: (len(sets), NUM_PERM) uint32.

    Vectorised over all shingles of all sets (datasketch builds one object per set, about ten
    times slower at 100k quotations). Every set must be non-empty.
    """
    lengths = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
    flat = np.fromiter((h for s in sets for h in s), dtype=np.uint64, count=int(lengths.sum()))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    a, b = _permutations()
    out = np.empty((len(sets), NUM_PERM), dtype=np.uint32)
    chunk = max(1, 2**24 // max(1, len(flat)))  # keep each (chunk, shingles) block near 128 MB
    with np.errstate(over="ignore"):
        for lo in range(0, NUM_PERM, chunk):
            hi = min(NUM_PERM, lo + chunk)
            values = (a[lo:hi, None] * flat[None, :] + b[lo:hi, None]) >> np.uint64(32)
            out[:, lo:hi] = np.minimum.reduceat(values, starts, axis=1).T
    return out


def _lsh_pairs(signatures: np.ndarray) -> set[tuple[int, int]]:
    """Pairs of rows that agree on all values of at least one band."""
    pairs: set[tuple[int, int]] = set()
    mix = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9][:ROWS],
                   dtype=np.uint64)
    with np.errstate(over="ignore"):
        for band in range(BANDS):
            block = signatures[:, band * ROWS:(band + 1) * ROWS].astype(np.uint64)
            keys = (block * mix).sum(axis=1)  # collisions only add candidates, checked later
            order = np.argsort(keys, kind="stable")
            ordered = keys[order]
            same = np.flatnonzero(ordered[1:] == ordered[:-1]).tolist()
            members: list[int] = []
            for n, i in enumerate(same):  # runs of equal keys
                if n and i != same[n - 1] + 1:
                    _add_run(pairs, members)
                    members = []
                if not members:
                    members.append(int(order[i]))
                members.append(int(order[i + 1]))
            _add_run(pairs, members)
    return pairs


def _add_run(pairs: set[tuple[int, int]], members: list[int]) -> None:
    members = sorted(members)
    pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1:])


def cluster_parts(texts: Sequence[Parts]) -> list[int]:
    """A group label per text (equal labels: the same words); labels are 0, 1, 2, ... in
    order of each group's first text."""
    distinct: dict[Parts, int] = {}
    of_text = [distinct.setdefault(t, len(distinct)) for t in texts]
    keys = list(distinct)
    sizes = [word_count(k) for k in keys]
    vocabulary: dict[str, int] = {}
    sets = [{vocabulary.setdefault(s, len(vocabulary)) for s in shingles(k)} for k in keys]
    groups = _UnionFind(len(keys))
    eligible = [i for i, size in enumerate(sizes) if size >= MIN_WORDS and sets[i]]
    frequency = np.zeros(len(vocabulary), dtype=np.int64)
    for i in eligible:
        frequency[list(sets[i])] += 1
    common = set(np.flatnonzero(frequency > max(COMMON_MIN, COMMON_SHARE * len(eligible))).tolist())
    _join_near(groups, sets, eligible, vocabulary, common)
    _join_contained(groups, sets, sizes, eligible, frequency, common)
    labels: dict[int | tuple[int], int] = {}
    # a text too short to join anything is its own group even when printed identically
    return [labels.setdefault(groups.find(d) if sizes[d] >= MIN_WORDS else (n,), len(labels))
            for n, d in enumerate(of_text)]


def _join_near(groups: _UnionFind, sets: list[set[int]], eligible: list[int],
               vocabulary: dict[str, int], common: set[int]) -> None:
    if len(eligible) < 2:
        return
    hashes = np.array([zlib.crc32(s.encode("utf-8")) for s in vocabulary], dtype=np.uint64)
    signatures = minhash_signatures([hashes[sorted(sets[i])] for i in eligible])
    for x, y in _lsh_pairs(signatures):
        a, b = sets[eligible[x]], sets[eligible[y]]
        both = a & b
        if (len(both) >= NEAR_MIN_SHARED and len(both) >= NEAR_JACCARD * len(a | b)
                and len(both - common) >= RARE_SHARED):
            groups.union(eligible[x], eligible[y])


def _join_contained(groups: _UnionFind, sets: list[set[int]], sizes: list[int],
                    eligible: list[int], frequency: np.ndarray, common: set[int]) -> None:
    """Prefix filter: a container must hold one of the ``n - ceil(CONTAINMENT·n) + 1`` rarest
    shingles of the contained quote, so only those posting lists are read."""
    postings: dict[int, list[int]] = {}
    for i in eligible:
        for s in sets[i]:
            postings.setdefault(s, []).append(i)
    for i in sorted(eligible, key=lambda i: -sizes[i]):
        inner = sets[i]
        rare = inner - common
        if len(rare) < RARE_SHARED:
            continue
        need = int(np.ceil(CONTAINMENT * len(inner) - 1e-9))
        probe = sorted(inner, key=lambda s: frequency[s])[:len(inner) - need + 1]
        roots = set()
        containers = []
        seen = {i}
        for s in probe:
            for j in postings[s]:
                if j in seen:
                    continue
                seen.add(j)
                if (sizes[j] >= sizes[i] and len(inner & sets[j]) >= need
                        and len(rare & sets[j]) >= RARE_SHARED):
                    containers.append(j)
                    roots.add(groups.find(j))
        if len(roots) == 1 or (roots and sizes[i] >= AMBIGUOUS_WORDS):
            for j in containers:
                groups.union(i, j)


__all__ = [
    "AMBIGUOUS_WORDS", "CONTAINMENT", "MIN_WORDS", "NEAR_JACCARD", "NEAR_MIN_SHARED", "Parts",
    "cluster_parts", "containment", "minhash_signatures", "quoted_words", "shingles",
    "word_count", "words",
]
