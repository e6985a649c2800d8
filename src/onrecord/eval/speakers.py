"""Fitting and judging the speaker ranker (``onrecord.actors.speakers``) on gold articles.

Each quotation the extractor finds that strictly matches a gold one is a choice: its candidate
speakers, and which of them the scorer would count right (``metrics.speaker_correct``). The
rules' choice is one of the candidates, so the rules and the model are scored on the same
quotations; a quotation neither can get right counts against both (end to end: over all gold
quotations). Cross-validation is by article: a held-out article's quotations are chosen by a
model fitted on the other folds' articles and on the always-included training set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.actors.speakers import SpeakerModel, fit
from onrecord.eval.gold import GoldArticle
from onrecord.eval.metrics import THRESHOLDS, match, speaker_correct, tokens_in, word_tokens
from onrecord.pipeline import ArticleText, parse_all, speaker_candidates

#: The L2 penalty the shipped model is fitted with (a few dozen features, a thousand choices).
L2 = 1.0


@dataclass(frozen=True)
class Choice:
    """One strictly matched quotation: its candidates' features, which are right, which is
    the rules'."""

    article: str
    rows: tuple[dict[str, float], ...]
    right: tuple[bool, ...]
    rule: int
    names: tuple[str | None, ...]
    gold: str | None


@dataclass(frozen=True)
class Judged:
    """Right speakers of the rules and of the model over the same quotations."""

    articles: int
    gold: int  # all gold quotations of those articles
    pairs: int  # strictly matched quotations
    rules: int
    model: int
    reachable: int  # quotations with a right candidate: what any ranker could get right


def collect(articles: Sequence[GoldArticle]) -> tuple[list[Choice], dict[str, int]]:
    """The choices of ``articles`` (extracted with the rules' speakers), and each article's
    number of gold quotations."""
    by_id = {a.id: a for a in articles}
    sources = (ArticleText(text=a.text, doc_id=a.id) for a in articles)
    choices: list[Choice] = []
    for parsed in parse_all(sources):
        record, candidates = speaker_candidates(parsed)
        gold = by_id[record.doc_id]
        tokens = word_tokens(gold.text)
        pairs = match([tokens_in(tokens, q.spans) for q in gold.quotes],
                      [tokens_in(tokens, q.spans) for q in record.quotes], THRESHOLDS["strict"])
        for gi, pi in pairs:
            found = candidates[pi]
            if not found:
                continue
            quote, pred = gold.quotes[gi], record.quotes[pi]
            right = tuple(speaker_correct(quote, pred.model_copy(update={"speaker": mention}),
                                          tokens) for _, mention, _, _ in found)
            rule = next(i for i, (_, _, is_rule, _) in enumerate(found) if is_rule)
            choices.append(Choice(gold.id, tuple(f for *_, f in found), right, rule,
                                  tuple(n for n, *_ in found), quote.speaker))
    return choices, {a.id: len(a.quotes) for a in articles}


def fit_choices(choices: Sequence[Choice], l2: float = L2, fitted_on: str = "") -> SpeakerModel:
    return fit([(c.rows, c.right) for c in choices], l2, fitted_on)


def chosen(model: SpeakerModel, choice: Choice) -> int:
    """The index of the candidate ``model`` ranks first (the rules' on a tie)."""
    scores = [model.score(row) for row in choice.rows]
    best = max(scores)
    ties = [i for i, s in enumerate(scores) if s == best]
    return choice.rule if choice.rule in ties else ties[0]


def judge(model: SpeakerModel, choices: Sequence[Choice], gold: int, articles: int) -> Judged:
    return Judged(articles, gold, len(choices), sum(c.right[c.rule] for c in choices),
                  sum(c.right[chosen(model, c)] for c in choices),
                  sum(any(c.right) for c in choices))


def cross_validate(choices: Sequence[Choice], gold_counts: dict[str, int],
                   extra: Sequence[Choice], folds: int = 5,
                   l2: float = L2) -> list[Judged]:
    """Per fold of ``choices``' articles (sorted by id, dealt in turn): a model fitted on the
    other folds and ``extra``, judged on this fold."""
    ids = sorted(gold_counts)
    out = []
    for fold in range(folds):
        held = set(ids[fold::folds])
        model = fit_choices([c for c in choices if c.article not in held] + list(extra), l2)
        test = [c for c in choices if c.article in held]
        out.append(judge(model, test, sum(gold_counts[i] for i in held), len(held)))
    return out
