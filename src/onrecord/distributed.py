"""``onrecord run --dask ADDRESS``: the pipeline as a Dask futures job over partitions of the input.

The input is cut into partitions the workers read themselves (each WARC, JSONL, CSV, feed or URL
list is one partition; loose article files are grouped), so a cluster never funnels article text
through the driver. A task reads, cleans, fingerprints and extracts its partition and writes the
rows to one Parquet file in the work directory (named by a hash of the partition, so a re-run
reuses every finished partition and recomputes only the others). The driver then reads the
Parquet files in input order through the ordinary ``Runner``: de-duplication, copies, run marks
and resume are the single-process ones, so the store ends up with the same records.

Trade-off: workers extract every article, duplicates included, because de-duplication needs the
whole corpus in order and happens on the driver. On corpora with many wire copies this costs
work; it keeps the tasks independent, which is what lets a cluster scale.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from itertools import islice
from pathlib import Path

from onrecord.ingest import Item, ReadOptions, is_url
from onrecord.ingest.sources import Kind, input_units, kind_of, read_units
from onrecord.model import Article
from onrecord.nlp import load_nlp
from onrecord.pipeline import ArticleText, extract_many
from onrecord.runner import Prepared, Runner, Summary, already_extracted, prepare

DEFAULT_WORK_DIR = Path("onrecord-parts")
FILES_PER_PARTITION = 256  # loose article files per task: ~10 s of parsing per task on one core
ROWS_PER_GROUP = 256  # Parquet row group: what a worker holds in memory at once
_SHARDS = {Kind.warc, Kind.jsonl, Kind.csv, Kind.feed, Kind.urls}  # one partition each

# Dask's nanny starts every worker with MALLOC_TRIM_THRESHOLD_=65536. Any explicit malloc
# threshold turns off glibc's dynamic one, so every array the parser frees above 128 KiB goes
# back to the kernel and the next batch faults it in again: a task took 4x the page faults and
# ~15 % more time than the same work in a plain process. onrecord's workers hold their memory
# flat by other means (``nlp.memory_zone``, ``BATCH_CHARS``), so they run without it.
TRIM_VARIABLE = "MALLOC_TRIM_THRESHOLD_"

_COLUMNS = ["key", "status", "origin", "reason", "doc_id", "url", "body_hash", "signature",
            "record"]


def _schema():
    import pyarrow as pa

    return pa.schema([(name, pa.binary() if name == "signature" else pa.string())
                      for name in _COLUMNS])


def partitions(
    units: Iterable[str | Item], options: ReadOptions, files: int = FILES_PER_PARTITION
) -> list[list[str | Item]]:
    """Input units grouped into tasks, in input order: a shard alone, loose files by ``files``."""
    parts: list[list[str | Item]] = []
    loose: list[str | Item] = []
    for unit in units:
        is_path = isinstance(unit, str) and not is_url(unit)
        if is_path and (options.kind or kind_of(unit)) in _SHARDS:
            parts += [loose, [unit]] if loose else [[unit]]
            loose = []
            continue
        loose.append(unit)
        if len(loose) >= files:
            parts.append(loose)
            loose = []
    return parts + [loose] if loose else parts


def partition_name(units: list[str | Item], options: ReadOptions) -> str:
    """The Parquet file name of a partition: the same units and options, the same file."""
    described = [u if isinstance(u, str) else f"error:{u.key}" for u in units]
    digest = hashlib.sha1(json.dumps([described, asdict(options)], default=str).encode())
    return f"part-{digest.hexdigest()[:20]}.parquet"


def _row(p: Prepared, article: Article | None) -> dict:
    return {
        "key": p.key, "status": p.status, "origin": p.origin, "reason": p.reason,
        "doc_id": p.article_text.doc_id if p.article_text else None,
        "url": p.article_text.url if p.article_text else None,
        "body_hash": p.body_hash, "signature": p.signature,
        "record": article.model_dump_json() if article is not None else None,
    }


def extract_to_parquet(
    units: list[str | Item], options: ReadOptions, batch_size: int, path: str
) -> int:
    """Worker task: read, clean, fingerprint and extract one partition into ``path``.

    Written under a temporary name and renamed, so a killed task never leaves a partial file
    that a re-run would take for finished. Returns the number of rows.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    load_nlp()
    rows, tmp = 0, f"{path}.{uuid.uuid4().hex}.tmp"
    items = read_units(units, options)
    with pq.ParquetWriter(tmp, _schema()) as writer:
        while chunk := [prepare(item) for item in islice(items, ROWS_PER_GROUP)]:
            texts = [p.article_text for p in chunk if p.status is None]
            found = iter(extract_many(texts, batch_size))
            table = [_row(p, next(found) if p.status is None else None) for p in chunk]
            writer.write_table(pa.Table.from_pylist(table, schema=_schema()))
            rows += len(table)
    os.replace(tmp, path)
    return rows


