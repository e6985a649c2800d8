"""Judging the speaker ranker against the rules (``onrecord.eval.speakers``) on invented gold
articles: the same quotations, the same scorer, cross-validated by article."""

from __future__ import annotations

from onrecord.actors.speakers import SpeakerModel
from onrecord.eval.gold import GoldArticle, GoldQuote, piece_spans
from onrecord.eval.speakers import collect, cross_validate, judge

_TEXT = (
    "Dana Kroll, the harbour master, said on Monday that the pier would stay shut.\n"
    "Robin Hale, a ferry captain, arrived on Tuesday.\n"
    "“We cannot wait another month,” he said."
)


def _article(article_id: str, speaker: str) -> GoldArticle:
    """The invented article, its second quotation said (by the gold) by ``speaker``."""
    quotes = (
        GoldQuote("indirect", tuple(piece_spans(_TEXT, ["the pier would stay shut"])), "said",
                  "Dana Kroll"),
        GoldQuote("direct", tuple(piece_spans(_TEXT, ["We cannot wait another month,"])),
                  "said", speaker),
    )
    return GoldArticle(article_id, _TEXT, quotes)


def test_each_matched_quotation_is_a_choice_labelled_by_the_scorer() -> None:
    choices, counts = collect([_article("a", "Dana Kroll")])
    assert counts == {"a": 2}
    second = choices[1]
    assert second.gold == "Dana Kroll"
    # The rules take "he" for Robin Hale, the gold says Dana Kroll: another candidate is right.
    assert second.names[second.rule] == "Robin Hale" and not second.right[second.rule]
    assert second.right[second.names.index("Dana Kroll")]


def test_rules_and_ranker_are_counted_on_the_same_quotations() -> None:
    choices, counts = collect([_article("a", "Dana Kroll")])
    judged = judge(SpeakerModel({"previous_speaker": 20.0}), choices, 2, 1)
    assert (judged.pairs, judged.rules, judged.model, judged.reachable) == (2, 1, 2, 2)


def test_cross_validation_judges_each_article_by_a_model_not_fitted_on_it() -> None:
    # Two articles that teach opposite things: fitted on one, the other is got wrong.
    articles = [_article("a", "Dana Kroll"), _article("b", "Robin Hale")]
    choices, counts = collect(articles)
    runs = cross_validate(choices, counts, [], folds=2, l2=0.1)
    assert [run.articles for run in runs] == [1, 1]
    assert sum(run.rules for run in runs) == 3  # the rules get article b's "he" right
    assert sum(run.model for run in runs) == 2  # each fold learns the other article's answer
