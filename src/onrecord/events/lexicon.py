"""The PLOVER lexicon of ``data/plover.yaml``: scores, trigger patterns, modes, contexts."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated

from pydantic import BeforeValidator
from spacy.tokens import Token

from onrecord.datafiles import DataFile, read_yaml


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """One alternation of a list's patterns: a single scan of the lemmas, not one per
    pattern."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {pattern!r} ({exc})") from None
    return (re.compile("|".join(f"(?:{p})" for p in patterns)),) if patterns else ()


#: A list of trigger patterns, matched as one.
Alternation = Annotated[tuple[re.Pattern[str], ...], BeforeValidator(_compile)]


class Lexicon(DataFile):
    """``data/plover.yaml``: how a quotation's words code a PLOVER type."""

    scores: dict[str, float]
    priority: tuple[str, ...]
    cues: dict[str, str]  # cue lemma -> "TYPE" or "TYPE/mode"
    asking_cues: frozenset[str]  # cues that ask when they report a "that" clause
    directive: str  # the type of a directive with an infinitive ("urged X to")
    threat_idioms: Alternation
    threats: dict[str, Alternation]  # threat mode -> patterns
    future_words: frozenset[str]
    threat_cues: frozenset[str]
    fearing_verbs: frozenset[str]  # a harm in their clause is a danger feared, no threat
    hostile_words: frozenset[str]  # a subject so named is another party ("the enemy")
    observer_words: frozenset[str]  # a speaker so described makes no threat (an analyst)
    question_cues: frozenset[str]  # "asked whether they would strike": a question, no threat
    ongoing_verbs: frozenset[str]  # force words under them tell of an act going on
    occurrence_verbs: frozenset[str]  # a harm their subject is foretold, nobody's threat
    negative_subjects: frozenset[str]  # "nothing can destroy us": a denial
    answers: frozenset[str]  # harm lemmas that answer another's act: the speaker's even foretold
    protective: frozenset[str]  # threat lemmas whose object is the speaker's to protect
    aimed_prepositions: frozenset[str]  # "strike on/against/at X": X is what the harm aims at
    averting_verbs: frozenset[str]  # a harm noun their object is one the speaker would avert
    reporting_verbs: frozenset[str]  # verbs whose reported clause holds the act
    types: dict[str, Alternation]
    refusable: frozenset[str]  # verbs whose negation is a refusal (REJECT)
    directions: frozenset[str]  # as an adverb or a particle, a direction, no trigger
    verb_types: frozenset[str]
    ultimatum_types: frozenset[str]  # their act announced "unless" another acts: a threat
    promised_types: frozenset[str]  # material types also coded when announced for the future
    talk_verbs: frozenset[str]  # a deal or cooperation they govern is talked about
    talked_types: frozenset[str]  # the types such a noun would code
    promised_as: dict[str, str]  # the type an announced act of these types codes instead
    modes: dict[str, dict[str, re.Pattern[str]]]
    contexts: dict[str, re.Pattern[str]]
    counterfactuals: tuple[str, ...]  # conditions that make the words a hypothetical
    suffered_by_subject: frozenset[str]  # threat lemmas whose subject is the target
    danger_verbs: frozenset[str]  # with a thing as subject: a danger, not a threat
    party_pronouns: frozenset[str]  # pronouns that can stand for a party
    topic_prepositions: frozenset[str]  # a harm noun after them is a topic
    deontic_modals: frozenset[str]  # REQUEST triggers that ask only of another party
    supposing_marks: frozenset[str]  # a modal marked by them supposes or compares
    first_person: frozenset[str]  # the speaker's own side: "we", "us", "our"
    charge_verbs: frozenset[str]  # ACCUSE triggers that are the speaker's charge ("we hold")
    charge_acts: frozenset[str]  # verbs that charge only as a clause's active verb
    legal_steps: frozenset[str]  # a wrong they are about is their charge, not the speaker's
    naming_verbs: frozenset[str]  # charge only with a named wrong as their own attribute
    named_wrongs: frozenset[str]  # the wrongs they name ("was a coup", "pose a danger")
    stopwords: frozenset[str]  # words the quotation model does not read

    def is_first_person(self, token: Token) -> bool:
        """ "we", "us", "our" (the speaker's side), not "US" the state."""
        return token.lower_ in self.first_person and token.text != "US"

    def intensity(self, event_type: str, mode: str | None) -> float | None:
        """PLOVER's conflict/cooperation score of the type and mode (the type's without one)."""
        if mode and f"{event_type}/{mode}" in self.scores:
            return self.scores[f"{event_type}/{mode}"]
        return self.scores.get(event_type)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return read_yaml("plover.yaml", Lexicon)
