"""Evaluation of quote provenance (``onrecord eval provenance``) on our own invented corpus.

``data/gold_provenance/``: one YAML file per article (id, source, published, title, text, and
every quotation it holds as a ``fragment`` of the text inside it and a ``group`` label: quotations
reporting the same words share a label), and ``conflicts.yaml`` (the groups whose attributions
conflict, with the kind, and the within-article flags). The articles go through the real
extractor; a gold quotation is the predicted one whose spans overlap its fragment.

Scores:
- cluster purity: predicted groups of the matched quotations, each counted by its commonest
  gold label (1.0 = no group mixes two statements); inverse purity the same with the roles
  swapped (1.0 = no statement split over two groups);
- conflicts: precision and recall of (gold group, kind) across articles plus (article, gold
  quotation) within articles, a predicted conflict taking the gold label most of its chain has.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from onrecord.actors.kb import KnowledgeBase
from onrecord.eval.metrics import Score
from onrecord.model import Article, Quote, Span
from onrecord.provenance import chains, occurrences, within_article
from onrecord.provenance.cluster import cluster_parts

GOLD_PROVENANCE_DIR = Path(__file__).resolve().parents[1] / "data" / "gold_provenance"
CONFLICTS_FILE = "conflicts.yaml"


class ProvenanceGoldError(ValueError):
    """A gold file that cannot be used: its path and what is wrong."""


@dataclass(frozen=True)
class GoldQuote:
    span: Span
    group: str


@dataclass(frozen=True)
class GoldProvenanceArticle:
    id: str
    text: str
    source: str | None
    published: str | None
    title: str | None
    quotes: tuple[GoldQuote, ...]


@dataclass(frozen=True)
class ProvenanceGold:
    articles: tuple[GoldProvenanceArticle, ...]
    across: frozenset[tuple[str, str]]  # (group, kind)
    within: frozenset[tuple[str, str]]  # (article id, group of the partial quote)


def _locate(text: str, fragment: str, where: str) -> Span:
    start = text.find(fragment)
    if start < 0 or text.find(fragment, start + 1) >= 0:
        raise ProvenanceGoldError(f"{where}: fragment not found exactly once: {fragment!r}")
    return start, start + len(fragment)


def load_provenance_gold(folder: Path = GOLD_PROVENANCE_DIR) -> ProvenanceGold:
    """The gold articles of ``folder`` with their fragments located, and the expected flags."""
    articles = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == CONFLICTS_FILE:
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        try:
            quotes = tuple(GoldQuote(_locate(data["text"], q["fragment"], path.name), q["group"])
                           for q in data.get("quotes") or [])
            articles.append(GoldProvenanceArticle(
                data["id"], data["text"], data.get("source"),
                str(data["published"]) if data.get("published") else None, data.get("title"),
                quotes))
        except KeyError as exc:
            raise ProvenanceGoldError(f"{path.name}: missing {exc}") from None
    if not articles:
        raise ProvenanceGoldError(f"{folder}: no gold files")
    flags = yaml.safe_load((folder / CONFLICTS_FILE).read_text("utf-8")) or {}
    by_id = {a.id: a for a in articles}
    within = set()
    for entry in flags.get("within") or []:
        article = by_id.get(entry["article"])
        if article is None:
            raise ProvenanceGoldError(f"{CONFLICTS_FILE}: no article {entry['article']!r}")
        span = _locate(article.text, entry["fragment"], f"{CONFLICTS_FILE} {article.id}")
        group = next((q.group for q in article.quotes if q.span == span), None)
        if group is None:
            raise ProvenanceGoldError(f"{CONFLICTS_FILE}: {entry['fragment']!r} is no quote "
                                      f"of {article.id}")
        within.add((article.id, group))
    across = {(e["group"], e["kind"]) for e in flags.get("across") or []}
    return ProvenanceGold(tuple(articles), frozenset(across), frozenset(within))


def _overlap(quote: Quote, span: Span) -> int:
    return sum(max(0, min(e, span[1]) - max(s, span[0])) for s, e in quote.spans)


def gold_labels(gold: ProvenanceGold, records: list[Article]) -> dict[tuple[str, str], str]:
    """(doc_id, quote_id) of each predicted quotation matched to a gold one -> its gold group.

    One-to-one: each gold quotation takes the unmatched predicted quote overlapping it most."""
    labels = {}
    by_id = {r.doc_id: r for r in records}
    for article in gold.articles:
        record = by_id.get(article.id)
        if record is None:
            continue
        taken: set[str] = set()
        for gq in article.quotes:
            best = max((q for q in record.quotes if q.id not in taken),
                       key=lambda q: _overlap(q, gq.span), default=None)
            if best is not None and _overlap(best, gq.span) > 0:
                taken.add(best.id)
                labels[(record.doc_id, best.id)] = gq.group
    return labels


@dataclass
class ProvenanceReport:
    articles: int
    gold_quotes: int
    matched: int
    predicted_groups: int
    gold_groups: int
    purity: float
    inverse_purity: float
    across: Score
    within: Score
    errors: list[str] = field(default_factory=list)

    @property
    def conflicts(self) -> Score:
        return Score(self.across.tp + self.within.tp, self.across.predicted + self.within.predicted,
                  self.across.gold + self.within.gold)

    def to_json_dict(self) -> dict:
        def pr(score: Score) -> dict:
            return {"precision": score.precision, "recall": score.recall, "tp": score.tp,
                    "predicted": score.predicted, "gold": score.gold}
        return {
            "articles": self.articles, "gold_quotes": self.gold_quotes, "matched": self.matched,
            "predicted_groups": self.predicted_groups, "gold_groups": self.gold_groups,
            "purity": self.purity, "inverse_purity": self.inverse_purity,
            "conflicts": pr(self.conflicts), "across": pr(self.across),
            "within": pr(self.within),
        }


def _purity(pairs: list[tuple[int, str]]) -> float:
    """Share of items whose group's commonest label is their own (pairs: (group, label))."""
    if not pairs:
        return 1.0
    per_group: dict[int | str, Counter] = {}
    for group, label in pairs:
        per_group.setdefault(group, Counter())[label] += 1
    return sum(c.most_common(1)[0][1] for c in per_group.values()) / len(pairs)


