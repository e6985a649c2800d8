"""Quotation marks paired the way a reader pairs them, on whatever a page contains."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.clean import find_inserts
from onrecord.layout import read_layout
from onrecord.quotes.marks import find_marked_quotes


def marked(text: str) -> list[list[str]]:
    layout = read_layout(text)
    furniture = {insert.paragraph for insert in find_inserts(layout)}
    return [[text[s:e] for s, e in q.pieces] for q in find_marked_quotes(layout, furniture)]


def test_curly_and_straight_double_marks():
    assert marked("“We will respond,” he said. \"Soon,\" she said.") == [
        ["We will respond,"], ["Soon,"]]


def test_british_single_marks_with_apostrophes_inside():
    text = "'We don't retreat and the leaders' summit won't change it,' the minister said."
    assert marked(text) == [["We don't retreat and the leaders' summit won't change it,"]]


def test_a_paragraph_with_single_marks_only_quotes_with_them_in_a_double_marked_article():
    text = ("'We will not trade territory,' Kuleba told reporters. 'Moscow must withdraw.'\n"
            "\"We are ready,\" a spokesman said, and the 'peace plan' was on the table.\n"
            "\"The door is open,\" she said.")
    assert marked(text) == [["We will not trade territory,"], ["Moscow must withdraw."],
                            ["We are ready,"], ["The door is open,"]]


def test_a_post_with_double_marks_only_quotes_with_them_in_a_single_marked_article():
    text = ("'We won't retreat,' the minister said. 'Not an inch.'\n"
            "'Talks are over,' she added.\n"
            "In a post on X he wrote: \"Europe must wake up.\"")
    assert marked(text)[-1] == ["Europe must wake up."]


def test_nested_marks_are_stripped_from_content_only():
    text = "“He called it ‘a red line’ and we won’t cross it,” she said."
    layout = read_layout(text)
    [quote] = find_marked_quotes(layout, set())
    assert text[quote.start:quote.end] == "He called it ‘a red line’ and we won’t cross it,"
    assert quote.content(text) == "He called it a red line and we won’t cross it,"


def test_multi_paragraph_quote_runs_across_a_related_links_box():
    text = ("“The first paragraph opens and does not close.\n"
            "RELATED:\n"
            "Minister resigns over leaked memo\n"
            "“The second paragraph closes,” he said.")
    assert marked(text) == [["The first paragraph opens and does not close.",
                             "The second paragraph closes,"]]


def test_multi_paragraph_quote_runs_across_a_photo_caption():
    text = ("“We are ready.\n\n"
            "A soldier on patrol near the border on Monday. Photo: J. Doe/Wire\n\n"
            "“And we will stay ready.”")
    assert marked(text) == [["We are ready.", "And we will stay ready."]]


def test_unclosed_quote_ends_with_its_paragraph():
    text = "“We will fight on, he said.\nThe talks resume on Monday."
    assert marked(text) == [["We will fight on, he said."]]


def test_closing_mark_without_opening_mark_recovers_from_paragraph_start():
    assert marked("We will fight on,” he said.") == [["We will fight on,"]]


def test_new_opening_mark_closes_a_quote_that_lost_its_closing_mark():
    assert marked("“One thing, she said. “Another thing.”") == [
        ["One thing, she said."], ["Another thing."]]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("“”‘’\"' abc.,\n")), max_size=80))
def test_any_arrangement_of_marks_gives_valid_pieces(text):
    layout = read_layout(text)
    for quote in find_marked_quotes(layout, set()):
        for start, end in quote.pieces:
            assert 0 <= start < end <= len(text)
            assert text[start:end].strip() == text[start:end]


def test_typewriter_pairs_count_as_double_marks():
    text = "''This isn't tax reform,'' said Douglas Roe. ``Nor is it,'' she added."
    assert marked(text) == [["This isn't tax reform,"], ["Nor is it,"]]
