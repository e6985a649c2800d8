"""Organisations the knowledge base does not list (``onrecord.actors.unlisted``): an event's
end by the short name the article gives them, never a news medium or a treaty's initials."""

from __future__ import annotations

from onrecord import extract


def _ends(text: str) -> list[tuple]:
    article = extract(text, published="2024-05-01", min_confidence=0.0)
    return [(e.type, e.source.actor_id if e.source else None,
             e.target.actor_id if e.target else None) for e in article.events]


def test_a_group_spelled_out_with_its_short_name_is_the_source():
    assert _ends("“We condemn the arrests of our members,” the Northern Highlands Farmers "
                 "Union (NHFU) said.") == [("ACCUSE", "NHFU", None)]


def test_its_short_name_alone_later_is_the_target():
    assert _ends("The Coastal Liberation Army (CLA) took the port last year. “The CLA must "
                 "release the hostages,” the Estonian foreign minister said.") \
        == [("REQUEST", "EST", "CLA")]


def test_a_spokesman_of_the_group_speaks_for_it():
    (event,) = extract("The Coastal Liberation Army (CLA) took the port last year. “We "
                       "condemn the blockade,” CLA spokesman Toomas Rebane said.",
                       published="2024-05-01", min_confidence=0.0).events
    assert (event.source.actor_id, event.source.name) == ("CLA", "Coastal Liberation Army")


def test_a_news_agency_is_no_party():
    assert _ends("“We condemn the police,” said AFP.") == [("ACCUSE", None, None)]


def test_initials_never_spelled_out_as_a_group_name_no_party():
    assert _ends("“Estonia violated the NPT,” the Latvian minister said.") \
        == [("ACCUSE", "LVA", "EST")]


def test_initials_the_article_uses_elsewhere_are_the_short_name():
    (event,) = extract("The Highland Farmers League won two seats. “We condemn the arrests,” "
                       "an HFL spokesman said.", published="2024-05-01",
                       min_confidence=0.0).events
    assert (event.source.actor_id, event.source.name) == ("HFL", "Highland Farmers League")


def test_a_person_named_beside_the_group_speaks_for_it():
    (event,) = extract("Toomas Rebane, a spokesman for the Coastal Liberation Army, met "
                       "reporters in the port, a CLA stronghold. “We condemn the blockade,” "
                       "Rebane said.", published="2024-05-01", min_confidence=0.0).events
    assert (event.source.actor_id, event.source.name) == ("CLA", "Coastal Liberation Army")


def test_a_short_name_the_parser_does_not_mark_is_the_speaker():
    assert _ends("The Ogaden Liberation Front (OLF) said it took the towns. The OLF accused "
                 "Ethiopia of “scorched earth” tactics.") == [("ACCUSE", "OLF", "ETH")]
