"""The outgoing webhooks' signature: `Optout-Signature: t=<unix time>,v1=<hex HMAC-SHA256>` of
`"<t>.<body>"` with the webhook's secret (docs/webhooks.md). Pure: the sender signs with it and the
tests (and subscribers, with the snippet in the docs) verify with it."""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "Optout-Signature"
EVENT_ID_HEADER = "Optout-Event-Id"
EVENT_TYPE_HEADER = "Optout-Event-Type"
ATTEMPT_HEADER = "Optout-Delivery-Attempt"
TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of `"<timestamp>.<body>"`."""
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def parse_header(header: str) -> tuple[int | None, list[str]]:
    """The timestamp and every v1 signature of a header (a secret rotation may send two)."""
    timestamp: int | None = None
    found: list[str] = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t" and value.isdigit():
            timestamp = int(value)
        elif name == "v1" and value:
            found.append(value)
    return timestamp, found


def verify(secret: str, header: str, body: bytes, *, now: int, tolerance: int = TOLERANCE_SECONDS) -> bool:
    """True if `header` signs `body` with `secret` within `tolerance` seconds of `now`."""
    timestamp, candidates = parse_header(header)
    if timestamp is None or abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)
