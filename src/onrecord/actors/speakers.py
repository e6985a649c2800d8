"""The speaker of a quotation, chosen among the article's candidates by a learned ranker.

The rules (``mentions``, ``link``) give one speaker per quotation: the cue's subject, resolved.
Where that reading is wrong on news written by others ("he" taken for the woman just quoted,
the previous speaker carried over to a paragraph about someone else), the right speaker is
mostly someone the article mentions close by. For each quotation this module lists those
candidates: the rules' choice, the people and bodies named from a few paragraphs before the
cue to the end of its sentence, and the cue's subject left unresolved; it describes each by
where and how the article mentions it (sentences and paragraphs back, subject or object of the
cue's sentence, gender against a pronoun, the previous quotation's speaker, a medium), and a
conditional logistic regression (a softmax over one quotation's candidates) picks one.

The weights ship in ``data/speaker_model.yaml``, fitted by ``onrecord eval speakers --fit``
(``onrecord.eval.speakers``) on our own gold set and the real-news dev split; without that
file the rules' choice stands.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import yaml
from spacy.tokens import Doc, Token

from onrecord.actors.media import is_outlet
from onrecord.actors.mentions import ArticleActors, Person
from onrecord.analysis import Phrase, Quotation
from onrecord.datafiles import DataFile, read_yaml
from onrecord.learning import design, feature_index
from onrecord.model import Mention
from onrecord.nlp import entity_of

MODEL_FILE = "speaker_model.yaml"
#: How many paragraphs before the cue's a person may be mentioned and still be a candidate.
WINDOW_PARAGRAPHS = 3
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_PLURAL = {"they", "them", "their", "we", "us", "our"}
_OBJECT_DEPS = {"pobj", "dobj", "dative"}
# Tokens between a name and the cue's subject phrase for the name to stand "next to" it.
_NEXT_TO_SUBJECT = 3
# Features read apart on the rules' own choice: how far back and where its mention is.
_RULE_INTERACTIONS = {"sentences_back", "paragraphs_back", "gender", "named_after",
                      "in_cue_sentence", "only_inside_quotes", "inside_quotation", "recency",
                      "type", "object_in_cue_sentence", "in_subject_phrase",
                      "next_to_subject", "subject_of_cue"}


def _against_rule(features: dict[str, float], rule_type: str, kind: str,
                  closer: bool) -> dict[str, float]:
    """What another candidate has over the rules' choice: the rules' kind of answer (a
    name, nobody, a description left as printed) with where this one is named, and whether
    it was mentioned more lately than the rules' choice."""
    out = {f"other&rule_{rule_type}": 1.0}
    for name in ("in_cue_sentence", "named_after", "object_in_cue_sentence", "sentences_back:0",
                 "sentences_back:1", "type:person", "type:body", "in_subject_phrase",
                 "next_to_subject", "subject_of_cue"):
        if name in features:
            out[f"other&rule_{rule_type}&{name}"] = 1.0
    if closer:
        out[f"closer_than_rule&subject:{kind}"] = 1.0
    return out


def _extends(name: str, shorter: str) -> bool:
    """Whether ``name`` is a fuller form of ``shorter``: its words and more ("Kenya Red
    Cross" of "Red Cross"), or the words its initials spell ("African Union" of "AU")."""
    words, short = name.lower().split(), shorter.lower().replace(".", "").split()
    if len(words) > len(short) and all(w in words for w in short):
        return True
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    return len(short) == 1 and len(initials) > 1 and initials.lower() == short[0]


@dataclass
class Candidate:
    """One possible speaker: the name it resolves to (``None``: the cue's subject as printed),
    the mention and phrase the record and events take, and what the ranker reads of it."""

    name: str | None
    mention: Mention | None  # ``None``: nobody (a quotation the rules give no speaker)
    phrase: Phrase | None
    rule: bool = False
    features: dict[str, float] = field(default_factory=dict)


