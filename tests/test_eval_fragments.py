"""Fitting and cross-validating the quoted-words judge (``onrecord.eval.fragments``)."""

from __future__ import annotations

import pytest

from onrecord.eval.fragments import fit, folds_of
from onrecord.eval.gold import GoldArticle


def test_fit_learns_which_features_mean_the_marked_words_alone():
    rows = [{"lemma:call": 1.0, "clause_dep:dobj": 1.0}] * 6 \
        + [{"lemma:say": 1.0, "clause:own_subject": 1.0}] * 6
    model = fit(rows, [True] * 6 + [False] * 6)
    assert model.marked_only({"lemma:call": 1.0, "clause_dep:dobj": 1.0})
    assert not model.marked_only({"lemma:say": 1.0, "clause:own_subject": 1.0})
    assert model.weights["lemma:call"] > 0 > model.weights["lemma:say"]


def test_fit_refuses_clauses_of_one_reading_only():
    with pytest.raises(ValueError, match="both readings"):
        fit([{"lemma:call": 1.0}] * 3, [True] * 3)


def test_folds_split_the_articles_once_each():
    articles = [GoldArticle(id=f"a{i}", text="x", quotes=()) for i in range(11)]
    folds = folds_of(articles, 5)
    assert len(folds) == 5
    assert sorted(i for fold in folds for i in fold) == sorted(a.id for a in articles)
    assert folds == folds_of(list(reversed(articles)), 5)
