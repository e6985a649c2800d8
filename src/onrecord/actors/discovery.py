"""Actor discovery: named speakers the knowledge base does not know, with the role the article
gives them ("Olena Kovalenko, the deputy head of the security council", "Deputy Foreign Minister
Sergei Ryabkov"), offered for review (``onrecord actors suggest``) and taken in with
``onrecord actors add``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.actors.gazetteer import gazetteer
from onrecord.actors.kb import KnowledgeBase
from onrecord.dates import parse_date
from onrecord.model import Article
from onrecord.normalise import name_key

# Longest role phrase read after a name ("X, the deputy head of the national security
# council,"): longer stretches are descriptions, not titles.
MAX_ROLE_CHARS = 80


@dataclass(frozen=True)
class Candidate:
    name: str
    role: str
    of: str | None  # state or body code the role names, when the KB knows it
    as_of: str | None
    evidence: str  # the words the role was read from

    def to_entry(self) -> dict:
        """The candidate as a ``people.yaml`` entry."""
        role = {"title": self.role, "of": self.of, "from": None}
        return {"name": self.name, "roles": [role], "as_of": self.as_of,
                "note": f"suggested from: {self.evidence}"}


def _is_role(words: str) -> bool:
    gaz = gazetteer()
    return any(w in gaz.person_heads or w in gaz.role_classes for w in name_key(words).split())


def _role_after(text: str, name: str) -> tuple[str, str] | None:
    match = re.search(re.escape(name) + rf",\s+((?:the|a|an)\s+[^,.;“”\"]{{3,{MAX_ROLE_CHARS}}}?)"
                      r"(?=,|\.|\s+(?:said|told|warned|added)\b)", text)
    if match and _is_role(match.group(1)):
        role = re.sub(r"^(the|a|an)\s+", "", match.group(1))
        return role, match.group(0)
    return None


def _title_before(text: str, name: str) -> tuple[str, str] | None:
    match = re.search(r"((?:[A-Z][\w'’-]*\s+){1,5})" + re.escape(name), text)
    if match is None:
        return None
    words = match.group(1).split()
    while words and not _is_role(words[0]) and not gazetteer().is_place(words[0]):
        words = words[1:]
    if words and _is_role(" ".join(words)):
        return " ".join(words), match.group(0)
    return None


def suggest(articles: list[Article], kb: KnowledgeBase) -> list[Candidate]:
    """Named speakers the KB does not resolve and whose role the article states, once each."""
    found: dict[str, Candidate] = {}
    for article in articles:
        on = parse_date(article.published)
        for quote in article.quotes:
            speaker = quote.speaker
            if speaker is None or not speaker.name or len(speaker.name.split()) < 2:
                continue
            if speaker.actor_id or kb.resolve(speaker.name, on) or speaker.name in found:
                continue
            read = _role_after(article.text, speaker.name) or \
                _title_before(article.text, speaker.name)
            if read is None:
                continue
            role, evidence = read
            body = kb.resolve(role, on)
            found[speaker.name] = Candidate(
                speaker.name, name_key(role), body.country if body else None,
                article.published[:10] if article.published else None, evidence)
    return list(found.values())
