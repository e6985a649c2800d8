"""The webhook: JSON with the secret header, retries with backoff, an alert kept queued while
the receiver is down, and the SSRF guard."""

from __future__ import annotations

import pytest
from feedserver import FeedServer

from onrecord.errors import InputError
from onrecord.ingest.guard import AddressPolicy
from onrecord.watch import alerts
from onrecord.watch.alerts import Alert
from onrecord.watch.config import Webhook
from onrecord.watch.webhook import WebhookSender, deliver

ALERT = Alert(story_key="k1", rule="threats", kind="statement", summary="Lavrov: THREATEN",
              quote="we will strike", evidence={"quote": {"content": "we will strike"}})
LOCAL = AddressPolicy(["127.0.0.1"])


@pytest.fixture
def site():
    with FeedServer() as server:
        yield server


def sender(site, waits: list[float], **fields) -> WebhookSender:
    hook = Webhook(url=site.base + "/hook", secret_env="TEST_HOOK_SECRET", **fields)
    return WebhookSender(hook, LOCAL, wait=lambda s: waits.append(s) or False)


def test_an_alert_is_posted_as_json_with_the_secret(site, monkeypatch):
    monkeypatch.setenv("TEST_HOOK_SECRET", "s3cret")
    assert sender(site, []).send(ALERT) is None
    [(_, headers, body)] = site.webhook
    assert headers["x-onrecord-secret"] == "s3cret"
    assert headers["x-onrecord-alert"] == "k1"
    assert body["summary"] == "Lavrov: THREATEN" and body["evidence"]["quote"]["content"]


def test_a_receiver_that_is_down_is_retried_with_growing_waits(site, monkeypatch):
    monkeypatch.setenv("TEST_HOOK_SECRET", "s3cret")
    site.webhook_failures = 2
    waits: list[float] = []
    assert sender(site, waits, backoff=0.5).send(ALERT) is None
    assert waits == [0.5, 1.0] and len(site.webhook) == 1


def test_an_alert_not_taken_stays_queued(site, monkeypatch, store):
    monkeypatch.setenv("TEST_HOOK_SECRET", "s3cret")
    with store.engine.begin() as conn:
        alerts.insert(conn, [ALERT, ALERT.model_copy(update={"story_key": "k2"})])
    site.webhook_failures = 3
    hook = sender(site, [], attempts=3)
    assert deliver(store, hook, lambda: False) == (0, 1)  # stops at the first failure
    queued = alerts.undelivered(store)
    assert [a.story_key for a in queued] == ["k1", "k2"]
    assert queued[0].attempts == 1 and queued[0].last_error == "HTTP 503"
    assert deliver(store, hook, lambda: False) == (2, 0)
    assert alerts.undelivered(store) == [] and len(site.webhook) == 2


def test_a_long_queue_is_delivered_in_one_round(site, monkeypatch, store):
    monkeypatch.setenv("TEST_HOOK_SECRET", "s3cret")
    queued = [ALERT.model_copy(update={"story_key": f"k{n}"}) for n in range(250)]
    with store.engine.begin() as conn:
        alerts.insert(conn, queued)
    assert deliver(store, sender(site, []), lambda: False) == (250, 0)
    assert alerts.undelivered(store) == []


def test_a_private_receiver_is_refused_unless_allowed(site, monkeypatch):
    monkeypatch.setenv("TEST_HOOK_SECRET", "s3cret")
    hook = Webhook(url=site.base + "/hook", secret_env="TEST_HOOK_SECRET")
    problem = WebhookSender(hook, AddressPolicy(), wait=lambda s: False).send(ALERT)
    assert "loopback address 127.0.0.1" in problem and site.webhook == []


def test_a_missing_secret_is_named_at_start(site, monkeypatch):
    monkeypatch.delenv("TEST_HOOK_SECRET", raising=False)
    with pytest.raises(InputError, match="TEST_HOOK_SECRET is not set"):
        sender(site, [])
