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


#: Israel, Lebanon and Hezbollah (``build_border``): Hezbollah is a non-state armed group based
#: in Lebanon (country LBN, sector REB), its secretary general Naim Qassem acts for it; Joseph
#: Aoun speaks for the Lebanese state.
KATZ = ActorRef(name="Israel Katz", actor_id="israel-katz", country="ISR", sector="MIL")
ISRAEL = ActorRef(name="Israel", actor_id="ISR", country="ISR", sector="GOV")
LEBANON = ActorRef(name="Lebanon", actor_id="LBN", country="LBN", sector="GOV")
AOUN = ActorRef(name="Joseph Aoun", actor_id="joseph-aoun", country="LBN", sector="GOV")
QASSEM = ActorRef(name="Naim Qassem", actor_id="naim-qassem", country="LBN", sector="REB",
                  non_state=True)
HEZBOLLAH = ActorRef(name="Hezbollah", actor_id="HEZBOLLAH", country="LBN", sector="REB",
                     non_state=True)


def build_border() -> list[Article]:
    """Israel's exchanges with Hezbollah and with the Lebanese state, which a country code must
    tell apart: ISR -> LBN is one REQUEST (March 2025), ISR -> HEZBOLLAH two THREATENs (March
    and April), LBN -> ISR one ACCUSE and HEZBOLLAH -> ISR one THREATEN (Qassem's words)."""
    return [
        _article("h1", "2025-03-03", "wire.example", [
            (KATZ, "Hezbollah will pay a heavy price for every rocket", "direct", "warned",
             HEZBOLLAH),
            (QASSEM, "The resistance will answer any aggression", "direct", "said", ISRAEL),
        ], [
            _event(1, "THREATEN", KATZ, HEZBOLLAH, "q1", intensity=-4.0),
            _event(2, "THREATEN", HEZBOLLAH, ISRAEL, "q2", intensity=-3.0),
        ]),
        _article("h2", "2025-03-10", "daily.example", [
            (KATZ, "Beirut has to disarm the militias south of the Litani", "direct", "told",
             LEBANON),
            (AOUN, "Israel's strikes violate the ceasefire", "direct", "said", None),
        ], [
            _event(1, "REQUEST", KATZ, LEBANON, "q1"),
            _event(2, "ACCUSE", AOUN, ISRAEL, "q2", intensity=-2.0),
        ]),
        _article("h3", "2025-04-14", "wire.example", [
            (KATZ, "We will strike Hezbollah wherever it hides", "direct", "said", None),
        ], [
            _event(1, "THREATEN", KATZ, HEZBOLLAH, "q1", intensity=-3.5),
        ]),
    ]
