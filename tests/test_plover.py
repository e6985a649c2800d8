"""PLOVER's facts are data: one file says which types there are, their relation and which are
speech acts, and a slip in it fails by name."""

from __future__ import annotations

import pytest

from onrecord.datafiles import DataFileError
from onrecord.plover import codebook, read_codebook


def test_sixteen_types_each_under_one_relation_cooperation_first():
    book = codebook()
    assert len(book.types) == 16 and book.types[0] == "AGREE" and book.types[-1] == "ASSAULT"
    assert book.relation["REQUEST"] == "other" and book.relation["THREATEN"] == "conflict"


def test_an_earlier_release_s_name_is_read_as_the_type_it_is_now():
    assert codebook().renamed["DEMAND"] == "REQUEST"
    assert set(codebook().renamed.values()) <= set(codebook().types)


def test_a_speech_act_is_verbal_a_material_act_is_not():
    verbal = codebook().verbal
    assert {"THREATEN", "ACCUSE", "REQUEST"} <= verbal
    assert not {"ASSAULT", "AID", "SANCTION"} & verbal


@pytest.mark.parametrize(("body", "problem"), [
    ("cooperation: [AGREE]\nother: []\nconflict: [AGREE]\nverbal: []\n", "two relations"),
    ("cooperation: [AGREE]\nother: []\nconflict: []\nverbal: [THREATEN]\n", "no relation"),
    ("cooperation: [AGREE]\nother: []\nconflict: []\nverbal: []\nverbl: []\n", "verbl"),
    ("cooperation: [AGREE]\nother: []\nconflict: []\nverbal: []\nrenamed: {ALLY: ALLIANCE}\n",
     "renamed to types under no relation: ['ALLIANCE']"),
])
def test_a_slip_in_the_codebook_names_the_file_and_the_problem(tmp_path, body, problem):
    path = tmp_path / "codebook.yaml"
    path.write_text(body, "utf-8")
    with pytest.raises(DataFileError) as error:
        read_codebook(path)
    assert "codebook.yaml" in str(error.value) and problem in str(error.value)

