"""Place names, demonyms, metonyms, titles and given names, read from ``onrecord/data``.

spaCy's small model calls capitals persons ("Kyiv") and swallows titles into organisations;
these lists are how onrecord corrects it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


def _data_text(name: str) -> str:
    return resources.files("onrecord.data").joinpath(name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Gazetteer:
    place_country: dict[str, str]  # lower-cased country, alias, capital or demonym -> ISO3
    country_words: dict[str, frozenset[str]]  # ISO3 -> every lower-cased word naming it
    metonym_country: dict[str, str]  # lower-cased "kremlin" -> ISO3
    honorifics: frozenset[str]
    role_classes: dict[str, frozenset[str]]  # role word or phrase -> class names
    neutral_modifiers: frozenset[str]
    person_heads: frozenset[str]
    organisation_heads: frozenset[str]
    male_names: frozenset[str]
    female_names: frozenset[str]

    def is_place(self, words: str) -> bool:
        key = words.lower()
        return key in self.place_country or key in self.metonym_country

    def classes_of(self, role: str) -> frozenset[str]:
        return self.role_classes.get(role.lower(), frozenset())


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    place_country: dict[str, str] = {}
    country_words: dict[str, set[str]] = {}
    for row in csv.DictReader(_data_text("places.csv").splitlines()):
        names = [row["country"], row["demonym"], row["capital"]]
        names += [a for a in (row["aliases"] or "").split("|") if a]
        for name in filter(None, names):  # a state may have no capital worth a key
            place_country[name.lower()] = row["iso3"]
            country_words.setdefault(row["iso3"], set()).add(name.lower())
    metonyms = {row["name"].lower(): row["country"]
                for row in csv.DictReader(_data_text("metonyms.csv").splitlines())}
    roles = yaml.safe_load(_data_text("roles.yaml"))
    role_classes: dict[str, set[str]] = {}
    for class_name, words in roles["role_classes"].items():
        for word in words:
            role_classes.setdefault(word, set()).add(class_name)
    names = yaml.safe_load(_data_text("first_names.yaml"))
    return Gazetteer(
        place_country=place_country,
        country_words={k: frozenset(v) for k, v in country_words.items()},
        metonym_country=metonyms,
        honorifics=frozenset(roles["honorifics"]),
        role_classes={k: frozenset(v) for k, v in role_classes.items()},
        neutral_modifiers=frozenset(roles["neutral_modifiers"]),
        person_heads=frozenset(roles["person_heads"]),
        organisation_heads=frozenset(roles["organisation_heads"]),
        male_names=frozenset(names["male"]),
        female_names=frozenset(names["female"]),
    )
