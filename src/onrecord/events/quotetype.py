"""The PLOVER type a quotation reports, learned from real news annotated by the guide.

The rules code types from trigger words, which on news written by others fire on words that
only describe ("a support movement", "the president's war"). What a journalist's quotation does
is mostly said by its cue ("accused", "urged", "rejected", "warned") and a few content words;
a multinomial logistic regression over those (bag of words, no embeddings: it costs nothing at
run time) gives the probability of each type, ``NONE`` included. The confidence model
(``events.confidence``) weighs the rules' type by it.

Fitted on the real-news dev split (``onrecord eval events --gold data/realnews/dev
--fit-confidence``): quotations the extractor found that strictly match a gold one, labelled
with the gold quotation's first event type or ``NONE``. Weights in ``data/quote_types.json``
(derived from our annotations of Wikinews, CC BY 2.5, and VOA, public domain).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from onrecord.datafiles import read_shipped_json
from onrecord.events.lexicon import lexicon
from onrecord.learning import design, feature_index, fit_softmax, softmax
from onrecord.model import Quote

MODEL_FILE = "quote_types.json"
NONE = "NONE"
# Strong: with a few hundred quotations, most words are seen once or twice.
L2 = 3.0
# The cue's words weigh more than any one word of the content.
CUE_WEIGHT = 2.0
_WORD = re.compile(r"[a-z]+")


def quote_features(quote: Quote) -> dict[str, float]:
    """What the model reads of a quotation: its cue's words, its content's words, its kind,
    and whether it carries a condition, a negation or an addressee."""
    cue = _WORD.findall((quote.cue or "").lower())
    features = {f"cue:{w}": CUE_WEIGHT for w in cue} or {"cue:none": 1.0}
    features[f"kind:{quote.kind}"] = 1.0
    for word in set(_WORD.findall(quote.content.lower())) - lexicon().stopwords:
        features[f"w:{word}"] = 1.0
    for name, on in (("condition", quote.condition), ("negated", quote.negated),
                     ("addressee", quote.addressee)):
        if on:
            features[name] = 1.0
    return features


@dataclass(frozen=True)
class QuoteTypeModel:
    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray
    fitted_on: str

    def probabilities(self, quote: Quote) -> dict[str, float]:
        x = design([quote_features(quote)], self.vocabulary, np.float32)
        p = softmax(x @ self.weights + self.bias)[0]
        return {label: float(p[i]) for i, label in enumerate(self.labels)}

    def to_json(self) -> dict:
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {"fitted_on": self.fitted_on, "labels": list(self.labels), "features": names,
                "weights": np.round(self.weights, 4).tolist(),
                "bias": np.round(self.bias, 4).tolist()}


def fit(quotes: Sequence[Quote], labels: Sequence[str], fitted_on: str = "") -> QuoteTypeModel:
    rows = [quote_features(q) for q in quotes]
    vocabulary = feature_index(rows)
    x = design(rows, vocabulary, np.float32)
    names, w, b = fit_softmax(x, list(labels), L2)
    return QuoteTypeModel(names, vocabulary, w, b, fitted_on)


def from_json(data: dict) -> QuoteTypeModel:
    return QuoteTypeModel(tuple(data["labels"]),
                          {name: i for i, name in enumerate(data["features"])},
                          np.array(data["weights"], dtype=np.float32),
                          np.array(data["bias"], dtype=np.float32), data["fitted_on"])


def save(model: QuoteTypeModel, path: Path) -> None:
    path.write_text(json.dumps(model.to_json()) + "\n", "utf-8")


@lru_cache(maxsize=1)
def shipped_model() -> QuoteTypeModel | None:
    """The model shipped in ``data/``, or ``None`` before one has been fitted."""
    data = read_shipped_json(MODEL_FILE)
    return None if data is None else from_json(data)
