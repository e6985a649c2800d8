"""One poll of a feed: conditional GET (304 when nothing changed), only entries not yet done,
URL lists, failures named, and the backoff after failures."""

from __future__ import annotations

import pytest
from feedserver import FeedServer, story

from onrecord.ingest import Fetcher, FetchOptions
from onrecord.ingest.guard import AddressPolicy
from onrecord.watch.poll import next_poll, poll
from onrecord.watch.state import FeedState


@pytest.fixture
def site():
    with FeedServer() as server:
        yield server


@pytest.fixture
def fetcher():
    options = FetchOptions(host_delay=0, retries=0)
    with Fetcher(options, AddressPolicy(["127.0.0.1"])) as opened:
        yield opened


def test_a_feed_unchanged_since_the_last_poll_answers_304(site, fetcher):
    url = site.feed("/wire.xml", "Wire")
    site.publish("/wire.xml", *story(1))
    first = poll(fetcher, url, FeedState(url), ())
    assert first.status == "new" and len(first.items) == 1 and first.etag
    state = FeedState(url, etag=first.etag, last_modified=first.last_modified)
    again = poll(fetcher, url, state, ())
    assert again.status == "unchanged" and again.items == []
    assert site.statuses("/wire.xml") == [200, 304]
    sent = [h for p, _, h, _ in site.hits if p == "/wire.xml"][1]
    assert sent["if-none-match"] == first.etag
    assert sent["if-modified-since"] == first.last_modified


def test_only_entries_not_done_are_read(site, fetcher):
    url = site.feed("/wire.xml", "Wire")
    done = site.publish("/wire.xml", *story(1))
    site.publish("/wire.xml", *story(2), teaser=True)  # its page is fetched
    polled = poll(fetcher, url, FeedState(url), {done})
    assert [item.article_text.title for item in polled.items] == ["Wang Yi warns Japan (story 2)"]
    assert "we will strike" in polled.items[0].article_text.text
    assert poll(fetcher, url, FeedState(url), {done, polled.items[0].key}).status == "same"


def test_a_url_list_is_polled_like_a_feed(site, fetcher):
    site.feed("/wire.xml", "Wire")
    link = site.publish("/wire.xml", *story(3), teaser=True)
    site.pages["/list.txt"] = f"# pages to watch\n{link}\n".encode()
    polled = poll(fetcher, site.base + "/list.txt", FeedState("list"), ())
    assert [item.key for item in polled.items] == [link]


@pytest.mark.parametrize(("path", "reason"), [
    ("/broken.xml", "HTTP 500"),
    ("/page.html", "neither an RSS/Atom feed nor a list of URLs"),
    ("/missing.xml", "HTTP 404"),
])
def test_a_feed_that_fails_says_why(site, fetcher, path, reason):
    site.feed("/broken.xml", "Broken", failing=True)
    site.pages["/page.html"] = b"<html><body><p>Not a feed at all.</p></body></html>"
    polled = poll(fetcher, site.base + path, FeedState(path), ())
    assert polled.status == "error" and polled.error == reason


def test_a_private_address_is_refused_without_an_allow_list(site):
    url = site.feed("/wire.xml", "Wire")
    with Fetcher(FetchOptions(host_delay=0, retries=0), AddressPolicy()) as guarded:
        polled = poll(guarded, url, FeedState(url), ())
    assert polled.status == "error" and "loopback address 127.0.0.1" in polled.error
    assert site.hits == []


def test_failures_in_a_row_double_the_wait_up_to_the_cap():
    waits = [next_poll(FeedState("f", failures=n), 60, 900, clock=0) for n in range(6)]
    assert waits == [60, 120, 240, 480, 900, 900]
