"""Migrations when several processes open a new store at the same moment (issue 20, finding 4):
`serve --workers N`, or runs started together by a scheduler."""

import multiprocessing

from onrecord.store import open_store
from onrecord.store.migrations import available

PROCESSES = 4


def _open(db_url: str, start, results) -> None:
    start.wait()  # every process past its imports: they open the store together
    try:
        with open_store(db_url) as store:
            results.put(("ok", store.version))
    except Exception as exc:  # noqa: BLE001  (the test reports what a process died of)
        results.put(("error", f"{exc.__class__.__name__}: {exc}"[:300]))


def test_processes_opening_a_new_store_at_once_all_get_the_whole_schema(db_url):
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(PROCESSES), context.Queue()
    processes = [context.Process(target=_open, args=(db_url, start, results))
                 for _ in range(PROCESSES)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    with open_store(db_url) as store:
        latest = max(n for n, _ in available(store.dialect))
        assert outcomes == [("ok", latest)] * PROCESSES
        with store.engine.connect() as conn:
            applied = conn.exec_driver_sql("SELECT version FROM schema_migrations").scalars()
            assert sorted(applied) == [n for n, _ in available(store.dialect)]
