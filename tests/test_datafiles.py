"""Data files are read against a model of what they hold: a slip fails by file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.datafiles import DataFile, DataFileError, read_text, read_yaml
from onrecord.events.lexicon import Lexicon, lexicon
from onrecord.modality import Words


class _Lists(DataFile):
    verbs: frozenset[str]
    nouns: frozenset[str] = frozenset()


def test_a_misspelt_key_names_the_file_and_its_line(tmp_path: Path):
    path = tmp_path / "cues.yaml"
    path.write_text("verbs: [say, tell]\n# a comment\nnoun: [warning]\n", "utf-8")
    with pytest.raises(DataFileError, match=r"cues\.yaml, line 3: noun: not a field"):
        read_yaml(path, _Lists)


def test_a_bare_no_is_not_read_as_the_word_false(tmp_path: Path):
    """YAML reads an unquoted ``no`` as false; in a word list that is a slip, not a word."""
    path = tmp_path / "negators.yaml"
    path.write_text("verbs:\n  - never\n  - no\n", "utf-8")
    with pytest.raises(DataFileError, match=r"line 3: verbs\.1"):
        read_yaml(path, _Lists)


def test_a_missing_list_is_named(tmp_path: Path):
    path = tmp_path / "empty.yaml"
    path.write_text("nouns: [statement]\n", "utf-8")
    with pytest.raises(DataFileError, match="verbs: Field required"):
        read_yaml(path, _Lists)


def test_the_shipped_modality_words_read_with_their_phrases_longest_first():
    words = read_yaml("modality.yaml", Words)
    lengths = [len(p) for p in words.condition_phrases]
    assert lengths == sorted(lengths, reverse=True) and lengths[0] > 1
    assert "no" in words.negators


def _plover_with(tmp_path: Path, old: str, new: str) -> Path:
    """The shipped event lexicon with one slip a user editing it could make."""
    text = read_text("plover.yaml")
    assert old in text
    path = tmp_path / "plover.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def test_a_broken_trigger_pattern_names_the_event_type_and_its_line(tmp_path: Path):
    path = _plover_with(tmp_path, "types:\n", "types:\n  DEMAND: ['\\bdemand(s|ed']\n")
    line = path.read_text("utf-8").splitlines().index("  DEMAND: ['\\bdemand(s|ed']") + 1
    with pytest.raises(DataFileError, match=rf"line {line}: types\.DEMAND: .*not a regular "
                                             r"expression: '\\\\bdemand\(s\|ed'"):
        read_yaml(path, Lexicon)


def test_the_event_lexicon_reads_each_list_of_triggers_as_one_pattern():
    """Either of a type's patterns matches, through one compiled alternation."""
    (assault,) = lexicon().types["ASSAULT"]
    assert assault.search("they shell the depot") and assault.search("an air strike")
    assert not assault.search("they shelter the depot")


def test_a_confidence_model_with_a_weight_that_is_no_number_names_its_line(tmp_path: Path):
    from onrecord.events.confidence import load_model

    path = tmp_path / "event_confidence.yaml"
    path.write_text("bias: -0.5\nfitted_on: by hand\nthreshold: 0.4\nweights:\n"
                    "  learned: 2.0\n  agent=other: high\n", "utf-8")
    with pytest.raises(DataFileError, match=r"line 6: weights\.agent=other: .*number"):
        load_model(path)
