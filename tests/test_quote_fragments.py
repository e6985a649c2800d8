"""Where a reported clause with quoted words ends (``onrecord.quotes.fragments``): the whole
clause, or the marked words alone."""

from __future__ import annotations

import pytest

from onrecord import extract
from onrecord.pipeline import ArticleText, parse_all, quotes_record
from onrecord.quotes import fragments, rules_judge


def _contents(text: str, judge) -> list[str]:
    [parsed] = parse_all([ArticleText(text=text)])
    return [q.content for q in quotes_record(parsed, judge).quotes]


def test_the_judge_chooses_between_the_clause_and_the_marked_words():
    text = "The mayor called the new bridge \u201ca monument to vanity\u201d on Tuesday."
    assert _contents(text, lambda site, clause, marked: True) == ["a monument to vanity"]
    assert _contents(text, lambda site, clause, marked: False)[0].startswith("the new bridge")


def test_the_judge_is_asked_with_the_clause_and_its_marked_words():
    asked = []

    def judge(site, clause, marked):
        asked.append(([t.text for t in clause], [t.text for t in marked]))
        return rules_judge(site, clause, marked)

    _contents("The mayor called the new bridge \u201ca monument to vanity\u201d.", judge)
    [(clause, marked)] = asked
    assert clause[:3] == ["the", "new", "bridge"]
    assert [w for w in marked if w.isalpha()] == ["a", "monument", "to", "vanity"]


def test_the_shipped_model_is_read_and_says_what_it_was_fitted_on():
    model = fragments.shipped_fragment_model()
    assert model is not None and "articles" in model.fitted_on
    assert 0.0 < model.threshold < 1.0


@pytest.mark.parametrize(("sentence", "content"), [
    # Verbs of blame and praise quote the marked words alone, as annotators of real news read
    # them; the old verb list kept the object.
    ("The union leader accused the board of \u201ccasual cruelty\u201d towards its staff.",
     "casual cruelty"),
    ("Pereira criticized the budget as a \u201cshell game\u201d on Monday.", "shell game"),
    ("The senator praised the \u201cquiet courage\u201d of the rescue crews.", "quiet courage"),
])
def test_a_characterisation_after_a_verb_of_blame_quotes_the_marked_words(sentence, content):
    [quote] = extract(sentence).quotes
    assert (quote.kind, quote.content) == ("mixed", content)


@pytest.mark.parametrize(("sentence", "start"), [
    ("The minister said the truce \u201cwould not survive\u201d another week.", "the truce"),
    ("Officials warned that the river \u201ccould burst its banks\u201d by the weekend.",
     "the river"),
])
def test_a_reported_clause_with_its_own_subject_stays_whole(sentence, start):
    [quote] = extract(sentence).quotes
    assert quote.kind == "mixed" and quote.content.startswith(start)


def test_words_in_marks_after_spoke_of_are_the_speakers_characterisation():
    [quote] = extract("The judge spoke of \u201cdeep unease\u201d.").quotes
    assert (quote.kind, quote.content, quote.cue) == ("mixed", "deep unease", "spoke")
