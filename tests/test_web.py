"""Highlight segmentation (pure) and the rendered article page's HTML escaping."""

from __future__ import annotations

import re
from html import escape

from records import build_article, paragraph_spans, span_of

from onrecord.model import Article, Mention, Quote
from onrecord.web.highlight import (
    PALETTE_SIZE,
    paragraph_segments,
    searched_words,
    speaker_colours,
)
from onrecord.web.render import article_html


def _quote(qid: str, *spans: tuple[int, int], speaker: Mention | None = None) -> Quote:
    return Quote(id=qid, kind="direct", content="", spans=list(spans), speaker=speaker)


def _covered(article: Article, qid: str) -> list[str]:
    """The text of each run of consecutive segments covered by quote ``qid``, per paragraph."""
    runs = []
    for paragraph in paragraph_segments(article):
        pieces = [seg.text for seg in paragraph if qid in seg.quotes]
        if pieces:
            runs.append("".join(pieces))
    return runs


def test_segments_spell_every_paragraph_exactly():
    article = build_article()
    for (start, end), segments in zip(article.paragraphs, paragraph_segments(article), strict=True):
        assert "".join(seg.text for seg in segments) == article.text[start:end]
        assert [seg.start for seg in segments[1:]] == [seg.end for seg in segments[:-1]]


def test_each_quote_span_is_covered_exactly():
    article = build_article()
    for quote in article.quotes:
        assert _covered(article, quote.id) == [article.text[s:e] for s, e in quote.spans]


def test_multi_paragraph_quote_is_highlighted_in_each_paragraph():
    article = build_article()
    paragraphs_with_q2 = [
        i
        for i, segs in enumerate(paragraph_segments(article))
        if any("q2" in s.quotes for s in segs)
    ]
    assert paragraphs_with_q2 == [1, 2]


def test_nested_quote_lists_innermost_first():
    article = build_article()
    segments = [seg for para in paragraph_segments(article) for seg in para]
    nested = [seg for seg in segments if seg.text == "dead in the water"]
    assert len(nested) == 1
    assert nested[0].quotes == ("q4", "q3")
    around = [seg for seg in segments if seg.quotes == ("q3",)]
    assert [seg.text for seg in around] == ["the talks were “", "” after the strike"]


def test_cue_speaker_and_addressee_pieces():
    article = build_article()
    segments = [seg for para in paragraph_segments(article) for seg in para]
    assert [seg.text for seg in segments if seg.cues] == ["said", "told", "said"]
    said = [seg for seg in segments if seg.cues][2]
    assert said.cues == ("q3", "q4")
    speakers = {seg.text: seg.speakers for seg in segments if seg.speakers}
    assert speakers == {"Jane Roe": ("q1",), "she": ("q2",), "A spokesman": ("q3", "q4")}
    assert [(seg.text, seg.addressees) for seg in segments if seg.addressees] == [
        ("Berlin", ("q2",))
    ]


def test_adjacent_quotes_stay_separate():
    article = Article(
        doc_id="d",
        text="abcd",
        paragraphs=[(0, 4)],
        quotes=[_quote("q1", (0, 2)), _quote("q2", (2, 4))],
    )
    [segments] = paragraph_segments(article)
    assert [(seg.text, seg.quotes) for seg in segments] == [("ab", ("q1",)), ("cd", ("q2",))]


def test_span_over_a_paragraph_break_is_cut_at_the_break():
    text = "one two\n\nthree four"
    article = Article(
        doc_id="d",
        text=text,
        paragraphs=paragraph_spans(text),
        quotes=[_quote("q1", span_of("two\n\nthree", text))],
    )
    assert _covered(article, "q1") == ["two", "three"]


def test_partial_overlap_cuts_three_ways():
    article = Article(
        doc_id="d",
        text="abcdef",
        paragraphs=[(0, 6)],
        quotes=[_quote("q1", (0, 4)), _quote("q2", (2, 6))],
    )
    [segments] = paragraph_segments(article)
    assert [(seg.text, seg.quotes) for seg in segments] == [
        ("ab", ("q1",)),
        ("cd", ("q2", "q1")),
        ("ef", ("q2",)),
    ]


