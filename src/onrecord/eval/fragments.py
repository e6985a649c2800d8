"""Fitting the quoted-words judge (``quotes.fragments``) on gold articles, and cross-validating it
by article against the verb list.

A candidate is a reported clause with quoted words that the rules found; its label is
whether the gold quotation over it is closer (token Dice) to the quoted words alone than to
the whole clause. A clause no gold quotation overlaps at the loose threshold, in either
reading, teaches nothing and is left out. The shipped gold set is in every training fold;
the real-news articles are split into folds, each scored by a model fitted on the others.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from onrecord.eval.gold import GoldArticle
from onrecord.eval.metrics import LOOSE, Report, evaluate, overlaps, tokens_in, word_tokens
from onrecord.learning import design, feature_index, fit_softmax
from onrecord.model import Span
from onrecord.pipeline import ArticleText, Parsed, parse_all, quotes_record
from onrecord.quotes import Judge, rules_judge
from onrecord.quotes.cues import CueSite
from onrecord.quotes.fragments import FragmentModel, fragment_features

#: The folds are drawn with this seed, so a run can be repeated.
SEED = 16
# Strong: a few hundred clauses, most lemmas seen a handful of times.
L2 = 2.0
# The least probability of "the marked words alone" that cuts the clause to them: the more
# likely reading wins.
THRESHOLD = 0.5
_MARKED = "marked"
_WHOLE = "whole"


def fit(rows: Sequence[dict[str, float]], marked: Sequence[bool],
        threshold: float = THRESHOLD, fitted_on: str = "") -> FragmentModel:
    """A model of clauses with their features and whether each quotes the marked words alone."""
    index = feature_index(rows)
    x = design(rows, index)
    classes, w, b = fit_softmax(x, [_MARKED if y else _WHOLE for y in marked], L2)
    if len(classes) < 2:
        raise ValueError("fitting needs clauses of both readings (marked words alone, whole)")
    yes, no = classes.index(_MARKED), classes.index(_WHOLE)
    weights = {name: round(float(w[i, yes] - w[i, no]), 4) for name, i in index.items()
               if abs(w[i, yes] - w[i, no]) >= 1e-4}
    return FragmentModel(fitted_on=fitted_on, threshold=threshold,
                         bias=round(float(b[yes] - b[no]), 4), weights=weights)


def save(model: FragmentModel, path: Path) -> None:
    path.write_text(model.model_dump_json(indent=1) + "\n", "utf-8")


def model_judge(model: FragmentModel) -> Judge:
    def judge(site: CueSite, clause: list[Token], marked: list[Token]) -> bool:
        return model.marked_only(fragment_features(site, clause, marked))
    return judge


@dataclass(frozen=True)
class Candidate:
    article: str
    features: dict[str, float]
    marked_only: bool


def _spans(tokens: list[Token]) -> list[Span]:
    return [(t.idx, t.idx + len(t.text)) for t in tokens]


def _dice(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def candidates(article: GoldArticle, parsed: Parsed) -> list[Candidate]:
    """The clauses with quoted words the rules find in one article, labelled by the gold."""
    seen: list[tuple[list[Token], list[Token], dict[str, float]]] = []

    def record(site: CueSite, clause: list[Token], marked: list[Token]) -> bool:
        seen.append((clause, marked, fragment_features(site, clause, marked)))
        return rules_judge(site, clause, marked)

    quotes_record(parsed, record)
    tokens = word_tokens(article.text)
    gold = [tokens_in(tokens, q.spans) for q in article.quotes]
    found: list[Candidate] = []
    for clause, marked, features in seen:
        whole, alone = tokens_in(tokens, _spans(clause)), tokens_in(tokens, _spans(marked))
        near = [g for g in gold if overlaps(g, whole, LOOSE) or overlaps(g, alone, LOOSE)]
        if near:
            best = max(near, key=lambda g: max(_dice(g, whole), _dice(g, alone)))
            found.append(Candidate(article.id, features, _dice(best, alone) > _dice(best, whole)))
    return found


def parse_gold(articles: Sequence[GoldArticle]) -> list[Parsed]:
    return parse_all(ArticleText(text=a.text, doc_id=a.id) for a in articles)


def folds_of(articles: Sequence[GoldArticle], folds: int) -> list[list[str]]:
    """Article ids in ``folds`` groups, shuffled with a fixed seed."""
    ids = sorted(a.id for a in articles)
    random.Random(SEED).shuffle(ids)
    return [ids[k::folds] for k in range(folds)]


def fit_on(found: Sequence[Candidate], fitted_on: str = "") -> FragmentModel:
    return fit([c.features for c in found], [c.marked_only for c in found], fitted_on=fitted_on)


@dataclass(frozen=True)
class CrossValidation:
    rules: Report
    model: Report
    folds: int


def cross_validate(own: Sequence[GoldArticle], real: Sequence[GoldArticle],
                   folds: int) -> CrossValidation:
    """Verb list and model scored on the same held-out real articles, fold by fold."""
    articles = [*own, *real]
    parsed = dict(zip((a.id for a in articles), parse_gold(articles), strict=True))
    found = {a.id: candidates(a, parsed[a.id]) for a in articles}
    rules_records, model_records = [], []
    for held_out in folds_of(real, folds):
        train = [c for aid, cs in found.items() if aid not in held_out for c in cs]
        judge = model_judge(fit_on(train))
        for aid in held_out:
            rules_records.append(quotes_record(parsed[aid], rules_judge))
            model_records.append(quotes_record(parsed[aid], judge))
    return CrossValidation(evaluate(real, rules_records), evaluate(real, model_records), folds)


def fit_all(own: Sequence[GoldArticle], real: Sequence[GoldArticle]) -> FragmentModel:
    """The model to ship: fitted on every candidate of both sets."""
    articles = [*own, *real]
    found = [c for a, p in zip(articles, parse_gold(articles), strict=True)
             for c in candidates(a, p)]
    fitted_on = (f"{len(own)} own gold and {len(real)} real-news dev articles: {len(found)} "
                 f"clauses with quoted words, {sum(c.marked_only for c in found)} quoting "
                 "the marked words alone")
    return fit_on(found, fitted_on)
