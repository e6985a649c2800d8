"""The resumable batch runner: read → clean → de-duplicate → extract → store.

A run is identified by its command (sources and options); every input item it finishes is marked
in the store in the same transaction as its article, so a killed run re-started with the same
command skips what is done and stores nothing twice. Bad items are reported and the run goes on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace

from onrecord.dedup import Deduplicator, body_hash, signature
from onrecord.dedup.minhash import from_bytes, to_bytes
from onrecord.errors import InputError
from onrecord.identity import Identities, Verdict
from onrecord.ingest import Item, ReadOptions, read_inputs
from onrecord.ingest.sources import read_again, whole_file
from onrecord.language import identify
from onrecord.model import Article, doc_id_for
from onrecord.pipeline import ArticleText, check_article_text, clean, extract_many, record
from onrecord.store import Copy, ItemMark, Store, Stored


@dataclass
class Summary:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    versions: int = 0  # of those stored, new versions of stored articles
    already_done: int = 0
    errors: int = 0  # of those skipped, the inputs that failed (unreadable, refused, a bug)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)
    copies: list[tuple[str, str, str]] = field(default_factory=list)  # (input, of doc_id, kind)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Prepared:
    """One input item cleaned and fingerprinted, ready for de-duplication; picklable, so a
    worker process can prepare items (and extract ``article``) for the process that stores them.

    ``status`` is ``None`` for a usable article, else ``"error"`` or ``"skipped"`` with ``reason``
    and ``origin`` (the input the reason is about).
    """

    key: str
    article_text: ArticleText | None = None
    body_hash: str = ""
    signature: bytes = b""
    status: str | None = None
    origin: str | None = None
    reason: str | None = None
    article: Article | None = None


def prepare(item: Item) -> Prepared:
    """Clean an item and compute its fingerprints (or say why it is skipped)."""
    if item.error is not None:
        return Prepared(item.key, status="error", origin=item.error.origin,
                        reason=item.error.reason)
    src = clean(item.article_text)
    if not src.text:
        return Prepared(item.key, status="skipped", origin=item.key,
                        reason="no article text left after cleaning")
    try:
        check_article_text(src, item.key)
    except InputError as exc:
        return Prepared(item.key, status="skipped", origin=exc.origin, reason=exc.reason)
    src = replace(src, doc_id=src.doc_id or doc_id_for(src.text),
                  language=src.language or identify(src.text))
    return Prepared(item.key, src, body_hash(src.text), to_bytes(signature(src.text)))


@dataclass
class Batch:
    """Articles extracted and stored together, with the copies and item marks that ride along."""

    pending: list[Prepared]
    copies: list[Copy]
    marks: list[ItemMark]


#: What an extractor gives for each pending item: its article, or why it could not be extracted.
Extracted = Article | InputError
Extractor = Callable[[Iterable[Batch]], Iterator[tuple[Batch, list[Extracted]]]]


def extract_in_process(batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Extracted]]]:
    """The default extractor: each batch in this process, in order.

    When extraction fails on a batch, its articles are extracted one at a time and the one that
    fails becomes an error naming the exception: one article can stop neither a run nor its
    re-runs, which would fail at the same place.
    """
    for batch in batches:
        try:
            articles: list[Extracted] = list(extract_many([p.article_text for p in batch.pending]))
        except Exception:  # noqa: BLE001  (any stage's bug; the article is found below)
            articles = [_extract_alone(p) for p in batch.pending]
        yield batch, articles


def _extract_alone(p: Prepared) -> Extracted:
    try:
        return next(extract_many([p.article_text]))
    except Exception as exc:  # noqa: BLE001
        return InputError(p.key, f"extraction failed ({exc.__class__.__name__}: {exc})")


def records_only(batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Article]]]:
    """The extractor of ``onrecord ingest``: records without quotations."""
    for batch in batches:
        yield batch, [record(p.article_text) for p in batch.pending]


def already_extracted(batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Article]]]:
    """The extractor for items that come with their article (extracted by a Dask worker)."""
    for batch in batches:
        yield batch, [p.article for p in batch.pending]


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
        extractor: Extractor | None = None,
        update: bool = False,
    ) -> None:
        self.store = store
        self.sources = sources
        self.options = options or ReadOptions()
        self.extract = extract
        self.batch_size = batch_size
        self.on_item = on_item or (lambda item, status: None)
        self.extractor = extractor or (extract_in_process if extract else records_only)
        self.command = {
            "sources": sources, "extract": extract, "kind": self.options.kind,
            "fields": asdict(self.options.fields),
        }
        if update:  # only then, so the runs of earlier versions keep their keys
            self.command["update"] = True
        self.update = update
        self.key = run_key(self.command)
        self.summary = Summary()
        self._dedup = Deduplicator()
        self._ids = Identities()
        self._this_run: set[str] = set()
        self._versions: set[str] = set()  # item keys taken as new versions
        self._pending: list[Prepared] = []
        self._copies: list[Copy] = []
        self._marks: list[ItemMark] = []

    def run(
        self, items: Iterable[Item] | None = None, prepared: Iterable[Prepared] | None = None
    ) -> Summary:
        """Process every input not done by an earlier run of the same command.

        ``items`` are processed instead of reading ``sources`` when a caller already holds the
        articles (the REST API's ``POST /api/ingest``); ``sources`` then only names the run.
        ``prepared`` stands in for reading and cleaning too: items a Dask run read, cleaned
        and extracted on its workers, in input order (use ``already_extracted`` with them).
        """
        self.store.start_run(self.key, self.command)
        done = self.store.done_items(self.key)
        self.summary.already_done = len(done)
        for doc_id, url, hashed, packed in self.store.signatures():
            self._ids.add(doc_id, hashed, url)
            if packed:
                self._dedup.add(doc_id, hashed or "", from_bytes(packed))
        for key, doc_id in sorted(self.store.stored_items()):
            self._ids.add(doc_id, key=key)
        if prepared is None:
            if items is None:
                # Files and dump lines are read again, to see whether they changed.
                unread = {key for key, hashed in done.items()
                          if hashed is None or not read_again(key)}
                items = read_inputs(self.sources, self.options, skip=unread)
            prepared = (prepare(item) for item in items)
        prepared = (p for p in prepared if not self._done_before(p, done))
        for batch, articles in self.extractor(self._batches(prepared)):
            self._write(batch, articles)
        self.store.finish_run(self.key, self.summary.as_dict())
        return self.summary

    def _done_before(self, p: Prepared, done: dict[str, str | None]) -> bool:
        """Whether an earlier run of this command finished ``p`` as it reads now (an item that
        changed since, or now fails to read, is taken again)."""
        if p.key not in done:
            return False
        if p.status != "error" and (done[p.key] is None or done[p.key] == (p.body_hash or None)):
            return True
        self.summary.already_done -= 1
        return False

    def _batches(self, prepared: Iterable[Prepared]) -> Iterator[Batch]:
        for p in prepared:
            self.summary.read += 1
            self._take(p)
            if len(self._pending) >= self.batch_size:
                yield self._batch()
        yield self._batch()

    def _batch(self) -> Batch:
        batch = Batch(self._pending, self._copies, self._marks)
        self._pending, self._copies, self._marks = [], [], []
        return batch

    def _skip(self, p: Prepared) -> None:
        self.summary.skipped.append((p.origin, p.reason))
        self.summary.errors += p.status == "error"
        self._marks.append(ItemMark(p.key, p.status, p.reason, body_hash=p.body_hash or None))
        error = InputError(p.origin, p.reason) if p.status == "error" else None
        self.on_item(Item(p.key, error=error), p.status)

    def _duplicate(self, p: Prepared, doc_id: str, kind: str) -> None:
        self.summary.duplicates += 1
        self.summary.copies.append((p.key, doc_id, kind))
        self._marks.append(ItemMark(p.key, "duplicate", kind, doc_id, p.body_hash))
        self.on_item(Item(p.key, p.article_text), "duplicate")

    def _take(self, p: Prepared) -> None:
        if p.status is not None:
            self._skip(p)
            return
        src = p.article_text
        minhash = from_bytes(p.signature)
        verdict, doc_id = self._ids.judge(p.key, src, p.body_hash, whole_file(p.key))
        if verdict is Verdict.collision and not self.update:
            reason = (f"id {doc_id!r} already names another article "
                      f"({self._ids.origin(doc_id) or 'stored without a run'}); "
                      "--update takes this one as its new version")
            self._skip(replace(p, status="error", origin=p.key, reason=reason))
            return
        if verdict is Verdict.same and doc_id in self._this_run:
            self._duplicate(p, doc_id, "read twice")
            return
        if verdict is Verdict.new and (match := self._dedup.find(p.body_hash, minhash)):
            self._copies.append(Copy(
                doc_id=match.doc_id, copy_doc_id=src.doc_id, url=src.url, source=src.source,
                title=src.title, published=src.published, kind=match.kind,
                similarity=match.similarity,
            ))
            self._duplicate(p, match.doc_id, match.kind)
            return
        if verdict in (Verdict.version, Verdict.collision):  # the stored article's new text
            article = p.article.model_copy(update={"doc_id": doc_id}) if p.article else None
            p = replace(p, article_text=replace(src, doc_id=doc_id), article=article)
            self._versions.add(p.key)
        self._dedup.add(p.article_text.doc_id, p.body_hash, minhash)
        self._ids.add(p.article_text.doc_id, p.body_hash, src.url, p.key)
        self._this_run.add(p.article_text.doc_id)
        self._pending.append(p)

    def _write(self, batch: Batch, articles: list[Extracted]) -> None:
        results = list(zip(batch.pending, articles, strict=True))
        failed = [(p, error) for p, error in results if isinstance(error, InputError)]
        done = [(p, article) for p, article in results if isinstance(article, Article)]
        stored = [Stored(article, p.body_hash, p.signature) for p, article in done]
        marks = batch.marks + [ItemMark(p.key, "error", error.reason) for p, error in failed] + [
            ItemMark(p.key, "stored", None, p.article_text.doc_id, p.body_hash) for p, _ in done
        ]
        self.store.write(stored, batch.copies, self.key, marks)
        self.summary.stored += len(stored)
        self.summary.versions += sum(p.key in self._versions for p, _ in done)
        self.summary.errors += len(failed)
        for p, error in failed:
            self.summary.skipped.append((error.origin, error.reason))
            self.on_item(Item(p.key, error=error), "error")
        for p, _ in done:
            self.on_item(Item(p.key, p.article_text), "stored")