def test_without_paragraphs_the_text_is_one_paragraph_and_empty_spans_are_ignored():
    article = Article(doc_id="d", text="abc", quotes=[_quote("q1", (1, 1))])
    assert [
        [(seg.text, seg.quote_ids) for seg in para] for para in paragraph_segments(article)
    ] == [[("abc", ())]]


def test_speaker_colours_follow_the_speaker():
    article = build_article()
    colours = speaker_colours(article)
    assert colours["q1"] == colours["q2"]  # "Jane Roe" and "she" resolve to the same name
    assert colours["q3"] == colours["q4"]  # the same unresolved mention
    assert colours["q1"] != colours["q3"]


def test_speaker_colours_skip_unattributed_and_wrap_around():
    quotes = [
        _quote(f"q{i}", (0, 1), speaker=Mention(mention=f"S{i}", span=(0, 1), name=f"S{i}"))
        for i in range(PALETTE_SIZE + 1)
    ]
    quotes.append(_quote("anon", (0, 1)))
    colours = speaker_colours(Article(doc_id="d", text="x", quotes=quotes))
    assert "anon" not in colours
    assert colours[f"q{PALETTE_SIZE}"] == colours["q0"]


def test_article_page_escapes_every_field():
    article = build_article()
    article.quotes[0].speaker.name = "<img src=x onerror=alert(1)>"
    article.quotes[1].condition = "<u>if</u>"
    html = article_html(article)
    assert "<script>" not in html.split("</head>")[1]
    assert "&lt;script&gt;window.pwned = true&lt;/script&gt;" in html
    for raw in (
        "<b>Monday</b>",
        "<em>warns</em>",
        "<Wire>",
        "<insert>",
        "<img src=x",
        "<u>if</u>",
        "<i>Talks</i>",
    ):
        assert raw not in html
    assert "Minister &lt;em&gt;warns&lt;/em&gt; of force" in html
    assert 'href="javascript:' not in html


def test_article_page_marks_every_span_and_shows_speakers():
    article = build_article()
    html = article_html(article)
    q2_marks = re.findall(r'<mark class="quote [^"]*" data-q="q2"[^>]*>([^<]*)</mark>', html)
    assert q2_marks == ["Our answer will be firm.", "Any attack on us will be met with force,"]
    assert "unresolved: A spokesman" in html
    assert 'Jane Roe <span class="confidence">(confidence 0.93)</span>' in html
    assert "Government of Germany" in html
    events = [re.sub(r"\s+", " ", re.sub("<[^>]+>", "", li)) for li in re.findall(
        r'<ul class="events">\s*<li>(.*?)</li>', html, re.S)]
    assert events == [  # the words apart, as one reads them ("[military]Jane Roe" was one)
        "THREATEN [military] Jane Roe → Government of Germany, intensity -4.0, "
        "if: any attack on us", "CONSULT &lt;i&gt;Talks&lt;/i&gt; office → unknown"]


def test_searched_words_are_marked_in_any_case_and_form():
    """Searching "threats" finds "Threat" and "threatened" (the index stems them): each is
    marked; a short word marks only itself ("us", not "used")."""
    pieces = searched_words("Threat? They threatened us and used force.", "threats US")
    assert [p for p, found in pieces if found] == ["Threat", "threatened", "us"]
    assert "".join(p for p, _ in pieces) == "Threat? They threatened us and used force."
    assert searched_words("Nothing to mark", None) == [("Nothing to mark", False)]
    assert searched_words("Nothing to mark", "!!") == [("Nothing to mark", False)]



def test_an_untitled_article_is_headed_by_its_first_line_and_shows_its_dateline():
    """A .txt article has no title: its first line heads the page, as a headline would; the
    dateline cleaning kept ("KYIV (AP) —") is shown with the source."""
    article = build_article().model_copy(update={"title": None, "dateline": "KYIV (AP) —"})
    page = article_html(article)
    first_line = article.text.strip().splitlines()[0]
    assert f'title="no title: the text\'s first line">{escape(first_line[:87])}' in page
    assert '<span class="dateline">KYIV (AP) —</span>' in page
