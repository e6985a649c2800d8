"""Hand-built records, so rendering is tested on every case whatever the extractor finds."""

from __future__ import annotations

from onrecord.model import ActorRef, Article, Event, Mention, Quote, Removed, Span

PARAGRAPHS = [
    "<script>window.pwned = true</script> Tensions rose on <b>Monday</b>.",
    "“We will not retreat,” said Jane Roe, the defence minister. “Our answer will be firm.",
    "“Any attack on us will be met with force,” she told Berlin.",
    "A spokesman said the talks were “dead in the water” after the strike.",
]
TEXT = "\n\n".join(PARAGRAPHS)


def span_of(piece: str, text: str = TEXT, after: int = 0) -> Span:
    """Offsets of the first ``piece`` in ``text`` at or after ``after``."""
    start = text.index(piece, after)
    return (start, start + len(piece))


def paragraph_spans(text: str = TEXT) -> list[Span]:
    spans, start = [], 0
    for paragraph in text.split("\n\n"):
        spans.append((start, start + len(paragraph)))
        start += len(paragraph) + 2
    return spans


def build_article() -> Article:
    """Four quotes: plain, multi-paragraph, indirect, and a mixed one nested in the indirect."""
    jane = Mention(mention="Jane Roe", span=span_of("Jane Roe"), name="Jane Roe", confidence=0.93)
    she = Mention(mention="she", span=span_of("she"), name="Jane Roe", confidence=0.8)
    spokesman = Mention(mention="A spokesman", span=span_of("A spokesman"))
    indirect = "the talks were “dead in the water” after the strike"
    return Article(
        doc_id="sample-1",
        title="Minister <em>warns</em> of force",
        source="Example <Wire>",
        url="javascript:alert(1)",
        text=TEXT,
        paragraphs=paragraph_spans(),
        removed=[Removed(span=(150, 190), why="related-links <insert>")],
        quotes=[
            Quote(
                id="q1",
                kind="direct",
                content="We will not retreat,",
                spans=[span_of("We will not retreat,")],
                cue="say",
                cue_span=span_of("said"),
                speaker=jane,
            ),
            Quote(
                id="q2",
                kind="direct",
                content="Our answer will be firm. Any attack on us will be met with force,",
                spans=[
                    span_of("Our answer will be firm."),
                    span_of("Any attack on us will be met with force,"),
                ],
                cue="tell",
                cue_span=span_of("told"),
                speaker=she,
                addressee=Mention(
                    mention="Berlin", span=span_of("Berlin"), name="Government of Germany"
                ),
                condition="any attack on us",
            ),
            Quote(
                id="q3",
                kind="indirect",
                content=indirect,
                spans=[span_of(indirect)],
                cue="say",
                cue_span=span_of("said", after=span_of("A spokesman")[0]),
                speaker=spokesman,
            ),
            Quote(
                id="q4",
                kind="mixed",
                content="dead in the water",
                spans=[span_of("dead in the water")],
                cue="say",
                cue_span=span_of("said", after=span_of("A spokesman")[0]),
                speaker=spokesman,
            ),
        ],
        events=[
            Event(
                id="e1",
                type="THREATEN",
                context=["military"],
                source=ActorRef(name="Jane Roe", country="XYZ"),
                target=ActorRef(name="Government of Germany", country="DEU"),
                quote_id="q2",
                condition="any attack on us",
                intensity=-4.0,
                evidence=span_of("Any attack on us will be met with force,"),
            ),
            Event(id="e2", type="CONSULT", source=ActorRef(name="<i>Talks</i> office")),
        ],
    )
