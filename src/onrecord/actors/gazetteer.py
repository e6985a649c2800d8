"""Place names, demonyms, metonyms, titles and given names, read from ``onrecord/data``.

spaCy's small model calls capitals persons ("Kyiv") and swallows titles into organisations;
these lists are how onrecord corrects it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from onrecord.datafiles import DataFile, read_text, read_yaml


class _Roles(DataFile):
    """``data/roles.yaml``."""

    honorifics: frozenset[str]
    male_honorifics: frozenset[str]
    female_honorifics: frozenset[str]
    name_styles: frozenset[str]
    role_verbs: dict[str, str]
    role_classes: dict[str, tuple[str, ...]]
    neutral_modifiers: frozenset[str]
    person_heads: frozenset[str]
    organisation_heads: frozenset[str]


class _FirstNames(DataFile):
    """``data/first_names.yaml`` and ``data/given_name_genders.yaml``."""

    male: frozenset[str]
    female: frozenset[str]


@dataclass(frozen=True)
class Gazetteer:
    place_country: dict[str, str]  # lower-cased country, alias, capital or demonym -> ISO3
    country_words: dict[str, frozenset[str]]  # ISO3 -> every lower-cased word naming it
    metonym_country: dict[str, str]  # lower-cased "kremlin" -> ISO3
    honorifics: frozenset[str]
    male_honorifics: frozenset[str]
    female_honorifics: frozenset[str]
    name_styles: frozenset[str]
    role_verbs: dict[str, str]  # "head" (verb lemma) -> "head" (role), "lead" -> "leader"
    role_classes: dict[str, frozenset[str]]  # role word or phrase -> class names
    neutral_modifiers: frozenset[str]
    person_heads: frozenset[str]
    organisation_heads: frozenset[str]
    male_names: frozenset[str]
    female_names: frozenset[str]
    # Lower-cased given name -> "m" or "f", for pronoun agreement only (a superset of the two
    # lists above, which win where they disagree).
    name_genders: dict[str, str]

    def is_place(self, words: str) -> bool:
        key = words.lower()
        return key in self.place_country or key in self.metonym_country

    def classes_of(self, role: str) -> frozenset[str]:
        return self.role_classes.get(role.lower(), frozenset())


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    place_country: dict[str, str] = {}
    country_words: dict[str, set[str]] = {}
    for row in csv.DictReader(read_text("places.csv").splitlines()):
        names = [row["country"], row["demonym"], row["capital"]]
        names += [a for a in (row["aliases"] or "").split("|") if a]
        for name in filter(None, names):  # a state may have no capital worth a key
            place_country[name.lower()] = row["iso3"]
            country_words.setdefault(row["iso3"], set()).add(name.lower())
    metonyms = {row["name"].lower(): row["country"]
                for row in csv.DictReader(read_text("metonyms.csv").splitlines())}
    roles = read_yaml("roles.yaml", _Roles)
    role_classes: dict[str, set[str]] = {}
    for class_name, words in roles.role_classes.items():
        for word in words:
            role_classes.setdefault(word, set()).add(class_name)
    names = read_yaml("first_names.yaml", _FirstNames)
    common = read_yaml("given_name_genders.yaml", _FirstNames)
    genders = {name: "m" for name in common.male} | {name: "f" for name in common.female}
    genders |= {name: "m" for name in names.male} | {name: "f" for name in names.female}
    return Gazetteer(
        place_country=place_country,
        country_words={k: frozenset(v) for k, v in country_words.items()},
        metonym_country=metonyms,
        honorifics=roles.honorifics,
        male_honorifics=roles.male_honorifics,
        female_honorifics=roles.female_honorifics,
        name_styles=roles.name_styles,
        role_verbs=roles.role_verbs,
        role_classes={k: frozenset(v) for k, v in role_classes.items()},
        neutral_modifiers=roles.neutral_modifiers,
        person_heads=roles.person_heads,
        organisation_heads=roles.organisation_heads,
        male_names=names.male,
        female_names=names.female,
        name_genders=genders,
    )
