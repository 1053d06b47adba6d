"""Source-network allowlists: which networks (CIDRs) a carrier's webhooks may come from.

Carriers without a body signature (Bandwidth's HTTP Basic auth) prove who calls, not what they
send; an allowlist of the carrier's callback networks narrows who can call at all. The networks
are supplied per inbox by its admin, from the carrier's own documentation or support.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
MAX_SOURCE_NETWORKS = 50


def parse_networks(values: Iterable[str]) -> list[Network]:
    """CIDRs (a bare address is one host); ValueError names the first that is not one.

    Host bits must be zero (``10.0.0.1/24`` is refused) so a typo cannot widen the network.
    """
    networks: list[Network] = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(str(value).strip(), strict=True))
        except ValueError:
            raise ValueError(f"{value!r} is not a CIDR network such as 192.0.2.0/24") from None
    return networks


def canonical_networks(values: Sequence[str]) -> list[str]:
    """The allowlist as stored: validated, in canonical form, without duplicates."""
    if len(values) > MAX_SOURCE_NETWORKS:
        raise ValueError(f"at most {MAX_SOURCE_NETWORKS} networks")
    return list(dict.fromkeys(str(n) for n in parse_networks(values)))


def source_ip(event: Mapping[str, Any]) -> str | None:
    """The caller's address in an API Gateway event: REST (v1) ``identity.sourceIp``, HTTP API
    (v2) ``http.sourceIp``. API Gateway sets it from the connection, not from a header."""
    context = event.get("requestContext") or {}
    for part in ("identity", "http"):
        value = (context.get(part) or {}).get("sourceIp")
        if isinstance(value, str) and value:
            return value
    return None


def source_allowed(address: str | None, cidrs: Iterable[str]) -> bool:
    """True if ``address`` lies in one of ``cidrs``; a missing or malformed address never does."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in parse_networks(cidrs))
