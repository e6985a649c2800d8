"""Conditions, hedges and negation, read from the parse of a quotation's words."""

from __future__ import annotations

import pytest

from onrecord import extract
from onrecord.modality import find_condition, is_hedged
from onrecord.nlp import load_nlp


def condition(text: str) -> str | None:
    doc = load_nlp()(text)
    span = find_condition(doc, [(0, len(text))])
    return text[span[0]:span[1]] if span else None


@pytest.mark.parametrize(("text", "expected"), [
    ("We will respond in the event of an attack on the republic.",
     "in the event of an attack on the republic"),
    ("If anyone crosses our border with a weapon, the answer will be instant.",
     "If anyone crosses our border with a weapon"),
    ("Should Warsaw deploy the missiles, Moscow would respond.",
     "Should Warsaw deploy the missiles"),
    ("Russia could use these weapons under certain conditions.", "under certain conditions"),
    ("We will strike unless they withdraw their troops by Friday.",
     "unless they withdraw their troops by Friday"),
    # implicit conditions: the consequence's trigger is its subject, or a fronted time clause
    ("Any incursion into our waters will be met with force.", "Any incursion into our waters"),
    ("Such a blockade would bring a response from the fleet.", "Such a blockade"),
    ("Whoever freezes our assets will face a reply in kind.", "Whoever freezes our assets"),
    ("When the protests begin, the soldiers go in.", "When the protests begin"),
    ("A raid on our depots would bring a swift reply.", "A raid on our depots"),
    ("Strikes on the pipeline would mean war.", "Strikes on the pipeline"),
    ("Our gunners will answer when the ridge is shelled.", "when the ridge is shelled"),
    ("When the dam is opened, the river rises.", "When the dam is opened"),
])
def test_the_condition_is_the_articles_own_words(text, expected):
    assert condition(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Heavy blows will fall on them if [the enemy] keeps up its raids.",
     "if [the enemy] keeps up its raids"),
    ("[I]f [Ruritania] moves its guns to the pass, we will shell the pass.",
     "[I]f [Ruritania] moves its guns to the pass"),
])
def test_editorial_brackets_do_not_cut_the_condition(text, expected):
    """The parser reads "if [X] acts" as no clause and "[i]f" as no word."""
    assert condition(text) == expected


@pytest.mark.parametrize("text", [
    "The settlers held the valley until the province won its freedom.",
    "Whenever we have spoken out, they have jailed us.",
    "We will hold this hill until we fall.",
])
def test_a_time_of_the_past_or_the_speakers_own_end_is_no_condition(text):
    assert condition(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Whenever we are shelled, we answer.", "Whenever we are shelled"),
    ("The fleet would sail for the strait if the sanctions were renewed.",
     "if the sanctions were renewed"),  # reported speech keeps "if" in the past
    ("We will keep the ports closed until the raids stop.", "until the raids stop"),
])
def test_a_term_set_to_another_party_is_a_condition(text, expected):
    assert condition(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The garrison must leave by Sunday, otherwise we will storm the fort.",
     "The garrison must leave by Sunday, otherwise"),
    ("Return the fishermen, or else our navy will fetch them.",
     "Return the fishermen, or else"),
    ("The levy must be lifted within a month, failing which we will close the border.",
     "The levy must be lifted within a month, failing which"),
    ("Release the convoy. If not, we will shell the depot.", "Release the convoy. If not"),
    ("The panel would clear the envoy, following which he would sue his critics.",
     "The panel would clear the envoy, following which"),
    ("Halt the flights or face the consequences.", "Halt the flights or"),
    ("Leave the harbour now or we will sink your boats.", "Leave the harbour now or"),
    ("We will open fire only when they cross the ridge.", "only when they cross the ridge"),
    ("Our guns will answer as soon as they land.", "as soon as they land"),
])
def test_a_demand_with_what_follows_if_it_is_not_met_is_a_condition(text, expected):
    assert condition(text) == expected


@pytest.mark.parametrize("text", [
    "Sing with us or dance with us.",
    "The night was cold, otherwise the march was easy.",
])
def test_a_choice_or_a_contrast_is_no_condition(text):
    assert condition(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Unless the blockade ends the port will starve.", "Unless the blockade ends"),
    ("In case they shell the dam, we will answer.", "In case they shell the dam"),
    ("Those who burn our fields will regret it.", "Those who burn our fields"),
])
def test_the_condition_stops_where_its_consequence_begins(text, expected):
    assert condition(text) == expected


@pytest.mark.parametrize("text", [
    "He asked if the talks would resume.",
    "It is unclear if the ferries will run.",
    "Few tanks, if any, crossed the river.",
    "Those ferries will run again.",
    "A raid will come before dawn.",
    "The raid would have failed anyway.",
    "Even if they attack, we will not retreat.",
    "We are ready to talk.",
    "When we spoke last month, the minister promised nothing.",
    "We will decide when we are ready.",
    "She laughed when the band arrived.",
    "Any delay is regrettable.",
])
def test_questions_concessions_and_plain_statements_have_no_condition(text):
    assert condition(text) is None


def test_a_modal_outside_the_condition_hedges():
    text = "The weapons could be made ready within minutes if the presidents gave the order."
    doc = load_nlp()(text)
    whole = [(0, len(text))]
    assert is_hedged(doc, whole, find_condition(doc, whole))
    plain = "The answer will be instant if they cross the border."
    doc = load_nlp()(plain)
    assert not is_hedged(doc, [(0, len(plain))], find_condition(doc, [(0, len(plain))]))


def test_quotes_carry_condition_hedge_and_a_denying_cue():
    article = extract(
        "Lukashenko said Belarus would use the weapons if the country was attacked.\n"
        "The Kremlin denied that Russia had threatened Lithuania.",
        published="2025-11-08")
    warning, denial = article.quotes
    assert warning.condition == "if the country was attacked"
    assert warning.hedged and not warning.negated
    assert denial.negated and denial.condition is None


def test_a_quotations_condition_is_where_it_was_found_not_where_its_words_first_occur():
    """ "asked if they cross the line" is a question, not a condition; the condition is the
    second "if they cross the line", and the quotation keeps that span for its events."""
    from onrecord.layout import read_layout
    from onrecord.modality import apply_modality
    from onrecord.quotes import extract_quotes

    text = ("“Nobody asked if they cross the line, but we will strike if they cross the "
            "line,” the minister said.")
    (quotation,) = extract_quotes(load_nlp()(text), read_layout(text), [])
    apply_modality([quotation])
    second = text.rindex("if they cross the line")
    assert quotation.condition_span == (second, second + len("if they cross the line"))


def test_not_only_adds_to_what_follows_it_does_not_deny_it():
    from onrecord.modality import is_negated

    doc = load_nlp()("A nuclear Ruritania is not only a danger to us but to the region, and it "
                     "is not a partner.")
    first, second = (t for t in doc if t.lemma_ == "be")
    assert not is_negated(first)
    assert is_negated(second)
