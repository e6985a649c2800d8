"""One quotation as provenance sees it (``Occurrence``): its words, article metadata, speaker
fields and the passage that attributes it. Built from ``Article`` records or store rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from onrecord.actors.kb import KnowledgeBase
from onrecord.dates import parse_date
from onrecord.model import Article, Quote
from onrecord.provenance.attribution import Attribution, attribute
from onrecord.provenance.cluster import Parts, quoted_words, word_count

# Evidence shown for a quotation: its paragraph (and the speaker's, when the cue sits in the
# next or previous one), cut to this many characters around the quotation.
EVIDENCE_CHARS = 600


@dataclass(frozen=True)
class Occurrence:
    """One quotation in one article, with what provenance needs to compare it with others."""

    doc_id: str
    quote_id: str
    kind: str
    content: str
    published: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    speaker_mention: str | None = None
    speaker_name: str | None = None
    speaker_actor_id: str | None = None
    evidence: str | None = None  # the passage that attributes it, when the article text is known
    #: A copy of a stored article (de-duplication folded it in): that article's ``doc_id``,
    #: and ``exact`` or ``near``; ``doc_id`` and the metadata are the copy's.
    copy_of: str | None = None
    copy_kind: str | None = None
    parts: Parts = field(default=(), compare=False)

    @property
    def ref(self) -> str:
        return f"{self.doc_id}/{self.quote_id}"

    @property
    def words(self) -> int:
        return word_count(self.parts)

    @property
    def outlet(self) -> str | None:
        return self.source or self.url


def evidence(article: Article, quote: Quote) -> str:
    """The paragraphs that hold a quotation and its speaker mention, trimmed around them."""
    spans = list(quote.spans)
    if quote.speaker is not None and quote.speaker.span[1] > quote.speaker.span[0]:
        spans.append(quote.speaker.span)
    if not spans:
        return quote.content
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    for start, end in article.paragraphs or [(0, len(article.text))]:
        if start <= lo < end:
            lo = start
        if start < hi <= end:
            hi = end
    text = article.text[lo:hi].strip()
    if len(text) > EVIDENCE_CHARS:
        text = text[:EVIDENCE_CHARS - 1].rstrip() + "…"
    return text


def occurrence(article: Article, quote: Quote) -> Occurrence:
    speaker = quote.speaker
    return Occurrence(
        doc_id=article.doc_id, quote_id=quote.id, kind=quote.kind, content=quote.content,
        published=article.published, source=article.source, url=article.url,
        title=article.title,
        speaker_mention=speaker.mention if speaker else None,
        speaker_name=speaker.name if speaker else None,
        speaker_actor_id=speaker.actor_id if speaker else None,
        evidence=evidence(article, quote), parts=quoted_words(quote.kind, quote.content),
    )


def occurrences(articles: Iterable[Article]) -> list[Occurrence]:
    """Every quotation of every article, in order."""
    return [occurrence(article, quote) for article in articles for quote in article.quotes]


def with_parts(occ: Occurrence) -> Occurrence:
    """``occ`` with its compared words filled (store rows come without them)."""
    if occ.parts:
        return occ
    return replace(occ, parts=quoted_words(occ.kind, occ.content))


def attribution_of(kb: KnowledgeBase, occ: Occurrence) -> Attribution:
    return attribute(kb, occ.speaker_mention, occ.speaker_name, occ.speaker_actor_id,
                     parse_date(occ.published))



__all__ = ["Occurrence", "attribution_of", "evidence", "occurrence", "occurrences", "with_parts"]
