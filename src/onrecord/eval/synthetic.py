"""A synthetic news corpus for benchmarks and scale tests: no external data needed.

Articles are 300-1,500 words (the body-length range of CC-NEWS wire and newspaper stories), one
paragraph per line, with quotations of every kind onrecord handles: direct before and after the
cue, split, straight and curly marks, nested, multi-paragraph with a related-links box inside,
indirect ("said that", "warned that", "according to") and mixed. About one article in eight has
an unbalanced quotation mark (a closing mark dropped, as in real copy), which is what makes
textacy's ``direct_quotations`` raise.

Speakers' surnames, places and figures are generated, so a long corpus keeps bringing new words
(as real news does) and a vocabulary that is never pruned would keep growing. Article ``n`` of
seed ``s`` is always the same text, so any slice of a corpus can be regenerated on its own.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

MIN_WORDS, MAX_WORDS = 300, 1500
UNBALANCED_SHARE = 0.125  # articles with one closing quotation mark dropped

_FIRST = ["Anna", "Mark", "Olena", "Sergei", "Maria", "Jens", "Kaja", "Li", "Ahmed", "Fatima",
          "Pedro", "Ingrid", "Yusuf", "Hana", "Tomas", "Amara", "Viktor", "Leila", "Kenji", "Rosa"]
_SYLLABLES = ["ka", "ro", "vin", "tel", "mar", "os", "len", "dra", "ko", "vich", "berg", "an",
              "ski", "ta", "mu", "rez", "hol", "ni", "sen", "ga", "lu", "dor", "pe", "ic"]
_ROLES = ["defence minister", "foreign minister", "prime minister", "president",
          "army chief of staff", "energy minister", "government spokesperson", "ambassador",
          "secretary general of the alliance", "deputy head of the security council"]
_COUNTRIES = [("Russia", "Moscow"), ("Ukraine", "Kyiv"), ("Germany", "Berlin"),
              ("China", "Beijing"), ("the United States", "Washington"), ("Iran", "Tehran"),
              ("Poland", "Warsaw"), ("Turkey", "Ankara"), ("Japan", "Tokyo"),
              ("France", "Paris"), ("Israel", "Jerusalem"), ("India", "New Delhi")]
_SUBJECTS = ["the talks", "the ceasefire", "the sanctions package", "the border", "the exercises",
             "the pipeline", "the missile deployment", "the grain corridor", "the peace plan",
             "the arms deliveries", "the nuclear plant", "the election"]
_STATES = ["looked dead in the water", "had crossed a red line", "would not be tolerated",
           "remained on the table", "posed a threat to national security",
           "could still be saved", "had been called off", "amounted to a provocation"]
_WARNINGS = ["we will respond with all means available", "nobody should doubt our resolve",
             "this is a dangerous escalation", "we are ready to talk, but not at any price",
             "the door to diplomacy remains open", "our patience has limits",
             "there will be consequences for anyone who attacks us",
             "we did not start this conflict and we will not be the ones to widen it"]
_CONDITIONS = ["if our territory is attacked", "in the event of an attack on our allies",
               "unless the troops are withdrawn", "under certain conditions"]
_CUES = ["said", "told reporters", "warned", "added", "stressed", "said in a statement"]
_INDIRECT = ["said that", "warned that", "noted that", "made clear that",
             "issued a stark warning that"]
_FILLER = [
    "The remarks came after {n} days of talks in {city} that ended without a joint statement.",
    "Officials in {city} did not immediately respond to a request for comment on {subject}.",
    "More than {n},{m:03} people have been displaced since the fighting began in {month}.",
    "Analysts said {subject} would dominate the summit in {city} later this month.",
    "The ministry published satellite images it said showed {n} new launch sites near {city}.",
    "Markets in {city} fell {n}.{m:02} percent on the news before recovering in the afternoon.",
    "Diplomats said a draft text on {subject} had been circulated to {n} delegations.",
    "The parliament in {city} is due to vote on {subject} in {month}.",
]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_HEADLINES = ["Read more: {country} recalls envoy over {subject}",
              "RELATED: What we know about {subject}",
              "Live updates: {city} reacts to {subject}"]


class _Writer:
    """One article's people, places and text, drawn from one seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.country, self.city = rng.choice(_COUNTRIES)
        self.people = [(rng.choice(_FIRST), self.surname(), rng.choice(_ROLES))
                       for _ in range(rng.randint(2, 4))]

    def surname(self) -> str:
        parts = self.rng.randint(2, 4)
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()

    def fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            n=rng.randint(2, 99), m=rng.randint(0, 99), city=rng.choice(_COUNTRIES)[1],
            country=self.country,
            subject=rng.choice(_SUBJECTS), month=rng.choice(_MONTHS),
        )

    def filler(self) -> str:
        return " ".join(self.fill(self.rng.choice(_FILLER)) for _ in range(self.rng.randint(2, 4)))

    def speaker(self, first_time: bool) -> str:
        first, last, role = self.rng.choice(self.people)
        if first_time:
            return f"{self.country}'s {role} {first} {last}"
        return self.rng.choice([last, "he", "she", f"the {role}"])

    def words(self) -> str:
        rng = self.rng
        said = rng.choice(_WARNINGS)
        if rng.random() < 0.3:
            said += " " + rng.choice(_CONDITIONS)
        return said[0].upper() + said[1:]

    def quote(self, first_time: bool) -> list[str]:
        """One quotation paragraph (two or three for a multi-paragraph quotation)."""
        rng, who = self.rng, self.speaker(first_time)
        cue = rng.choice(_CUES)
        subject, state = rng.choice(_SUBJECTS), rng.choice(_STATES)
        open_, close = ("\u201c", "\u201d") if rng.random() < 0.7 else ('"', '"')
        shapes = [
            lambda: f"{open_}{self.words()},{close} {who} {cue}.",
            lambda: f"{who[0].upper() + who[1:]} {cue}: {open_}{self.words()}.{close}",
            lambda: f"{open_}{self.words()},{close} {who} {cue}, {open_}{rng.choice(_WARNINGS)}."
                    f"{close}",
            lambda: f"{open_}They called it \u2018{state}\u2019, and {rng.choice(_WARNINGS)},"
                    f"{close} {who} {cue}.",
            lambda: f"{who[0].upper() + who[1:]} {rng.choice(_INDIRECT)} {subject} {state}.",
            lambda: f"According to {who}, {subject} {state}.",
            lambda: f"{who[0].upper() + who[1:]} {cue} {subject} {open_}{state}{close} after "
                    f"the strike.",
        ]
        if rng.random() < 0.02:  # a multi-paragraph quotation with a related-links box inside
            box = self.fill(rng.choice(_HEADLINES))
            return [f"{open_}{self.words()}. {self.filler()}",
                    box,
                    f"{open_}{self.words()},{close} {who} {cue}."]
        return [rng.choice(shapes)()]


