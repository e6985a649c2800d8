"""Quotation extraction (``onrecord.quotes``): direct, indirect and mixed quotes with their
cue, speaker and addressee.

Two readings of the article meet here: the quotation marks (``marks``: what is quoted, across
paragraphs and page furniture) and the parse (``cues``: who reports what with which words).
A quoted passage takes the cue whose reported clause it is, or the cue right after it
("…,” she said) or right before it (She said: “…”); a reported clause that contains a quoted
fragment is a mixed quote; a clause with no marks is an indirect quote.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from onrecord.analysis import Document, Phrase, Quotation
from onrecord.clean import Insert
from onrecord.layout import Layout
from onrecord.modality import condition_in
from onrecord.model import QuoteKind, Span
from onrecord.normalise import drop_invisible
from onrecord.quotes.cues import (
    CueSite,
    colon_site,
    directive_addressee,
    document_of,
    find_cue_sites,
    issuer,
    name_after_relation,
    name_phrase,
)
from onrecord.quotes.fragments import fragment_features, shipped_fragment_model
from onrecord.quotes.marks import ALL_MARKS, DASHES, MarkedQuote, find_marked_quotes

#: Decides whether a reported clause with quoted words (its cue, its tokens, the tokens in
#: marks) quotes the marked words alone (``quotes.fragments``).
Judge = Callable[[CueSite, list[Token], list[Token]], bool]


def rules_judge(site: CueSite, clause: list[Token], marked: list[Token]) -> bool:
    """The verb list alone: "called the apology “a cynical stunt”" (``characterisation_verbs``
    in ``cues.yaml``)."""
    return site.characterises


def shipped_judge(site: CueSite, clause: list[Token], marked: list[Token]) -> bool:
    """The shipped model (``quotes.fragments``); the verb list when none is shipped."""
    model = shipped_fragment_model()
    if model is None:
        return rules_judge(site, clause, marked)
    return model.marked_only(fragment_features(site, clause, marked))

# How far a cue may sit from the quotation it introduces or closes, in tokens
# ("…,” the deputy head of the security council said" is 8 tokens). Calibrated on the gold set.
MAX_CUE_DISTANCE = 12
# A quoted passage inside a reported clause with at least this many words of the clause outside
# the marks makes the clause a mixed quote ("that reunification “cannot be postponed”" has one);
# fewer, and the clause is just the quotation.
MIXED_MIN_OUTSIDE_WORDS = 1
# An indirect quote's reported clause needs at least this many words.
INDIRECT_MIN_WORDS = 3
# A quotation with no cue of its own continues the previous speaker's words when it opens a
# paragraph at most this many paragraphs after theirs.
CONTINUATION_PARAGRAPHS = 2
# Quotation marks a quoted piece may close or open with at once: a nested quotation that ends
# with the outer one (“… ‘a red line’”) has two.
_MARKS_AT_ONCE = 2
_SENTENCE_END = {".", "!", "?"}
_TRAILING_OPEN = (",", "—", "–", "-", "?", "!", "…", ":")


@dataclass(eq=False)
class _Draft:
    kind: QuoteKind
    spans: list[Span]
    site: CueSite | None
    marked: MarkedQuote | None = None
    nested_marks: list[int] = field(default_factory=list)
    inherits_from: _Draft | None = None  # the draft whose speaker this one continues
    # The whole reported clause of a characterisation that quotes only the marked words: the
    # later stages read whom it is aimed at ("condemned a US arms package as “…”").
    clause: list[Span] | None = None


def _in_spans(offset: int, spans: list[Span]) -> bool:
    return any(s <= offset < e for s, e in spans)


class _Article:
    """The pieces of one article that the assembly steps share."""

    def __init__(self, doc: Doc, layout: Layout, inserts: list[Insert],
                 judge: Judge = shipped_judge) -> None:
        self.doc = doc
        self.judge = judge
        self.text = layout.text
        self.layout = layout
        furniture = {insert.paragraph for insert in inserts}
        self.marked = find_marked_quotes(layout, furniture)
        skipped = furniture | {p for q in self.marked for p in q.skipped_paragraphs}
        self.excluded = [layout.paragraphs[p] for p in sorted(skipped)]
        self.quoted = sorted(piece for q in self.marked for piece in q.pieces)
        self._quoted_starts = [start for start, _ in self.quoted]
        self.sites = [s for s in find_cue_sites(doc)
                      if not self.in_quotes(s.anchor.idx)
                      and not _in_spans(s.anchor.idx, self.excluded)]
        self.sites_at: dict[int, list[CueSite]] = {}
        for site in self.sites:
            self.sites_at.setdefault(site.anchor.i, []).append(site)
        self._starts = [t.idx for t in doc]

    def paragraph(self, offset: int) -> int:
        return self.layout.paragraph_at(offset)

    def words_outside(self, spans: list[Span]) -> int:
        """Word tokens of ``spans`` outside every quotation mark pair: the writer's words."""
        return sum(1 for start, end in spans for t in self.tokens_between(start, end)
                   if not (t.is_punct or t.is_space) and not self.in_quotes(t.idx))

    def in_quotes(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a quoted piece (bisection: a page may hold thousands)."""
        i = bisect_right(self._quoted_starts, offset) - 1
        return i >= 0 and offset < self.quoted[i][1]

    def tokens_between(self, start: int, end: int, limit: int | None = None,
                       from_end: bool = False) -> list[Token]:
        """Tokens starting in [start, end), found by bisection; at most ``limit`` of them,
        nearest the start (or the end), since cues are looked for near their quotation."""
        first, last = bisect_left(self._starts, start), bisect_left(self._starts, end)
        if limit is not None:
            first, last = (max(first, last - limit), last) if from_end \
                else (first, min(last, first + limit))
        return list(self.doc[first:last])

    def tokens_in(self, spans: list[Span]) -> list[Token]:
        """The tokens that start inside ``spans``, in text order."""
        return [t for start, end in spans for t in self.tokens_between(start, end)]


def _reports(site: CueSite, quote: MarkedQuote) -> bool:
    """Whether the cue's reported clause and the quoted passage overlap."""
    return any(_in_spans(start, quote.pieces) or _in_spans(piece[0], site.clause)
               for start, _ in site.clause for piece in quote.pieces)


def _clause_site(article: _Article, quote: MarkedQuote) -> CueSite | None:
    """A cue whose reported clause is (or contains) the quoted passage."""
    for site in article.sites:
        if not site.clause:
            continue
        if _reports(site, quote) and article.paragraph(site.anchor.idx) in {
                article.paragraph(quote.start), article.paragraph(quote.end)}:
            return site
    return None


def _free_site(article: _Article, token: Token, used: set[CueSite],
               quote: MarkedQuote) -> CueSite | None:
    """The unused cue at ``token``, unless it reports another clause than this quotation:
    in “…two points.” Reluctantly, Brafman said he had …, "said" is not the quote's cue."""
    for site in article.sites_at.get(token.i, []):
        if site in used:
            continue
        partner = article.words_outside(site.clause) == 0  # "“A,” she said, “B.”"
        if site.clause and not (_reports(site, quote) or partner):
            return None
        return site
    return None


def _site_after(article: _Article, quote: MarkedQuote, used: set[CueSite]) -> CueSite | None:
    """ "…,” she said": the first cue after the closing mark, in the same sentence."""
    paragraph_end = article.layout.paragraphs[article.paragraph(quote.end)][1]
    gap = article.tokens_between(quote.end + 1, paragraph_end, limit=MAX_CUE_DISTANCE + 1)
    sentence_closed = article.text[quote.end - 1:quote.end] in _SENTENCE_END
    for distance, token in enumerate(gap):
        if distance > MAX_CUE_DISTANCE or token.text in _SENTENCE_END and distance > 0:
            return None
        if article.in_quotes(token.idx):
            return None
        site = _free_site(article, token, used, quote)
        if site is not None:
            # After a quotation that ends its sentence, only a bare "Roe said." closes it;
            # "He went on to say that …" starts a report of its own.
            if sentence_closed and _reports_more(site, quote):
                return None
            if _leads_into_next(article, quote, paragraph_end):
                return None  # '… who “deserved to die”, adding to CNN: “…”': the next one's cue
            return site
    return None


def _leads_into_next(article: _Article, quote: MarkedQuote, paragraph_end: int) -> bool:
    """Whether the words after ``quote`` end in a colon before the next quotation."""
    following = next((q.start for q in article.marked if quote.end < q.start < paragraph_end),
                     None)
    if following is None:
        return False
    return article.text[quote.end:following].rstrip().rstrip(ALL_MARKS).rstrip().endswith(":")


#: Tokens after a quotation looked at for a dash and a name: marks, the dash, a name.
_SIGNATURE_TOKENS = 16


def _dash_site(article: _Article, quote: MarkedQuote) -> CueSite | None:
    """ "“Maybe we can build a wall around him.” ― Steve Quinlan.": a quotation signed with a
    dash and a name that ends its paragraph (testimonials, pull quotes, embedded posts)."""
    paragraph_end = article.layout.paragraphs[article.paragraph(quote.end)][1]
    # A signature is a few words: looking further made a paragraph of 10,000 unclosed
    # quotations quadratic (every quotation's rest of the paragraph taken as a list).
    after = article.tokens_between(quote.end, paragraph_end, limit=_SIGNATURE_TOKENS)
    while after and all(ch in ALL_MARKS for ch in after[0].text):
        after.pop(0)
    if len(after) < 2 or after[0].text.strip(ALL_MARKS) not in DASHES:
        return None
    name = after[1:]
    run = 0
    while run < len(name) and name[run].pos_ == "PROPN":
        run += 1
    if run == 0 or (run < len(name) and not name[run].is_punct):
        return None  # "— as the minister put it": a dash, but prose goes on
    return CueSite([after[0]], name[run - 1])


def _reports_more(site: CueSite, quote: MarkedQuote) -> bool:
    """Whether the cue has a complement of its own after the quotation; not its speaker,
    which the parser may make an object in the inversion (“Why now?” asked a reporter)."""
    return any(c.dep_ in ("xcomp", "ccomp", "dobj") and c.idx > quote.end and c != site.speaker
               for c in site.key.children)


def _lead_in(article: _Article, quote: MarkedQuote) -> list[Token]:
    """The words before the opening mark in its paragraph; for a quote that opens its
    paragraph, the previous paragraph when it ends with a colon ("Jane Roe said:¶“…”")."""
    index = article.paragraph(quote.start)
    start = article.layout.paragraphs[index][0]
    gap = article.tokens_between(start, quote.start, from_end=True,
                                 limit=MAX_CUE_DISTANCE + 1 + _MARKS_AT_ONCE)
    while gap and all(ch in ALL_MARKS for ch in gap[-1].text):
        gap.pop()
    if not gap and index > 0:
        previous_start, previous_end = article.layout.paragraphs[index - 1]
        previous = article.tokens_between(previous_start, previous_end,
                                          limit=MAX_CUE_DISTANCE + 1, from_end=True)
        if previous and previous[-1].text == ":":
            gap = previous
    return gap


def _site_before(article: _Article, quote: MarkedQuote, used: set[CueSite]) -> CueSite | None:
    """ "She said: “…”": the last cue before the opening mark, in the same sentence;
    or, with no cue word, a name and a colon ("… pollster Daron Shaw: “…”")."""
    gap = _lead_in(article, quote)
    if not gap:
        return None
    tail = gap[-1].text
    for distance, token in enumerate(reversed(gap)):
        if distance > MAX_CUE_DISTANCE or article.in_quotes(token.idx):
            break
        if token.text in _SENTENCE_END and distance > 0:
            break
        site = _free_site(article, token, used, quote)
        if site is not None:
            # The cue must lead into the quotation: "said:", "said,", "said “…", or with
            # only whom it was told between ("told Radio Nord “…”").
            leads = tail in (":", ",") or distance == 0 or tail == site.anchor.text \
                or _only_addressee(site, gap[len(gap) - distance:], quote)
            return site if leads else None
    # A comma lead-in before a whole sentence in marks: "X appeared on a morning show, “…”";
    # not when its verb is a cue already ("“A,” Roe said, “B.”" is one split quotation).
    whole = article.text[quote.start:quote.start + 1].isupper() and \
        article.text[quote.start:quote.end].rstrip().rstrip(ALL_MARKS)[-1:] in _SENTENCE_END \
        and not any(site in used for token in gap for site in article.sites_at.get(token.i, []))
    site = colon_site(gap[-1], (":", ",") if whole else (":",))
    # "… pollster Daron Shaw: “…”"; not the medium or the addressee ("adding to CNN: “…”",
    # "speaking to the broadcaster NHK: “…”").
    if site is None and tail == ":" and len(gap) > 1 and gap[-2].pos_ == "PROPN" \
            and not _is_object(gap[-2]):
        return CueSite([gap[-1]], gap[-2])
    return site


_OBJECT_DEPS = ("pobj", "dobj", "dative")


def _is_object(token: Token) -> bool:
    """An object, or a name in apposition or compound to one ("the broadcaster NHK")."""
    return token.dep_ in _OBJECT_DEPS or (token.dep_ in ("appos", "compound")
                                          and token.head.dep_ in _OBJECT_DEPS)


def _only_addressee(site: CueSite, words: list[Token], quote: MarkedQuote) -> bool:
    """Whether ``words`` are all the phrase of the cue verb's object, which ends before the
    quotation, and the quotation opens a sentence ("told NBC News “The notion …”"); not a
    title or a term inside the object ("advises the “settlement activity” be watched")."""
    objects = [c for c in site.key.children if c.dep_ in ("dobj", "dative")
               and c.idx < quote.start]
    inside = {t.i for o in objects for t in o.subtree}
    ends_before = all(t.idx < quote.start for o in objects for t in o.subtree)
    return bool(words) and ends_before and all(t.i in inside for t in words) \
        and site.key.doc.text[quote.start:quote.start + 1].isupper()


def _through_quote(article: _Article, clause: list[Span]) -> list[Span]:
    """A reported clause that ends inside a quoted fragment runs on to its closing mark:
    the parser may cut “taken every punch, and he's standing tall” at the comma, and the
    clause's final punctuation trim drops the mark itself."""
    start, end = clause[-1]
    for quote in article.marked:
        if start < quote.end and quote.start <= end <= quote.end:
            after = quote.end
            while after < len(article.text) and article.text[after] in ALL_MARKS \
                    and after < quote.end + _MARKS_AT_ONCE:
                after += 1
            return [*clause[:-1], (start, after)]
    return clause


def _characterised(article: _Article, site: CueSite, clause: list[Span]) -> list[Span]:
    """ "called the minister's apology “a cynical stunt”": a characterisation quotes only the
    words in marks, and the thing characterised before them is the writer's; any other clause
    is kept whole. ``article.judge`` tells which."""
    start, end = clause[0][0], clause[-1][1]
    quoted = [piece for q in article.marked for piece in q.pieces
              if start <= piece[0] and piece[1] <= end + 1]
    if not quoted or not article.words_outside([(start, quoted[0][0])]):
        return clause
    tokens, marked = article.tokens_in(clause), article.tokens_in(quoted)
    if not article.judge(site, tokens, marked):
        return clause
    condition = condition_in(tokens)
    if condition is not None and not any(s <= condition[0] < e for s, e in quoted):
        return clause  # "warned them of a “swift reply” if they crossed": the condition is said
    return quoted


def _attach_marked(article: _Article) -> list[_Draft]:
    drafts: list[_Draft] = []
    used: set[CueSite] = set()
    for quote in article.marked:
        if any(d.kind == "mixed" and _in_spans(quote.start, d.spans) for d in drafts[-1:]):
            continue  # a second quoted fragment of the same mixed clause
        site = _clause_site(article, quote)
        if site is not None and site not in used:
            covered = all(_in_spans(p[0], site.clause) or _in_spans(p[0] - 1, site.clause)
                          for p in quote.pieces) or any(
                _in_spans(s, quote.pieces) for s, _ in site.clause)
            # “You should resign. You should give back …,” Warren told Stumpf, after …: the
            # clause begins in the passage's last sentence; the passage is a direct quote.
            earlier = article.text[quote.start:site.clause[0][0]]
            if any(ch in _SENTENCE_END for ch in earlier):
                covered = False
            outside = article.words_outside(site.clause)
            if covered and outside >= MIXED_MIN_OUTSIDE_WORDS:
                clause = _through_quote(article, site.clause)
                drafts.append(_Draft("mixed", _characterised(article, site, clause), site, quote,
                                     clause=clause))
                used.add(site)
                continue
        else:
            site = None
        if site is None:
            site = _dash_site(article, quote)
        if site is None:
            ends_open = article.text[quote.end - 1:quote.end] in _TRAILING_OPEN
            after = _site_after(article, quote, used)
            before = _site_before(article, quote, used)
            site = (after or before) if ends_open else (before or after)
        if site is not None:
            used.add(site)
            drafts.append(_Draft("direct", list(quote.pieces), site, quote, quote.nested_marks))
            continue
        if quote.opened and not _continue_previous(article, drafts, quote) \
                and _stands_alone(article, quote):
            # A whole paragraph or sentence in marks: it may continue a report in marks or not
            # ("X warned that …¶“…”"), known once the reported clauses are found.
            drafts.append(_Draft("direct", list(quote.pieces), None, quote, quote.nested_marks))
    return drafts


def _continue_previous(article: _Article, drafts: list[_Draft], quote: MarkedQuote) -> bool:
    """A quotation with no cue of its own: the rest of a cue-split quote, or the next
    paragraph of the same speaker's words; ``False`` when it is neither."""
    previous = next((d for d in reversed(drafts) if d.kind == "direct" and d.site is not None
                     or d.inherits_from is not None), None)
    if previous is None or previous.marked is None:
        return False
    same_paragraph = article.paragraph(previous.marked.end) == article.paragraph(quote.start)
    if same_paragraph and previous.site is not None:
        gap = (previous.marked.end, quote.start)
        cue_between = gap[0] <= previous.site.anchor.idx < gap[1]
        # A fragment verb between ("…,” Tester said, referring to the excuse, “…”) is no
        # new speaker: it reports only words in marks, and these are the speaker's.
        other_cue = any(gap[0] <= s.anchor.idx < gap[1] and s is not previous.site
                        and not s.needs_quote for s in article.sites)
        if cue_between and not other_cue:
            between = article.text[gap[0]:gap[1]]
            if ";" in between and any(ch.isalpha() for ch in between.rsplit(";", 1)[1]):
                # "“…”, it added; and, later, “…”": the writer's words after a semicolon start
                # a new quotation of the same speaker ("said Ruto; “…”" goes on with the first).
                drafts.append(_Draft("direct", list(quote.pieces), None, quote,
                                     quote.nested_marks, inherits_from=previous))
                return True
            previous.spans.extend(quote.pieces)
            previous.nested_marks.extend(quote.nested_marks)
            return True
    distance = article.paragraph(quote.start) - article.paragraph(previous.marked.end)
    if 0 < distance <= CONTINUATION_PARAGRAPHS and _opens_paragraph(article, quote):
        drafts.append(_Draft("direct", list(quote.pieces), None, quote, quote.nested_marks,
                             inherits_from=previous))
        return True
    return False


def _opens_paragraph(article: _Article, quote: MarkedQuote) -> bool:
    return article.layout.paragraphs[article.paragraph(quote.start)][0] >= \
        quote.start - _MARKS_AT_ONCE


def _stands_alone(article: _Article, quote: MarkedQuote) -> bool:
    """Whether the quotation opens its paragraph, or is a whole sentence of its own; one
    whose closing mark is missing may run on into the writer's words, and is neither."""
    if not quote.closed:
        return False
    if _opens_paragraph(article, quote):
        return True
    before = article.text[article.layout.paragraphs[article.paragraph(quote.start)][0]:
                          quote.start].rstrip().rstrip(ALL_MARKS).rstrip()
    inside = article.text[quote.start:quote.end].rstrip().rstrip(ALL_MARKS)
    return before[-1:] in _SENTENCE_END and inside[-1:] in _SENTENCE_END


def _cueless_continuations(article: _Article, drafts: list[_Draft]) -> list[_Draft]:
    """ "He also warned that the number could grow.¶“If they have more than a few, …”": a
    quotation with no cue that opens the paragraph right after a report (or the sentence right
    after one in its paragraph) is the words of that report's speaker; with no report just
    before, it is nobody's (a title, a slogan, a pull quote). The sentence right after a
    quotation in marks ("“…,” said the spokesman. “…”") is the rest of that quotation."""
    kept: list[_Draft] = []
    previous: _Draft | None = None
    for draft in sorted(drafts, key=lambda d: d.spans[0][0]):
        if draft.site is None and draft.inherits_from is None:
            if previous is None or not _right_after(article, previous, draft):
                continue
            if previous.kind == "direct" and article.paragraph(previous.spans[-1][0]) == \
                    article.paragraph(draft.spans[0][0]):
                previous.spans.extend(draft.spans)
                previous.nested_marks.extend(draft.nested_marks)
                continue
            draft.inherits_from = previous
            kept.append(draft)
            continue
        kept.append(draft)
        previous = draft
    return kept


def _right_after(article: _Article, report: _Draft, draft: _Draft) -> bool:
    """Whether ``draft`` opens the paragraph after ``report``'s, or the sentence after it."""
    gap = article.paragraph(draft.spans[0][0]) - article.paragraph(report.spans[-1][1] - 1)
    if gap == 1:
        return _opens_paragraph(article, draft.marked) if draft.marked else False
    if gap != 0:
        return False
    between = article.text[report.spans[-1][1]:draft.spans[0][0]]
    return sum(between.count(end) for end in _SENTENCE_END) == 1


def _indirect(article: _Article, drafts: list[_Draft]) -> list[_Draft]:
    """Reported clauses of cues not used by a quotation in marks."""
    used = {d.site for d in drafts if d.site is not None}
    taken = [s for d in drafts for s in d.spans]
    reported = [s.clause for s in article.sites if s.clause and not s.needs_quote]
    found: list[_Draft] = []
    for site in article.sites:
        if site in used or not site.clause or site.speaker is None:
            continue
        if site.infinitive and any(_in_spans(site.anchor.idx, clause) for clause in reported):
            continue  # "Netanyahu vowed to fight on, Peskov said": Peskov's words hold it
        if site.speaker.lower_ == "it" and site.speaker.dep_ == "nsubjpass":
            continue
        words = sum(1 for t in article.tokens_between(site.clause[0][0], site.clause[-1][1])
                    if not t.is_punct)
        if words < INDIRECT_MIN_WORDS or _in_spans(site.anchor.idx, taken):
            continue
        if any(_in_spans(s, taken) or _in_spans(t0, site.clause)
               for s, _ in site.clause for t0, _ in taken):
            continue
        inside_marks = [q for q in article.marked if any(_in_spans(p[0], site.clause)
                                                          for p in q.pieces)]
        if site.needs_quote and not inside_marks:
            continue
        kind: QuoteKind = "mixed" if inside_marks else "indirect"
        clause = _through_quote(article, site.clause)
        found.append(_Draft(kind, _characterised(article, site, clause) if inside_marks
                            else clause, site, clause=clause))
        taken.extend(site.clause)
    return found


def _content(article: _Article, draft: _Draft) -> str:
    if draft.kind == "direct":
        words = MarkedQuote(draft.spans, nested_marks=draft.nested_marks).content(article.text)
    else:
        words = " ".join(" ".join(article.text[s:e].split()) for s, e in draft.spans)
    return drop_invisible(words)


def _phrase(doc: Doc, head: Token | None) -> Phrase | None:
    """The speaker's or addressee's phrase: the issuer of a document ("a statement from the
    Kremlin" -> "Kremlin"); the name in apposition to a description ("Ukraine's foreign
    minister, Andrii Sybiha, said": Sybiha); a group as printed, with its coordination
    ("Analysts and military officers say")."""
    if head is None:
        return None
    head = issuer(head)
    if head.pos_ == "NOUN":
        head = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"),
                    None) or name_after_relation(head) or head
    start, end = name_phrase(head, group=head.tag_ == "NNS")
    return Phrase(head, doc[start:end])



