"""The extractor on the shipped gold set: the README's figures must not silently regress.

Thresholds are the issue's acceptance bars (strict quote F1 and speaker accuracy ≥ 0.95);
`onrecord eval` prints the full table.
"""

from __future__ import annotations

from onrecord.eval.gold import load_gold_dir
from onrecord.eval.metrics import evaluate
from onrecord.pipeline import ArticleText, extract_many


def test_gold_set_meets_the_acceptance_bars():
    gold = load_gold_dir()
    assert len(gold) >= 30
    predicted = list(extract_many(ArticleText(text=a.text, doc_id=a.id) for a in gold))
    report = evaluate(gold, predicted)
    strict = report.detection["strict"]
    assert strict.f1 >= 0.95, strict
    assert report.speaker_accuracy >= 0.95, report.speaker_accuracy
