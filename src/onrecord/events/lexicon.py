"""The PLOVER lexicon of ``data/plover.yaml``: scores, trigger patterns, modes, contexts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from onrecord.datafiles import load_yaml, read_text


@dataclass(frozen=True)
class Lexicon:
    scores: dict[str, float]
    priority: tuple[str, ...]
    cues: dict[str, str]  # cue lemma -> "TYPE" or "TYPE/mode"
    directive: str  # the type of a directive with an infinitive ("urged X to")
    threat_idioms: tuple[re.Pattern[str], ...]
    threats: dict[str, tuple[re.Pattern[str], ...]]  # threat mode -> patterns
    future_words: frozenset[str]
    threat_cues: frozenset[str]
    reporting_verbs: frozenset[str]  # verbs whose reported clause holds the act
    types: dict[str, tuple[re.Pattern[str], ...]]
    verb_types: frozenset[str]
    future_material: dict[str, str]  # material type -> the type its announcement codes
    modes: dict[str, dict[str, re.Pattern[str]]]
    contexts: dict[str, re.Pattern[str]]
    counterfactuals: tuple[str, ...]  # conditions that make the words a hypothetical
    suffered_by_subject: frozenset[str]  # threat lemmas whose subject is the target
    danger_verbs: frozenset[str]  # with a thing as subject: a danger, not a threat
    party_pronouns: frozenset[str]  # pronouns that can stand for a party
    topic_prepositions: frozenset[str]  # a harm noun after them is a topic
    deontic_modals: frozenset[str]  # REQUEST triggers that ask only of another party
    speaker_pronouns: frozenset[str]  # the speaker's own side as a subject
    stopwords: frozenset[str]  # words the quotation model does not read

    def intensity(self, event_type: str, mode: str | None) -> float | None:
        """PLOVER's conflict/cooperation score of the type and mode (the type's without one)."""
        if mode and f"{event_type}/{mode}" in self.scores:
            return self.scores[f"{event_type}/{mode}"]
        return self.scores.get(event_type)


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """One alternation of a list's patterns: a single scan of the lemmas, not one per
    pattern."""
    return (re.compile("|".join(f"(?:{p})" for p in patterns)),) if patterns else ()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = load_yaml(read_text("plover.yaml"))
    return Lexicon(
        scores={k: float(v) for k, v in raw["scores"].items()},
        priority=tuple(raw["priority"]),
        cues=dict(raw["cues"]),
        directive=raw["directive"],
        threat_idioms=_compile(raw["threat_idioms"]),
        threats={mode: _compile(p) for mode, p in raw["threats"].items()},
        future_words=frozenset(raw["future_words"]),
        threat_cues=frozenset(raw["threat_cues"]),
        reporting_verbs=frozenset(raw["reporting_verbs"]),
        types={t: _compile(p) for t, p in raw["types"].items()},
        verb_types=frozenset(raw["verb_types"]),
        future_material=dict(raw["future_material"]),
        modes={t: {m: re.compile(p) for m, p in modes.items()}
               for t, modes in raw["modes"].items()},
        contexts={c: re.compile(p) for c, p in raw["contexts"].items()},
        counterfactuals=tuple(raw["counterfactuals"]),
        suffered_by_subject=frozenset(raw["suffered_by_subject"]),
        danger_verbs=frozenset(raw["danger_verbs"]),
        party_pronouns=frozenset(raw["party_pronouns"]),
        topic_prepositions=frozenset(raw["topic_prepositions"]),
        deontic_modals=frozenset(raw["deontic_modals"]),
        speaker_pronouns=frozenset(raw["speaker_pronouns"]),
        stopwords=frozenset(raw["stopwords"]),
    )
