"""How sure the coder is of an event, and when it abstains.

An analyst who sees a leader "threatening" his own state stops trusting the record, so the
default pipeline keeps only events it is sure of. Two layers:

- vetoes from the annotation guide, where the words show the event is not the speaker's act:
  a threat whose doer is another party ("he feared that Iran could strike Israeli cities"),
  a counterfactual ("if I were in Tehran, I would attack");
- a logistic model over what decided the type (``Coded.basis``), the type, the quotation's
  kind, whether the parties resolved and how likely the quotation model
  (``events.quotetype``) finds the type, fitted on the real-news dev split
  (``onrecord eval events --gold data/realnews/dev --fit-confidence src/onrecord/data``); its
  weights and the abstention threshold live in ``data/event_confidence.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml
from spacy.tokens import Token

from onrecord.datafiles import DataFile, read_yaml
from onrecord.events.coding import Coded, cue_type
from onrecord.events.lexicon import Lexicon
from onrecord.events.parties import subjects_of
from onrecord.events.quotetype import QuoteTypeModel
from onrecord.learning import design, feature_index
from onrecord.model import ActorRef, Event, Quote
from onrecord.plover import codebook

CONFIDENCE_FILE = "event_confidence.yaml"
KINDS = ("direct", "indirect", "mixed", "reported")
AGENTS = ("speaker", "other", "none")
L2 = 1.0
STEPS = 2000
LEARNING_RATE = 0.1


@dataclass(frozen=True)
class Signals:
    """What the coder knew when it coded an event: the features the model weighs."""

    type: str
    basis: str
    kind: str  # the quotation's kind, or "reported" for an act the writer reports
    source_known: bool  # the source is a state, body or group, not only a name
    target_known: bool
    agent: str  # who does the act the trigger names: "speaker" (side), "other", "none"
    conditional: bool
    hedged: bool
    counterfactual: bool
    negated: bool = False  # "would not agree", "did not threaten": no event of its type (guide)
    learned: float | None = None  # the quotation model's probability of this type
    cue: str = "none"  # what the reporting verb says of the type: "agrees", "other", "neutral"

    def vetoed(self) -> bool:
        """The words show the event is not the source's own act (annotation guide): a
        counterfactual, a threat by another party, or a material act the speaker only reports
        ("troops were deployed to the border", "the rebels seized the town"): a quotation's
        event is what its speaker does, and a material act is theirs only when their side is
        its doer ("we will send troops")."""
        reported_act = self.type not in codebook().verbal and self.kind != "reported" \
            and self.agent != "speaker"
        return self.counterfactual or reported_act or \
            (self.type == "THREATEN" and self.agent == "other")

    def features(self) -> dict[str, float]:
        names = [f"type={self.type}" if self.type in codebook().types else "type=other",
                 f"basis={self.basis}", f"kind={self.kind}", f"agent={self.agent}",
                 f"basis={self.basis},agent={self.agent}", f"cue={self.cue}"]
        names += [name for name, on in (("source_known", self.source_known),
                                        ("target_known", self.target_known),
                                        ("conditional", self.conditional),
                                        ("hedged", self.hedged),
                                        ("negated", self.negated)) if on]
        values = dict.fromkeys(names, 1.0)
        if self.learned is None:
            values["learned=none"] = 1.0
        else:
            values["learned"] = self.learned
        return values


@dataclass(frozen=True)
class ConfidenceModel:
    bias: float
    weights: dict[str, float]
    threshold: float
    fitted_on: str

    def score(self, signals: Signals) -> float:
        if signals.vetoed():
            return 0.0
        z = self.bias + sum(self.weights.get(name, 0.0) * value
                            for name, value in signals.features().items())
        return round(float(1.0 / (1.0 + np.exp(-z))), 3)


class _ModelFile(DataFile):
    """``data/event_confidence.yaml``, as ``--fit-confidence`` writes it."""

    bias: float
    weights: dict[str, float]
    threshold: float
    fitted_on: str


def load_model(path: Path | None = None) -> ConfidenceModel:
    """The model of ``path``, or the shipped one; a malformed file fails naming itself and
    the line (``DataFileError``)."""
    data = read_yaml(path or CONFIDENCE_FILE, _ModelFile)
    return ConfidenceModel(bias=data.bias, weights=dict(data.weights), threshold=data.threshold,
                           fitted_on=data.fitted_on)


@lru_cache(maxsize=1)
def shipped_model() -> ConfidenceModel:
    return load_model()


def relayed(trigger: Token | None, cue: Token | None, own: set[str], side_of,
            lex: Lexicon) -> bool:
    """A threat the words relay from another named party ("the militia's commander vowed
    that his fighters would strike", said by someone else): a speech act reported above the
    trigger, below the quotation's own cue, whose subject is a noun not of the speaker's side
    (a pronoun that relays, "he warned", may be the speaker)."""
    for word in trigger.ancestors if trigger is not None else ():
        if cue is not None and word.i == cue.i:
            return False
        if word.lemma_.lower() in lex.threat_cues | lex.reporting_verbs:
            subject = next((c for c in word.children if c.dep_ == "nsubj"), None)
            return subject is not None and subject.pos_ in ("NOUN", "PROPN") \
                and not any(c.dep_ == "poss" and lex.is_first_person(c)
                            for c in subject.children) and side_of(subject) not in own
    return False


def agent_of(trigger: Token | None, own: set[str], side_of, lex: Lexicon) -> str:
    """Who the trigger says will act: the speaker's side ("we", "our capital and its ally",
    the speaker's own state), another party ("Iran could strike"), or nobody named ("such a
    strike would bring", "it will respond"). ``side_of`` maps a token to a party's side; a
    trigger the subject suffers ("Germany will pay a price") names the target as its
    subject. "The enemy" is never the speaker's side, named or not ("the enemy could
    strike at any moment")."""
    if trigger is None:
        return "none"
    if trigger.lemma_.lower() in lex.suffered_by_subject:
        return "speaker"
    sides = []
    for subject in subjects_of(trigger):
        if lex.is_first_person(subject):
            return "speaker"
        if subject.lemma_.lower() in lex.hostile_words:
            return "other"
        sides.append(side_of(subject))
    if any(s in own for s in sides if s is not None):
        return "speaker"
    return "other" if any(s is not None for s in sides) else "none"


def known(ref: ActorRef | None) -> bool:
    return ref is not None and (ref.actor_id is not None or ref.country is not None)


def cue_says(cue: Token | None, event_type: str, lex: Lexicon) -> str:
    """Whether the reporting verb names the act the words were coded as: "warned" a threat,
    "accused" an accusation ("agrees"); another act ("other"); or only speech, "said"
    ("neutral"). Journalists choose the cue for what the speaker did."""
    if cue is None:
        return "none"
    cued = (cue_type(cue, lex) or "").partition("/")[0]
    if cued == event_type or (event_type == "THREATEN" and cue.lemma_.lower() in lex.threat_cues):
        return "agrees"
    return "other" if cued else "neutral"


def signals(coded: Coded, kind: str, source: ActorRef | None, target: ActorRef | None,
            agent: str, condition: str | None, hedged: bool, negated: bool,
            counterfactuals: Iterable[str], cue: str = "none") -> Signals:
    lowered = (condition or "").lower()
    return Signals(type=coded.type, basis=coded.basis, kind=kind, cue=cue,
                   source_known=known(source), target_known=known(target), agent=agent,
                   conditional=condition is not None, hedged=hedged, negated=negated,
                   counterfactual=any(lowered.startswith(c) for c in counterfactuals))


def learned(signals: Signals, event: Event, quotes: dict[str, Quote],
            types: QuoteTypeModel) -> Signals:
    """``signals`` with the quotation model's probability of the event's type (an act the
    writer reports has no quotation of its own to read)."""
    quote = quotes.get(event.quote_id or "")
    if quote is None or signals.kind == "reported":
        return signals
    return replace(signals, learned=types.probabilities(quote).get(event.type, 0.0))


def weigh(events: Sequence[Event], quotes: Sequence[Quote], types: QuoteTypeModel | None,
          model: ConfidenceModel) -> list[Event]:
    """The events with what the quotation model says of their type, and their confidence."""
    by_id = {q.id: q for q in quotes}
    weighed = []
    for event in events:
        signals = event.signals
        if signals is not None and types is not None:
            signals = learned(signals, event, by_id, types)
        confidence = model.score(signals) if signals is not None else event.confidence
        weighed.append(event.model_copy(update={"confidence": confidence}).knowing(signals))
    return weighed


def fit(examples: Sequence[Signals], correct: Sequence[bool]) -> tuple[float, dict[str, float]]:
    """L2-regularised logistic regression (full-batch gradient descent, NumPy only) of
    whether a coded event is right, over the events no veto removed."""
    kept = [(s, y) for s, y in zip(examples, correct, strict=True) if not s.vetoed()]
    rows = [s.features() for s, _ in kept]
    index = feature_index(rows)
    names = list(index)
    x = design(rows, index)
    y = np.array([float(c) for _, c in kept])
    w, b = np.zeros(len(names)), 0.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad = x.T @ (p - y) / len(y) + L2 * w / len(y)
        w -= LEARNING_RATE * grad
        b -= LEARNING_RATE * float(np.mean(p - y))
    return b, {n: round(float(v), 4) for n, v in zip(names, w, strict=True)}


def threshold_for(scores: Sequence[float], correct: Sequence[bool], precision: float) -> float:
    """The lowest threshold whose kept events reach ``precision`` (the most recall at that
    precision); the highest score seen when none does."""
    pairs = sorted(zip(scores, correct, strict=True), reverse=True)
    best, right = max(scores, default=1.0), 0
    for kept, (score, ok) in enumerate(pairs, start=1):
        right += ok
        if right / kept >= precision and (kept == len(pairs) or pairs[kept][0] < score):
            best = score
    return best


def save_model(model: ConfidenceModel, path: Path) -> None:
    path.write_text(
        "# Event confidence: logistic weights over onrecord.events.confidence.Signals and the\n"
        "# abstention threshold. Written by `onrecord eval events --fit-confidence`.\n"
        + yaml.safe_dump({"fitted_on": model.fitted_on, "threshold": model.threshold,
                          "bias": round(model.bias, 4), "weights": model.weights},
                         sort_keys=True), "utf-8")
