"""``onrecord run --workers N``: extraction in N worker processes, one partition at a time.

Parsing is nearly all of the cost (about 95% of a run on the synthetic corpus; reading, cleaning,
fingerprinting, de-duplication and store writes are the rest), so only extraction leaves the main
process. It leaves at coarse grain: a partition of many articles per task, one model load per
worker, plain JSON dicts back (never spaCy objects, which pickle slowly and drag the vocabulary
along). The main process keeps reading, de-duplicating and writing in input order, so the store
ends up exactly as after a single-process run, and resume works the same way.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from sqlalchemy import text

from onrecord.model import Article
from onrecord.nlp import load_nlp
from onrecord.pipeline import ArticleText, extract_many
from onrecord.runner import Batch, Extractor, Runner, Summary
from onrecord.store import Store

PARTITION_SIZE = 256  # articles per worker task: ~10 s of parsing, so task overhead is noise
#: How often a worker looks whether its parent is still there (a killed parent cannot say).
PARENT_CHECK_SECONDS = 0.5


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)  # the run is gone: its partitions are not marked done and will be redone


def start_worker(parent: int) -> None:
    """Worker initializer: die with the parent (kill -9 or SIGTERM to ``run --workers N`` left
    the workers parsing on, ~270 MB each), then load the model once."""
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    load_nlp()


def extract_partition(sources: list[ArticleText], batch_size: int) -> list[dict]:
    """Worker side: the records of one partition as JSON dicts."""
    return [article.to_json_dict() for article in extract_many(sources, batch_size)]


def in_order(
    submit: Callable[[Batch], Future], batches: Iterable[Batch], ahead: int
) -> Iterator[tuple[Batch, list[Article]]]:
    """Submit batches as they come, keep at most ``ahead`` running, yield results in order.

    Reading stays at most ``ahead`` partitions in front of the store, so memory is bounded and a
    killed run loses only the partitions in flight (they are not marked done, and are redone).
    """
    running: deque[tuple[Batch, Future | None]] = deque()

    def oldest() -> tuple[Batch, list[Article]]:
        batch, future = running.popleft()
        dicts = future.result() if future is not None else []
        return batch, [Article.model_validate(d) for d in dicts]

    for batch in batches:
        running.append((batch, submit(batch) if batch.pending else None))
        while len(running) > ahead:
            yield oldest()
    while running:
        yield oldest()


@contextmanager
def process_extractor(
    workers: int, batch_size: int = 32, tasks_per_worker: int | None = None
) -> Iterator[Extractor]:
    """An extractor backed by ``workers`` spawned processes (each loads the model once).

    ``tasks_per_worker`` replaces a worker after that many partitions: a safety valve for
    multi-day runs; ``nlp.memory_zone()`` already keeps a worker's memory flat.
    """
    context = multiprocessing.get_context("spawn")  # fork would copy the parent's threads
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=start_worker, initargs=(os.getpid(),),
        max_tasks_per_child=tasks_per_worker,
    ) as pool:

        def submit(batch: Batch) -> Future:
            texts = [p.article_text for p in batch.pending]
            return pool.submit(extract_partition, texts, batch_size)

        yield lambda batches: in_order(submit, batches, ahead=2 * workers)


def stored_records(store: Store) -> dict[str, list[tuple]]:
    """Everything a run leaves in the store that its mode could change, sorted: what a parallel
    or Dask run must reproduce exactly (tests and ``benchmarks/bench_scale.py`` compare it)."""
    queries = {"articles": "SELECT doc_id, text, record FROM articles",
               "copies": "SELECT doc_id, copy_doc_id, kind, similarity FROM copies",
               "items": "SELECT item_key, status, reason, doc_id FROM run_items"}
    with store.engine.connect() as conn:
        return {name: sorted(map(tuple, conn.execute(text(sql)))) for name, sql in queries.items()}


def run_in_processes(
    runner: Runner, workers: int, partition_size: int = PARTITION_SIZE,
    tasks_per_worker: int | None = None,
) -> Summary:
    """Run ``runner`` with extraction in ``workers`` processes, ``partition_size`` articles a task
    (the runner's own batch size stays the parse batch inside each worker)."""
    with process_extractor(workers, runner.batch_size, tasks_per_worker) as extractor:
        runner.extractor, runner.batch_size = extractor, partition_size
        return runner.run()
