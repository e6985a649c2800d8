"""PolNeAR attributions (Newell, Margolin & Ruths, LREC 2018) read as gold articles.

PolNeAR ships ``<split>/text/<name>.txt`` and brat standoff ``<split>/attributions/
<name>_<annotator>.ann`` (``split`` = train, dev, test). In the ``.ann`` files:

- ``T7<TAB>Cue 183 195<TAB>described as``: a text-bound span; a discontinuous one lists its
  fragments as ``s e;s e``. Offsets are Python string indices into the ``.txt`` (UTF-8). The
  trailing text copy may run over several lines when a span holds a line break, so only the
  offsets are read.
- ``E2<TAB>Attribution:T8 Cue:T7 Source:T6 Content:T5``: one attribution. The type is
  ``Attribution`` or ``Attribution-no-source``; the ``Attribution:`` trigger repeats the cue;
  a second content part is ``Content2:``. Two attributions may share one source.
- ``Discard`` / ``Discuss`` spans and ``#`` annotator notes are not attributions.

Choices made here (documented because they move the numbers):

- A text annotated by several annotators (inter-annotator agreement articles) is scored against
  the annotation whose annotator id sorts first.
- An attribution without content is skipped: there is nothing to quote.
- PolNeAR has no direct/indirect label: content that is wholly inside quotation marks (each
  paragraph opening with a mark, the last one closing) is ``direct``; content that contains marks
  is ``mixed``; the rest is ``indirect``. A single mark counts only outside a word (not the
  apostrophe of "don't"), and only when there are two of them (not the possessive "voters'");
  two apostrophes ('', as the NYT prints them) are a double mark.
- Content spans are brought to onrecord's conventions (``shared/spec/annotation.md``): a direct
  quote loses its outer marks, a reported clause its leading "that".
- Each article gets the case tag ``publisher:<name>`` (the file-name prefix), so recall per tag
  is recall per publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from onrecord.errors import InputError
from onrecord.eval.gold import GoldArticle, GoldQuote
from onrecord.model import QuoteKind, Span

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_EVENT = re.compile(r"^(E\d+)\t(\S+?):(T\d+)((?: \S+:T\d+)*)\s*$")
_ANNOTATOR_SUFFIX = re.compile(r"_([0-9a-z]+)$")
_ATTRIBUTION_TYPES = frozenset({"Attribution", "Attribution-no-source"})
_DOUBLE_MARKS = '"“”„‟«»'
_SINGLE_MARKS = "'‘’‹›"
_OPEN = "\"“„«'‘‹"
_CLOSE = "\"”‟»'’›"
_LEADING_THAT = re.compile(r"that\b\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    """One brat attribution as fragments of the text (empty when a role is absent)."""

    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]


def parse_ann(data: str, text: str, origin: str) -> list[Attribution]:
    """The attributions of one ``.ann`` file, in file order; ``InputError`` names bad lines."""
    spans: dict[str, tuple[Span, ...]] = {}
    events: list[tuple[int, str, list[tuple[str, str]]]] = []
    for number, line in enumerate(data.splitlines(), start=1):
        if bound := _TEXT_BOUND.match(line):
            tid, _, offsets = bound.groups()
            fragments = tuple(
                (int(s), int(e)) for s, e in (pair.split() for pair in offsets.split(";"))
            )
            if any(not 0 <= s <= e <= len(text) for s, e in fragments):
                raise InputError(origin, f"line {number}: span {offsets} outside the text")
            spans[tid] = fragments
        elif event := _EVENT.match(line):
            _, kind, trigger, rest = event.groups()
            args = [tuple(arg.split(":")) for arg in rest.split()]
            events.append((number, kind, [(kind, trigger), *args]))
    attributions: list[Attribution] = []
    for number, kind, args in events:
        if kind not in _ATTRIBUTION_TYPES:
            continue
        roles: dict[str, list[Span]] = {"Source": [], "Cue": [], "Content": []}
        for role, tid in args:
            if tid not in spans:
                raise InputError(origin, f"line {number}: {tid} is not defined")
            base = role.rstrip("0123456789")
            if base in roles:
                roles[base].extend(spans[tid])
        attributions.append(
            Attribution(*(tuple(sorted(roles[r])) for r in ("Source", "Cue", "Content")))
        )
    return attributions


def _marks(piece: str, family: str) -> list[int]:
    """Positions of quotation marks of ``family``, leaving out apostrophes inside words."""
    return [
        i
        for i, char in enumerate(piece)
        if char in family
        and not (0 < i < len(piece) - 1 and piece[i - 1].isalnum() and piece[i + 1].isalnum())
    ]


def _wholly_quoted(pieces: list[str]) -> bool:
    for number, piece in enumerate(pieces, start=1):
        if piece[0] not in _OPEN:
            return False
        family = _DOUBLE_MARKS if piece[0] in _DOUBLE_MARKS else _SINGLE_MARKS
        inner = _marks(piece, family)[1:]
        last = number == len(pieces)
        if last and (len(piece) < 2 or piece[-1] not in _CLOSE):
            return False
        if inner and inner[-1] == len(piece) - 1 and piece[-1] in _CLOSE:
            inner = inner[:-1]
        if inner:
            return False
    return True


def derive_kind(content: str) -> QuoteKind:
    """direct / mixed / indirect from the quotation marks of PolNeAR content (module docstring)."""
    content = content.replace("''", '"')  # the NYT prints double marks as two apostrophes
    pieces = [line.strip().rstrip(",;:.").strip() for line in content.splitlines()]
    pieces = [piece for piece in pieces if piece]
    if pieces and _wholly_quoted(pieces):
        return "direct"
    joined = "\n".join(pieces)
    if _marks(joined, _DOUBLE_MARKS) or len(_marks(joined, _SINGLE_MARKS)) >= 2:
        return "mixed"
    return "indirect"


def _conform(text: str, fragments: tuple[Span, ...], kind: QuoteKind) -> tuple[Span, ...]:
    """Content fragments without outer marks (direct) or leading "that" (reported clauses)."""
    conformed: list[Span] = []
    for start, end in fragments:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if kind == "direct":
            while start < end and (text[start] in _OPEN or text[start].isspace()):
                start += 1
            while end > start and (text[end - 1] in _CLOSE or text[end - 1].isspace()):
                end -= 1
        elif not conformed and (that := _LEADING_THAT.match(text, start, end)):
            start = that.end()
        if start < end:
            conformed.append((start, end))
    return tuple(conformed)


def _joined(text: str, fragments: tuple[Span, ...]) -> str | None:
    return " ".join(text[s:e].strip() for s, e in fragments) or None


def to_gold_quote(text: str, attribution: Attribution) -> GoldQuote | None:
    """The attribution as a gold quote, or ``None`` when it has no content."""
    content = "\n".join(text[s:e] for s, e in attribution.content)
    if not content.strip():
        return None
    kind = derive_kind(content)
    spans = _conform(text, attribution.content, kind)
    if not spans:
        return None
    speaker = _joined(text, attribution.source)
    return GoldQuote(
        kind=kind,
        spans=spans,
        cue=_joined(text, attribution.cue),
        speaker=speaker,
        mention=speaker,
        cue_spans=attribution.cue,
        speaker_spans=attribution.source,
    )


def find_documents(folder: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs under ``folder``, one per text, sorted by text name.

    A ``.ann`` belongs to the ``.txt`` of the same name, or (PolNeAR) of its name without the
    ``_<annotator>`` suffix. Annotation files without a text are left out.
    """
    texts: dict[str, list[Path]] = {}
    for path in folder.rglob("*.txt"):
        texts.setdefault(path.stem, []).append(path)
    chosen: dict[Path, Path] = {}
    for ann in sorted(folder.rglob("*.ann")):
        stem = ann.stem
        if stem not in texts and (suffix := _ANNOTATOR_SUFFIX.search(stem)):
            stem = stem[: suffix.start()]
        candidates = texts.get(stem, [])
        if len(candidates) > 1:
            raise InputError(str(ann), f"several texts are named {stem}.txt")
        if candidates and candidates[0] not in chosen:
            chosen[candidates[0]] = ann
    return sorted(chosen.items(), key=lambda pair: pair[0].name)


def read_document(text_path: Path, ann_path: Path) -> GoldArticle:
    """One text and its attributions as a gold article (id = the text's file name stem)."""
    text = text_path.read_text(encoding="utf-8")
    attributions = parse_ann(ann_path.read_text(encoding="utf-8"), text, str(ann_path))
    quotes = [to_gold_quote(text, a) for a in attributions]
    return GoldArticle(
        id=text_path.stem,
        text=text,
        quotes=tuple(q for q in quotes if q is not None),
        cases=(f"publisher:{text_path.stem.split('_')[0]}",),
        path=str(ann_path),
    )


def read_polnear(folder: Path, limit: int | None = None) -> list[GoldArticle]:
    """The gold articles of a PolNeAR split (or any folder of brat ``.txt``/``.ann`` pairs)."""
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder")
    pairs = find_documents(folder)
    if not pairs:
        raise InputError(str(folder), "no .txt/.ann pairs found (recursively)")
    return [read_document(t, a) for t, a in pairs[:limit]]
