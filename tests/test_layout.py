"""Paragraph spans, and the page furniture that is never anyone's statement."""

from __future__ import annotations

from onrecord.clean import find_dateline, find_inserts
from onrecord.layout import read_layout


def test_each_line_is_a_paragraph():
    text = "First paragraph.\nSecond one.\n\nThird."
    layout = read_layout(text)
    paragraphs = [text[s:e] for s, e in layout.paragraphs]
    assert paragraphs == ["First paragraph.", "Second one.", "Third."]


def test_hard_wrapped_text_keeps_blocks_as_paragraphs():
    line = "word " * 14
    text = f"{line}\n{line}\nend.\n\n{line}\n{line}\nend."
    assert len(read_layout(text).paragraphs) == 2


def test_furniture_kinds():
    text = ("By Jane Roe and John Smith\n"
            "Read more: Ceasefire talks collapse in Geneva\n"
            "RELATED\n"
            "Drones hit fuel depot near border\n"
            "The minister spoke for an hour.\n"
            "Sign up for our morning newsletter\n"
            "Jane Roe contributed reporting from Kyiv.")
    whys = {i.paragraph: i.why for i in find_inserts(read_layout(text))}
    assert whys == {
        0: "byline or credit",
        1: "related-links insert",
        2: "related-links insert",
        3: "related-links insert",
        5: "newsletter or share prompt",
        6: "byline or credit",
    }


def test_prose_that_starts_like_a_label_is_not_furniture():
    text = "Watch the skies, the general told troops.\nRelated talks are planned."
    assert find_inserts(read_layout(text)) == []


def test_datelines():
    text = "HELSINKI, March 10 (Wire) — Finland will keep its border closed."
    start, end = find_dateline(text)
    assert text[start:end] == "HELSINKI, March 10 (Wire) — "
    assert find_dateline("NATO said on Monday - nothing more.") is None
