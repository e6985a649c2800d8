"""The resumable batch runner: read → clean → de-duplicate → extract → store.

A run is identified by its command (sources and options); every input item it finishes is marked
in the store in the same transaction as its article, so a killed run re-started with the same
command skips what is done and stores nothing twice. Bad items are reported and the run goes on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace

from onrecord.dedup import Deduplicator, body_hash, signature
from onrecord.dedup.minhash import from_bytes, to_bytes
from onrecord.ingest import Item, ReadOptions, read_inputs
from onrecord.model import doc_id_for
from onrecord.pipeline import Source, clean, extract_many, record
from onrecord.store import Copy, ItemMark, Store, Stored


@dataclass
class Summary:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    already_done: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)
    copies: list[tuple[str, str, str]] = field(default_factory=list)  # (input, of doc_id, kind)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Pending:
    key: str
    source: Source
    body_hash: str
    signature: bytes


def run_key(command: dict) -> str:
    """Stable identity of a run: the same sources and options give the same key."""
    return hashlib.sha1(json.dumps(command, sort_keys=True).encode("utf-8")).hexdigest()


class Runner:
    """One batch run over ``sources`` into ``store`` (``extract=False`` stores without quotes)."""

    def __init__(
        self,
        store: Store,
        sources: list[str],
        options: ReadOptions | None = None,
        extract: bool = True,
        batch_size: int = 32,
        on_item: Callable[[Item, str], None] | None = None,
    ) -> None:
        self.store = store
        self.sources = sources
        self.options = options or ReadOptions()
        self.extract = extract
        self.batch_size = batch_size
        self.on_item = on_item or (lambda item, status: None)
        self.command = {
            "sources": sources, "extract": extract, "kind": self.options.kind,
            "fields": asdict(self.options.fields),
        }
        self.key = run_key(self.command)
        self.summary = Summary()
        self._dedup = Deduplicator()
        self._origins: set[tuple[str | None, str]] = set()  # (item key or URL, doc_id)
        self._this_run: set[str] = set()
        self._pending: list[_Pending] = []
        self._copies: list[Copy] = []
        self._marks: list[ItemMark] = []

    def run(self, items: Iterable[Item] | None = None) -> Summary:
        """Process every input not done by an earlier run of the same command.

        ``items`` are processed instead of reading ``sources`` when a caller already holds the
        articles (the REST API's ``POST /api/ingest``); ``sources`` then only names the run.
        """
        self.store.start_run(self.key, self.command)
        done = self.store.done_items(self.key)
        self.summary.already_done = len(done)
        self._origins = self.store.stored_items()
        for doc_id, url, hashed, packed in self.store.signatures():
            if packed:
                self._dedup.add(doc_id, hashed or "", from_bytes(packed))
                self._origins.add((url, doc_id))
        if items is None:
            items = read_inputs(self.sources, self.options, skip=done)
        for item in (item for item in items if item.key not in done):
            self.summary.read += 1
            self._take(item)
            if len(self._pending) >= self.batch_size:
                self._flush()
        self._flush()
        self.store.finish_run(self.key, self.summary.as_dict())
        return self.summary

    def _skip(self, item: Item, origin: str, reason: str, status: str) -> None:
        self.summary.skipped.append((origin, reason))
        self._marks.append(ItemMark(item.key, status, reason))
        self.on_item(item, status)

    def _duplicate(self, item: Item, doc_id: str, kind: str) -> None:
        self.summary.duplicates += 1
        self.summary.copies.append((item.key, doc_id, kind))
        self._marks.append(ItemMark(item.key, "duplicate", kind, doc_id))
        self.on_item(item, "duplicate")

    def _take(self, item: Item) -> None:
        if item.error is not None:
            self._skip(item, item.error.source, item.error.reason, "error")
            return
        src = clean(item.source)
        if not src.text:
            self._skip(item, item.key, "no article text left after cleaning", "skipped")
            return
        src = replace(src, doc_id=src.doc_id or doc_id_for(src.text))
        hashed, minhash = body_hash(src.text), signature(src.text)
        match = self._dedup.find(hashed, minhash)
        # The very article read again (same text from the same input or URL): store, not copy.
        same_article = match is not None and match.doc_id == src.doc_id and (
            (item.key, src.doc_id) in self._origins or (src.url, src.doc_id) in self._origins
        )
        if same_article and src.doc_id in self._this_run:
            self._duplicate(item, src.doc_id, "read twice")
            return
        if match is not None and not same_article:
            self._copies.append(Copy(
                doc_id=match.doc_id, copy_doc_id=src.doc_id, url=src.url, source=src.source,
                title=src.title, published=src.published, kind=match.kind,
                similarity=match.similarity,
            ))
            self._duplicate(item, match.doc_id, match.kind)
            return
        self._dedup.add(src.doc_id, hashed, minhash)
        self._origins.add((item.key, src.doc_id))
        self._this_run.add(src.doc_id)
        self._pending.append(_Pending(item.key, src, hashed, to_bytes(minhash)))

    def _flush(self) -> None:
        sources = [p.source for p in self._pending]
        articles = extract_many(sources) if self.extract else map(record, sources)
        stored = [
            Stored(article, p.body_hash, p.signature)
            for p, article in zip(self._pending, articles, strict=True)
        ]
        marks = self._marks + [
            ItemMark(p.key, "stored", None, p.source.doc_id) for p in self._pending
        ]
        self.store.write(stored, self._copies, self.key, marks)
        self.summary.stored += len(stored)
        for p in self._pending:
            self.on_item(Item(p.key, p.source), "stored")
        self._pending, self._copies, self._marks = [], [], []
