import re
import subprocess
import sys

import old_schema
import pytest
from old_schema import old_store

from onrecord.model import ActorRef, Article, Event, Mention, Quote, Removed
from onrecord.store import Copy, ItemMark, Stored, open_store
from onrecord.store.migrations import available, migrate


def _article(doc_id="d1", text="The minister warned Berlin on Tuesday.", quotes=None, events=None):
    return Article(
        doc_id=doc_id,
        url=f"https://example.org/{doc_id}",
        source="example.org",
        title="Minister warns Berlin",
        published="2024-03-05",
        text=text,
        paragraphs=[(0, len(text))],
        removed=[Removed(span=(40, 60), why="related-links insert")],
        quotes=quotes or [],
        events=events or [],
    )


def _quoted_article():
    text = "“We will respond if attacked,” the minister told Berlin. It was a threat."
    speaker = Mention(mention="the minister", span=(31, 43), name="Ivan Petrov", confidence=0.9)
    quote = Quote(
        id="q1", kind="direct", content="We will respond if attacked", spans=[(1, 28)],
        cue="told", cue_span=(44, 48), speaker=speaker,
        addressee=Mention(mention="Berlin", span=(49, 55), name="Germany"),
        hedged=False, condition="if attacked",
    )
    event = Event(
        id="e1", type="THREATEN", context=["military"], quote_id="q1", condition="if attacked",
        source=ActorRef(name="Ivan Petrov", country="RUS", sector="GOV"),
        target=ActorRef(name="Germany", country="DEU"), intensity=-3.5, evidence=(1, 28),
    )
    return _article(text=text, quotes=[quote], events=[event])


def test_article_round_trips_exactly(store):
    article = _quoted_article()
    store.put(article)
    assert store.get("d1") == article
    assert store.count("quotes") == 1
    assert store.count("events") == 1


def test_upsert_by_doc_id_never_duplicates(store):
    store.put(_quoted_article())
    changed = _article(text="A new text about Berlin.")
    store.put(changed)
    store.put(changed)
    assert store.count("articles") == 1
    assert store.count("quotes") == 0
    assert store.get("d1").text == "A new text about Berlin."


def test_full_text_search_over_articles_and_quotes(store):
    store.put(_quoted_article())
    store.put(_article(doc_id="d2", text="Fishing quotas were discussed in Oslo."))
    assert store.search_articles("quotas Oslo") == ["d2"]
    assert store.search_articles('threats" (') == ["d1"]
    assert store.search_quotes("respond attacked") == [("d1", "q1")]
    assert store.search_quotes("Oslo") == []


def test_copies_are_kept_once_per_publication(store):
    store.put(_article(), body_hash="h1", signature=b"\x01\x02")
    copy = Copy(doc_id="d1", copy_doc_id="d9", url="https://wire.example/x", source="wire",
                published="2024-03-06", kind="near", similarity=0.91)
    store.write(copies=[copy, copy])
    store.write(copies=[copy])
    assert store.copies("d1") == [copy]
    assert store.find_by_hash("h1") == "d1"
    assert list(store.signatures()) == [("d1", "https://example.org/d1", "h1", b"\x01\x02")]


def test_copies_without_url_are_one_per_outlet_text_and_date(store):
    store.put(_article())
    first = Copy(doc_id="d1", copy_doc_id="d9", source="wire", published="2024-03-06")
    again = Copy(doc_id="d1", copy_doc_id="d9", source="wire", published="2024-03-06")
    rerun = Copy(doc_id="d1", copy_doc_id="d9", source="wire", published="2024-03-09")
    elsewhere = Copy(doc_id="d1", copy_doc_id="d9", source="other", published="2024-03-06")
    store.write(copies=[first, again, rerun, elsewhere])
    assert sorted(store.copies("d1"), key=lambda c: (c.source, c.published)) == [
        elsewhere, first, rerun
    ]


def test_resolved_actors_are_kept_once_with_their_known_values(store):
    article = _quoted_article()
    article.quotes[0].speaker.actor_id = "petrov"
    article.quotes[0].addressee.actor_id = "DEU"
    article.events[0].source.actor_id = "petrov"
    article.events[0].target.actor_id = "DEU"
    store.put(article)
    later = _article("d2", quotes=[article.quotes[0]])  # the quote again, no event: no country
    store.put(later)
    store.put(later)
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT actor_id, name, country, sector FROM actors ORDER BY actor_id"
        ).all()
    assert [tuple(r) for r in rows] == [
        ("DEU", "Germany", "DEU", None), ("petrov", "Ivan Petrov", "RUS", "GOV")
    ]
    assert store.count("actors") == 2


