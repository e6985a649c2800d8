r"""Scores of predicted quotations (``Article`` records) against gold quotations.

Pure functions over gold articles and records, so every rule is testable with hand-built data.
The choices, all tunable here:

- Tokens: the ``\w+`` matches of the article text. A quote's tokens are those overlapping any of
  its spans, so a span cut one character short still covers the word.
- Match at threshold ``t``: ``|P∩G|/|G| >= t`` and ``|P∩G|/|P| >= t``; pairs are taken one-to-one,
  greedily, highest token Dice first (ties in reading order). ``STRICT`` and ``LOOSE`` are the two
  thresholds reported.
- Speaker (over strict pairs): gold ``null`` (never named) is right when the prediction has no
  resolved name, or a name that is only the words printed ("Malaysian authorities"). Otherwise
  the names must be equal after case folding, whitespace collapsing and dropping a leading
  "the" ("The Chinese government" = "Chinese government"); a gold description (an article that
  never names the speaker: "South Korean officials") is matched by an unresolved prediction
  whose mention is that description. A corpus that marks the source mention instead of a name
  (PolNeAR) is judged on the mention: the predicted speaker span must share a token with the
  gold source span.
- Cue (over strict pairs): two cues agree when their word stems share one, ignoring function
  words (``_CUE_STOPWORDS``). Stems: irregular forms mapped (said -> say, told -> tell), then one
  suffix of ing/ies/ied/ed/es/s/e cut and a final doubled letter dropped. So "also said" = "say",
  "issued a stark warning" = "warned", "in a statement" = "said in a statement"; "told" != "said".
  A cue without content words (PolNeAR has "in", ":", "―") must equal the other one instead.
  Cue precision is over predicted quotes with a cue, recall over gold quotes with a cue.
- Exact spans (per role, where the gold marks that role): each fragment is trimmed of whitespace,
  quotation marks and edge punctuation (``_TRIM``), content also of a leading "that" (a fragment
  of punctuation only, like the cue ":", is kept as it is); fragments separated only by such
  characters are merged. Per article, the distinct trimmed span sets of
  gold and prediction are compared for equality (a source shared by two quotes counts once).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from onrecord.actors.media import is_outlet
from onrecord.eval.gold import KINDS, GoldArticle, GoldQuote
from onrecord.model import Article, Quote, Span
from onrecord.normalise import caseless, fold

STRICT = 0.8
LOOSE = 0.5
THRESHOLDS = {"strict": STRICT, "loose": LOOSE}
ROLES = ("source", "cue", "content")

_WORD = re.compile(r"\w+")
_EPSILON = 1e-9  # so that 4/5 >= 0.8 holds despite floating point
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "made": "make",
    "gave": "give",
    "given": "give",
    "thought": "think",
    "felt": "feel",
    "knew": "know",
    "known": "know",
    "saw": "see",
    "seen": "see",
    "took": "take",
    "taken": "take",
    "held": "hold",
    "sought": "seek",
    "meant": "mean",
    "went": "go",
    "gone": "go",
    "put": "put",
}
_SUFFIXES = ("ing", "ies", "ied", "ed", "es", "s", "e")
_MIN_STEM = 3
_CUE_FUNCTION_WORDS = (
    "a an the to that of in on at by for with as and or also again further later then "
    "he she it they we i you his her its their has have had was were is are be been being "
    "will would could can may might did does do not"
)
_CUE_STOPWORDS = frozenset(_CUE_FUNCTION_WORDS.split())
_QUOTE_MARKS = "\"'`“”‘’„‟«»‹›"
_SPACE = frozenset(" \t\n\r\f\v\u00a0")
_TRIM = frozenset(_QUOTE_MARKS + ".,;:!?…—–-―") | _SPACE
_LEADING_THAT = re.compile(r"that\b", re.IGNORECASE)

FindingKind = Literal["miss", "false-alarm", "boundary", "wrong-speaker"]


@dataclass
class Score:
    """Precision, recall and F1 from counts (quotations and events alike); ``None`` where a
    denominator is zero: nothing predicted has no precision, nothing to find no recall.

    F1 is ``2 tp / (predicted + gold)``: 0, not undefined, when nothing was predicted.
    """

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        total = self.predicted + self.gold
        return 2 * self.tp / total if total else None

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)

    def to_json_dict(self) -> dict[str, float | int | None]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True)
class Recall:
    """Gold quotes of one group (a kind, a case tag) found at the strict and loose thresholds."""

    gold: int = 0
    strict: int = 0
    loose: int = 0
    articles: int = 0

    def rate(self, level: str) -> float | None:
        hits = self.strict if level == "strict" else self.loose
        return hits / self.gold if self.gold else None

    def __add__(self, other: Recall) -> Recall:
        return Recall(
            self.gold + other.gold,
            self.strict + other.strict,
            self.loose + other.loose,
            self.articles + other.articles,
        )

    def to_json_dict(self) -> dict[str, float | int | None]:
        return {
            "strict_recall": self.rate("strict"),
            "loose_recall": self.rate("loose"),
            "gold": self.gold,
            "strict": self.strict,
            "loose": self.loose,
            "articles": self.articles,
        }


@dataclass(frozen=True)
class Finding:
    """One error for the extractor developer: what the gold has and what was predicted."""

    article_id: str
    kind: FindingKind
    gold: str | None = None
    predicted: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class Report:
    """All numbers of one evaluation; ``merge`` adds the reports of disjoint article sets."""

    articles: int = 0
    detection: dict[str, Score] = field(default_factory=dict)
    speaker_correct: int = 0
    speaker_pairs: int = 0
    cue: Score = field(default_factory=Score)
    exact: dict[str, Score] = field(default_factory=dict)
    kinds: dict[str, Recall] = field(default_factory=dict)
    cases: dict[str, Recall] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float | None:
        return self.speaker_correct / self.speaker_pairs if self.speaker_pairs else None

    @property
    def speaker_end_to_end(self) -> float | None:
        """The right speaker on a strictly matched quotation, over all gold quotations: what a
        reader of the record meets (a missed quotation is a missed speaker too)."""
        gold = self.detection["strict"].gold if "strict" in self.detection else 0
        return self.speaker_correct / gold if gold else None

    def to_json_dict(self) -> dict:
        return {
            "articles": self.articles,
            "thresholds": THRESHOLDS,
            "detection": {k: v.to_json_dict() for k, v in self.detection.items()},
            "speaker": {
                "accuracy": self.speaker_accuracy,
                "correct": self.speaker_correct,
                "pairs": self.speaker_pairs,
                "end_to_end": self.speaker_end_to_end,
            },
            "cue": self.cue.to_json_dict(),
            "exact_spans": {k: v.to_json_dict() for k, v in self.exact.items()},
            "kinds": {k: v.to_json_dict() for k, v in self.kinds.items()},
            "cases": {k: v.to_json_dict() for k, v in self.cases.items()},
            "findings": [vars(f) for f in self.findings],
        }


def word_tokens(text: str) -> list[Span]:
    """Character spans of the ``\\w+`` tokens of ``text``, in order."""
    return [m.span() for m in _WORD.finditer(text)]


def tokens_in(tokens: list[Span], spans: Iterable[Span]) -> frozenset[int]:
    """Indices of the tokens overlapping any of ``spans`` (``tokens`` from ``word_tokens``)."""
    ends = [end for _, end in tokens]
    found: set[int] = set()
    for start, end in spans:
        index = bisect_right(ends, start)
        while index < len(tokens) and tokens[index][0] < end:
            found.add(index)
            index += 1
    return frozenset(found)


def overlaps(gold: frozenset[int], pred: frozenset[int], threshold: float) -> bool:
    """The match criterion: enough of the gold is predicted and enough of the prediction is gold."""
    common = len(gold & pred)
    return (
        common > 0
        and common >= threshold * len(gold) - _EPSILON
        and common >= threshold * len(pred) - _EPSILON
    )


def match(
    gold: Sequence[frozenset[int]], pred: Sequence[frozenset[int]], threshold: float
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, greedily by best Dice overlap."""
    candidates = [
        (-2 * len(g & p) / (len(g) + len(p)), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if overlaps(g, p, threshold)
    ]
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def normalise_name(name: str) -> str:
    """A name as the scorer compares it: caseless, without accents ("Chávez" is "Chavez", an
    article may print both), without a leading "the" (the guide's)."""
    return fold(caseless(name)).removeprefix("the ")


def speaker_correct(gold: GoldQuote, pred: Quote, tokens: list[Span]) -> bool:
    """Whether ``pred`` names the gold speaker (rules in the module docstring)."""
    if gold.speaker is None:  # unnamed: the description as printed, or nothing, is right
        return pred.speaker is None or pred.speaker.name is None \
            or normalise_name(pred.speaker.name) == normalise_name(pred.speaker.mention)
    if pred.speaker is None:
        return False
    if gold.speaker_spans:
        return bool(tokens_in(tokens, gold.speaker_spans) & tokens_in(tokens, [pred.speaker.span]))
    # Unresolved, the speaker is the description as printed (annotation guide).
    name = pred.speaker.name or pred.speaker.mention
    return normalise_name(name) == normalise_name(gold.speaker)


def _stem(word: str) -> str:
    word = _IRREGULAR.get(word, word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    if len(word) > _MIN_STEM and word[-1] == word[-2]:
        word = word[:-1]
    return word


# Stems of the directive cues (``is_directive``): urge, demand, tell/told, call on, ask, press.
DIRECTIVE_STEMS = frozenset({"urg", "demand", "tel", "cal", "ask", "pres"})


def cue_stems(cue: str) -> frozenset[str]:
    """The stems of a cue's content words: "issued a stark warning" -> {issu, stark, warn}."""
    words = _WORD.findall(cue.lower())
    return frozenset(_stem(w) for w in words if w not in _CUE_STOPWORDS)


def cues_agree(gold: str | None, pred: str | None) -> bool:
    """Shared stem; cues of function words or punctuation only ("in", ":") must be equal."""
    if gold is None or pred is None:
        return False
    gold_stems, pred_stems = cue_stems(gold), cue_stems(pred)
    if gold_stems and pred_stems:
        return bool(gold_stems & pred_stems)
    return normalise_name(gold) == normalise_name(pred)


def _strip(text: str, start: int, end: int, chars: frozenset[str]) -> Span:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _trim(text: str, start: int, end: int, role: str) -> Span | None:
    """The fragment without edge marks/punctuation; a punctuation-only cue (":") keeps itself."""
    bare_start, bare_end = _strip(text, start, end, _SPACE)
    while True:
        start, end = _strip(text, start, end, _TRIM)
        that = _LEADING_THAT.match(text, start, end) if role == "content" else None
        if that is None:
            break
        start = that.end()
    if start < end:
        return start, end
    return (bare_start, bare_end) if bare_start < bare_end else None


def exact_key(text: str, spans: Iterable[Span], role: str) -> tuple[Span, ...]:
    """A span set trimmed and merged for exact comparison (rules in the module docstring)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        trimmed = _trim(text, start, end, role)
        if trimmed is None:
            continue
        if merged and all(c in _TRIM for c in text[merged[-1][1] : trimmed[0]]):
            merged[-1] = (merged[-1][0], max(merged[-1][1], trimmed[1]))
        else:
            merged.append(trimmed)
    return tuple(merged)


def _gold_role_spans(quote: GoldQuote, role: str) -> tuple[Span, ...]:
    return {"source": quote.speaker_spans, "cue": quote.cue_spans, "content": quote.spans}[role]


def _pred_role_spans(quote: Quote, role: str) -> list[Span]:
    if role == "source":
        return [quote.speaker.span] if quote.speaker else []
    if role == "cue":
        return [quote.cue_span] if quote.cue_span else []
    return list(quote.spans)


def exact_roles(gold: Sequence[GoldArticle]) -> tuple[str, ...]:
    """The roles whose spans the gold marks: content always, cue and source only in some corpora."""
    marked = {"content"}
    for article in gold:
        for quote in article.quotes:
            if quote.cue_spans:
                marked.add("cue")
            if quote.speaker_spans:
                marked.add("source")
    return tuple(role for role in ROLES if role in marked)


def exact_score(text: str, gold: Sequence[GoldQuote], pred: Sequence[Quote], role: str) -> Score:
    """Exact-span counts of one role in one article."""
    gold_keys = {exact_key(text, _gold_role_spans(q, role), role) for q in gold} - {()}
    pred_keys = {exact_key(text, _pred_role_spans(q, role), role) for q in pred} - {()}
    return Score(len(gold_keys & pred_keys), len(pred_keys), len(gold_keys))


def quote_text(text: str, spans: Iterable[Span]) -> str:
    return " … ".join(text[start:end] for start, end in spans)


def _speaker_label(quote: Quote) -> str:
    if quote.speaker is None:
        return "none"
    return quote.speaker.name or f"{quote.speaker.mention!r} (unresolved)"


def _findings(
    article: GoldArticle,
    pred: Sequence[Quote],
    pairs: dict[str, list[tuple[int, int]]],
    wrong_speaker: list[tuple[int, int]],
) -> list[Finding]:
    text = article.text
    strict_gold = {gi for gi, _ in pairs["strict"]}
    strict_pred = {pi for _, pi in pairs["strict"]}
    boundary = [
        (gi, pi) for gi, pi in pairs["loose"] if gi not in strict_gold and pi not in strict_pred
    ]
    found: list[Finding] = []
    for gi, pi in boundary:
        found.append(
            Finding(
                article.id,
                "boundary",
                quote_text(text, article.quotes[gi].spans),
                quote_text(text, pred[pi].spans),
                "loose match only",
            )
        )
    near_gold = strict_gold | {gi for gi, _ in boundary}
    near_pred = strict_pred | {pi for _, pi in boundary}
    for gi, quote in enumerate(article.quotes):
        if gi not in near_gold:
            detail = f"{quote.kind}, cue {quote.cue!r}, speaker {quote.speaker!r}"
            found.append(Finding(article.id, "miss", quote_text(text, quote.spans), None, detail))
    for pi, quote in enumerate(pred):
        if pi not in near_pred:
            detail = f"{quote.kind}, cue {quote.cue!r}, speaker {_speaker_label(quote)}"
            found.append(
                Finding(article.id, "false-alarm", None, quote_text(text, quote.spans), detail)
            )
    for gi, pi in wrong_speaker:
        gold_quote, pred_quote = article.quotes[gi], pred[pi]
        detail = f"gold {gold_quote.speaker!r}, predicted {_speaker_label(pred_quote)}"
        found.append(
            Finding(
                article.id,
                "wrong-speaker",
                quote_text(text, gold_quote.spans),
                quote_text(text, pred_quote.spans),
                detail,
            )
        )
    return found


def _sum(scores: dict[str, Score], more: dict[str, Score]) -> dict[str, Score]:
    return {
        key: scores.get(key, Score(0, 0, 0)) + more.get(key, Score(0, 0, 0))
        for key in dict.fromkeys([*scores, *more])
    }


def _sum_recalls(recalls: dict[str, Recall], more: dict[str, Recall]) -> dict[str, Recall]:
    return {
        key: recalls.get(key, Recall()) + more.get(key, Recall())
        for key in dict.fromkeys([*recalls, *more])
    }


def merge(first: Report, second: Report) -> Report:
    """The report of two disjoint sets of articles."""
    return Report(
        articles=first.articles + second.articles,
        detection=_sum(first.detection, second.detection),
        speaker_correct=first.speaker_correct + second.speaker_correct,
        speaker_pairs=first.speaker_pairs + second.speaker_pairs,
        cue=first.cue + second.cue,
        exact=_sum(first.exact, second.exact),
        kinds=_sum_recalls(first.kinds, second.kinds),
        cases=dict(sorted(_sum_recalls(first.cases, second.cases).items())),
        findings=first.findings + second.findings,
    )


def is_directive(quote: Quote) -> bool:
    """ "urged Kyiv to withdraw", "called on Israel to “halt the raids”": a directive with an
    infinitive, borderline by the annotation guide (counted neither for nor against)."""
    return quote.kind in ("indirect", "mixed") and quote.content.lower().startswith("to ") \
        and bool(cue_stems(quote.cue or "") & DIRECTIVE_STEMS)


def is_outlet_report(quote: Quote) -> bool:
    """ "according to the BBC", "Reuters reported", "media reports say": a news outlet cited as
    the source of a fact, borderline by the annotation guide."""
    speaker = quote.speaker
    return speaker is not None and (is_outlet(speaker.mention)
                                    or (speaker.name is not None and is_outlet(speaker.name)))


def is_borderline(quote: Quote) -> bool:
    return is_directive(quote) or is_outlet_report(quote)


def _countable(record: Article, gold_tokens: list[frozenset[int]],
               tokens: list[Span]) -> Article:
    """The record without the borderline quotations that match no gold one: a gold set that
    leaves them out does not count them against the extractor, one that marks them still
    counts them found."""
    kept = [q for q in record.quotes if not is_borderline(q)
            or any(overlaps(g, tokens_in(tokens, q.spans), THRESHOLDS["loose"])
                   for g in gold_tokens)]
    return record if len(kept) == len(record.quotes) else record.model_copy(
        update={"quotes": kept})


def score_article(article: GoldArticle, record: Article, roles: Sequence[str]) -> Report:
    """The report of one article; ``roles`` are the exact-span roles to score."""
    if record.text != article.text:
        raise ValueError(f"the record of {article.id!r} has a different text than the gold")
    tokens = word_tokens(article.text)
    gold_tokens = [tokens_in(tokens, q.spans) for q in article.quotes]
    record = _countable(record, gold_tokens, tokens)
    pred_tokens = [tokens_in(tokens, q.spans) for q in record.quotes]
    pairs = {level: match(gold_tokens, pred_tokens, t) for level, t in THRESHOLDS.items()}
    found = {level: {gi for gi, _ in level_pairs} for level, level_pairs in pairs.items()}

    def recall(indices: set[int]) -> Recall:
        hits = {level: len(indices & found[level]) for level in THRESHOLDS}
        return Recall(len(indices), hits["strict"], hits["loose"], articles=1)

    kinds = {}
    for kind in KINDS:
        indices = {i for i, q in enumerate(article.quotes) if q.kind == kind}
        if indices:
            kinds[kind] = recall(indices)
    whole = recall(set(range(len(article.quotes))))
    strict = [(article.quotes[gi], record.quotes[pi]) for gi, pi in pairs["strict"]]
    wrong_speaker = [
        pair
        for pair, (gold, pred) in zip(pairs["strict"], strict, strict=True)
        if not speaker_correct(gold, pred, tokens)
    ]
    return Report(
        articles=1,
        detection={
            level: Score(len(level_pairs), len(record.quotes), len(article.quotes))
            for level, level_pairs in pairs.items()
        },
        speaker_correct=len(strict) - len(wrong_speaker),
        speaker_pairs=len(strict),
        cue=Score(
            sum(cues_agree(gold.cue, pred.cue) for gold, pred in strict),
            sum(q.cue is not None for q in record.quotes),
            sum(q.cue is not None for q in article.quotes),
        ),
        exact={
            role: exact_score(article.text, article.quotes, record.quotes, role) for role in roles
        },
        kinds=kinds,
        cases={tag: whole for tag in sorted(set(article.cases))},
        findings=_findings(article, record.quotes, pairs, wrong_speaker),
    )


def evaluate(gold: Sequence[GoldArticle], predicted: Sequence[Article]) -> Report:
    """Score ``predicted`` records against ``gold`` (a record's ``doc_id`` is its gold id)."""
    by_id: dict[str, Article] = {}
    for record in predicted:
        if record.doc_id in by_id:
            raise ValueError(f"two predicted records with doc_id {record.doc_id!r}")
        by_id[record.doc_id] = record
    roles = exact_roles(gold)
    report = Report(
        detection={level: Score(0, 0, 0) for level in THRESHOLDS},
        exact={role: Score(0, 0, 0) for role in roles},
        kinds={kind: Recall() for kind in KINDS},
    )
    for article in gold:
        record = by_id.get(article.id)
        if record is None:
            raise ValueError(f"no predicted record for gold article {article.id!r}")
        report = merge(report, score_article(article, record, roles))
    return report
