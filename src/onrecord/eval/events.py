"""Evaluation of event coding (``onrecord eval events``): our gold articles and PLOVER's records.

Our gold (``data/gold_events/*.yaml``, format in ``docs/events.md``) gives for each event an
``evidence`` fragment of the quotation it is coded from; a predicted event matches a gold one
when its evidence span overlaps the fragment (one-to-one, in text order). Scores:

- type: precision, recall and F1 of (matched and same type), and macro-F1 over types;
- source / target: accuracy over matched pairs (country code, or actor id for bodies);
- condition: F1 of detecting a condition, a hit needing half of the gold condition's words;
- negation and hedge: accuracy over matched pairs.

PLOVER's gold-standard records (a JSON list; not shipped, CC BY-SA: fetch it yourself) are
scored on the type of one sentence each: macro-F1 over PLOVER 2 types, the 0.5 records' older
names mapped to the new ones. The classifier (``onrecord.events.classify``) is scored on them by
stratified k-fold cross-validation, never on a record it was trained on.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from pydantic import RootModel

from onrecord.datafiles import read_yaml
from onrecord.eval.gold import GoldArticle, load_gold_file
from onrecord.eval.metrics import STRICT, Score, match, tokens_in, word_tokens
from onrecord.events import quotetype
from onrecord.events.classify import NO_EVENT, TypeModel, features, train
from onrecord.events.confidence import ConfidenceModel, Signals, fit, learned, threshold_for
from onrecord.model import Article, Event, Quote, Span
from onrecord.plover import codebook

GOLD_EVENTS_DIR = Path(__file__).resolve().parents[1] / "data" / "gold_events"
EXAMPLES_FILE = Path(__file__).resolve().parents[1] / "data" / "event_examples.yaml"
# The records' spellings of context names -> PLOVER's.
CONTEXT_RENAMES = {"refugees": "migration", "refugee": "migration", "resources": "resource"}
# A predicted condition detects the gold one when it holds at least this share of its words.
CONDITION_OVERLAP = 0.5

_EVENT_KEYS = {"evidence", "type", "mode", "context", "source", "target", "condition",
               "negated", "hedged"}


class EventGoldError(ValueError):
    """A gold file that cannot be used: its path and what is wrong."""


@dataclass(frozen=True)
class GoldEvent:
    evidence: Span
    type: str
    source: str | None
    target: str | None
    condition: str | None = None
    negated: bool = False
    hedged: bool = False
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldEventArticle:
    id: str
    text: str
    published: str | None
    events: tuple[GoldEvent, ...]
    not_threats: tuple[Span, ...] = ()  # quotations that look like threats and are none


def _quote_hull(spans: tuple[Span, ...]) -> Span:
    return (spans[0][0], spans[-1][1])


def events_of_quotes(article: GoldArticle) -> GoldEventArticle:
    """The real-news format (events on quotations) as event gold: each event's evidence is
    its quotation, from the first piece to the last."""
    events = tuple(
        GoldEvent(evidence=_quote_hull(q.spans), type=e.type, source=e.source, target=e.target,
                  condition=article.text[e.condition[0]:e.condition[1]] if e.condition else None,
                  negated=e.negated, hedged=e.hedged, context=e.context)
        for q in article.quotes for e in q.events)
    not_threats = tuple(_quote_hull(q.spans) for q in article.quotes if q.not_threat)
    return GoldEventArticle(article.id, article.text, article.published, events, not_threats)


def _gold_event(entry: dict[str, Any], text: str, where: str) -> GoldEvent:
    unknown = set(entry) - _EVENT_KEYS
    if unknown:
        raise EventGoldError(f"{where}: unknown keys {sorted(unknown)}")
    fragment = entry["evidence"]
    start = text.find(fragment)
    if start < 0 or text.find(fragment, start + 1) >= 0:
        raise EventGoldError(f"{where}: evidence not found exactly once: {fragment!r}")
    condition = entry.get("condition")
    if condition is not None and condition not in text:
        raise EventGoldError(f"{where}: condition not in the text: {condition!r}")
    return GoldEvent(evidence=(start, start + len(fragment)), type=entry["type"],
                     source=entry.get("source"), target=entry.get("target"),
                     condition=condition, negated=bool(entry.get("negated", False)),
                     hedged=bool(entry.get("hedged", False)),
                     context=tuple(entry.get("context") or ()))


def load_event_gold(folder: Path = GOLD_EVENTS_DIR) -> list[GoldEventArticle]:
    """Every gold article of ``folder``, its evidence fragments located in its text; a file
    with ``quotes`` is in the real-news format (events on quotations, ``docs/realnews.md``)."""
    articles = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        if isinstance(data, dict) and "quotes" in data:
            articles.append(events_of_quotes(load_gold_file(path)))
            continue
        try:
            events = tuple(_gold_event(e, data["text"], f"{path.name} event {i + 1}")
                           for i, e in enumerate(data.get("events") or []))
        except KeyError as exc:
            raise EventGoldError(f"{path.name}: missing {exc}") from None
        articles.append(GoldEventArticle(data["id"], data["text"],
                                         str(data["published"]) if data.get("published")
                                         else None, events))
    if not articles:
        raise EventGoldError(f"{folder}: no gold files")
    return articles


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += ok
        self.total += 1

    @property
    def rate(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class EventReport:
    articles: int = 0
    type: Score = field(default_factory=Score)
    per_type: dict[str, Score] = field(default_factory=dict)
    condition: Score = field(default_factory=Score)
    source: Accuracy = field(default_factory=Accuracy)
    target: Accuracy = field(default_factory=Accuracy)
    negated: Accuracy = field(default_factory=Accuracy)
    hedged: Accuracy = field(default_factory=Accuracy)
    threat: Score = field(default_factory=Score)  # THREATEN, neither side negated
    conditional_threat: Score = field(default_factory=Score)  # ... with a condition found
    threats_on_not_threats: int = 0
    not_threats: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        scores = [s.f1 or 0.0 for s in self.per_type.values()]
        return sum(scores) / len(scores) if scores else 0.0

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "type": vars(self.type) | {"f1": self.type.f1},
            "type_macro_f1": self.macro_f1,
            "condition": vars(self.condition) | {"f1": self.condition.f1},
            "source_accuracy": self.source.rate, "target_accuracy": self.target.rate,
            "negation_accuracy": self.negated.rate, "hedge_accuracy": self.hedged.rate,
            "threat": vars(self.threat) | {"f1": self.threat.f1},
            "conditional_threat": vars(self.conditional_threat)
            | {"f1": self.conditional_threat.f1},
            "threats_on_not_threats": self.threats_on_not_threats,
            "not_threats": self.not_threats,
        }


def _party(ref: Any) -> str | None:
    if ref is None:
        return None
    return ref.country or ref.actor_id


def _same_party(gold: str | None, ref: Any) -> bool:
    return gold == _party(ref) or (ref is not None and gold is not None
                                   and gold == ref.actor_id)


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _condition_hit(gold: str, predicted: str | None) -> bool:
    if predicted is None:
        return False
    gold_words = gold.lower().split()
    found = set(predicted.lower().split())
    return sum(w in found for w in gold_words) >= CONDITION_OVERLAP * len(gold_words)


def _type_score(report: EventReport, name: str) -> Score:
    return report.per_type.setdefault(name, Score())


def _match(gold: tuple[GoldEvent, ...], predicted: list[Event]
           ) -> tuple[list[tuple[GoldEvent, Event]], list[GoldEvent]]:
    """Each gold event with the first predicted event not taken yet whose evidence overlaps
    its own; and the gold events left without one, in order."""
    pairs, missed, used = [], [], set()
    for g in gold:
        found = next((e for e in predicted if e.id not in used and e.evidence
                      and _overlaps(g.evidence, e.evidence)), None)
        if found is None:
            missed.append(g)
        else:
            pairs.append((g, found))
            used.add(found.id)
    return pairs, missed


def score_article(report: EventReport, gold: GoldEventArticle, article: Article) -> None:
    report.articles += 1
    pairs, missed = _match(gold.events, article.events)
    report.type.gold += len(gold.events)
    report.type.predicted += len(article.events)
    for g in gold.events:
        _type_score(report, g.type).gold += 1
        report.condition.gold += g.condition is not None
    for e in article.events:
        _type_score(report, e.type).predicted += 1
    for g, e in pairs:
        if g.type == e.type:
            report.type.tp += 1
            _type_score(report, g.type).tp += 1
        else:
            report.errors.append(f"{gold.id}: type {e.type} for gold {g.type}: "
                                 f"{gold.text[g.evidence[0]:g.evidence[1]]!r}")
        report.source.add(_same_party(g.source, e.source))
        report.target.add(_same_party(g.target, e.target))
        if not _same_party(g.source, e.source) or not _same_party(g.target, e.target):
            report.errors.append(f"{gold.id}: source/target {_party(e.source)}->"
                                 f"{_party(e.target)} for gold {g.source}->{g.target}")
        report.negated.add(g.negated == e.negated)
        report.hedged.add(g.hedged == e.hedged)
        if g.condition is not None and _condition_hit(g.condition, e.condition):
            report.condition.tp += 1
        elif g.condition != e.condition:
            report.errors.append(f"{gold.id}: condition {e.condition!r} for gold {g.condition!r}")
    report.condition.predicted += sum(e.condition is not None for e in article.events)
    for g in missed:
        report.errors.append(f"{gold.id}: missed {g.type}: "
                             f"{gold.text[g.evidence[0]:g.evidence[1]]!r}")
    hit = {e.id for _, e in pairs}
    for e in article.events:
        if e.id not in hit and e.evidence:
            report.errors.append(f"{gold.id}: spurious {e.type}: "
                                 f"{article.text[e.evidence[0]:e.evidence[1]]!r}")


def _is_threat(event: GoldEvent | Event) -> bool:
    return event.type == "THREATEN" and not event.negated


def score_threats(report: EventReport, gold: GoldEventArticle, article: Article) -> None:
    """Threats found, conditional threats found with their condition, and threats coded on
    statements the annotator marked as no threat (a denial, a question, a hypothetical)."""
    threats = [e for e in article.events if _is_threat(e)]
    gold_threats = [g for g in gold.events if _is_threat(g)]
    report.threat.predicted += len(threats)
    report.threat.gold += len(gold_threats)
    report.conditional_threat.predicted += sum(e.condition is not None for e in threats)
    report.conditional_threat.gold += sum(g.condition is not None for g in gold_threats)
    found, _ = _match(tuple(gold_threats), threats)
    for g, e in found:
        report.threat.tp += 1
        if g.condition is not None and _condition_hit(g.condition, e.condition):
            report.conditional_threat.tp += 1
    report.not_threats += len(gold.not_threats)
    for e in threats:
        if e.evidence and any(_overlaps(span, e.evidence) for span in gold.not_threats):
            report.threats_on_not_threats += 1
            report.errors.append(f"{gold.id}: THREATEN on a statement that is no threat: "
                                 f"{article.text[e.evidence[0]:e.evidence[1]]!r}")


def evaluate_events(gold: list[GoldEventArticle], articles: list[Article]) -> EventReport:
    report = EventReport()
    for g, article in zip(gold, articles, strict=True):
        score_article(report, g, article)
        score_threats(report, g, article)
    return report


# -- fitting the confidence model ----------------------------------------------------------------


def event_is_right(event: Event, gold: GoldEventArticle) -> bool:
    """The event has a gold event of its type (negated alike) on the same words."""
    return event.evidence is not None and any(
        g.type == event.type and g.negated == event.negated and _overlaps(g.evidence,
                                                                          event.evidence)
        for g in gold.events)


def confidence_examples(gold: list[GoldEventArticle], articles: list[Article]
                        ) -> list[tuple[int, Signals, bool]]:
    """(article number, signals, right) for every event coded (extract with
    ``min_confidence=0`` so that none was dropped)."""
    return [(n, e.signals, event_is_right(e, g))
            for n, (g, article) in enumerate(zip(gold, articles, strict=True))
            for e in article.events if e.signals is not None]


def fit_confidence(examples: list[tuple[int, Signals, bool]], precision: float,
                   folds: int = 5) -> tuple[ConfidenceModel, dict[str, float]]:
    """The model fitted on all examples, its threshold chosen on scores the model gave
    articles it was not fitted on (``folds``-fold by article) to reach ``precision``."""
    held_out: list[tuple[float, bool]] = []
    articles = sorted({n for n, _, _ in examples})
    for fold in range(folds):
        test = set(articles[fold::folds])
        train_part = [(s, ok) for n, s, ok in examples if n not in test]
        bias, weights = fit([s for s, _ in train_part], [ok for _, ok in train_part])
        model = ConfidenceModel(bias, weights, 0.0, "cv")
        held_out += [(model.score(s), ok) for n, s, ok in examples if n in test]
    threshold = threshold_for([p for p, _ in held_out], [ok for _, ok in held_out], precision)
    kept = [ok for p, ok in held_out if p >= threshold]
    stats = {"events": len(examples), "right": sum(ok for _, _, ok in examples),
             "cv_kept": len(kept), "cv_precision": sum(kept) / len(kept) if kept else 0.0,
             "cv_kept_right_share": sum(kept) / max(1, sum(ok for _, ok in held_out))}
    bias, weights = fit([s for _, s, _ in examples], [ok for _, _, ok in examples])
    return ConfidenceModel(bias, weights, threshold, ""), stats


def quote_type_examples(articles: list[GoldArticle], records: list[Article]
                        ) -> list[tuple[int, Quote, str]]:
    """(article number, extracted quotation, its gold type or NONE) for every quotation the
    extractor found that strictly matches a gold one."""
    rows = []
    for n, (gold, record) in enumerate(zip(articles, records, strict=True)):
        tokens = word_tokens(gold.text)
        found = match([tokens_in(tokens, q.spans) for q in gold.quotes],
                      [tokens_in(tokens, q.spans) for q in record.quotes], STRICT)
        for gi, pi in found:
            events = gold.quotes[gi].events
            rows.append((n, record.quotes[pi], events[0].type if events else quotetype.NONE))
    return rows


def fit_event_models(articles: list[GoldArticle], records: list[Article], precision: float,
                     folds: int = 5) -> tuple[quotetype.QuoteTypeModel, ConfidenceModel,
                                              dict[str, float]]:
    """The quotation model and the confidence model fitted on real-news articles (their
    records extracted with ``min_confidence=0``). Each event's learned probability comes from
    a quotation model fitted on the other folds' articles, so the confidence model learns how
    far to trust it on text it has not seen."""
    rows = quote_type_examples(articles, records)
    gold = [events_of_quotes(a) for a in articles]
    examples: list[tuple[int, Signals, bool]] = []
    for fold in range(folds):
        held = set(range(fold, len(articles), folds))
        model = quotetype.fit([q for n, q, _ in rows if n not in held],
                              [t for n, _, t in rows if n not in held])
        for n in sorted(held):
            quotes = {q.id: q for q in records[n].quotes}
            examples += [(n, learned(e.signals, e, quotes, model), event_is_right(e, gold[n]))
                         for e in records[n].events if e.signals is not None]
    confidence, stats = fit_confidence(examples, precision, folds)
    types = quotetype.fit([q for _, q, _ in rows], [t for _, _, t in rows])
    stats["quotations"] = len(rows)
    return types, confidence, stats


# -- PLOVER gold-standard records ----------------------------------------------------------------


@dataclass(frozen=True)
class PloverRecord:
    id: str
    text: str
    type: str
    date: str | None
    mode: str | None = None
    context: tuple[str, ...] = ()


def _contexts(value: Any) -> tuple[str, ...]:
    """"diplomatic, military" -> both; the records' plural spellings as PLOVER's names."""
    names = [c.strip().lower() for c in str(value or "").split(",") if c.strip()]
    return tuple(CONTEXT_RENAMES.get(c, c) for c in names if c != "none")


def read_plover_records(path: Path) -> list[PloverRecord]:
    """PLOVER's gold-standard records (``PLOVER_GSR_CAMEO.txt``), documentation entries left out."""
    data = json.loads(path.read_text("utf-8"))
    renamed = codebook().renamed  # the records use PLOVER 0.5's names
    return [PloverRecord(r["id"], r["text"], renamed.get(r["event"], r["event"]),
                         r.get("date"), r.get("mode") or None, _contexts(r.get("context")))
            for r in data if r.get("text") and r.get("event") != "DOCUMENT"]


