"""Which URLs a webhook may be registered with, and which addresses the sender may connect to.

HTTPS only, no credentials in the URL, no address that is not public (private, loopback,
link-local, the instance metadata service...), so a tenant cannot aim the sender at the network it
runs in. `allow_loopback` (the local stack and its tests only) also accepts plain http to
127.0.0.1, ::1 and localhost. Pure: the registration checks the URL, the transport each address a
name resolves to.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2048
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
# Names that only ever resolve inside a network (RFC 6761/6762 and the clouds' own).
_INTERNAL_SUFFIXES = (".localhost", ".local", ".internal", ".localdomain", ".home.arpa")


def address_allowed(address: str, *, allow_loopback: bool) -> bool:
    """True if the sender may connect to this IP address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return allow_loopback
    return ip.is_global and not ip.is_multicast


def _host_problem(host: str, *, allow_loopback: bool) -> str | None:
    if not host:
        return "the URL names no host"
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return None if allow_loopback else "the URL names this machine (loopback)"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host.endswith(_INTERNAL_SUFFIXES) or "." not in host:
            return "the URL names a host inside a private network"
        return None
    if not address_allowed(host, allow_loopback=allow_loopback):
        return "the URL names a private, link-local or reserved address"
    return None


def url_problem(url: str, *, allow_loopback: bool) -> str | None:
    """Why `url` cannot be a webhook endpoint, or None when it can."""
    if len(url) > MAX_URL_LENGTH:
        return f"the URL is longer than {MAX_URL_LENGTH} characters"
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return "the URL contains whitespace or control characters"
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError:
        return "the URL is not valid"
    if parts.username is not None or parts.password is not None:
        return "the URL must not carry credentials (user:password@)"
    if parts.fragment:
        return "the URL must not have a fragment (#...)"
    problem = _host_problem(host, allow_loopback=allow_loopback)
    if problem:
        return problem
    if parts.scheme == "https":
        return None
    if parts.scheme == "http" and allow_loopback and host in LOOPBACK_NAMES | {"localhost"}:
        return None
    return "the URL must use https"
