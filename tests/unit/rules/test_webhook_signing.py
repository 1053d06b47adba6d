"""The outgoing webhooks' signature scheme (rules/webhook_signing.py), table-driven."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from optout.rules import webhook_signing as signing

SECRET = "whsec_" + "ab" * 32
BODY = b'{"id":"evt_1","type":"ContactOptedOut"}'
NOW = 1_800_000_000


def test_signature_is_hmac_sha256_of_timestamp_dot_body() -> None:
    expected = hmac.new(SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert signing.signature_header(SECRET, NOW, BODY) == f"t={NOW},v1={expected}"


def _header(timestamp: int = NOW, body: bytes = BODY, secret: str = SECRET) -> str:
    return signing.signature_header(secret, timestamp, body)


@pytest.mark.parametrize(
    ("header", "body", "now", "valid"),
    [
        (_header(), BODY, NOW, True),
        (_header(), BODY, NOW + 300, True),  # the edge of the 5-minute tolerance
        (_header(), BODY, NOW - 300, True),  # a clock a little behind
        (_header(), BODY, NOW + 301, False),  # too old: a replay
        (_header(), BODY, NOW - 301, False),  # too far in the future
        (_header(), BODY + b" ", NOW, False),  # the body changed
        (_header(secret="whsec_other"), BODY, NOW, False),  # another secret
        (_header(NOW - 1), BODY, NOW, True),
        (_header().replace(f"t={NOW}", f"t={NOW + 1}"), BODY, NOW, False),  # the timestamp changed
        (f"t={NOW},v1=deadbeef," + _header().split(",")[1], BODY, NOW, True),  # two v1: one matches
        (f"v1={signing.signature(SECRET, NOW, BODY)}", BODY, NOW, False),  # no timestamp
        (f"t={NOW}", BODY, NOW, False),  # no signature
        ("", BODY, NOW, False),
        ("t=abc,v1=00", BODY, NOW, False),
    ],
)
def test_verify(header: str, body: bytes, now: int, valid: bool) -> None:
    assert signing.verify(SECRET, header, body, now=now) is valid
