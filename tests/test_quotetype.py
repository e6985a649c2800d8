"""The quotation-type model: what a quotation does, learned from its cue and words."""

from __future__ import annotations

from onrecord.events import quotetype
from onrecord.events.confidence import ConfidenceModel, Signals, weigh
from onrecord.model import Event, Quote


def _quote(cue: str, content: str, qid: str = "q1") -> Quote:
    return Quote(id=qid, kind="indirect", content=content, spans=[(0, len(content))], cue=cue)


TRAINING = [
    ("accused", "Ruritania of shelling the border villages", "ACCUSE"),
    ("accused", "the rebels of breaking the truce", "ACCUSE"),
    ("blamed", "the navy for the sinking", "ACCUSE"),
    ("urged", "to return to the talks", "REQUEST"),
    ("called on", "the army to withdraw", "REQUEST"),
    ("said", "the weather had been mild this spring", "NONE"),
    ("said", "the harvest would be late", "NONE"),
    ("added", "that the ceremony was moving", "NONE"),
]


def _model() -> quotetype.QuoteTypeModel:
    return quotetype.fit([_quote(c, w) for c, w, _ in TRAINING], [t for _, _, t in TRAINING])


def test_the_cue_says_most_of_what_a_quotation_does():
    model = _model()
    accusation = model.probabilities(_quote("accused", "the militia of looting the port"))
    plain = model.probabilities(_quote("said", "the port would reopen"))
    assert max(accusation, key=accusation.get) == "ACCUSE"
    assert max(plain, key=plain.get) == "NONE"
    assert abs(sum(accusation.values()) - 1.0) < 1e-5


def test_the_model_round_trips_through_its_file(tmp_path):
    model = _model()
    quotetype.save(model, tmp_path / "types.json")
    import json
    again = quotetype.from_json(json.loads((tmp_path / "types.json").read_text("utf-8")))
    quote = _quote("urged", "to open the crossings")
    assert abs(again.probabilities(quote)["REQUEST"] - model.probabilities(quote)["REQUEST"]) \
        < 1e-3


def test_confidence_rises_with_the_learned_probability_of_the_coded_type():
    signals = Signals(type="ACCUSE", basis="words", kind="indirect", source_known=True,
                      target_known=True, agent="none", conditional=False, hedged=False,
                      counterfactual=False)
    confidence = ConfidenceModel(bias=-1.0, weights={"learned": 4.0}, threshold=0.5,
                                 fitted_on="test")
    events = [Event(id="e1", type="ACCUSE", quote_id=q.id).knowing(signals)
              for q in (_quote("accused", "the militia of looting", "q1"),)]
    events.append(Event(id="e2", type="ACCUSE", quote_id="q2").knowing(signals))
    quotes = [_quote("accused", "the militia of looting", "q1"),
              _quote("said", "the harvest would be late", "q2")]
    sure, unsure = weigh(events, quotes, _model(), confidence)
    assert sure.confidence > unsure.confidence
    assert sure.signals.learned > unsure.signals.learned
