"""Article identity: is an input an article stored before, a new version of it, or neither?

docs/ingest.md ("Identity") states the model. An article is named by the id its input gives,
else by its URL, else by the file it came from (a dump's line number is no name: a dump may be
written again in another order); its text decides the rest:

- the same name and the same body: the same article, read again;
- the same name and another body: a new version of it (an id given by *another* input is a
  collision instead, refused unless the run's ``update`` policy says to take it as a version);
- no name seen before: a new article, or a copy when de-duplication finds its text stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from onrecord.model import doc_id_for
from onrecord.pipeline import ArticleText


class Verdict(StrEnum):
    new = "new"  # nothing stored under this name: de-duplication decides
    same = "same"  # the stored article, read again
    version = "version"  # changed text under a stored name
    collision = "collision"  # another input's id, another text


@dataclass(frozen=True)
class Known:
    """What identity needs of one stored article: its body hash and the input that stored it."""

    body_hash: str | None
    key: str | None


class Identities:
    """The names of every stored article (ids, URLs, input keys), kept up to date by a run."""

    def __init__(self) -> None:
        self._ids: dict[str, Known] = {}
        self._urls: dict[str, str] = {}
        self._keys: dict[str, str] = {}

    def add(self, doc_id: str, body_hash: str | None = None, url: str | None = None,
            key: str | None = None) -> None:
        """Record that ``doc_id`` is stored (with this body, at ``url``, from input ``key``:
        what is not given stays as known; the first input to store it stays its origin)."""
        known = self._ids.get(doc_id, Known(None, None))
        self._ids[doc_id] = Known(body_hash or known.body_hash, known.key or key)
        if url:
            self._urls.setdefault(url, doc_id)
        if key:
            self._keys[key] = doc_id

    def judge(self, key: str, src: ArticleText, body_hash: str, whole_file: bool
              ) -> tuple[Verdict, str | None]:
        """The verdict on input ``key`` holding ``src``, and the stored doc_id it names;
        ``whole_file`` says ``key`` is a file that names its article (not a dump's line).

        "A colliding id with different text is an error naming both inputs": a collision
        comes back with the doc_id; ``origin`` names the input that stored it.
        """
        given = src.doc_id is not None and src.doc_id != doc_id_for(src.text)
        if given:
            doc_id = src.doc_id if src.doc_id in self._ids else None
        else:
            doc_id = self._urls.get(src.url) if src.url else self._keys.get(key)
        if doc_id is None:
            return Verdict.new, None
        known = self._ids[doc_id]
        if known.body_hash == body_hash:
            return Verdict.same, doc_id
        if given and known.key != key:
            return Verdict.collision, doc_id
        if not given and not src.url and not whole_file:
            return Verdict.new, None
        return Verdict.version, doc_id

    def origin(self, doc_id: str) -> str | None:
        """The input that stored ``doc_id`` (``None`` when it was not stored by a run)."""
        known = self._ids.get(doc_id)
        return known.key if known else None