def article(seed: int, n: int, max_words: int = MAX_WORDS) -> str:
    """Article ``n`` of the corpus drawn with ``seed``: a headline, then one paragraph a line.
    A lower ``max_words`` draws from the short end of the range (wire briefs), which lets a
    long-run benchmark reach more articles in the same time."""
    rng = random.Random(f"{seed}:{n}")
    writer = _Writer(rng)
    target = rng.randint(MIN_WORDS, max_words)
    paragraphs = [f"{writer.country} {rng.choice(_STATES)} over {rng.choice(_SUBJECTS)}, "
                  f"{writer.speaker(True)} says",
                  f"{writer.city.upper()} (Wire) \u2014 {writer.filler()}"]
    count = sum(len(p.split()) for p in paragraphs)
    while count < target:
        made = writer.quote(first_time=len(paragraphs) < 4) if rng.random() < 0.55 else [
            writer.filler()]
        words = sum(len(p.split()) for p in made)
        if count + words > max_words:
            break
        paragraphs += made
        count += words
    if rng.random() < UNBALANCED_SHARE:
        _drop_a_closing_mark(paragraphs, rng)
    return "\n".join(paragraphs)


def _drop_a_closing_mark(paragraphs: list[str], rng: random.Random) -> None:
    with_marks = [i for i, p in enumerate(paragraphs) if "\u201d" in p or p.count('"') >= 2]
    if with_marks:
        i = rng.choice(with_marks)
        mark = "\u201d" if "\u201d" in paragraphs[i] else '"'
        head, _, tail = paragraphs[i].rpartition(mark)
        paragraphs[i] = head + tail


def articles(count: int, seed: int = 0, start: int = 0,
             max_words: int = MAX_WORDS) -> Iterator[str]:
    """Articles ``start`` to ``start + count - 1`` of the corpus drawn with ``seed``."""
    for n in range(start, start + count):
        yield article(seed, n, max_words)


def write_jsonl(path: Path, count: int, seed: int = 0) -> Path:
    """Write ``count`` articles as JSONL (``id``, ``title``, ``text``): ``onrecord run`` input."""
    with path.open("w", encoding="utf-8") as out:
        for n, text in enumerate(articles(count, seed)):
            title, _, body = text.partition("\n")
            out.write(json.dumps({"id": f"synthetic-{seed}-{n}", "title": title, "text": body})
                      + "\n")
    return path
