"""One article's analysis: what the stages find, kept on the parse until the record is written.

The stages hand each other these objects, not records: a ``Quotation`` holds its cue token,
the phrases of its speaker and addressee, its tokens and (once ``onrecord.modality`` has read
them) its condition span; ``onrecord.actors.link`` resolves each speaker and addressee once,
into a ``Party`` that the quotation's record and its events' ends both take. Only
``Quotation.record`` (called by ``onrecord.pipeline.record``) turns one into the ``Quote`` of
``onrecord.model``; offsets are the article's, since the parsed text keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from onrecord.model import ActorRef, Mention, Quote, QuoteKind, Span


@dataclass(frozen=True)
class Phrase:
    """A speaker or addressee as the parse gives it: the head word and its name phrase
    ("NATO Secretary General Mark Rutte", head "Rutte")."""

    head: Token
    words: TokenSpan


@dataclass(frozen=True)
class Party:
    """A mention resolved once, for every stage that needs it.

    ``phrase`` is where the article names it (for a quotation that goes on with an earlier
    speaker's words, where that speaker was named); ``mention`` is what the quotation's
    record prints (words, span, the fullest name the article gives, the known actor's id);
    ``known`` the knowledge-base actor it is on the article's date, if any; ``end`` what an
    event codes it as: the known actor (a member of a non-state group as the group), else
    the state or body its description names, with the name the article gives (``None``
    when it gives none: never the bare description)."""

    phrase: Phrase
    mention: Mention
    known: ActorRef | None
    end: ActorRef | None


@dataclass(frozen=True)
class Document:
    """A report made through a document: "said in a statement" (``unnamed`` false: the
    speaker issued it), "the statement said" (true: whoever last issued one speaks)."""

    noun: str
    unnamed: bool


@dataclass(eq=False)
class Quotation:
    """One quotation of an article, with the parse it was read from."""

    id: str
    kind: QuoteKind
    spans: list[Span]
    content: str
    # The tokens that start inside ``spans``, in text order; for a characterisation that quotes
    # the marked words alone, those of its whole reported clause (whom it is aimed at).
    tokens: list[Token]
    cue_text: str | None = None
    cue_span: Span | None = None
    cue: Token | None = None  # the cue's verb or noun: "threatened" in "has repeatedly threatened"
    directive: bool = False  # "urged Kyiv to", "called on Israel to": asks the addressee to act
    speaker_phrase: Phrase | None = None
    addressee_phrase: Phrase | None = None
    document: Document | None = None
    continues: Quotation | None = None  # the quotation whose speaker this one goes on with
    speaker: Party | None = None
    addressee: Party | None = None
    condition: TokenSpan | None = None  # "if attacked": its words, on the parse
    hedged: bool = False
    negated: bool = False

    @property
    def condition_span(self) -> Span | None:
        """Where the condition is, in characters."""
        return (self.condition.start_char, self.condition.end_char) if self.condition else None

    def record(self) -> Quote:
        """The ``Quote`` of ``onrecord.model`` for this quotation."""
        return Quote(
            id=self.id,
            kind=self.kind,
            content=self.content,
            spans=self.spans,
            cue=self.cue_text,
            cue_span=self.cue_span,
            speaker=self.speaker.mention if self.speaker else None,
            addressee=self.addressee.mention if self.addressee else None,
            negated=self.negated,
            hedged=self.hedged,
            condition=self.condition.text if self.condition is not None else None,
        )