def _score(predicted: set, gold: frozenset, errors: list[str], what: str) -> Score:
    errors += [f"spurious {what}: {p}" for p in sorted(predicted - gold)]
    errors += [f"missed {what}: {g}" for g in sorted(gold - predicted)]
    return Score(len(predicted & gold), len(predicted), len(gold))


def evaluate_provenance(gold: ProvenanceGold, records: list[Article],
                        kb: KnowledgeBase) -> ProvenanceReport:
    """Purity of the groups and precision/recall of the conflicts over the extracted records."""
    labels = gold_labels(gold, records)
    errors = []
    gold_quotes = sum(len(a.quotes) for a in gold.articles)
    occs = occurrences(records)
    groups = cluster_parts([o.parts for o in occs])
    pairs = [(g, labels[(o.doc_id, o.quote_id)]) for g, o in zip(groups, occs, strict=True)
             if (o.doc_id, o.quote_id) in labels]
    for article in gold.articles:
        for gq in article.quotes:
            if not any(lab == gq.group and key[0] == article.id for key, lab in labels.items()):
                errors.append(f"extractor missed {article.id}: {article.text[slice(*gq.span)]!r}")
    found_across = set()
    for found in chains(occs, kb):
        votes = Counter(labels.get((o.doc_id, o.quote_id)) for o in found.occurrences)
        label = votes.most_common(1)[0][0]
        found_across |= {(label, c.kind) for c in found.conflicts}
    found_within = set()
    for record in records:
        for flag in within_article(record, kb):
            found_within.add((record.doc_id, labels.get((record.doc_id, flag.partial.quote_id))))
    return ProvenanceReport(
        articles=len(gold.articles), gold_quotes=gold_quotes, matched=len(labels),
        predicted_groups=len({g for g, _ in pairs}), gold_groups=len({lab for _, lab in pairs}),
        purity=_purity(pairs), inverse_purity=_purity([(lab, g) for g, lab in pairs]),
        across=_score(found_across, gold.across, errors, "conflict"),
        within=_score(found_within, gold.within, errors, "within-article flag"),
        errors=errors,
    )


__all__ = ["GOLD_PROVENANCE_DIR", "ProvenanceGold", "ProvenanceGoldError", "ProvenanceReport",
           "evaluate_provenance", "gold_labels", "load_provenance_gold"]
