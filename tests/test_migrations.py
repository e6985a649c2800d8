"""Migrations when several processes open a new store at the same moment (issue 20, finding 4):
`serve --workers N`, or runs started together by a scheduler."""

import multiprocessing
import sqlite3
from importlib import resources

import old_schema
import pytest
from old_schema import old_store
from sqlalchemy.exc import OperationalError

from onrecord.errors import InputError
from onrecord.model import ActorRef, Article, Event, Mention, Quote
from onrecord.store import db, lists, open_store
from onrecord.store.filters import ArticleFilter, EventFilter
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


def _sqlite_error(message: str, code: int) -> OperationalError:
    orig = sqlite3.OperationalError(message)
    orig.sqlite_errorcode = code
    return OperationalError("PRAGMA journal_mode=WAL", {}, orig)


def _failing_first(monkeypatch, error: OperationalError, times: int) -> list[int]:
    calls, real = [], db.migrate

    def migrate(engine):
        calls.append(1)
        if len(calls) <= times:
            raise error
        return real(engine)

    monkeypatch.setattr(db, "migrate", migrate)
    monkeypatch.setattr(db, "BUSY_WAIT", 5.0)
    return calls


def test_a_store_another_process_holds_locked_for_a_moment_is_waited_for(tmp_path, monkeypatch):
    """SQLite can answer "database is locked" at once, past its busy timeout, while another
    process sets the new file up: opening waits and tries again."""
    calls = _failing_first(monkeypatch, _sqlite_error("database is locked", sqlite3.SQLITE_BUSY), 2)
    with open_store(str(tmp_path / "onrecord.db")) as store:
        assert store.version == max(n for n, _ in available("sqlite"))
    assert len(calls) == 3


def test_a_store_locked_for_longer_than_the_wait_is_named_with_the_reason(tmp_path, monkeypatch):
    calls = _failing_first(monkeypatch, _sqlite_error("database is locked", sqlite3.SQLITE_BUSY),
                           1000)
    monkeypatch.setattr(db, "BUSY_WAIT", 0.3)
    path = tmp_path / "onrecord.db"
    with pytest.raises(InputError, match="cannot open the store \\(database is locked\\)"):
        open_store(str(path))
    assert 1 < len(calls) < 10


def test_any_other_error_opening_a_store_is_not_retried(tmp_path, monkeypatch):
    calls = _failing_first(monkeypatch, _sqlite_error("disk I/O error", sqlite3.SQLITE_IOERR), 1)
    with pytest.raises(InputError, match="disk I/O error"):
        open_store(str(tmp_path / "onrecord.db"))
    assert len(calls) == 1


def test_each_version_has_one_migration_per_dialect_numbered_from_1_without_gaps():
    """Two branches once both shipped a 0010: a store would have applied one of them and, its
    version reading 10, never the other. Each number names one migration, the same on both."""
    files = [entry.name for entry in (resources.files("onrecord.store") / "sql").iterdir()
             if entry.name.endswith(".sql")]
    names = {dialect: sorted(n.split(".")[0] for n in files if n.endswith(f".{dialect}.sql"))
             for dialect in ("sqlite", "postgresql")}
    assert names["sqlite"] == names["postgresql"]
    numbers = [int(name[:4]) for name in names["sqlite"]]
    assert numbers == list(range(1, len(numbers) + 1))
    assert [n for n, _ in available("sqlite")] == numbers


def _old_article() -> Article:
    """An article as a store of any version holds it; its record carries the language and an
    event's confidence, which later migrations copy into columns."""
    text = "“If the tanks cross, we will strike the depots,” Ivan Petrov told Berlin."
    speaker = Mention(mention="Ivan Petrov", span=(50, 61), name="Ivan Petrov")
    quote = Quote(id="q1", kind="direct", content="If the tanks cross, we will strike the depots",
                  spans=[(1, 46)], cue="told", cue_span=(62, 66), speaker=speaker,
                  condition="If the tanks cross")
    event = Event(id="e1", type="THREATEN", quote_id="q1", condition="If the tanks cross",
                  source=ActorRef(name="Ivan Petrov", country="RUS", sector="GOV"),
                  target=ActorRef(name="Germany", country="DEU"),
                  intensity=-3.5, evidence=(1, 46), confidence=0.8)
    return Article(doc_id="old", text=text, published="2026-11-30", language="en",
                   quotes=[quote], events=[event])


@pytest.mark.parametrize("version", range(1, len(available("sqlite"))))
def test_a_store_left_at_any_earlier_version_opens_at_the_latest(db_url, version):
    """A user's store from any earlier release, opened once by this one: every migration since
    is applied in one go and what it held is found by the newest columns' filters."""
    with old_store(db_url, version) as engine:
        old_schema.put(engine, _old_article())
    with open_store(db_url) as store:
        assert store.version == max(n for n, _ in available(store.dialect))
        assert store.get("old") == _old_article()
        assert [a.doc_id for a in lists.articles(store, ArticleFilter(language="en")).items] \
            == ["old"]
        assert len(lists.events(store, EventFilter(min_confidence=0.7)).items) == 1
        # the rows' JSON (migration 0015) written from the record, as the lists answer it
        old = _old_article()
        assert [q.model_dump() for q in lists.quotes(store).items] == [
            {**old.quotes[0].model_dump(), "article": {"doc_id": "old", "url": None,
                                                      "source": None, "title": None,
                                                      "published": "2026-11-30"}}]
        store.put(_old_article().model_copy(update={"doc_id": "new"}))
        assert store.count("articles") == 2
