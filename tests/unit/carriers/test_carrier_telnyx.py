"""Telnyx: Ed25519 over "{timestamp}|{body}" (signed here with PyNaCl, as Telnyx's SDK verifies)."""

from __future__ import annotations

import base64

import pytest
from carrier_fixtures import SAMPLES, sample_body, sample_ids, sample_request
from nacl.signing import SigningKey

from optout.carriers import SignatureError, verify_request
from optout.carriers.carrier_errors import ConfigurationError
from optout.carriers.signatures import verify_telnyx

NOW = 1_784_289_600
TELNYX_SAMPLES = [s for s in SAMPLES if s["provider"] == "telnyx"]
KEY = SigningKey.generate()
PUBLIC = base64.b64encode(bytes(KEY.verify_key)).decode()


def headers(body: bytes, timestamp: int = NOW, key: SigningKey = KEY) -> dict[str, str]:
    signed = key.sign(f"{timestamp}|".encode() + body)
    return {
        "telnyx-signature-ed25519": base64.b64encode(signed.signature).decode(),
        "telnyx-timestamp": str(timestamp),
    }


@pytest.mark.parametrize("sample", TELNYX_SAMPLES, ids=sample_ids(TELNYX_SAMPLES))
def test_signed_samples_verify(sample: dict) -> None:
    request = sample_request(sample, headers(sample_body(sample)))
    verify_request("telnyx", request, {"public_key": PUBLIC}, now=NOW)


def test_headers_are_case_insensitive() -> None:
    sample = TELNYX_SAMPLES[0]
    upper = {k.title(): v for k, v in headers(sample_body(sample)).items()}
    verify_telnyx(sample_request(sample, upper), PUBLIC, now=NOW)


@pytest.mark.parametrize("kind", ["inbound", "status"])
def test_forged_tampered_missing(kind: str) -> None:
    sample = next(s for s in TELNYX_SAMPLES if s["kind"] == kind)
    body = sample_body(sample)
    forged = sample_request(sample, headers(body, key=SigningKey.generate()))
    with pytest.raises(SignatureError, match="does not match"):
        verify_telnyx(forged, PUBLIC, now=NOW)
    good = headers(body)
    tampered = sample_request(sample, good)
    object.__setattr__(tampered, "body", body.replace(b"+15551230001", b"+15551230002"))
    with pytest.raises(SignatureError, match="does not match"):
        verify_telnyx(tampered, PUBLIC, now=NOW)
    for missing in good:
        partial = {k: v for k, v in good.items() if k != missing}
        with pytest.raises(SignatureError, match="missing"):
            verify_telnyx(sample_request(sample, partial), PUBLIC, now=NOW)


def test_timestamp_is_part_of_the_signature() -> None:
    sample = TELNYX_SAMPLES[0]
    good = headers(sample_body(sample))
    moved = {**good, "telnyx-timestamp": str(NOW + 1)}
    with pytest.raises(SignatureError, match="does not match"):
        verify_telnyx(sample_request(sample, moved), PUBLIC, now=NOW)


@pytest.mark.parametrize("offset", [-301, 301, -10_000])
def test_stale_or_future_timestamp(offset: int) -> None:
    sample = TELNYX_SAMPLES[0]
    request = sample_request(sample, headers(sample_body(sample), timestamp=NOW + offset))
    with pytest.raises(SignatureError, match="window"):
        verify_telnyx(request, PUBLIC, now=NOW)


def test_tolerance_edges_and_override() -> None:
    sample = TELNYX_SAMPLES[0]
    request = sample_request(sample, headers(sample_body(sample), timestamp=NOW - 300))
    verify_telnyx(request, PUBLIC, now=NOW)
    with pytest.raises(SignatureError):
        verify_telnyx(request, PUBLIC, now=NOW, tolerance_seconds=60)


@pytest.mark.parametrize(
    ("signature", "timestamp", "reason"),
    [
        ("not base64!!", str(NOW), "base64"),
        (base64.b64encode(b"short").decode(), str(NOW), "64-byte"),
        (base64.b64encode(bytes(64)).decode(), "yesterday", "Unix timestamp"),
    ],
)
def test_malformed_headers(signature: str, timestamp: str, reason: str) -> None:
    sample = TELNYX_SAMPLES[0]
    request = sample_request(sample, {"telnyx-signature-ed25519": signature, "telnyx-timestamp": timestamp})
    with pytest.raises(SignatureError, match=reason):
        verify_telnyx(request, PUBLIC, now=NOW)


def test_bad_configured_key() -> None:
    sample = TELNYX_SAMPLES[0]
    request = sample_request(sample, headers(sample_body(sample)))
    with pytest.raises(ConfigurationError):
        verify_telnyx(request, base64.b64encode(b"too short").decode(), now=NOW)


def test_cryptography_signed_request_verifies(signing) -> None:
    private, public = signing.telnyx_keypair()
    sample = TELNYX_SAMPLES[0]
    body = sample_body(sample)
    request = sample_request(sample, signing.telnyx_headers(body, private, NOW))
    verify_telnyx(request, public, now=NOW)