def read_partition(path: Path) -> Iterator[Prepared]:
    """The rows of one partition file, as the runner takes them."""
    import pyarrow.parquet as pq

    for group in pq.ParquetFile(path).iter_batches(batch_size=ROWS_PER_GROUP):
        for row in group.to_pylist():
            article = Article.model_validate_json(row["record"]) if row["record"] else None
            yield Prepared(
                key=row["key"], article_text=_article_text_of(article) if article else None,
                body_hash=row["body_hash"] or "", signature=row["signature"] or b"",
                status=row["status"], origin=row["origin"], reason=row["reason"], article=article,
            )


def _article_text_of(article: Article) -> ArticleText:
    return ArticleText(
        text=article.text, doc_id=article.doc_id, url=article.url, source=article.source,
        title=article.title, published=article.published, author=article.author,
        dateline=article.dateline, removed=tuple(article.removed), language=article.language,
    )


@contextmanager
def dask_client(address: str, workers: int | None = None):
    """A client of the scheduler at ``address``, or of a new ``LocalCluster`` for ``"local"``
    (``workers`` processes of one thread each: parsing holds the GIL, threads would not help)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise SystemExit("onrecord run --dask needs Dask: pip install 'onrecord[dask]'") from None
    if address != "local":
        with Client(address) as client:
            yield client
        return
    import dask

    # No trimming (see TRIM_VARIABLE), and no sampling profiler: it feeds only the dashboard,
    # which this cluster does not serve, and costs each worker ~3 % of a core.
    settings = {f"distributed.nanny.pre-spawn-environ.{TRIM_VARIABLE}": None,
                "distributed.worker.profile.enabled": False}
    with dask.config.set(settings), LocalCluster(
        n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
        dashboard_address=None,
    ) as cluster, Client(cluster) as client:
        yield client


def _warn_if_trimmed(client) -> None:
    """Warn when the cluster's workers run with ``TRIM_VARIABLE`` set (Dask's default)."""
    trimmed = sorted(w for w, v in client.run(os.environ.get, TRIM_VARIABLE).items() if v)
    if trimmed:
        warnings.warn(
            f"{len(trimmed)} Dask worker(s) run with {TRIM_VARIABLE} set ({trimmed[0]}, ...): "
            "extraction is ~15% slower there. Start the workers with "
            f"distributed.nanny.pre-spawn-environ.{TRIM_VARIABLE}: null in their Dask "
            "configuration (docs/scale.md shows how).", RuntimeWarning, stacklevel=3)


def run_on_dask(
    runner: Runner, client, work_dir: Path, files: int = FILES_PER_PARTITION
) -> Summary:
    """Extract ``runner``'s inputs on the cluster of a Dask ``client`` into Parquet files in
    ``work_dir``, then store them in input order."""
    _warn_if_trimmed(client)
    units = list(input_units(runner.sources, runner.options))
    out = Path(work_dir) / runner.key
    out.mkdir(parents=True, exist_ok=True)
    parts = [(part, out / partition_name(part, runner.options))
             for part in partitions(units, runner.options, files)]
    futures = {
        path: client.submit(extract_to_parquet, part, runner.options, runner.batch_size,
                            str(path), key=f"onrecord-{path.stem}", retries=2)
        for part, path in parts if not path.exists()
    }

    def rows() -> Iterator[Prepared]:
        for _, path in parts:
            if path in futures:
                futures.pop(path).result()
            yield from read_partition(path)

    runner.extractor, runner.batch_size = already_extracted, max(runner.batch_size, files)
    return runner.run(prepared=rows())
