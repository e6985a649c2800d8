"""Where a reported clause with quoted words ends: the whole clause, or the quoted words
alone. Learned from real news annotated blind.

"He said the reunification “cannot be postponed”" quotes the whole clause; "called the
apology “a cynical stunt”", "accused the government of “appalling” fraud", "praised the
“anonymous heroes” who took part" quote only the words in marks (annotation guide: a
characterisation's content is the quoted words). A verb list decides it badly on copy written
by others: the same verb takes both shapes, and annotators keep the marked words alone after
verbs of blame and praise too. What tells the shapes apart is spread over the cue's lemma,
whether the clause has a subject of its own, where the marked words hang in the parse
(an object, "of"/"as" + object, the clause's predicate) and how much of the clause they fill;
a logistic regression over those weighs them (no embeddings: it costs nothing at run time).

Fitted by ``onrecord eval fragments --fit`` on the shipped gold set and the real-news dev split:
each clause the rules found with marks inside and a gold quotation over it, labelled by
which of the two readings the gold quotation is closer to. Weights in
``data/quote_fragments.json`` (derived from our annotations of Wikinews, CC BY 2.5, and
VOA, public domain); docs/quote-fragments.md has the cross-validated scores.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from onrecord.datafiles import DataFile, read_yaml
from onrecord.quotes.cues import CueSite

MODEL_FILE = "quote_fragments.json"


def _bucket(count: int) -> str:
    return str(count) if count < 3 else "3-5" if count < 6 else "6+"


def fragment_features(site: CueSite, clause: Sequence[Token],
                      marked: Sequence[Token]) -> dict[str, float]:
    """What the model reads of a clause with quoted words: the cue's lemma and whether the
    verb list calls it a characterisation, the clause's own subject, where the marked words
    hang and how much of the clause they fill."""
    key = site.key
    words = [t for t in clause if not (t.is_punct or t.is_space)]
    inside = {t.i for t in marked}
    quoted = [t for t in words if t.i in inside]
    root = site.clause_root
    features = {
        f"lemma:{key.lemma_.lower()}": 1.0,
        f"outside:{_bucket(len(words) - len(quoted))}": 1.0,
        f"quoted:{_bucket(len(quoted))}": 1.0,
        "share_quoted": len(quoted) / max(len(words), 1),
    }
    if site.characterises:
        features["rules:characterises"] = 1.0
    if site.needs_quote:
        features["cue:fragment_verb"] = 1.0
    if site.infinitive:
        features["cue:infinitive"] = 1.0
    if root is not None:
        features[f"clause_dep:{root.dep_}"] = 1.0
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children):
            features["clause:own_subject"] = 1.0
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in root.children):
            features["clause:that"] = 1.0
    if quoted:
        head = min(quoted, key=lambda t: len(list(t.ancestors)))
        features[f"marked_dep:{head.dep_}"] = 1.0
        if head.head.dep_ == "prep":
            features[f"marked_prep:{head.head.lower_}"] = 1.0
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children) or head.pos_ in (
                "VERB", "AUX"):
            features["marked:clause"] = 1.0
        if words and quoted[-1].i == words[-1].i:
            features["marked:ends_clause"] = 1.0
        if words and quoted[0].i == words[0].i:
            features["marked:opens_clause"] = 1.0
    return features


class FragmentModel(DataFile):
    """``data/quote_fragments.json``: the weights of the features and the least probability
    of "the marked words alone" that cuts a clause to them."""

    fitted_on: str
    threshold: float
    bias: float
    weights: dict[str, float]

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value
                            for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-z))

    def marked_only(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= self.threshold


@lru_cache(maxsize=1)
def shipped_fragment_model() -> FragmentModel | None:
    """The model shipped in ``data/``, or ``None`` before one has been fitted."""
    if not resources.files("onrecord.data").joinpath(MODEL_FILE).is_file():
        return None
    return read_yaml(MODEL_FILE, FragmentModel)
