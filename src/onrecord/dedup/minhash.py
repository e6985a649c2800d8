"""Finding copies of an article already seen: the same body, or a lightly edited wire copy.

Calibration: ``PYTHONPATH=src python benchmarks/bench_dedup.py`` (1,500 synthetic stories, 9,000
labelled pairs): wire-copy variants (light edits, trimmed endings, new headline, edits + trim)
against hard negatives (another story re-using two of its quote paragraphs; a follow-up repeating
its background). Precision / recall by threshold:

    0.30  0.999 / 0.999   (first false matches: negatives reach ~0.3)
    0.40  1.000 / 0.984   <- chosen: best recall with no false match
    0.50  1.000 / 0.920   (trimmed + edited copies start to be missed)
    0.60  1.000 / 0.769

Word 3-shingles: one changed word breaks three shingles, not five, so light edits stay close.
Re-run the benchmark after changing any constant here.

Speed (``benchmarks/bench_ingest.py``): signatures are computed here with numpy rather than by
``MinHash.update_batch`` (CRC-32 per shingle, then datasketch's affine32 permutations on the whole
array at once), and the LSH index is a set of band dictionaries over a matrix of signatures rather
than ``MinHashLSH``'s per-band slicing. Both give bit-identical results: the same hash values as
datasketch (``tests/test_dedup.py`` checks it), so stored signatures stay comparable, and the
same bands and rows as ``MinHashLSH`` for the threshold, so the same candidates.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from onrecord.normalise import caseless

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 128
SHINGLE_WORDS = 3
THRESHOLD = 0.4
# A fixed seed: signatures are stored, so they must be comparable across runs and machines.
_SEED = 1
# 32-bit values (stored as uint32); pinned so a datasketch upgrade cannot change the scheme.
_SCHEME = "affine32"
_WORD = re.compile(r"\w+")
_EMPTY = np.iinfo(np.uint32).max  # the value of every slot of a text with no words
# Shingles permuted per numpy pass: 8,192 x 128 slots x 4 bytes = 4 MB, so a huge page cannot
# allocate hundreds of MB at once; news articles (under 2,000 words) take one pass.
_CHUNK = 8192

@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The permutations (a, b) datasketch derives from the seed, taken from datasketch itself
    (imported on first use: with SciPy, it costs a second of every command's start-up)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


# MurmurHash3's 32-bit finalizer, which datasketch's affine32 scheme applies before permuting.
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)


def words(text: str) -> list[str]:
    """The text's words, case-folded, after the normalisation cleaning applies.

    ASCII text skips ``normalise``: NFC and the invisible characters it drops are non-ASCII, and
    collapsing spaces does not change where ``\\w+`` words begin and end (the same words, faster).
    """
    if text.isascii():
        return _WORD.findall(text.lower())
    return _WORD.findall(caseless(text))


def body_hash(text: str, split: list[str] | None = None) -> str:
    """SHA-1 of the body's words (case, punctuation and spacing ignored): exact-copy identity.

    ``split`` is ``words(text)`` when the caller already has it.
    """
    split = words(text) if split is None else split
    return hashlib.sha1(" ".join(split).encode("utf-8")).hexdigest()


def shingle_hashes(split: list[str]) -> np.ndarray:
    """CRC-32 of every word 3-shingle (the whole text when shorter), repeats included.

    Repeats do not change a minimum, so no set is built.
    """
    size = min(SHINGLE_WORDS, len(split))
    if size == 0:
        return np.empty(0, dtype=np.uint32)
    grams = map(" ".join, zip(*(split[i:] for i in range(size)), strict=False))
    count = len(split) - size + 1
    return np.fromiter(map(zlib.crc32, map(str.encode, grams)), dtype=np.uint32, count=count)


def _fmix32(values: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2 = _FMIX
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    return values ^ (values >> s1)


def minhash_values(hashes: np.ndarray) -> np.ndarray:
    """The NUM_PERM minimum permuted hashes of a text's shingle hashes (uint32, wrapping)."""
    values = np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    a, b = _permutations()
    for start in range(0, len(hashes), _CHUNK):
        mixed = _fmix32(hashes[start : start + _CHUNK])[:, None]
        np.minimum(values, (mixed * a + b).min(axis=0), out=values)
    return values


