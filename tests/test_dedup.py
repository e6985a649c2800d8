import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from onrecord.dedup.minhash import (
    NUM_PERM,
    Deduplicator,
    _crc32,
    body_hash,
    fingerprint,
    from_bytes,
    signature,
    to_bytes,
    words,
)

TEXTS = [
    "",
    "Alone",
    "Two words",
    "The minister said  that the talks were \u201cdead in the water\u201d after the strike.",
    # NFC, a soft hyphen, case folding of \u00df and accents, a dash:
    "Gr\u00f6\u00dfe \u00fcber\u00adall, STRA\u00dfE \u00c9t\u00e9 \u2014 e\u0301te\u0301. " * 40,
    "word " * 20000,  # longer than one numpy pass
]


def _datasketch_signature(text: str) -> np.ndarray:
    """The signature as first stored: datasketch's own MinHash over the set of shingles."""
    split = words(text)
    size = min(3, len(split)) or 1
    shingles = {" ".join(split[i : i + size]).encode() for i in range(len(split) - size + 1)}
    minhash = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_crc32, scheme="affine32")
    if shingles:
        minhash.update_batch(list(shingles))
    return minhash.hashvalues


@pytest.mark.parametrize("text", TEXTS)
def test_signatures_are_those_datasketch_computes(text):
    """Stored signatures stay comparable: the numpy path gives datasketch's exact values."""
    expected = _datasketch_signature(text)
    assert np.array_equal(signature(text).hashvalues, expected)
    assert np.array_equal(fingerprint(text).values, expected)
    assert np.array_equal(from_bytes(to_bytes(signature(text))).hashvalues, expected)


def test_ascii_shortcut_splits_words_as_normalised_text_does():
    assert words("The  Minister\tsaid:\n\u201cNo.\u201d") == ["the", "minister", "said", "no"]
    assert words("ABC-def 12") == ["abc", "def", "12"]
    assert words("co\u00adoperation") == ["cooperation"]  # the soft hyphen is dropped first
    assert body_hash("The  minister, said.") == body_hash("the minister said")


def _story(seed: int, length: int = 300) -> str:
    rng = np.random.default_rng(seed)
    return " ".join(f"w{n}" for n in rng.integers(0, 5000, length))


def test_index_finds_the_candidates_minhashlsh_finds():
    texts = [_story(n) for n in range(40)]
    # Copies of story 0 sharing less and less of it: some above the threshold, some below.
    texts += [" ".join(texts[0].split()[:keep] + texts[k].split()[keep:]) for k, keep in
              [(1, 280), (2, 230), (3, 180), (4, 130), (5, 80)]]
    index, lsh = Deduplicator(), MinHashLSH(threshold=0.4, num_perm=NUM_PERM)
    for n, text in enumerate(texts[:40]):
        index.add(str(n), body_hash(text), signature(text))
        lsh.insert(str(n), signature(text))
    for text in texts[40:]:
        minhash = signature(text)
        expected = [k for k in lsh.query(minhash)
                    if minhash.jaccard(signature(texts[int(k)])) >= 0.4]
        match = index.find(body_hash(text), minhash)
        assert (match.doc_id if match else None) == (max(
            expected, key=lambda k: minhash.jaccard(signature(texts[int(k)]))
        ) if expected else None)
    assert index.find(body_hash(texts[40]), signature(texts[40])).doc_id == "0"


def test_exact_copy_by_hash_and_index_grows_past_its_first_block():
    index = Deduplicator()
    for n in range(1500):
        text = _story(n, 40)
        index.add(str(n), body_hash(text), fingerprint(text).values)
        index.add(str(n), body_hash(text), fingerprint(text).values)  # added twice: kept once
    assert len(index) == 1500
    copy = _story(1234, 40).upper()
    assert index.find(body_hash(copy), signature(copy)).kind == "exact"
    assert index.find(body_hash("new"), signature("new")) is None
