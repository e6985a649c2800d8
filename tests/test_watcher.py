"""The watcher against a local news site that publishes over time: one story from two outlets,
a teaser entry, a feed that fails and one that answers 304. Each new matching statement gives
exactly one alert: in the store, the Atom feed, the JSON list, the webhook and the alerts page
in Chromium."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Callable
from types import SimpleNamespace

import feedparser
import pytest
import uvicorn
from fastapi.testclient import TestClient
from feedserver import SECRET_ENV, FeedServer, calm_story, story, watch_config
from playwright.sync_api import sync_playwright
from test_browser import CHROMIUM, CHROMIUM_ARGS

from onrecord import extract
from onrecord.app import Settings, create_app
from onrecord.store import open_store
from onrecord.watch import Watcher, alerts, load_config
from onrecord.watch.state import load_feeds

#: Longest wait for the watcher to reach a step: a guard against a hang, not a measurement.
STEP_SECONDS = 120


def wait_for(what: str, condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + STEP_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"the watcher never got to: {what}"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def watched(tmp_path_factory):
    """Three stories published one after the other while a watcher runs, then stopped."""
    folder = tmp_path_factory.mktemp("watch")
    with FeedServer() as site, pytest.MonkeyPatch.context() as env:
        env.setenv(SECRET_ENV, "hook-secret")
        site.feed("/wire.xml", "Wire")
        site.feed("/daily.xml", "Daily")
        site.feed("/broken.xml", "Broken", failing=True)
        site.feed("/quiet.xml", "Quiet")
        site.publish("/quiet.xml", *calm_story(1))
        config = folder / "watch.yaml"
        config.write_text(watch_config(site, ["/wire.xml", "/daily.xml", "/broken.xml",
                                              "/quiet.xml"]))
        db = str(folder / "watch.db")
        store = open_store(db)
        watcher = Watcher(load_config(config), store)
        thread = threading.Thread(target=watcher.run, daemon=True)
        thread.start()
        try:
            site.publish("/wire.xml", *story(1, "Wire"))
            wait_for("the first alert", lambda: len(alerts.recent(store)) == 1)
            site.publish("/daily.xml", *story(1, "Daily"))  # the same story, another outlet
            site.publish("/wire.xml", *story(2, "Wire"), teaser=True)
            wait_for("the copy and the second alert",
                     lambda: store.count("copies") == 1 and len(alerts.recent(store)) == 2)
            site.publish("/daily.xml", *story(3, "Daily"))
            wait_for("three alerts delivered", lambda: len(site.webhook) == 3)
            polls = len(site.hits)
            wait_for("a few more polls", lambda: len(site.hits) > polls + 8)
        finally:
            watcher.stop()
            thread.join()
            watcher.close()
        yield SimpleNamespace(site=site, db=db, store=store, watcher=watcher)
        store.close()


def test_each_matching_statement_gives_one_alert(watched):
    found = alerts.recent(watched.store)
    assert [a.rule for a in found] == ["conditional threats"] * 3
    assert len({a.story_key for a in found}) == 3
    stories = sorted(int(a.title.split("story ")[1].rstrip(")")) for a in found)
    assert stories == [1, 2, 3]
    assert all("we will strike" in a.quote and a.evidence["event"]["type"] == "THREATEN"
               for a in found)


def test_the_story_from_a_second_outlet_is_a_copy_not_a_new_alert(watched):
    store = watched.store
    assert store.count("articles") == 4  # three stories and the calm one
    [first] = [a for a in alerts.recent(store) if "story 1" in a.title]
    assert [c.source for c in store.copies(first.doc_id)] == ["Daily"]


def test_the_atom_feed_and_the_json_list(watched):
    client = TestClient(create_app(Settings(db=watched.db)))
    answer = client.get("/api/alerts.atom")
    assert answer.headers["content-type"] == "application/atom+xml"
    feed = feedparser.parse(answer.content)
    assert not feed.bozo and len(feed.entries) == 3
    assert len({entry.id for entry in feed.entries}) == 3
    assert all("we will strike" in entry.content[0].value for entry in feed.entries)
    listed = client.get("/api/alerts", params={"limit": 2}).json()
    older = client.get("/api/alerts", params={"before": listed[-1]["alert_id"]}).json()
    assert len(listed) == 2 and len(older) == 1


def test_the_webhook_took_each_alert_once_with_the_secret(watched):
    posted = watched.site.webhook
    assert len(posted) == 3
    assert len({headers["x-onrecord-alert"] for _, headers, _ in posted}) == 3
    assert {headers["x-onrecord-secret"] for _, headers, _ in posted} == {"hook-secret"}
    assert alerts.undelivered(watched.store) == []


def test_a_failing_feed_backs_off_and_an_unchanged_one_answers_304(watched):
    states = load_feeds(watched.store, "test", [watched.site.base + "/broken.xml",
                                                watched.site.base + "/quiet.xml"])
    broken, quiet = states.values()
    assert broken.status == "error" and broken.failures >= 1 and broken.last_error == "HTTP 500"
    assert quiet.status == "unchanged" and quiet.articles == 1
    assert watched.site.statuses("/quiet.xml").count(200) == 1
    assert watched.site.statuses("/quiet.xml").count(304) >= 1
    # the failing feed waits longer and longer: fewer polls than the healthy one
    assert len(watched.site.statuses("/broken.xml")) < len(watched.site.statuses("/quiet.xml"))


def test_the_alerts_page_in_chromium(watched):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (test_browser fails for it under CI)")
    app = create_app(Settings(db=watched.db))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    wait_for("uvicorn to start", lambda: server.started)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{sock.getsockname()[1]}/alerts")
            shown = page.locator("article.alert")
            assert shown.count() == 3
            assert all("we will strike" in text for text in shown.all_inner_texts())
            page.locator("article.alert a").first.click()  # to the article it fired on
            assert "/articles/" in page.url and page.locator("mark, .quote").count() > 0
            browser.close()
    finally:
        server.should_exit = True
        thread.join()


def test_a_pair_stepping_up_raises_one_escalation_alert(tmp_path, monkeypatch, db_url):
    """Six quiet weeks of Russia -> Germany in the store, then three threats in one poll."""
    monkeypatch.setenv(SECRET_ENV, "hook-secret")
    today = dt.datetime.now(dt.UTC).date()
    with FeedServer() as site, open_store(db_url) as store:
        for back in range(1, 7):
            earlier = (today - dt.timedelta(weeks=back)).isoformat()
            store.put(extract(story(4 * back)[1], doc_id=f"old{back}", published=earlier))
        site.feed("/wire.xml", "Wire")
        for number in (40, 44, 48):  # Lavrov, whose stories threaten Germany
            site.publish("/wire.xml", *story(number))
        config = tmp_path / "watch.yaml"
        config.write_text(watch_config(site, ["/wire.xml"]) + (
            "escalation:\n  - {name: russia on germany, source: RUS, target: DEU}\n"))
        for _ in range(2):  # the second start polls again and finds nothing new
            watcher = Watcher(load_config(config), store)
            watcher.run(cycles=1)
            watcher.close()
        found = [a for a in alerts.recent(store) if a.kind == "escalation"]
        each = len(extract(story(40)[1]).events)  # a story's events, all Russia -> Germany
        assert len(found) == 1 and found[0].evidence["count"] == 3 * each
        assert found[0].evidence["baseline_weeks"] == 6
        assert found[0].evidence["baseline_mean"] == each
        assert len(site.webhook) == 4  # three statements and the escalation


def test_escalation_is_checked_at_start_when_the_articles_were_checked_before(tmp_path,
                                                                              monkeypatch):
    """A watcher killed after the transaction that marks its last article checked and before
    the escalation check (or given the escalation rule only now) found this week's step up
    only when another article came: in a quiet week, never."""
    monkeypatch.setenv(SECRET_ENV, "hook-secret")
    today = dt.datetime.now(dt.UTC).date()
    with FeedServer() as site, open_store(str(tmp_path / "watch.db")) as store:
        for back in range(1, 7):
            earlier = (today - dt.timedelta(weeks=back)).isoformat()
            store.put(extract(story(4 * back)[1], doc_id=f"old{back}", published=earlier))
        site.feed("/wire.xml", "Wire")
        for number in (40, 44, 48):
            site.publish("/wire.xml", *story(number))
        config = tmp_path / "watch.yaml"
        config.write_text(watch_config(site, ["/wire.xml"]))
        watcher = Watcher(load_config(config), store)
        watcher.run(cycles=1)  # stores and checks the three threats; no escalation rule yet
        watcher.close()
        assert len(alerts.recent(store)) == 3
        config.write_text(watch_config(site, ["/wire.xml"]) + (
            "escalation:\n  - {name: russia on germany, source: RUS, target: DEU}\n"))
        watcher = Watcher(load_config(config), store)
        watcher.run(cycles=1)  # nothing new in the feed
        watcher.close()
        assert [a.rule for a in alerts.recent(store) if a.kind == "escalation"] \
            == ["russia on germany"]
