"""The address guard of user-given URLs (``onrecord.ingest.guard``): what it refuses and why."""

from __future__ import annotations

import ipaddress
import socket

import httpx
import pytest

from onrecord.errors import FetchFailed, FetchRefused
from onrecord.ingest import Fetcher, FetchOptions
from onrecord.ingest.guard import AddressPolicy, why_not_public


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.1", "private"),
    ("172.16.5.4", "private"), ("169.254.169.254", "link-local"), ("0.0.0.0", "unspecified"),
    ("224.0.0.1", "multicast"), ("240.0.0.1", "reserved"), ("100.64.0.1", "non-public"),
    ("::1", "loopback"), ("::", "unspecified"), ("fe80::1", "link-local"), ("fc00::1", "private"),
    ("ff02::1", "multicast"),
    ("::ffff:127.0.0.1", "loopback 127.0.0.1"),  # IPv4-mapped: checked as the IPv4 address
    ("::ffff:169.254.169.254", "link-local 169.254.169.254"),
    ("2002:a00:1::", "private 10.0.0.1"),  # 6to4 of 10.0.0.1
    ("64:ff9b::a9fe:a9fe", "link-local 169.254.169.254"),  # NAT64 of the metadata service
])
def test_non_public_addresses_are_named(address, kind):
    problem = why_not_public(ipaddress.ip_address(address))
    assert problem is not None and problem.startswith(kind.split()[0])
    assert kind.split()[-1] in problem


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946",
                                     "::ffff:93.184.216.34"])
def test_public_addresses_pass(address):
    assert why_not_public(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("url, message", [
    ("http://127.0.0.1/", "loopback address 127.0.0.1"),
    ("http://localhost/", "loopback address"),
    ("http://2130706433/", "loopback address 127.0.0.1"),  # 127.0.0.1 as one number
    ("http://10.0.0.7/", "private address 10.0.0.7"),
    ("http://169.254.169.254/latest/meta-data/", "link-local address 169.254.169.254"),
    ("http://[::1]/", "loopback address ::1"),
    ("http://[::ffff:127.0.0.1]/", "loopback address 127.0.0.1"),
    ("http://0.0.0.0/", "unspecified address"),
    ("ftp://93.184.216.34/", "only http and https"),
    ("http://93.184.216.34:22/", "port 22 is not a web port"),
])
def test_policy_refuses_by_name(url, message):
    with pytest.raises(FetchRefused) as refused:
        AddressPolicy().address_for(httpx.URL(url))
    assert message in refused.value.reason and refused.value.origin == url


def test_allow_list_takes_hosts_and_cidr_blocks_and_any_port():
    policy = AddressPolicy(["127.0.0.0/8", "intranet.example"])
    assert str(policy.address_for(httpx.URL("http://127.0.0.5:9999/"))) == "127.0.0.5"
    with pytest.raises(FetchRefused, match="private address 10.0.0.1"):
        policy.address_for(httpx.URL("http://10.0.0.1/"))
    with pytest.raises(ValueError, match="not a host name or CIDR block"):
        AddressPolicy(["10.0.0.0/8", "http://x/"])


def test_every_resolved_address_must_pass(monkeypatch):
    """A host with one public and one private address is refused, whichever comes first."""
    answers = [("93.184.216.34", 80), ("10.0.0.1", 80)]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", answer) for answer in answers])
    with pytest.raises(FetchRefused, match="private address 10.0.0.1"):
        AddressPolicy().address_for(httpx.URL("http://mixed.example/"))


def test_unresolvable_host_is_a_failed_fetch_not_a_refusal():
    with pytest.raises(FetchFailed, match="cannot resolve host"):
        AddressPolicy().address_for(httpx.URL("http://no-such-host.invalid/"))


def test_connection_goes_to_the_checked_address_with_the_given_host(monkeypatch, site):
    """Pinned: the host name is resolved once, by the check, and the request keeps its name."""
    site.add("/page", "<html><body><p>Hello.</p></body></html>")
    port = int(site.base.rsplit(":", 1)[1])
    real, looked_up = socket.getaddrinfo, []

    def resolve(host, *args, **kwargs):
        looked_up.append(host)
        return real("127.0.0.1" if host == "news.example" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    options = FetchOptions(robots=False, retries=0, timeout=5)
    with Fetcher(options, AddressPolicy(["127.0.0.1"])) as fetcher:
        page = fetcher.get(f"http://news.example:{port}/page")
    assert page.url == f"http://news.example:{port}/page" and b"Hello." in page.content
    assert site.hosts == [f"news.example:{port}"]
    assert looked_up[-1] == "127.0.0.1"  # the connection was made to the checked address


def test_a_redirect_to_a_private_address_is_refused(site):
    site.add("/moved", "", status=302, location="http://169.254.169.254/latest/meta-data/")
    options = FetchOptions(robots=False, retries=0, timeout=5)
    with (Fetcher(options, AddressPolicy(["127.0.0.1"])) as fetcher,
          pytest.raises(FetchRefused, match="link-local address 169.254.169.254")):
        fetcher.get(site.base + "/moved")
    assert [path for path, _ in site.requests] == ["/moved"]


@pytest.mark.parametrize("url", [
    "http://0177.0.0.1/",  # octal: some resolvers read 127.0.0.1
    "http://0x7f.1/",  # hex, short form
    "http://2130706433/",  # one decimal number
    "http://１２７.０.０.１/",  # full-width digits
    "http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ/",  # circled letters
    "http://exa mple.com/",  # a space in the host
    "http://[::1/",  # an unclosed bracket
    "http://a..b/",  # an empty label
    "http://" + "a" * 300 + ".com/",  # a label over 63 characters
    "http://:80/",  # no host
    "http://xn--a/",  # "Punycode" of a control character (was a 500: IDNA refused to decode it)
    "http://news.xn--a.example/",
    "http://xn--abc-/",  # Punycode of plain ASCII
    "http://news.example:99999/",  # a port out of range (was a 502: "cannot resolve")
    "http://news.example:-1/",
])
def test_every_invalid_url_is_refused_with_a_4xx_naming_it(url):
    """POST /extract answered 500 for some of these (an exception the guard did not expect)."""
    from fastapi.testclient import TestClient

    from onrecord.app import Settings, create_app

    client = TestClient(create_app(Settings()), raise_server_exceptions=False)
    response = client.post("/extract", json={"url": url, "fetch": True})
    assert 400 <= response.status_code < 500, (response.status_code, response.text)


def test_a_name_idna_2008_refuses_is_resolved_as_written(monkeypatch):
    """An emoji domain (``xn--ls8h.la``) is a registered name that IDNA 2008 will not decode:
    it is looked up in its ASCII form, and refused by its address like any other (was a 500)."""
    looked_up = []

    def resolve(host, *args, **kwargs):
        looked_up.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.1", 80))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchRefused, match="xn--ls8h.la resolves to private address 10.0.0.1"):
        AddressPolicy().address_for(httpx.URL("http://xn--ls8h.la/"))
    assert looked_up == ["xn--ls8h.la"]