def score_modes_contexts(records: list[PloverRecord],
                         coded: list[tuple[str | None, tuple[str, ...]]]
                         ) -> tuple[Accuracy, Accuracy]:
    """Mode accuracy over the records that give one, and context accuracy over those that give
    contexts (a hit when a predicted context is one of the record's), for the predicted
    (mode, contexts) of each record."""
    mode, context = Accuracy(), Accuracy()
    for record, (predicted_mode, predicted_contexts) in zip(records, coded, strict=True):
        if record.mode:
            mode.add(predicted_mode == record.mode)
        if record.context:
            context.add(bool(set(predicted_contexts) & set(record.context)))
    return mode, context


@dataclass
class TypeReport:
    records: int = 0
    correct: int = 0
    per_type: dict[str, Score] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.correct / self.records if self.records else 0.0

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the gold types (predicting no event counts against recall only)."""
        scores = [s.f1 or 0.0 for t, s in self.per_type.items() if s.gold]
        return sum(scores) / len(scores) if scores else 0.0


def score_types(gold: list[str], predicted: list[str]) -> TypeReport:
    report = TypeReport()
    for g, p in zip(gold, predicted, strict=True):
        report.records += 1
        report.correct += g == p
        report.per_type.setdefault(g, Score()).gold += 1
        if p != NO_EVENT:
            report.per_type.setdefault(p, Score()).predicted += 1
        if g == p:
            report.per_type[g].tp += 1
        else:
            report.confusion[(g, p)] += 1
    return report


def stratified_folds(labels: list[str], folds: int, seed: int) -> list[list[int]]:
    """Indices dealt into ``folds`` test folds, each type spread evenly (shuffled by ``seed``)."""
    rng = np.random.default_rng(seed)
    out: list[list[int]] = [[] for _ in range(folds)]
    start = 0
    for label in sorted(set(labels)):
        members = [i for i, t in enumerate(labels) if t == label]
        for k, i in enumerate(rng.permutation(members)):
            out[(start + k) % folds].append(int(i))
        start += len(members)  # the next type starts where this one stopped: folds stay even
    return out


@dataclass(frozen=True)
class Examples:
    """Sentences as the classifier reads them (embeddings of the sentence and of its main
    verb's clause, that verb), the rules' verdict and (for training) the gold type."""

    sentences: np.ndarray
    clauses: np.ndarray
    verbs: list[str]
    rule_types: list[str]
    types: list[str]

    def take(self, index: list[int]) -> Examples:
        return Examples(self.sentences[index], self.clauses[index],
                        [self.verbs[i] for i in index], [self.rule_types[i] for i in index],
                        [self.types[i] for i in index])

    def features(self, rule_labels: tuple[str, ...], verb_labels: tuple[str, ...]
                 ) -> np.ndarray:
        return features(self.sentences, self.clauses, self.rule_types, self.verbs,
                        rule_labels, verb_labels)


def _fit(train_part: Examples, extra: Examples, rule_labels: tuple[str, ...]) -> TypeModel:
    """A model trained on ``train_part`` and ``extra``; its verb one-hot spans the verbs they
    hold (a verb seen only in test records is no feature)."""
    verb_labels = tuple(sorted(set(train_part.verbs) | set(extra.verbs)))
    x = np.vstack([train_part.features(rule_labels, verb_labels),
                   extra.features(rule_labels, verb_labels)])
    return train(x, train_part.types + extra.types, rule_labels, verb_labels)


def _rule_labels(records: Examples, extra: Examples) -> tuple[str, ...]:
    return tuple(sorted(set(records.types) | set(records.rule_types) | set(extra.rule_types)
                        | {NO_EVENT}))


def cross_validate(records: Examples, extra: Examples, folds: int = 5,
                   seeds: tuple[int, ...] = (0, 1, 2)) -> list[TypeReport]:
    """One report per shuffle: every record's type predicted by a model that never saw it
    (trained on the other folds plus ``extra``, our own examples)."""
    rule_labels = _rule_labels(records, extra)
    reports = []
    for seed in seeds:
        predicted = [NO_EVENT] * len(records.types)
        for test in stratified_folds(records.types, folds, seed):
            held = set(test)
            model = _fit(records.take([i for i in range(len(records.types)) if i not in held]),
                         extra, rule_labels)
            part = records.take(test)
            guesses = model.predict(part.sentences, part.clauses, part.rule_types, part.verbs)
            for i, (label, _) in zip(test, guesses, strict=True):
                predicted[i] = label
        reports.append(score_types(records.types, predicted))
    return reports


def train_all(records: Examples, extra: Examples) -> TypeModel:
    """The model to ship: trained on every record and every example."""
    return _fit(records, extra, _rule_labels(records, extra))


class _Examples(RootModel[dict[str, tuple[str, ...]]]):
    """``data/event_examples.yaml``: sentences under the type each codes."""


def load_examples(path: Path = EXAMPLES_FILE) -> list[tuple[str, str]]:
    """Our own training sentences: (type, sentence) pairs."""
    examples = read_yaml(path, _Examples).root
    return [(event_type, sentence) for event_type, sentences in examples.items()
            for sentence in sentences]
