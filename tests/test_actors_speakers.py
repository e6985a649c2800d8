"""The learned speaker chooser (``onrecord.actors.speakers``): who the candidates of a
quotation are, what the ranker reads of them, how it is fitted and stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.actors.speakers import (
    SpeakerModel,
    fit,
    load_model,
    save_model,
)
from onrecord.datafiles import DataFileError
from onrecord.pipeline import ArticleText, extract_many, parse_all, speaker_candidates

# Two people named, then "he" after the second: the rules take the latest subject.
_TWO_PEOPLE = (
    "Dana Kroll, the harbour master, said on Monday that the pier would stay shut.\n"
    "Robin Hale, a ferry captain, arrived on Tuesday.\n"
    "“We cannot wait another month,” he said."
)


def _candidates(text: str) -> list[list[tuple]]:
    _, found = speaker_candidates(parse_all([ArticleText(text=text)])[0])
    return found


def test_a_pronoun_has_the_people_named_before_it_as_candidates() -> None:
    pronoun = _candidates(_TWO_PEOPLE)[1]
    by_name = {name: (mention, rule, features) for name, mention, rule, features in pronoun}
    assert set(by_name) == {"Robin Hale", "Dana Kroll"}
    assert [name for name, _, rule, _ in pronoun if rule] == ["Robin Hale"]
    # Another person is the same "he" read as them: the record still quotes the pronoun.
    mention, _, features = by_name["Dana Kroll"]
    assert mention.mention == "he" and mention.name == "Dana Kroll"
    assert features["previous_speaker"] == 1.0
    assert features["sentences_back:2"] == 1.0
    assert "last_subject" in by_name["Robin Hale"][2]


def test_a_quotation_the_rules_give_nobody_keeps_nobody_as_a_candidate() -> None:
    text = ("Farid Nasser chaired the session.\n"
            "“Nothing was decided,” read a note pinned to the door.")
    for found in _candidates(text):
        assert sum(rule for _, _, rule, _ in found) == 1


def test_the_extractor_takes_the_candidate_the_model_ranks_first() -> None:
    rules = next(extract_many([ArticleText(text=_TWO_PEOPLE)]))
    assert rules.quotes[1].speaker.name == "Robin Hale"
    model = SpeakerModel({"previous_speaker": 20.0})
    chosen = next(extract_many([ArticleText(text=_TWO_PEOPLE)], speakers=model))
    speaker = chosen.quotes[1].speaker
    assert (speaker.name, speaker.mention) == ("Dana Kroll", "he")
    assert speaker.span == rules.quotes[1].speaker.span
    assert speaker.confidence == 1.0  # the model's probability, not the rules' confidence


def test_fitting_learns_what_marks_the_right_candidate() -> None:
    # The rules' choice is wrong whenever another candidate was named in the cue's sentence.
    groups = [([{"rule": 1.0}, {"in_cue_sentence": 1.0}], [False, True])] * 6 \
        + [([{"rule": 1.0}, {"sentences_back:3+": 1.0}], [True, False])] * 6
    model = fit(groups, l2=0.1)
    assert model.weights["in_cue_sentence"] > model.weights["rule"]
    assert model.weights["sentences_back:3+"] < model.weights["rule"]


def test_fitting_leaves_out_choices_that_teach_nothing() -> None:
    # No right candidate, or only right ones: nothing to prefer, no feature learnt from them.
    groups = [([{"a": 1.0}, {"b": 1.0}], [False, False]),
              ([{"c": 1.0}, {"d": 1.0}], [True, True]),
              ([{"rule": 1.0}, {"e": 1.0}], [True, False])]
    assert set(fit(groups).weights) == {"rule", "e"}


def test_a_fitted_model_is_written_and_read_back(tmp_path: Path) -> None:
    model = SpeakerModel({"rule": 1.5, "gender:clash": -2.0}, "invented choices", 1.0)
    path = tmp_path / "speaker_model.yaml"
    save_model(model, path)
    assert load_model(path) == model


def test_a_model_file_with_a_key_it_does_not_know_names_the_file_line_and_key(
        tmp_path: Path) -> None:
    path = tmp_path / "speaker_model.yaml"
    path.write_text("fitted_on: x\nl2: 1.0\nweights:\n  rule: 1.0\nbais: 0.5\n", "utf-8")
    with pytest.raises(DataFileError, match=r"speaker_model.yaml, line 5: bais: not a field"):
        load_model(path)