def test_run_items_mark_what_a_resumed_run_skips(store):
    assert store.start_run("r1", {"sources": ["a"]}) is False
    assert store.start_run("r1", {"sources": ["a"]}) is True
    store.write(
        [Stored(_article())], run_key="r1",
        items=[ItemMark("a#1", "stored", doc_id="d1"), ItemMark("a#2", "error", "empty page")],
    )
    assert set(store.done_items("r1")) == {"a#1"}
    store.finish_run("r1", {"stored": 1})


def test_reopening_keeps_data_and_schema_version(db_url):
    with open_store(db_url) as first:
        first.put(_article())
        version = first.version
    with open_store(db_url) as second:
        assert second.version == version == max(n for n, _ in available(second.dialect))
        assert second.count("articles") == 1


def _indexes(engine) -> set[str]:
    sql = (
        "SELECT name FROM sqlite_master WHERE type = 'index'" if engine.dialect.name == "sqlite"
        else "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
    )
    with engine.connect() as conn:
        return set(conn.exec_driver_sql(sql).scalars())


def _rows(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()


def test_each_migration_applies_to_a_store_holding_data(db_url):
    """A user's store is migrated with their articles in it, one version at a time."""
    with old_store(db_url, 1) as engine:
        old_schema.put(engine, _quoted_article())
        for number, sql in available(engine.dialect.name)[1:]:
            assert migrate(engine, upto=number) == number
            assert old_schema.get(engine, "d1") == _quoted_article()
            assert (_rows(engine, "quotes"), _rows(engine, "events")) == (1, 1)
            created = set(re.findall(r"CREATE INDEX (\w+)", sql))
            dropped = set(re.findall(r"DROP INDEX (\w+)", sql))
            assert created <= _indexes(engine) and not dropped & _indexes(engine)


def test_an_end_is_non_state_as_the_coder_decided_not_by_its_sector(store):
    """A user's knowledge base may call a private military company non-state (sector PMC,
    unknown to the shipped one) and code a rebel sector as a state's: the store writes the
    coder's ``non_state``, so a country code matches only what the coder said acts for it."""
    from onrecord.store import queries
    from onrecord.store.filters import EventFilter

    germany = ActorRef(name="Germany", actor_id="DEU", country="DEU", sector="GOV")
    company = ActorRef(name="Wagner", actor_id="wagner", country="RUS", sector="PMC",
                       non_state=True)
    army = ActorRef(name="Russian army", actor_id="RUS", country="RUS", sector="REB")
    events = [Event(id=f"e{n}", type="THREATEN", source=source, target=germany, evidence=(0, 4))
              for n, source in enumerate((company, army), start=1)]
    store.put(_article(events=events))
    found = queries.events(store, EventFilter(source_country="RUS")).items
    assert [e.id for e in found] == ["e2"]


def test_a_store_that_cannot_be_opened_is_named_without_its_password(tmp_path):
    from onrecord.errors import InputError

    missing = str(tmp_path / "no" / "x.db")
    with pytest.raises(InputError, match="cannot open the store") as refused:
        open_store(missing)
    assert refused.value.origin == missing
    with pytest.raises(InputError, match="cannot open the store") as refused:
        open_store("postgresql://reader:hunter2@127.0.0.1:1/news")  # nothing listens on port 1
    assert refused.value.origin == "postgresql://reader:***@127.0.0.1:1/news"
    assert "hunter2" not in str(refused.value)


def test_the_store_imports_neither_the_actors_nor_the_event_coder():
    """The store writes what the coder decided; it never consults the knowledge base."""
    check = (
        "import importlib, pkgutil, sys, onrecord.store as store\n"
        "for module in pkgutil.walk_packages(store.__path__, 'onrecord.store.'):\n"
        "    importlib.import_module(module.name)\n"
        "coder = ('onrecord.actors', 'onrecord.events')\n"
        "loaded = [m for m in sys.modules if m.startswith(coder)]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
