"""De-duplication (``onrecord.dedup``): exact copies by body hash, wire copies by MinHash LSH."""

from onrecord.dedup.minhash import (
    NUM_PERM,
    SHINGLE_WORDS,
    THRESHOLD,
    Deduplicator,
    Match,
    body_hash,
    signature,
)

__all__ = [
    "NUM_PERM", "SHINGLE_WORDS", "THRESHOLD", "Deduplicator", "Match", "body_hash", "signature",
]