class _Layout:
    """Paragraph and sentence numbers of character offsets in one parsed article."""

    def __init__(self, doc: Doc) -> None:
        text = doc.text
        self.paragraph_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.sentence_starts = [s.start_char for s in doc.sents]

    def paragraph(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def sentence(self, offset: int) -> int:
        return bisect_right(self.sentence_starts, offset) - 1


def _bucket(value: int, top: int) -> str:
    """ "0", "1", … up to ``top``, which stands for ``top`` and more ("2+")."""
    return str(value) if value < top else f"{top}+"


def subject_kind(phrase: Phrase | None, actors: ArticleActors, has_cue: bool) -> str:
    """How the cue names its speaker: a pronoun ("he", "she", "they", "it"), a name, a
    description ("the minister"), another noun (a body, a document); "continuation" for a
    quotation with no cue of its own."""
    if not has_cue:
        return "continuation"
    if phrase is None:
        return "none"
    head = phrase.head
    lower = head.lower_
    for kind, words in (("he", _MALE), ("she", _FEMALE), ("they", _PLURAL), ("it", {"it"})):
        if lower in words:
            return kind
    if head.pos_ == "PROPN" or head.ent_type_ == "PERSON":
        return "name"
    if head.lemma_.lower() in actors.gaz.person_heads:
        return "description"
    return "noun"


class CandidateReader:
    """Lists and describes the candidate speakers of one article's quotations, in text order."""

    def __init__(self, doc: Doc, actors: ArticleActors, quotations: Sequence[Quotation]) -> None:
        self.doc, self.actors = doc, actors
        self.layout = _Layout(doc)
        self.quoted = sorted(span for q in quotations for span in q.spans)
        self.spoken: list[str] = []  # the rules' speakers of earlier quotations, by name
        # Gender as the article introduces each person (title, first name), before the rules'
        # pronoun resolution sets it from the pronouns it resolved.
        self.gender = {p.name: p.gender for p in actors.people.values()}

    def _inside_quotes(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    def read(self, quotation: Quotation, phrase: Phrase | None,
             mention: Mention | None) -> list[Candidate]:
        """The candidates of ``quotation``; the rules gave ``phrase`` and ``mention``."""
        layout = self.layout
        has_cue = quotation.cue is not None
        anchor = quotation.cue.idx if quotation.cue is not None else quotation.spans[0][0]
        sentence = layout.sentence(anchor)
        paragraph = layout.paragraph(anchor)
        sentence_end = layout.sentence_starts[sentence + 1] \
            if sentence + 1 < len(layout.sentence_starts) else len(self.doc.text)
        window_start = layout.paragraph_starts[max(0, paragraph - WINDOW_PARAGRAPHS)]
        kind = subject_kind(phrase if has_cue else None, self.actors, has_cue)
        cue_phrase = phrase if has_cue else None
        found: dict[str, Candidate] = {}
        if mention is not None and phrase is not None:
            key = (mention.name or mention.mention).lower()
            found[key] = Candidate(mention.name, mention, phrase, rule=True)
        else:
            found[""] = Candidate(None, None, None, rule=True)
        named = self._named(window_start, sentence_end)
        for name, offsets in named.items():
            if name.lower() in found:
                continue
            found[name.lower()] = self._candidate(name, offsets, anchor, cue_phrase)
        if cue_phrase is not None and mention is not None and mention.name is not None \
                and kind in ("description", "noun", "they"):
            printed = Mention(mention=mention.mention, span=mention.span)
            found.setdefault(mention.mention.lower(), Candidate(None, printed, cue_phrase))
        previous = self.spoken[-1] if self.spoken else None
        offsets = {key: named.get(c.name or "") or self._offsets(c.name)
                   for key, c in found.items()}
        recency = sorted((max((o for o in offsets[key] if o < anchor), default=-1), key)
                         for key in found)
        rank = {key: len(recency) - i for i, (_, key) in enumerate(recency)}
        last_subject = self._last_subject(anchor)
        for key, candidate in found.items():
            candidate.features = self._features(
                candidate, kind, offsets[key], anchor, sentence, paragraph, quotation,
                previous, rank[key], last_subject, mention.name if mention else None,
                cue_phrase)
        rule_key = next(key for key, c in found.items() if c.rule)
        rule_type = next(n for n in found[rule_key].features if n.startswith("type:"))
        rule_last = max((o for o in offsets[rule_key] if o < anchor), default=-1)
        for key, candidate in found.items():
            if not candidate.rule:
                candidate.features.update(_against_rule(
                    candidate.features, rule_type, kind,
                    max((o for o in offsets[key] if o < anchor), default=-1) > rule_last))
        if mention is not None:
            self.spoken.append(mention.name or mention.mention)
        return list(found.values())

    def _named(self, start: int, end: int) -> dict[str, list[int]]:
        """People and bodies mentioned in [start, end), with all their mentions' offsets."""
        named: dict[str, list[int]] = {}
        for person in self.actors.people.values():
            if any(start <= m < end for m in person.mentions):
                named[person.name] = list(person.mentions)
        for organisation in self.actors.organisations:
            offset = organisation.mentions[0]
            if start <= offset < end and organisation.name[:1].isupper():
                named.setdefault(organisation.name, []).append(offset)
        return named

    def _offsets(self, name: str | None) -> list[int]:
        """Where the article mentions the person or body called ``name``."""
        if name is None:
            return []
        person = self._person(name)
        if person is not None:
            return person.mentions
        return sorted(o.mentions[0] for o in self.actors.organisations if o.name == name)

    def _person(self, name: str | None) -> Person | None:
        return next((p for p in self.actors.people.values() if p.name == name), None) \
            if name else None

    def _last_subject(self, anchor: int) -> str | None:
        seen = [(max(m for m in p.subject_mentions if m < anchor), p.name)
                for p in self.actors.people.values()
                if any(m < anchor for m in p.subject_mentions)]
        return max(seen)[1] if seen else None

    def _candidate(self, name: str, offsets: list[int], anchor: int,
                   cue_phrase: Phrase | None) -> Candidate:
        """Someone the rules did not choose: the cue's subject read as them when it is a
        pronoun or a description, else their mention nearest before the quotation."""
        if cue_phrase is not None and cue_phrase.head.pos_ != "PROPN":
            words = cue_phrase.words
            mention = Mention(mention=self.actors.text[words.start_char:words.end_char],
                              span=(words.start_char, words.end_char), name=name)
            return Candidate(name, mention, cue_phrase)
        before = [o for o in offsets if o < anchor]
        offset = before[-1] if before else offsets[0]
        token = self._token_at(offset)
        entity = entity_of(token)
        words = entity if entity is not None and entity.start <= token.i < entity.end \
            else self.doc[token.i:token.i + 1]
        mention = Mention(mention=self.actors.text[words.start_char:words.end_char],
                          span=(words.start_char, words.end_char), name=name)
        return Candidate(name, mention, Phrase(words.root, words))

    def _token_at(self, offset: int) -> Token:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else self.doc[0]

    def _features(self, candidate: Candidate, kind: str, offsets: list[int], anchor: int,
                  sentence: int, paragraph: int, quotation: Quotation, previous: str | None,
                  rank: int, last_subject: str | None, rule_name: str | None,
                  cue_phrase: Phrase | None) -> dict[str, float]:
        layout = self.layout
        name = candidate.name
        person = self._person(name)
        kind_of = "nobody" if candidate.mention is None else "unresolved" if name is None \
            else "person" if person is not None else "body"
        features = {f"type:{kind_of}": 1.0, f"subject:{kind}&type:{kind_of}": 1.0}
        if candidate.rule:
            features["rule"] = 1.0
            features[f"rule&subject:{kind}"] = 1.0
            confidence = candidate.mention.confidence if candidate.mention else None
            if confidence is not None:
                features["rule&confidence"] = confidence
        if kind in ("he", "she") and kind_of == "person":
            gender = self.gender.get(person.name) if person is not None else None
            agree = "unknown" if gender is None else "agree" if (gender == "m") == (kind == "he") \
                else "clash"
            features[f"gender:{agree}"] = 1.0
        before = [o for o in offsets if o < anchor]
        if before:
            last = before[-1]
            sentences = _bucket(sentence - layout.sentence(last), 3)
            paragraphs = _bucket(paragraph - layout.paragraph(last), 2)
            features[f"sentences_back:{sentences}"] = 1.0
            features[f"paragraphs_back:{paragraphs}"] = 1.0
            if all(self._inside_quotes(o) for o in before):
                features["only_inside_quotes"] = 1.0
        elif offsets:
            features["named_after"] = 1.0
        if name is not None and kind_of != "unresolved":
            features[f"recency:{_bucket(rank, 3)}"] = 1.0
            features["mentions"] = math.log1p(len(offsets))
            if offsets and layout.paragraph(offsets[0]) <= 1:
                features["in_lead"] = 1.0
            if is_outlet(name):
                features["outlet"] = 1.0
            if len(name.split()) > 1:
                features["several_words"] = 1.0
        if name is not None and name == previous:
            features["previous_speaker"] = 1.0
            features[f"previous_speaker&subject:{kind}"] = 1.0
        elif name is not None and name in self.spoken:
            features["spoke_before"] = 1.0
        if name is not None and name == last_subject:
            features["last_subject"] = 1.0
            features[f"last_subject&subject:{kind}"] = 1.0
        features.update(self._in_cue_sentence(offsets, quotation, sentence, cue_phrase))
        if candidate.rule:
            features.update({f"rule&{n}": v for n, v in list(features.items())
                             if n.split(":")[0] in _RULE_INTERACTIONS})
        elif name is not None and rule_name is not None and _extends(name, rule_name):
            features["extends_rule"] = 1.0
        return features

    def _in_cue_sentence(self, offsets: list[int], quotation: Quotation, sentence: int,
                         cue_phrase: Phrase | None) -> dict[str, float]:
        """Where a mention in the cue's sentence stands: the cue's object ("told Nasrallah"),
        inside or next to its subject's phrase ("the spokesman for the agency, Ana Cole, said",
        "the president and his ministry"), inside a quotation."""
        if quotation.cue is None:
            return {}
        out: dict[str, float] = {}
        subject = {t.i for t in cue_phrase.head.subtree} if cue_phrase is not None else set()
        edges = (min(subject), max(subject)) if subject else None
        for offset in offsets:
            if self.layout.sentence(offset) != sentence:
                continue
            token = self._token_at(offset)
            out["in_cue_sentence"] = 1.0
            if token.dep_ in _OBJECT_DEPS or token.head.dep_ in _OBJECT_DEPS:
                out["object_in_cue_sentence"] = 1.0
            if self._inside_quotes(offset):
                out["inside_quotation"] = 1.0
            if token.i in subject:
                out["in_subject_phrase"] = 1.0
            elif edges is not None and (0 < edges[0] - token.i <= _NEXT_TO_SUBJECT
                                        or 0 < token.i - edges[1] <= _NEXT_TO_SUBJECT):
                out["next_to_subject"] = 1.0
            if token.head == quotation.cue and token.dep_ in ("nsubj", "nsubjpass"):
                out["subject_of_cue"] = 1.0
        return out


class _Weights(DataFile):
    fitted_on: str
    l2: float
    weights: dict[str, float]


@dataclass(frozen=True)
class SpeakerModel:
    """A linear score per candidate; the highest wins."""

    weights: dict[str, float]
    fitted_on: str = ""
    l2: float = 1.0

    def score(self, features: dict[str, float]) -> float:
        return sum(self.weights.get(n, 0.0) * v for n, v in features.items())

    def scores(self, candidates: Sequence[Candidate]) -> np.ndarray:
        return np.array([self.score(c.features) for c in candidates])

    def choose(self, candidates: Sequence[Candidate]) -> Candidate | None:
        """The best-scoring candidate (the rules' on a tie), with the model's probability as
        its confidence."""
        if not candidates:
            return None
        scores = self.scores(candidates)
        probabilities = np.exp(scores - scores.max())
        probabilities /= probabilities.sum()
        order = sorted(range(len(candidates)),
                       key=lambda i: (-scores[i], not candidates[i].rule))
        best = candidates[order[0]]
        if best.rule:
            return best
        confidence = round(float(probabilities[order[0]]), 2)
        mention = best.mention.model_copy(update={"confidence": confidence}) \
            if best.mention is not None else None
        return Candidate(best.name, mention, best.phrase, best.rule, best.features)

    def to_yaml_dict(self) -> dict:
        return {"fitted_on": self.fitted_on, "l2": self.l2,
                "weights": {n: round(w, 4) for n, w in sorted(self.weights.items())}}


def fit(groups: Sequence[tuple[Sequence[dict[str, float]], Sequence[bool]]], l2: float = 1.0,
        fitted_on: str = "") -> SpeakerModel:
    """Fit the weights on quotations whose candidates' features and rightness are given: the
    log-likelihood of the right candidates under a softmax over each quotation's candidates,
    with an L2 penalty. A quotation with no right candidate, or only right ones, teaches
    nothing and is left out."""
    from scipy.optimize import minimize

    kept = [(rows, labels) for rows, labels in groups if any(labels) and not all(labels)]
    index = feature_index(row for rows, _ in kept for row in rows)
    names = list(index)
    matrices, targets = [], []
    for rows, labels in kept:
        matrices.append(design(rows, index))
        targets.append(np.array(labels, dtype=float))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = l2 * float(w @ w) / 2, l2 * w
        for x, right in zip(matrices, targets, strict=True):
            s = x @ w
            s = s - s.max()
            p = np.exp(s) / np.exp(s).sum()
            q = p * right / (p * right).sum()  # the right candidates' share of the mass
            total -= math.log(float((p * right).sum()))
            grad = grad + x.T @ (p - q)
        return total, grad

    result = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B")
    return SpeakerModel(dict(zip(names, map(float, result.x), strict=True)), fitted_on, l2)


def load_model(path: str | Path) -> SpeakerModel:
    """A speaker model written by ``onrecord eval speakers --fit`` (a path, or the name of a
    shipped data file); ``DataFileError`` naming the file and the line when it does not fit."""
    data = read_yaml(path, _Weights)
    return SpeakerModel(dict(data.weights), data.fitted_on, data.l2)


def save_model(model: SpeakerModel, path: Path) -> None:
    path.write_text(yaml.safe_dump(model.to_yaml_dict(), sort_keys=False, allow_unicode=True),
                    "utf-8")


@lru_cache(maxsize=1)
def shipped_model() -> SpeakerModel | None:
    """The model of ``data/speaker_model.yaml``, or ``None`` when none is shipped (the rules
    choose)."""
    if not resources.files("onrecord.data").joinpath(MODEL_FILE).is_file():
        return None
    return load_model(MODEL_FILE)
