"""Telling an article's language with py3langid's model, unpacked once into onrecord's cache."""

from __future__ import annotations

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from onrecord import language

TEXTS = [
    "The foreign minister said on Tuesday that the talks would resume next week in Geneva, "
    "and that both delegations had agreed to keep the ceasefire in place until then.",
    "Menteri luar negeri mengatakan pada hari Selasa bahwa perundingan akan dilanjutkan pekan "
    "depan, dan kedua delegasi sepakat untuk mempertahankan gencatan senjata.",
    "Der Außenminister sagte am Dienstag, die Gespräche würden nächste Woche in Genf "
    "fortgesetzt, und beide Delegationen hätten sich auf die Waffenruhe geeinigt.",
]


@pytest.fixture
def fresh(monkeypatch):
    """The identifier made anew (not the process's cached one), and made anew again after."""
    language._identifier.cache_clear()
    yield monkeypatch
    language._identifier.cache_clear()


def test_the_unpacked_model_ranks_languages_as_the_shipped_one_does(fresh, tmp_path):
    fresh.setenv("ONRECORD_CACHE_DIR", str(tmp_path))
    shipped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    unpacked = language._identifier()
    unpacked_into = list(tmp_path.iterdir())  # one folder, no half-written scratch left
    assert [p.name.startswith("langid-") for p in unpacked_into] == [True]
    language._identifier.cache_clear()
    mapped = language._identifier()  # the second process reads the cache
    for text in TEXTS:
        assert unpacked.rank(text)[:3] == shipped.rank(text)[:3] == mapped.rank(text)[:3]
    assert [language.identify(text * 2) for text in TEXTS] == ["en", "id", "de"]


def test_a_cache_that_cannot_be_written_only_costs_time(fresh, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    fresh.setenv("ONRECORD_CACHE_DIR", str(blocked / "cache"))
    assert language.identify(TEXTS[1] * 2) == "id"
    assert blocked.read_text() == "not a folder"
