"""Alert rules on statements: which quotations of a new article, with the event each codes,
a rule fires on, and the story key that keeps a story to one alert however many outlets run it.

A statement is a quotation with one of its events ("“If Germany sends these missiles, we will
strike the factories,” Lavrov said": THREATEN, RUS -> DEU, conditional), or alone when it codes
none. Parties match as the store's queries match them: an actor id, a name, or a state code that
stands for the state, its bodies and its officials (Lavrov is RUS), never a non-state group
based there (``onrecord.events.timeline.party``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from onrecord.events.timeline import party
from onrecord.model import ActorRef, Article, Event, Quote
from onrecord.normalise import caseless
from onrecord.watch.alerts import Alert
from onrecord.watch.config import Rule


@dataclass(frozen=True)
class Statement:
    """One quotation of an article with one event it codes (``None``: it codes none)."""

    article: Article
    quote: Quote
    event: Event | None


def statements(article: Article) -> Iterator[Statement]:
    """Every quotation with each of its events, or alone."""
    by_quote: dict[str | None, list[Event]] = {}
    for event in article.events:
        by_quote.setdefault(event.quote_id, []).append(event)
    for quote in article.quotes:
        for event in by_quote.get(quote.id) or [None]:
            yield Statement(article, quote, event)


def _names(ref: ActorRef | None) -> set[str]:
    """What a party answers to: its actor id, its name and the state it stands for."""
    if ref is None:
        return set()
    return {caseless(n) for n in (ref.actor_id, ref.name, party(ref, "state")) if n}


def _any_of(wanted: list[str], names: set[str]) -> bool:
    return not wanted or any(caseless(w) in names for w in wanted)


def _has_words(wanted: list[str], content: str) -> bool:
    """Any of the words or phrases, as whole words: "strike" is not in "strikers"."""
    return not wanted or any(
        re.search(rf"(?<!\w){re.escape(caseless(w))}(?!\w)", caseless(content)) for w in wanted
    )


def matches(rule: Rule, st: Statement) -> bool:
    """Every field the rule gives holds for the statement. An event without a ``confidence``
    (one coded before events carried it) passes a ``min_confidence``."""
    event, quote = st.event, st.quote
    if event is None and rule.needs_event:
        return False
    condition = event.condition if event else quote.condition
    negated = event.negated if event else quote.negated
    confidence = event.confidence if event else None
    speaker = {caseless(n) for n in (quote.speaker.name, quote.speaker.actor_id) if n} \
        if quote.speaker else set()
    return (
        (not rule.type or (event is not None and event.type in rule.type))
        and (not rule.context or (event is not None and bool(set(rule.context)
                                                              & set(event.context))))
        and (rule.conditional is None or rule.conditional == (condition is not None))
        and (rule.negated is None or rule.negated == negated)
        and _any_of(rule.source, _names(event.source) if event else set())
        and _any_of(rule.target, _names(event.target) if event else set())
        and _any_of(rule.speaker, speaker)
        and _has_words(rule.words, quote.content)
        and (rule.min_confidence is None or confidence is None
             or confidence >= rule.min_confidence)
    )


def words_key(content: str) -> str:
    """The quoted words as a wire copy repeats them: case, punctuation and spacing dropped."""
    return " ".join(re.findall(r"\w+", content.casefold()))


def story_key(*parts: str | None) -> str:
    """A short stable key for one story of one rule."""
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def _who(st: Statement) -> str | None:
    speaker = st.quote.speaker
    if speaker is not None and (speaker.name or speaker.actor_id):
        return speaker.name or speaker.actor_id
    if st.event is not None and st.event.source is not None:
        return st.event.source.name or st.event.source.actor_id
    return speaker.mention if speaker else None


def _summary(st: Statement, who: str | None) -> str:
    event = st.event
    parts = [who or "unnamed speaker"]
    if event is not None:
        target = event.target.name or event.target.actor_id if event.target else None
        parts.append(f"{event.type}" + (f"/{event.mode}" if event.mode else "")
                     + (f" to {target}" if target else "")
                     + (" (conditional)" if event.condition else ""))
    words = st.quote.content if len(st.quote.content) <= 160 else st.quote.content[:159] + "…"
    return ": ".join(parts) + f": “{words}”"


def _evidence(st: Statement) -> dict:
    article, event = st.article, st.event
    shown = article.text[slice(*event.evidence)] if event and event.evidence else None
    return {
        "article": {"doc_id": article.doc_id, "url": article.url, "source": article.source,
                    "title": article.title, "published": article.published},
        "quote": st.quote.model_dump(mode="json"),
        "event": event.model_dump(mode="json") if event else None,
        "evidence_text": shown,
    }


def statement_alerts(rules: list[Rule], article: Article) -> list[Alert]:
    """The alerts ``rules`` raise on ``article``: one per rule and story. The story is the
    speaker and the quoted words, so the same words from another outlet's copy, or quoted twice
    in one article, give the same key."""
    alerts: dict[str, Alert] = {}
    for st in statements(article):
        for rule in rules:
            if not matches(rule, st):
                continue
            who = _who(st)
            key = story_key("statement", rule.name, who, words_key(st.quote.content))
            alerts.setdefault(key, Alert(
                story_key=key, rule=rule.name, kind="statement", summary=_summary(st, who),
                doc_id=article.doc_id, quote_id=st.quote.id,
                event_id=st.event.id if st.event else None, quote=st.quote.content,
                speaker=who, url=article.url, title=article.title,
                published=article.published, evidence=_evidence(st),
            ))
    return list(alerts.values())
