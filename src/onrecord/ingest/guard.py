"""Which addresses a URL given by a user may reach: SSRF protection for the server's fetches.

A server that fetches URLs for anyone who asks must not become their way into its own network:
the cloud metadata service (169.254.169.254), an admin page on 127.0.0.1, a database on 10.x.
So every request of a guarded fetch, each redirect hop included, is checked here just before
it is sent: http or https only, a web port, and every address the host resolves to public.
The connection then goes to the address that was checked (the URL's host kept as the ``Host``
header and as the TLS server name), so a DNS answer that changes between check and connect
(DNS rebinding) cannot slip a private address in.

An allow-list (``ONRECORD_FETCH_ALLOW``: host names or CIDR blocks) lets a deployment fetch from
its own private hosts on purpose; allowed destinations may use any port.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable

import httpx

from onrecord.errors import FetchFailed, FetchRefused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Ports a public URL may name: the web's own (80, 443) and their usual alternates. Anything
#: else (SMTP, Redis, SSH on a public address) is not a news page and only helps port scans.
WEB_PORTS = frozenset({80, 443, 8080, 8443})

#: IPv6 blocks that carry an IPv4 address in their last 32 bits (NAT64, RFC 6052): checked as
#: the IPv4 address they reach. IPv4-mapped (::ffff:0:0/96), 6to4 and Teredo are unwrapped by
#: ``ipaddress`` itself.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_HOST_NAME = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)*\.?", re.IGNORECASE)


def _embedded_v4(address: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 address stands for, if it stands for one; else itself."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return address.ipv4_mapped
        if address.sixtofour:
            return address.sixtofour
        if address.teredo:
            return address.teredo[1]
        if address in _NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def why_not_public(address: IPAddress) -> str | None:
    """What kind of non-public address ``address`` is, or None when it is a public one."""
    address = _embedded_v4(address)
    kinds = [
        ("unspecified", address.is_unspecified), ("loopback", address.is_loopback),
        ("link-local", address.is_link_local), ("multicast", address.is_multicast),
        ("reserved", address.is_reserved), ("private", address.is_private),
    ]
    for kind, matches in kinds:
        if matches:
            return f"{kind} address {address}"
    return None if address.is_global else f"non-public address {address}"


class AddressPolicy:
    """Public addresses on web ports, plus whatever ``allow`` names (hosts or CIDR blocks)."""

    def __init__(self, allow: Iterable[str] = (), ports: frozenset[int] = WEB_PORTS) -> None:
        """``ValueError`` on an entry that is neither a CIDR block nor a host name."""
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        self.hosts: set[str] = set()
        self.ports = ports
        for entry in (e.strip() for e in allow):
            if not entry:
                continue
            try:
                self.networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                if not _HOST_NAME.fullmatch(entry):
                    raise ValueError(f"not a host name or CIDR block: {entry!r}") from None
                self.hosts.add(entry.lower().rstrip("."))

    def _allowed(self, host: str, address: IPAddress) -> bool:
        return host in self.hosts or any(address in net for net in self.networks)

    def address_for(self, url: httpx.URL) -> IPAddress:
        """The checked address to connect to for ``url``; ``FetchRefused`` naming the problem.

        Every address the host resolves to must pass, not only the one used: otherwise the
        answer's order would decide whether a private address is reached.
        """
        shown = str(url)
        if url.scheme not in ("http", "https"):
            raise FetchRefused(shown, f"only http and https URLs are fetched, not {url.scheme}:")
        host = ascii_host(url)
        if not host:
            raise FetchRefused(shown, "the URL names no host")
        port = url.port or (443 if url.scheme == "https" else 80)
        addresses = _resolve(shown, host, port)
        for address in addresses:
            if self._allowed(host, address):
                continue
            if problem := why_not_public(address):
                named = "" if _is_address(host) else f"{host} resolves to "
                raise FetchRefused(shown, f"{named}{problem}: not fetched")
            if port not in self.ports:
                web = ", ".join(str(p) for p in sorted(self.ports))
                raise FetchRefused(shown, f"port {port} is not a web port ({web})")
        return addresses[0]


def ascii_host(url: httpx.URL) -> str:
    """The host as it is resolved and sent: IDNA-encoded (``xn--…``), lower case, no final dot.
    httpx's ``url.host`` decodes it again and raises on a label IDNA 2008 refuses (an emoji
    domain, ``xn--a``): that error would escape as a 500."""
    return url.raw_host.decode("ascii").lower().rstrip(".")


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _resolve(shown: str, host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (an address literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed(shown, f"cannot resolve host {host} ({exc})") from None
    # getaddrinfo gives "fe80::1%eth0" for scoped addresses: the scope is not part of the address
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


class GuardedTransport(httpx.HTTPTransport):
    """An httpx transport that sends each request only to an address its policy accepts.

    httpx calls it once per hop, so a redirect to a private address is refused like a URL
    that names one.
    """

    def __init__(self, policy: AddressPolicy, **kwargs) -> None:
        super().__init__(**kwargs)
        self.policy = policy

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        address = self.policy.address_for(request.url)
        pinned = httpx.Request(
            request.method,
            request.url.copy_with(host=str(address)),
            headers=request.headers,  # keeps Host: the name the user gave
            stream=request.stream,
            extensions={**request.extensions, "sni_hostname": ascii_host(request.url)},
        )
        return super().handle_request(pinned)
