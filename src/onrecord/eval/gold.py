"""Gold articles: the hand-annotated quotations ``onrecord eval`` scores against.

``load_gold_dir`` reads the YAML files described in ``docs/gold-format.md`` and turns each
quote's ``pieces`` into character spans. Every problem is reported with its file and quote
(and all problems of a folder at once), because a silently mis-placed gold span would
corrupt every number computed from it.

Piece rules (from the format document): the first piece must occur exactly once in ``text``
unless ``occurrence`` (0-based) picks one; each later piece is the first occurrence after the
end of the previous piece. Unknown keys are errors too: a misspelt ``speker:`` would otherwise
read as "speaker never named".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import yaml

from onrecord.model import QuoteKind, Span
from onrecord.plover import codebook

GOLD_DIR = Path(__file__).resolve().parents[1] / "data" / "gold"

CASE_TAGS = frozenset(
    {
        "straight-quotes",
        "curly-quotes",
        "single-quotes",
        "nested-quotes",
        "quote-before-cue",
        "cue-before-quote",
        "split-quote",
        "multi-paragraph",
        "insert-in-quote",
        "indirect",
        "according-to",
        "phrasal-cue",
        "mixed",
        "pronoun-speaker",
        "title-speaker",
        "surname-speaker",
        "unresolved-speaker",
        "addressee",
        "metonym",
        "condition",
        "hedge",
        "negation",
        "typo",
        "scare-quotes",
        "unbalanced-marks",
        "byline-credit",
        "org-speaker",
    }
)
KINDS: tuple[str, ...] = get_args(QuoteKind)

_ARTICLE_KEYS = {"id", "cases", "published", "text", "quotes"}
# Real news written by others (``docs/realnews.md``) also says where the text comes from.
_PROVENANCE_KEYS = {"outlet", "title", "url", "licence", "copied_from", "annotated_by",
                    "checked_by"}
_QUOTE_KEYS = {"kind", "pieces", "cue", "speaker", "mention", "addressee", "occurrence",
               "events", "not_threat"}
_EVENT_KEYS = {"type", "source", "target", "context", "condition", "negated", "hedged"}
NOT_THREAT_REASONS = frozenset({"denial", "question", "hypothetical", "described", "other"})
_EXCERPT = 40


@dataclass(frozen=True)
class QuoteEvent:
    """A PLOVER event the annotator coded on a quotation (real-news set only).

    Parties are ISO3 codes for states and those who speak for them, knowledge-base ids for
    bodies and non-state groups; ``condition`` is the condition's span in the article text.
    """

    type: str
    source: str | None
    target: str | None
    context: tuple[str, ...] = ()
    condition: Span | None = None
    negated: bool = False
    hedged: bool = False


@dataclass(frozen=True)
class GoldQuote:
    """One gold quotation. ``spans`` point into the article text, in reading order.

    ``cue_spans`` and ``speaker_spans`` are known only for corpora that mark them (PolNeAR);
    the YAML gold gives the cue and speaker as words, so they stay empty there.
    """

    kind: QuoteKind
    spans: tuple[Span, ...]
    cue: str | None
    speaker: str | None
    mention: str | None = None
    addressee: str | None = None
    cue_spans: tuple[Span, ...] = ()
    speaker_spans: tuple[Span, ...] = ()
    events: tuple[QuoteEvent, ...] = ()
    not_threat: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    cases: tuple[str, ...] = ()
    published: str | None = None
    path: str | None = None
    provenance: tuple[tuple[str, str], ...] = ()


class GoldError(Exception):
    """Invalid gold data; ``problems`` lists every problem found, each naming file and quote."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _excerpt(piece: str) -> str:
    return repr(piece if len(piece) <= _EXCERPT else piece[: _EXCERPT - 1] + "…")


def _occurrences(text: str, piece: str) -> list[int]:
    found: list[int] = []
    start = text.find(piece)
    while start != -1:
        found.append(start)
        start = text.find(piece, start + 1)
    return found


