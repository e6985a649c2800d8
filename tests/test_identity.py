"""Article identity across inputs and runs: the same article, a new version, a copy, another one.

Each case is one that once lost an article without a word (issue 20, findings 1-3).
"""

import json

from articles import PARAGRAPHS, page
from test_runner import FAST, _story

from onrecord.runner import Runner
from onrecord.store import open_store


def _dump(path, *records) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_a_colliding_id_is_an_error_naming_both_inputs(tmp_path, db_url):
    """Two different articles both say they are id "1": the first stays, the second is refused."""
    dump = _dump(tmp_path / "a.jsonl", {"id": "1", "text": _story(1)},
                 {"id": "1", "text": _story(2)})
    with open_store(db_url) as store:
        summary = Runner(store, [dump], FAST, extract=False).run()
        assert summary.stored == 1
        [(origin, reason)] = summary.skipped
        assert origin == f"{dump}:2" and f"{dump}:1" in reason and "'1'" in reason
        assert store.get("1").text.startswith("Story 1,")


def test_a_colliding_id_in_a_later_dump_is_refused_too(tmp_path, db_url):
    first = _dump(tmp_path / "a.jsonl", {"id": "1", "text": _story(1)})
    second = _dump(tmp_path / "b.jsonl", {"id": "1", "text": _story(2)})
    with open_store(db_url) as store:
        Runner(store, [first], FAST, extract=False).run()
        summary = Runner(store, [second], FAST, extract=False).run()
        assert summary.stored == 0 and f"{first}:1" in summary.skipped[0][1]
        assert store.get("1").text.startswith("Story 1,") and store.versions("1") == []


def test_update_makes_a_colliding_id_a_new_version_and_keeps_the_old_one(tmp_path, db_url):
    first = _dump(tmp_path / "a.jsonl", {"id": "1", "text": _story(1)})
    second = _dump(tmp_path / "b.jsonl", {"id": "1", "text": _story(2)})
    with open_store(db_url) as store:
        Runner(store, [first], FAST, extract=False).run()
        summary = Runner(store, [second], FAST, extract=False, update=True).run()
        assert (summary.stored, summary.versions, summary.skipped) == (1, 1, [])
        assert store.get("1").text.startswith("Story 2,")
        assert [old.text[:8] for old in store.versions("1")] == ["Story 1,"]
        assert store.count("articles") == 1


def test_an_article_without_url_seen_again_later_is_a_copy_not_a_replacement(tmp_path, db_url):
    """Same text, same outlet, another date, another run: both publications are kept."""
    first = _dump(tmp_path / "a.jsonl", {"text": _story(1), "source": "Herald",
                                         "published": "2024-01-01"})
    second = _dump(tmp_path / "b.jsonl", {"text": _story(1), "source": "Herald",
                                          "published": "2024-02-01"})
    with open_store(db_url) as store:
        Runner(store, [first], FAST, extract=False).run()
        summary = Runner(store, [second], FAST, extract=False).run()
        assert (summary.stored, summary.duplicates) == (0, 1)
        [doc_id] = store.search_articles("Story 1")
        assert store.get(doc_id).published == "2024-01-01"
        assert [c.published for c in store.copies(doc_id)] == ["2024-02-01"]


def test_another_outlet_without_url_keeps_the_first_outlets_metadata(tmp_path, db_url):
    first = _dump(tmp_path / "a.jsonl", {"text": _story(1), "source": "Herald", "title": "One"})
    second = _dump(tmp_path / "b.jsonl", {"text": _story(1), "source": "Courier", "title": "Two"})
    with open_store(db_url) as store:
        Runner(store, [first], FAST, extract=False).run()
        Runner(store, [second], FAST, extract=False).run()
        [doc_id] = store.search_articles("Story 1")
        assert (store.get(doc_id).source, store.get(doc_id).title) == ("Herald", "One")
        assert [(c.source, c.title) for c in store.copies(doc_id)] == [("Courier", "Two")]


def test_an_edited_file_is_a_new_version_on_the_same_command(tmp_path, db_url):
    """Re-running after a correction: re-extracted, the old text kept in history."""
    story = tmp_path / "in" / "story.txt"
    story.parent.mkdir()
    story.write_text("“We will respond,” the minister said.\n" + _story(1))
    with open_store(db_url) as store:
        Runner(store, [str(story.parent)], FAST).run()
        [doc_id] = store.search_articles("Story 1")
        story.write_text("“We will not respond,” the minister said.\n" + _story(1))
        summary = Runner(store, [str(story.parent)], FAST).run()
        assert (summary.stored, summary.versions, summary.already_done) == (1, 1, 0)
        assert store.search_articles("Story 1") == [doc_id]
        assert store.get(doc_id).quotes[0].content == "We will not respond,"
        assert [old.quotes[0].content for old in store.versions(doc_id)] == ["We will respond,"]
        assert store.count("quotes") == 1
        again = Runner(store, [str(story.parent)], FAST).run()  # unchanged now: done
        assert (again.stored, again.already_done) == (0, 1)


def test_a_corrected_page_at_the_same_url_is_a_new_version_not_a_copy(tmp_path, db_url, site):
    url = site.add("/story", page("Talks off", PARAGRAPHS))
    with open_store(db_url) as store:
        Runner(store, [url], FAST, extract=False).run()
        [doc_id] = store.search_articles("inch")
        corrected = [PARAGRAPHS[0], PARAGRAPHS[1].replace("next week", "next month"),
                     PARAGRAPHS[2]]
        (tmp_path / "list.urls").write_text(site.add("/story", page("Talks off", corrected)))
        summary = Runner(store, [str(tmp_path / "list.urls")], FAST, extract=False).run()
        assert (summary.stored, summary.duplicates, summary.versions) == (1, 0, 1)
        assert "next month" in store.get(doc_id).text
        assert store.count("articles") == 1 and store.count("copies") == 0
        assert "next week" in store.versions(doc_id)[0].text
