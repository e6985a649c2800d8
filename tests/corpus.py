"""A small hand-built corpus for store queries, exports, the API and the pages.

Six articles over three months from three outlets; Ivan Petrov (actor ``rus-petrov``, RUS)
threatens Germany, twice on a condition, and supports Serbia; Jane Roe (GBR) answers him; one
quote has no resolved speaker; one article is undated. Each filter keeps a different subset.
"""

from __future__ import annotations

from onrecord.model import ActorRef, Article, Event, Mention, Quote

PETROV = ActorRef(name="Ivan Petrov", actor_id="rus-petrov", country="RUS", sector="GOV")
ROE = ActorRef(name="Jane Roe", actor_id="gbr-roe", country="GBR", sector="GOV")
#: The write token of the test servers that serve this corpus (conftest ``app``).
TOKEN = "s3cret-token"
GERMANY = ActorRef(name="Germany", actor_id="deu", country="DEU", sector="GOV")
SERBIA = ActorRef(name="Serbia", actor_id="srb", country="SRB", sector="GOV")


def _mention(who: ActorRef | str, at: int) -> Mention:
    """A resolved mention of an actor, or an unresolved one (a bare string)."""
    if isinstance(who, str):
        return Mention(mention=who, span=(at, at + len(who)))
    return Mention(mention=who.name, span=(at, at + len(who.name)), name=who.name,
                   actor_id=who.actor_id, confidence=0.9)


def _article(doc_id, published, source, pieces, events=()) -> Article:
    """``pieces``: (speaker, words, kind, cue, addressee or None), one line each:
    “words” cue Speaker to Addressee."""
    text, quotes = "", []
    for n, (who, words, kind, cue, to) in enumerate(pieces, start=1):
        start = len(text) + 1
        cue_at = start + len(words) + 2
        speaker_at = cue_at + len(cue) + 1
        name = who if isinstance(who, str) else who.name
        text += f"“{words}” {cue} {name}"
        addressee = None
        if to is not None:
            text += " to "
            addressee = _mention(to, len(text))
            text += to.name
        text += ".\n"
        quotes.append(Quote(
            id=f"q{n}", kind=kind, content=words, spans=[(start, start + len(words))], cue=cue,
            cue_span=(cue_at, cue_at + len(cue)), speaker=_mention(who, speaker_at),
            addressee=addressee,
        ))
    return Article(
        doc_id=doc_id, published=published, source=source, title=f"Story {doc_id}",
        url=f"https://{source}/{doc_id}", text=text.rstrip("\n"), quotes=quotes,
        events=list(events),
    )


def _event(n, type_, source, target, quote_id=None, condition=None, context=(), intensity=None):
    return Event(
        id=f"e{n}", type=type_, source=source, target=target, quote_id=quote_id,
        condition=condition, context=list(context), intensity=intensity,
    )


def build_corpus() -> list[Article]:
    return [
        _article("a1", "2024-01-10", "wire.example", [
            (PETROV, "We will respond to any provocation", "direct", "said", GERMANY),
            (ROE, "London stands with Berlin", "direct", "said", None),
        ], [
            _event(1, "THREATEN", PETROV, GERMANY, "q1", "if provoked", ["military"], -3.5),
            _event(2, "SUPPORT", ROE, GERMANY, "q2", intensity=5.0),
        ]),
        _article("a2", "2024-01-25T08:00:00Z", "daily.example", [
            (PETROV, "Nuclear weapons will be used if Germany attacks", "direct", "warned",
             GERMANY),
        ], [
            _event(1, "THREATEN", PETROV, GERMANY, "q1", "if Germany attacks", ["cbrn"], -4.0),
        ]),
        _article("a3", "2024-02-03", "wire.example", [
            (PETROV, "the talks with Belgrade were fruitful", "indirect", "said", SERBIA),
            ("A spokesman", "the border would stay closed", "indirect", "said", None),
        ], [
            _event(1, "SUPPORT", PETROV, SERBIA, "q1", intensity=5.0),
        ]),
        _article("a4", "2024-03-30", "daily.example", [
            (ROE, "a grave threat", "mixed", "called", None),
        ], [
            _event(1, "ACCUSE", ROE, PETROV, "q1", intensity=-3.0),
        ]),
        _article("a5", "2024-03-31", "wire.example", [
            (PETROV, "Our patience with Berlin is running out", "direct", "told", GERMANY),
        ], [
            _event(1, "THREATEN", PETROV, GERMANY, "q1", None, ["military"], -3.0),
            _event(2, "MOBILIZE", PETROV, None),
        ]),
        _article("a6", None, "blog.example", [
            (ROE, "We will not be intimidated by threats", "direct", "said", None),
        ]),
    ]