def _cue(site: CueSite) -> Token:
    """The cue's verb or noun: the root of its words ("threatened" in "has repeatedly
    threatened", "called" in "called on")."""
    first = min(t.i for t in site.cue_tokens)
    last = max(t.i for t in site.cue_tokens)
    return site.key.doc[first:last + 1].root


def _quotation(article: _Article, draft: _Draft, number: int,
               found: dict[_Draft, Quotation]) -> Quotation:
    site = draft.site
    quotation = Quotation(
        id=f"q{number}", kind=draft.kind, spans=draft.spans, content=_content(article, draft),
        tokens=article.tokens_in(draft.clause or draft.spans),
        continues=found.get(draft.inherits_from))
    if site is not None:
        document = document_of(site)
        cue = _cue(site)
        quotation.cue_text, quotation.cue_span, quotation.cue = site.text, site.span, cue
        quotation.directive = directive_addressee(cue) is not None
        quotation.speaker_phrase = _phrase(article.doc, site.speaker)
        quotation.addressee_phrase = _phrase(article.doc, site.addressee)
        quotation.document = Document(*document) if document else None
    return quotation


def extract_quotes(doc: Doc, layout: Layout, inserts: list[Insert],
                   judge: Judge = shipped_judge) -> list[Quotation]:
    """All quotations of one parsed article, in text order; ``inserts`` (page furniture) are
    nobody's words; ``judge`` tells whether a clause with quoted words quotes them alone. Who
    speaks is left to ``onrecord.actors.link``: a quotation carries the phrases of its
    speaker and addressee, and the quotation it continues."""
    article = _Article(doc, layout, inserts, judge)
    drafts = _attach_marked(article)
    drafts += _indirect(article, drafts)
    drafts = _cueless_continuations(article, drafts)
    found: dict[_Draft, Quotation] = {}
    for number, draft in enumerate(drafts, start=1):
        found[draft] = _quotation(article, draft, number, found)
    return list(found.values())
