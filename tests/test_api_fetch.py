"""``POST /extract`` with ``fetch`` and the paste box given a URL: fetched only where allowed
(issue 8's SSRF protection), annotated like pasted text, and failures named with their status."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from onrecord.app import Settings, create_app

PAGE = """<html><head><title>Talks stall</title></head><body><article>
<h1>Talks stall</h1>
<p>“We will not retreat,” said Jane Roe on Tuesday in a statement to reporters in the capital.</p>
<p>The talks continued on Wednesday, officials said, with no date set for the next round.</p>
</article></body></html>"""


def _client(*allow: str, timeout: float = 5.0) -> TestClient:
    return TestClient(create_app(Settings(fetch_allow=allow, fetch_timeout=timeout)))


def _fetch(client: TestClient, url: str, **extra):
    return client.post("/extract", json={"url": url, "fetch": True, **extra})


def test_an_allowed_page_is_fetched_and_annotated(site):
    url = site.add("/story", PAGE)
    response = _fetch(_client("127.0.0.1"), url, source="Test Wire")
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["url"] == url and record["source"] == "Test Wire"
    assert record["title"] == "Talks stall"
    quote = record["quotes"][0]
    assert quote["content"] == "We will not retreat," and quote["speaker"]["name"] == "Jane Roe"


def _port(site) -> int:
    return int(site.base.rsplit(":", 1)[1])


@pytest.mark.parametrize("host, problem", [
    ("127.0.0.1", "loopback address 127.0.0.1"),
    ("localhost", "localhost resolves to loopback address"),
    ("[::ffff:127.0.0.1]", "loopback address 127.0.0.1"),
    ("[::1]", "loopback address ::1"),
    ("10.0.0.7", "private address 10.0.0.7"),
    ("169.254.169.254", "link-local address 169.254.169.254"),
])
def test_private_addresses_are_refused_with_422_naming_url_and_problem(site, host, problem):
    """Without an allow-list the test server on 127.0.0.1 is out of reach: nothing requested."""
    site.add("/story", PAGE)
    url = f"http://{host}:{_port(site)}/story"
    response = _fetch(_client(), url)
    assert response.status_code == 422, response.text
    message = response.json()["detail"][0]["msg"]
    assert url in message and problem in message
    assert site.requests == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://93.184.216.34/",
                                 "http://93.184.216.34:6379/"])
def test_other_schemes_and_ports_are_refused(url):
    response = _fetch(_client(), url)
    assert response.status_code == 422 and url in response.json()["detail"][0]["msg"]


def test_a_redirect_from_an_allowed_host_to_a_private_one_is_refused(site):
    url = site.add("/moved", "", status=302, location="http://10.0.0.7/admin")
    response = _fetch(_client("127.0.0.1"), url)
    assert response.status_code == 422
    assert "http://10.0.0.7/admin: private address 10.0.0.7: not fetched" in response.text


def test_a_redirect_within_the_allowed_host_is_followed(site):
    site.add("/story", PAGE)
    url = site.add("/old", "", status=301, location="/story")
    record = _fetch(_client("127.0.0.1"), url).json()
    assert record["url"] == site.base + "/story"
    assert record["quotes"][0]["content"] == "We will not retreat,"


def test_a_page_too_slow_is_504_and_a_missing_one_502(site):
    slow = site.add("/slow", PAGE, stall=3.0)
    response = _fetch(_client("127.0.0.1", timeout=0.5), slow)
    assert response.status_code == 504 and slow in response.json()["detail"]
    missing = site.base + "/missing"
    response = _fetch(_client("127.0.0.1"), missing)
    assert response.status_code == 502 and response.json()["detail"] == f"{missing}: HTTP 404"


@pytest.mark.parametrize("body, message", [
    ({"fetch": True}, "fetch: true needs a url and no text"),
    ({"fetch": True, "url": "http://x.example/", "text": "Hi."}, "needs a url and no text"),
    ({"url": "http://x.example/"}, "text is required"),
    ({"text": "Hi.", "fetch": "yes"}, "valid boolean"),
])
def test_fetch_is_asked_for_by_name(body, message):
    response = _client().post("/extract", json=body)
    assert response.status_code == 422 and message in response.text


def test_the_paste_box_fetches_a_pasted_url(site):
    url = site.add("/story", PAGE)
    response = _client("127.0.0.1").post("/paste", data={"text": f"  {url}\n"})
    assert response.status_code == 200
    assert "Talks stall" in response.text and "Jane Roe" in response.text


def test_the_paste_box_refuses_a_private_url(site):
    url = site.add("/story", PAGE)
    response = _client().post("/paste", data={"text": url})
    assert response.status_code == 422 and "loopback address" in response.text
    assert site.requests == []


def test_the_allow_list_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("ONRECORD_FETCH_ALLOW", "127.0.0.1,intranet.example")
    assert Settings.from_env().fetch_allow == ("127.0.0.1", "intranet.example")
    monkeypatch.setenv("ONRECORD_FETCH_ALLOW", "http://bad/")
    with pytest.raises(ValueError, match="not a host name or CIDR block"):
        create_app(Settings.from_env())
