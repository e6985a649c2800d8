"""The actor knowledge base: dated roles, metonyms, bodies, a user's file over the shipped one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from onrecord.actors.kb import KnowledgeBaseError, load_kb

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_the_same_title_maps_to_whoever_held_the_post_that_day(kb):
    assert kb.resolve("NATO Secretary General", D("2023-05-01")).name == "Jens Stoltenberg"
    assert kb.resolve("NATO Secretary General", D("2025-05-01")).name == "Mark Rutte"
    assert kb.resolve("the secretary general of NATO", D("2025-05-01")).name == "Mark Rutte"


def test_a_person_speaks_for_the_body_of_their_role_on_that_day(kb):
    before = kb.resolve("Rutte", D("2023-05-01"))
    after = kb.resolve("Rutte", D("2025-05-01"))
    assert (before.country, before.sector) == ("NLD", "GOV")
    assert (after.country, after.sector) == ("NATO", "IGO")


def test_a_title_without_its_body_is_not_guessed(kb):
    assert kb.resolve("the secretary general", D("2025-05-01")) is None
    assert kb.resolve("the Russian opposition leader") is None


def test_capitals_and_seats_of_government_stand_for_the_state(kb):
    assert kb.resolve("the Kremlin").actor_id == "RUS"
    assert kb.resolve("Kyiv").country == "UKR"
    assert kb.resolve("Downing Street").country == "GBR"
    assert kb.resolve("the Pentagon").sector == "MIL"


def test_a_body_named_with_where_it_sits_is_still_that_body(kb):
    assert kb.resolve("the Russian embassy in Washington").country == "RUS"
    assert kb.resolve("Russian embassy at the UN").country == "RUS"


def test_a_short_name_inside_an_alias_may_be_spelt_out(kb):
    on = dt.date(2026, 3, 3)
    assert kb.resolve("the United Nations nuclear watchdog", on).actor_id == "IAEA"
    assert kb.resolve("The head of the United Nations nuclear watchdog", on).actor_id == \
        "rafael-grossi"


def test_every_un_member_state_is_known(kb):
    states = {a.id for a in kb.actors.values() if a.kind == "state"}
    assert len(states - {"PSE", "TWN", "XKX", "VAT"}) >= 193
    assert kb.resolve("Niger's military government").country == "NER"
    assert kb.resolve("Nigerian troops").country == "NGA"
    assert kb.resolve("the Beninese government").country == "BEN"
    assert kb.resolve("the Congolese army").country == "COD"


def test_an_unnamed_official_of_a_known_body(kb):
    spokesman = kb.resolve("a Russian defence ministry spokesman")
    assert (spokesman.country, spokesman.sector) == ("RUS", "MIL")
    assert kb.resolve("a Nato official").country == "NATO"


def test_names_without_accents_titles_and_possessives(kb):
    assert kb.resolve("Radoslaw Sikorski").name == "Radosław Sikorski"
    assert kb.resolve("President Putin").name == "Vladimir Putin"
    assert kb.resolve("Belarus’s defence minister").name == "Viktor Khrenin"
    assert kb.resolve("the Russian leader").name == "Vladimir Putin"


def test_a_user_file_adds_and_replaces_entries(tmp_path: Path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "people:\n"
        "  - {name: Olena Kovalenko, roles: [{title: deputy head, of: UKR, from: 2025-01-01}]}\n"
        "  - {name: Mark Rutte, roles: [{title: prime minister, of: NLD, from: 2010-10-14}]}\n",
        "utf-8")
    kb = load_kb((mine,))
    assert kb.resolve("Olena Kovalenko").country == "UKR"
    assert kb.resolve("Mark Rutte", D("2025-05-01")).country == "NLD"


def test_a_broken_user_file_names_itself(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  - {aliases: [nobody]}\n", "utf-8")
    with pytest.raises(KnowledgeBaseError, match="bad.yaml"):
        load_kb((bad,))


def test_a_misspelt_key_in_a_user_file_names_the_file_and_line(tmp_path: Path):
    """ "rols:" for "roles:" would leave the person with no post: it is an error instead."""
    bad = tmp_path / "mine.yaml"
    bad.write_text("people:\n  - name: Jane Roe\n    rols: [{title: minister, of: GBR}]\n",
                   "utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"mine\.yaml, line 3: people\.0\.rols"):
        load_kb((bad,))


def test_office_holders_of_past_years_code_their_state_on_the_articles_date(kb):
    assert kb.resolve("the Russian president", D("2010-03-01")).name == "Dmitry Medvedev"
    assert kb.resolve("the Russian president", D("2015-03-01")).name == "Vladimir Putin"
    assert kb.resolve("Mr. Olmert", D("2007-05-27")).country == "ISR"
    # Two people called Rice: the surname alone is nobody.
    assert kb.resolve("Rice", D("2010-03-01")) is None
    assert kb.resolve("Susan Rice", D("2010-03-01")).country == "USA"


def test_well_known_armed_groups_are_parties_of_their_own(kb):
    taliban = kb.resolve("the Taliban", D("2009-05-11"))
    assert (taliban.actor_id, taliban.country, taliban.non_state) == ("TALIBAN", "AFG", True)
    # Their short names are not common words.
    assert kb.resolve("is") is None and kb.resolve("let") is None


def test_agencies_and_missions_of_a_body_speak_for_it(kb):
    assert kb.resolve("UNICEF").actor_id == "UN"
    assert kb.resolve("AMISOM").actor_id == "AU"
    assert kb.resolve("the State Department").country == "USA"
