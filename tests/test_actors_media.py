"""News media named as a speaker (``onrecord.actors.media``)."""

from __future__ import annotations

import pytest

from onrecord.actors.media import is_outlet


@pytest.mark.parametrize("name", [
    "the Daily Telegraph", "Reuters", "the Hebrew daily", "state television", "media reports",
    "a BBC report", "a Reuters correspondent", "Yonhap news agency", "the broadcaster",
    "Reports", "unconfirmed reports",
])
def test_an_outlet_by_its_name_or_its_head_word(name):
    assert is_outlet(name)


@pytest.mark.parametrize("name", [
    "the inquiry's report", "the ministry", "an economist", "Tomas Vela", "the observer",
    "CCTV footage", "the press freedom group", "the council's reports",
])
def test_a_document_a_body_or_a_person_is_no_outlet(name):
    assert not is_outlet(name)
