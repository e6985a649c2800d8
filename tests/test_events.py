"""PLOVER events from quotations: the hard cases (conditional, denied, reported, cooperative)."""

from __future__ import annotations

from onrecord import extract


def only_event(text: str, published: str = "2025-10-21"):
    article = extract(text, published=published)
    assert len(article.events) == 1, article.events
    return article, article.events[0]


def test_a_conditional_nuclear_threat_is_still_a_threat():
    article, event = only_event(
        "“If they strike our cities, we will answer with nuclear weapons,” "
        "Dmitry Medvedev said on Tuesday.")
    assert (event.type, event.mode) == ("THREATEN", "violence")
    assert "cbrn" in event.context
    assert event.condition == "If they strike our cities"
    assert (event.source.country, event.source.actor_id) == ("RUS", "dmitry-medvedev")
    assert event.quote_id == article.quotes[0].id
    assert event.intensity == -3.5


def test_the_evidence_span_is_the_quoted_words_holding_the_trigger():
    article, event = only_event(
        "Nato Secretary General Mark Rutte warned Moscow that the alliance would respond "
        "with overwhelming force if Russia attacked any of its members.")
    start, end = event.evidence
    assert "respond" in article.text[start:end]
    assert event.source.country == "NATO"
    assert event.target.country == "RUS"  # the addressee, "warned Moscow"
    assert event.hedged


def test_a_denied_threat_is_coded_negated():
    _, event = only_event("The Kremlin said Russia did not threaten Nato countries.")
    assert event.type == "THREATEN"
    assert event.negated


def test_force_words_looking_back_report_an_assault_by_their_subject():
    _, event = only_event(
        "Ukraine's air force said Russia launched dozens of drones at Kyiv overnight.")
    assert event.type == "ASSAULT"
    assert event.source.country == "RUS"


def test_a_demand_and_a_rejection():
    article = extract(
        "Andrii Sybiha said the European Union must adopt its next sanctions package.\n"
        "Sergei Lavrov said Moscow would never accept foreign troops on Ukrainian soil.",
        published="2025-12-09")
    assert [e.type for e in article.events] == ["REQUEST", "REJECT"]


def test_a_statement_with_no_event_words_codes_nothing():
    article = extract("The minister said the weather in Oslo had been pleasant all week.")
    assert article.quotes and not article.events