@dataclass(frozen=True)
class Fingerprint:
    """What de-duplication keeps of a text: its body hash and its MinHash values."""

    body_hash: str
    values: np.ndarray  # uint32[NUM_PERM]


def fingerprint(text: str) -> Fingerprint:
    """Body hash and MinHash values of one text, its words split once for both."""
    split = words(text)
    return Fingerprint(body_hash(text, split), minhash_values(shingle_hashes(split)))


def _as_minhash(values: np.ndarray) -> MinHash:
    from datasketch import MinHash

    return MinHash(
        num_perm=NUM_PERM, seed=_SEED, hashfunc=_crc32, scheme=_SCHEME, hashvalues=values,
        permutations=np.array(_permutations()),
    )


def signature(text: str) -> MinHash:
    """MinHash of the text's word shingles (stable across processes: CRC-32 and a fixed seed)."""
    return _as_minhash(minhash_values(shingle_hashes(words(text))))


def _values(minhash: MinHash | np.ndarray) -> np.ndarray:
    return np.asarray(getattr(minhash, "hashvalues", minhash), dtype=np.uint32)


def to_bytes(minhash: MinHash | np.ndarray) -> bytes:
    """Compact storage form: the hash values as little-endian uint32 (they are 32-bit)."""
    return _values(minhash).astype("<u4").tobytes()


def values_from_bytes(data: bytes) -> np.ndarray:
    """The MinHash values of a stored signature."""
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def from_bytes(data: bytes) -> MinHash:
    return _as_minhash(values_from_bytes(data))


@dataclass(frozen=True)
class Match:
    """The canonical article a new text copies: ``exact`` (same body) or ``near`` (wire copy)."""

    doc_id: str
    kind: str
    similarity: float


class Deduplicator:
    """The articles kept so far, searchable by body hash and by MinHash similarity.

    LSH banding: a text is a candidate copy of every kept text that has one band (``rows``
    consecutive values) exactly equal; candidates are then kept when their estimated Jaccard
    similarity (share of equal values) reaches ``threshold``. Bands and rows are datasketch's
    optimum for the threshold, so candidates are the ones ``MinHashLSH`` would return.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._band_bytes = lsh.r * 4
        self._tables: list[dict[bytes, list[int]]] = [{} for _ in range(lsh.b)]
        self._hashes: dict[str, str] = {}
        self._rows: dict[str, int] = {}
        self._ids: list[str] = []
        self._matrix = np.empty((1024, NUM_PERM), dtype=np.uint32)

    def __len__(self) -> int:
        return len(self._ids)

    def _bands(self, values: np.ndarray) -> list[bytes]:
        raw, step = values.astype("<u4").tobytes(), self._band_bytes
        return [raw[i * step : (i + 1) * step] for i in range(len(self._tables))]

    def find(self, hashed: str, minhash: MinHash | np.ndarray) -> Match | None:
        """The best earlier article this one copies, if any (ties: the earliest kept)."""
        if (doc_id := self._hashes.get(hashed)) is not None:
            return Match(doc_id, "exact", 1.0)
        values = _values(minhash)
        candidates: set[int] = set()
        for table, key in zip(self._tables, self._bands(values), strict=True):
            if rows := table.get(key):
                candidates.update(rows)
        if not candidates:
            return None
        rows = np.fromiter(sorted(candidates), dtype=np.intp, count=len(candidates))
        similarity = np.count_nonzero(self._matrix[rows] == values, axis=1) / NUM_PERM
        best = int(np.argmax(similarity))
        if similarity[best] < self.threshold:
            return None
        return Match(self._ids[rows[best]], "near", round(float(similarity[best]), 3))

    def add(self, doc_id: str, hashed: str, minhash: MinHash | np.ndarray) -> None:
        """Keep ``doc_id`` as a canonical article later texts are compared with."""
        if doc_id in self._rows:
            return
        self._hashes.setdefault(hashed, doc_id)
        row = len(self._ids)
        if row == len(self._matrix):
            self._matrix = np.concatenate([self._matrix, np.empty_like(self._matrix)])
        values = _values(minhash)
        self._matrix[row] = values
        self._rows[doc_id] = row
        self._ids.append(doc_id)
        for table, key in zip(self._tables, self._bands(values), strict=True):
            table.setdefault(key, []).append(row)