def piece_spans(text: str, pieces: list[str], occurrence: int | None = None) -> list[Span]:
    """Spans of ``pieces`` in ``text`` by the format's rules; ``ValueError`` says what failed."""
    spans: list[Span] = []
    first = pieces[0]
    found = _occurrences(text, first)
    if not found:
        hint = " (it does occur with different case)" if first.lower() in text.lower() else ""
        raise ValueError(f"piece 1 {_excerpt(first)} not found in text{hint}")
    if occurrence is None and len(found) > 1:
        raise ValueError(
            f"piece 1 {_excerpt(first)} is ambiguous: it occurs {len(found)} times "
            f"(offsets {found}); add `occurrence:` (0-based)"
        )
    index = occurrence or 0
    if index >= len(found):
        raise ValueError(
            f"occurrence {index} but piece 1 {_excerpt(first)} occurs only {len(found)} times"
        )
    spans.append((found[index], found[index] + len(first)))
    for number, piece in enumerate(pieces[1:], start=2):
        start = text.find(piece, spans[-1][1])
        if start == -1:
            raise ValueError(
                f"piece {number} {_excerpt(piece)} not found after piece {number - 1} "
                f"(offset {spans[-1][1]})"
            )
        spans.append((start, start + len(piece)))
    return spans


def _optional_str(raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is not None and not (isinstance(value, str) and value.strip()):
        raise ValueError(f"`{key}` must be a non-empty string or null, not {value!r}")
    return value


def _party_code(raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is not None and not (isinstance(value, str) and value.strip()):
        raise ValueError(f"event `{key}` must be a party code or null, not {value!r}")
    return value


def _flag(raw: dict[str, Any], key: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"event `{key}` must be true or false, not {value!r}")
    return value


def _quote_event(raw: Any, text: str, quote: Span) -> QuoteEvent:
    """One event of a quotation; its condition is located in the text nearest the quotation."""
    if not isinstance(raw, dict):
        raise ValueError(f"an event must be a mapping, not {type(raw).__name__}")
    unknown = sorted(set(raw) - _EVENT_KEYS)
    if unknown:
        raise ValueError(f"unknown event keys {unknown} (allowed: {sorted(_EVENT_KEYS)})")
    if raw.get("type") not in codebook().types:
        raise ValueError(f"event `type` must be a PLOVER type, not {raw.get('type')!r}")
    context = raw.get("context") or []
    if not (isinstance(context, list) and all(isinstance(c, str) for c in context)):
        raise ValueError(f"event `context` must be a list of names, not {context!r}")
    condition = None
    if (words := raw.get("condition")) is not None:
        if not (isinstance(words, str) and words.strip()):
            raise ValueError(f"event `condition` must be text or null, not {words!r}")
        found = _occurrences(text, words)
        if not found:
            raise ValueError(f"event condition {_excerpt(words)} not found in text")
        start = min(found, key=lambda at: abs(at - quote[0]))
        condition = (start, start + len(words))
    return QuoteEvent(
        type=raw["type"],
        source=_party_code(raw, "source"),
        target=_party_code(raw, "target"),
        context=tuple(context),
        condition=condition,
        negated=_flag(raw, "negated"),
        hedged=_flag(raw, "hedged"),
    )


def _quote_events(raw: dict[str, Any], text: str, spans: list[Span]) -> tuple[QuoteEvent, ...]:
    events = raw.get("events") or []
    if not isinstance(events, list):
        raise ValueError("`events` must be a list")
    reason = raw.get("not_threat")
    if reason is not None and reason not in NOT_THREAT_REASONS:
        raise ValueError(f"`not_threat` must be one of {sorted(NOT_THREAT_REASONS)}, "
                         f"not {reason!r}")
    if reason is not None and any(e.get("type") == "THREATEN" and not e.get("negated")
                                  for e in events if isinstance(e, dict)):
        raise ValueError("a quotation marked `not_threat` cannot carry a THREATEN event")
    return tuple(_quote_event(e, text, spans[0]) for e in events)


def _quote(raw: Any, text: str) -> GoldQuote:
    if not isinstance(raw, dict):
        raise ValueError(f"must be a mapping, not {type(raw).__name__}")
    unknown = sorted(set(raw) - _QUOTE_KEYS)
    if unknown:
        raise ValueError(f"unknown keys {unknown} (allowed: {sorted(_QUOTE_KEYS)})")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ValueError(f"`kind` must be one of {list(KINDS)}, not {kind!r}")
    pieces = raw.get("pieces")
    if not (isinstance(pieces, list) and pieces):
        raise ValueError("`pieces` must be a non-empty list of strings")
    for number, piece in enumerate(pieces, start=1):
        if not isinstance(piece, str):  # YAML reads bare yes/no/1.5 as bool/number
            raise ValueError(f"piece {number} is {piece!r}, not a string: put it in quotes")
        if not piece.strip():
            raise ValueError(f"piece {number} is empty")
    if "speaker" not in raw:
        raise ValueError("`speaker` is missing (write `speaker: null` when never named)")
    occurrence = raw.get("occurrence")
    if occurrence is not None and not (
        isinstance(occurrence, int) and not isinstance(occurrence, bool) and occurrence >= 0
    ):
        raise ValueError(f"`occurrence` must be an integer >= 0, not {occurrence!r}")
    mention = _optional_str(raw, "mention")
    if mention is not None and mention not in text:
        raise ValueError(f"`mention` {mention!r} not found in text")
    spans = piece_spans(text, pieces, occurrence)
    return GoldQuote(
        kind=kind,
        spans=tuple(spans),
        cue=_optional_str(raw, "cue"),
        speaker=_optional_str(raw, "speaker"),
        mention=mention,
        addressee=_optional_str(raw, "addressee"),
        events=_quote_events(raw, text, spans),
        not_threat=raw.get("not_threat"),
    )


def _article_fields(raw: Any, path: Path) -> tuple[str, tuple[str, ...], str | None, list[Any]]:
    if not isinstance(raw, dict):
        raise ValueError("the file must hold a mapping (id, cases, text, quotes)")
    allowed = _ARTICLE_KEYS | _PROVENANCE_KEYS
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ValueError(f"unknown keys {unknown} (allowed: {sorted(allowed)})")
    if raw.get("id") != path.stem:
        raise ValueError(f"`id` {raw.get('id')!r} differs from the file name {path.stem!r}")
    text = raw.get("text")
    if not (isinstance(text, str) and text.strip()):
        raise ValueError("`text` must be a non-empty string")
    cases = raw.get("cases") or []
    if not (isinstance(cases, list) and all(isinstance(c, str) for c in cases)):
        raise ValueError("`cases` must be a list of tags")
    unknown_cases = sorted(set(cases) - CASE_TAGS)
    if unknown_cases:
        raise ValueError(f"unknown case tags {unknown_cases} (see docs/gold-format.md)")
    published = raw.get("published")
    if isinstance(published, dt.date):
        published = published.isoformat()
    if published is not None and not isinstance(published, str):
        raise ValueError(f"`published` must be a date, not {published!r}")
    quotes = [] if raw.get("quotes") is None else raw["quotes"]
    if not isinstance(quotes, list):
        raise ValueError("`quotes` must be a list")
    return text, tuple(cases), published, quotes


def _quote_label(raw_quote: Any) -> str:
    """The first piece, so an error can be found in the file by eye."""
    pieces = raw_quote.get("pieces") if isinstance(raw_quote, dict) else None
    if isinstance(pieces, list) and pieces and isinstance(pieces[0], str):
        return f" {_excerpt(pieces[0])}"
    return ""


def load_gold_file(path: Path) -> GoldArticle:
    """One gold article; raises ``GoldError`` listing every problem in the file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        text, cases, published, raw_quotes = _article_fields(raw, path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:
        raise GoldError([f"{path}: {exc}"]) from None
    quotes: list[GoldQuote] = []
    problems: list[str] = []
    for number, raw_quote in enumerate(raw_quotes, start=1):
        try:
            quotes.append(_quote(raw_quote, text))
        except ValueError as exc:
            problems.append(f"{path}: quote {number}{_quote_label(raw_quote)}: {exc}")
    if problems:
        raise GoldError(problems)
    return GoldArticle(
        id=path.stem,
        text=text,
        quotes=tuple(quotes),
        cases=cases,
        published=published,
        path=str(path),
        provenance=tuple((k, str(raw[k])) for k in sorted(_PROVENANCE_KEYS) if raw.get(k)),
    )


def load_gold_dir(folder: Path = GOLD_DIR) -> list[GoldArticle]:
    """Every ``*.yaml`` in ``folder``, sorted by name; ``GoldError`` lists all invalid files."""
    if not folder.is_dir():
        raise GoldError([f"{folder}: not a folder"])
    articles: list[GoldArticle] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            articles.append(load_gold_file(path))
        except GoldError as exc:
            problems.extend(exc.problems)
    if problems:
        raise GoldError(problems)
    return articles


def thin_cases(articles: list[GoldArticle], minimum: int = 2) -> dict[str, int]:
    """Case tags covered by fewer than ``minimum`` articles (the format asks for two each)."""
    counts = dict.fromkeys(CASE_TAGS, 0)
    for article in articles:
        for tag in set(article.cases):
            counts[tag] += 1
    return {tag: n for tag, n in sorted(counts.items()) if n < minimum}
