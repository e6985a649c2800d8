"""Pronoun resolution on real news with coreference gold: the Wikinews documents of GUM.

GUM (https://github.com/amir-zeldes/gum; texts CC BY 2.5 from Wikinews, annotations CC BY 4.0)
marks every mention and its entity. Nothing of it is shipped: point ``--gum`` at a checkout.
For every third-person subject pronoun ("he", "she", "they", "it") whose entity the article
names before it, ``ArticleActors`` resolves it in text order (each pronoun a subject that later
ones may follow, as speakers are); the answer is right when its words are those of one of the
entity's mentions, wrong when it is another name, unresolved when there is none. A second
count does the same for the speakers of the quotations the pipeline extracts.

    PYTHONPATH=src python benchmarks/bench_pronouns.py --gum PATH/TO/gum [--show]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from common import print_table

from onrecord import extract
from onrecord.actors.kb import load_kb
from onrecord.actors.mentions import ArticleActors
from onrecord.nlp import load_nlp
from onrecord.normalise import caseless, fold

PRONOUNS = {"he", "she", "they", "it"}
# "(3-organization-…" opens entity 3, "3)" closes it, "(5-person-…)" is a one-token mention.
_BRACKET = re.compile(r"\((\d+)-[^()]*?(\))?(?=\(|\d+\)|$)|(\d+)\)")
_WORD = re.compile(r"\w+")
_STOP = {"the", "a", "an", "of", "and", "s", "for", "in", "on"}


@dataclass
class GumDoc:
    """One GUM document: its text (paragraphs one a line) and its mentions."""

    name: str
    text: str
    # (start, end) character span -> entity id
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)

    def chain(self, entity: str, before: int) -> list[str]:
        """The words of the entity's mentions before ``before``."""
        return [self.text[s:e] for (s, e), ent in self.mentions.items()
                if ent == entity and s < before]


def read_conllu(path: Path) -> GumDoc:
    """Text and mentions from a GUM ``dep/*.conllu`` (``Entity=`` brackets, ``SpaceAfter``)."""
    parts: list[str] = []
    size = 0
    open_at: dict[str, list[int]] = {}
    doc = GumDoc(path.stem, "")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar") and not line.startswith("# newpar_") and parts:
            parts.append("\n")
            size += 1
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        start = size
        parts.append(cols[1])
        size += len(cols[1])
        misc = dict(kv.split("=", 1) for kv in cols[9].split("|") if "=" in kv)
        entity = misc.get("Entity", "")
        for opened, closed_here, closed in _BRACKET.findall(entity):
            if opened and closed_here:
                doc.mentions[(start, size)] = opened
            elif opened:
                open_at.setdefault(opened, []).append(start)
            elif open_at.get(closed):
                doc.mentions[(open_at[closed].pop(), size)] = closed
        if misc.get("SpaceAfter") != "No":
            parts.append(" ")
            size += 1
    doc.text = "".join(parts)
    return doc


def _words(name: str) -> set[str]:
    return set(_WORD.findall(fold(caseless(name)))) - _STOP


def judge(answer: str | None, doc: GumDoc, entity: str | None, at: int) -> str:
    """right / wrong / unresolved / no antecedent (the entity not named before ``at``)."""
    named = [m for m in doc.chain(entity, at) if m.lower() not in PRONOUNS
             and any(w[:1].isupper() for w in m.split())] if entity else []
    if not named:
        return "no named antecedent"
    if answer is None:
        return "unresolved"
    chain = [_words(m) for m in doc.chain(entity, at)]
    return "right" if any(_words(answer) <= words or words and words <= _words(answer)
                          for words in chain) else "wrong"


def subject_pronouns(doc: GumDoc, nlp, show: bool) -> Counter:
    parsed = nlp(doc.text)
    actors = ArticleActors(parsed, load_kb())
    counts: Counter = Counter()
    for token in parsed:
        if token.lower_ not in PRONOUNS or token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        mention = actors.resolve(token, token.i, token.i + 1, salient=True)
        entity = doc.mentions.get((token.idx, token.idx + len(token.text)))
        verdict = judge(mention.name, doc, entity, token.idx)
        counts[(token.lower_, verdict)] += 1
        if show and verdict in ("wrong", "unresolved"):
            gold = [m for m in doc.chain(entity, token.idx) if m.lower() not in PRONOUNS]
            print(f"{doc.name} {token.idx} {token.text!r} -> {mention.name!r}; gold {gold[-3:]}"
                  f" | {token.sent.text[:120]!r}")
    return counts


def speaker_pronouns(doc: GumDoc, show: bool) -> Counter:
    counts: Counter = Counter()
    for quote in extract(doc.text, doc_id=doc.name).quotes:
        speaker = quote.speaker
        if speaker is None or speaker.mention.lower() not in PRONOUNS:
            continue
        entity = doc.mentions.get(tuple(speaker.span))
        verdict = judge(speaker.name, doc, entity, speaker.span[0])
        counts[(speaker.mention.lower(), verdict)] += 1
        if show and verdict in ("wrong", "unresolved"):
            gold = [m for m in doc.chain(entity, speaker.span[0]) if m.lower() not in PRONOUNS]
            print(f"speaker {doc.name} {speaker.span[0]} {speaker.mention!r} -> "
                  f"{speaker.name!r}; gold {gold[-3:]}")
    return counts


def _table(title: str, counts: Counter) -> None:
    verdicts = ("right", "wrong", "unresolved", "no named antecedent")
    rows = [[pronoun, *(str(counts[(pronoun, v)]) for v in verdicts)]
            for pronoun in sorted(PRONOUNS)]
    rows.append(["all", *(str(sum(n for (_, w), n in counts.items() if w == v))
                          for v in verdicts)])
    print_table(title, ["pronoun", *verdicts], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gum", type=Path, required=True, help="a checkout of amir-zeldes/gum")
    parser.add_argument("--show", action="store_true", help="print the wrong and unresolved")
    args = parser.parse_args()
    paths = sorted((args.gum / "dep").glob("GUM_news_*.conllu"))
    if not paths:
        raise SystemExit(f"no dep/GUM_news_*.conllu under {args.gum}")
    nlp = load_nlp()
    subjects: Counter = Counter()
    speakers: Counter = Counter()
    for path in paths:
        doc = read_conllu(path)
        subjects += subject_pronouns(doc, nlp, args.show)
        speakers += speaker_pronouns(doc, args.show)
    _table(f"Subject pronouns, {len(paths)} GUM news documents", subjects)
    _table("Pronoun speakers of extracted quotations", speakers)


if __name__ == "__main__":
    main()
