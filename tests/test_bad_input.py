"""Issue 4's bad inputs, through the whole batch run: each is named with its reason, the run goes
on, and everything else is stored."""

import pytest
from articles import CORRUPT, page, write_warc
from test_runner import _story

from onrecord.ingest import FetchOptions, ReadOptions
from onrecord.runner import Runner
from onrecord.store import open_store

# The timeout leaves a loaded machine time to send a 50 MB answer's headers; the slow page stalls
# well past it.
QUICK = ReadOptions(fetch=FetchOptions(timeout=2.0, retries=0, backoff=0.0, host_delay=0.0))
FIFTY_MB = 50_000_000


def _corrupt_warc(folder, site):
    path = folder / "cc-news.warc.gz"
    write_warc(path, [("https://a.example/1", "text/html", page("Before")), CORRUPT,
                      ("https://a.example/2", "text/html", page("After", _story(3).split("\n")))])
    return path, f"{path} record 2", "corrupt WARC", 2


def _undecodable(folder, site):
    path = folder / "junk.txt"
    path.write_bytes(bytes(range(256)) * 4)
    return path, str(path), "undecodable bytes: no text encoding fits", 0


def _empty_page(folder, site):
    path = folder / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    return path, str(path), "no article text found in the page", 0


def _zero_byte_page(folder, site):
    path = folder / "zero.html"
    path.write_bytes(b"")
    return path, str(path), "empty page", 0


def _fifty_mb_page(folder, site):
    path = folder / "huge.html"
    with open(path, "wb") as out:
        out.write(page().encode())
        out.truncate(FIFTY_MB)  # sparse: 50 MB on paper, nothing written
    return path, str(path), f"too large ({FIFTY_MB} bytes > 10000000)", 0


def _fifty_mb_url(folder, site):
    body = page() + " " * FIFTY_MB
    url = site.add("/huge", body)
    # Refused on its Content-Length, before the body is read.
    return url, url, f"too large ({len(body.encode())} bytes > 10000000)", 0


def _feed_that_is_html(folder, site):
    path = folder / "feed.rss"
    path.write_text(page(), encoding="utf-8")
    return path, str(path), "an HTML page, no feed entries", 0


def _url_that_times_out(folder, site):
    url = site.add("/slow", page("Slow"), stall=6.0)
    listing = folder / "list.urls"
    listing.write_text(url + "\n")
    return listing, url, "timed out (1 attempt)", 0


@pytest.mark.parametrize("make", [
    _corrupt_warc, _undecodable, _empty_page, _zero_byte_page, _fifty_mb_page, _fifty_mb_url,
    _feed_that_is_html, _url_that_times_out,
])
def test_bad_input_is_named_with_its_reason_and_the_rest_is_stored(tmp_path, db_url, site, make):
    before, after = tmp_path / "a-before.txt", tmp_path / "z-after.txt"
    before.write_text(_story(1), encoding="utf-8")
    after.write_text(_story(2), encoding="utf-8")
    spec, name, reason, stored_from_it = make(tmp_path, site)
    with open_store(db_url) as store:
        summary = Runner(store, [str(before), str(spec), str(after)], QUICK, extract=False).run()
        assert len(summary.skipped) == 1
        assert summary.skipped[0][0].startswith(name)
        assert summary.skipped[0][1].startswith(reason)
        assert summary.skipped[0][1].isprintable()
        assert summary.stored == store.count("articles") == 2 + stored_from_it
        assert store.search_articles("Story 2")  # the input after the bad one was stored
