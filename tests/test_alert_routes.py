"""The alert routes over a store holding hand-made alerts: the Atom feed stays valid XML and the
page stays inert whatever the quoted words hold, and both page back."""

from __future__ import annotations

import csv
import io
import json

import feedparser
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from onrecord.app import Settings, create_app
from onrecord.watch import alerts
from onrecord.watch.alerts import Alert

HOSTILE = "<script>window.pwned = 1</script> & \x07 “quoted” ]]>"


def alert(n: int, words: str = "We will strike") -> Alert:
    return Alert(story_key=f"k{n}", rule="threats <b>", kind="statement",
                 summary=f"Speaker {n}: THREATEN: “{words}”", doc_id=f"doc/{n}", quote_id="q1",
                 quote=words, speaker=f"Speaker {n}", url="https://news.example/a",
                 title=f"Story {n}", evidence={"evidence_text": words, "article": {}})


ESCALATION = Alert(
    story_key="e1", rule="Russia on Poland", kind="escalation", published="2026-11-30",
    summary="RUS -> POL, week 2026-W49: events 6 against a baseline of 1.20 ± 1.00 (z = 4.8)",
    evidence={"week": "2026-W49", "count": 6, "events": [
        {"type": "THREATEN", "doc_id": "doc/1", "title": "Story 1", "published": "2026-12-01"}]},
)


@pytest.fixture
def client(db_url):
    app = create_app(Settings(db=db_url))
    with app.state.store.engine.begin() as conn:
        alerts.insert(conn, [ESCALATION] + [alert(n) for n in range(1, 4)] + [alert(4, HOSTILE)])
    yield TestClient(app)
    app.state.store.close()


def test_hostile_words_leave_the_feed_valid_and_the_page_inert(client):
    feed = feedparser.parse(client.get("/api/alerts.atom").content)
    assert not feed.bozo, feed.get("bozo_exception")
    newest = feed.entries[0]
    assert newest.id == "urn:onrecord:alert:k4"
    assert "<script>window.pwned = 1</script> &" in newest.content[0].value
    assert newest.link.endswith("/articles/doc%2F4")  # a doc_id with a slash stays one segment
    page = client.get("/alerts").text
    assert "<script>window" not in page and "&lt;script&gt;window" in page
    assert "threats &lt;b&gt;" in page


def test_an_alert_is_in_each_form_once(client):
    listed = client.get("/api/alerts").json()
    assert [a["story_key"] for a in listed] == ["k4", "k3", "k2", "k1", "e1"]
    assert len(feedparser.parse(client.get("/api/alerts.atom").content).entries) == 5
    assert client.get("/alerts").text.count('class="hit alert') == 5


def test_an_escalation_alert_lists_the_weeks_events(client):
    page = client.get("/alerts")
    assert page.status_code == 200
    assert "RUS -&gt; POL, week 2026-W49" in page.text
    assert '<a href="/articles/doc/1">Story 1</a>' in page.text
    entry = feedparser.parse(client.get("/api/alerts.atom").content).entries[-1]
    assert "THREATEN: Story 1" in entry.content[0].value


def test_paging_back(client):
    first = client.get("/api/alerts", params={"limit": 3}).json()
    rest = client.get("/api/alerts", params={"before": first[-1]["alert_id"]}).json()
    assert [a["story_key"] for a in first + rest] == ["k4", "k3", "k2", "k1", "e1"]
    assert client.get("/api/alerts", params={"limit": 0}).status_code == 422


def test_an_alert_id_past_what_a_database_holds_is_a_422_not_a_500(client):
    assert client.get("/api/alerts", params={"before": 2 ** 63}).status_code == 422
    assert client.get("/api/alerts", params={"before": 2 ** 63 - 1}).status_code == 200


def test_the_alerts_come_as_a_file_the_page_offers(client):
    page = client.get("/alerts", params={"before": 4}).text
    assert 'href="/api/alerts?before=4&amp;format=csv"' in page  # older than alert 4, as shown
    rows = list(csv.DictReader(io.StringIO(client.get("/api/alerts?format=csv").text)))
    assert [r["story_key"] for r in rows] == ["k4", "k3", "k2", "k1", "e1"]
    assert json.loads(rows[-1]["evidence"])["week"] == "2026-W49"  # what it fired on, as JSON
    older = client.get("/api/alerts", params={"before": 4, "format": "jsonl"}).text
    assert [json.loads(line)["story_key"] for line in older.splitlines()] == ["k2", "k1", "e1"]
    table = pq.read_table(io.BytesIO(client.get("/api/alerts?format=parquet").content))
    assert table.num_rows == 5
