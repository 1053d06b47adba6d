"""Vonage: Messages API signed JWT (signed here with PyJWT) and SMS API ``sig`` parameter."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import parse_qsl, urlencode

import jwt
import pytest
from carrier_fixtures import SAMPLES, sample_body, sample_ids, sample_request

from optout.carriers import SignatureError, WebhookRequest, verify_request
from optout.carriers.carrier_errors import ConfigurationError
from optout.carriers.signatures import (
    verify_vonage_jwt,
    verify_vonage_sms_signature,
    vonage_sms_signature,
)

SECRET = "vonage-signature-secret-0123456789abcdef"
NOW = 1_784_289_600
MESSAGES_SAMPLES = [s for s in SAMPLES if s["provider"] == "vonage" and not s["file"].startswith("vonage/sms_")]
SMS_SAMPLES = [s for s in SAMPLES if s["file"].startswith("vonage/sms_")]


def bearer(body: bytes, secret: str = SECRET, **overrides: object) -> dict[str, str]:
    claims = {
        "iat": NOW,
        "jti": "c5ba8f24-1a14-4c10-bfdf-3fbe8ce511b5",
        "iss": "Vonage",
        "payload_hash": hashlib.sha256(body).hexdigest(),
        "api_key": "a1b2c3d",
        "application_id": "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
        **overrides,
    }
    claims = {k: v for k, v in claims.items() if v is not None}
    return {"Authorization": "Bearer " + jwt.encode(claims, secret, algorithm="HS256")}


@pytest.mark.parametrize("sample", MESSAGES_SAMPLES, ids=sample_ids(MESSAGES_SAMPLES))
def test_signed_messages_api_samples_verify(sample: dict) -> None:
    request = sample_request(sample, bearer(sample_body(sample)))
    verify_request("vonage", request, {"signature_secret": SECRET}, now=NOW)


def test_returns_claims_and_checks_api_key() -> None:
    sample = MESSAGES_SAMPLES[0]
    request = sample_request(sample, bearer(sample_body(sample)))
    claims = verify_vonage_jwt(request, SECRET, now=NOW, api_key="a1b2c3d")
    assert claims["iss"] == "Vonage"
    with pytest.raises(SignatureError, match="api_key"):
        verify_vonage_jwt(request, SECRET, now=NOW, api_key="other")


@pytest.mark.parametrize("kind", ["inbound", "status"])
def test_forged_tampered_missing(kind: str) -> None:
    sample = next(s for s in MESSAGES_SAMPLES if s["kind"] == kind)
    body = sample_body(sample)
    with pytest.raises(SignatureError, match="signature does not match"):
        forged = sample_request(sample, bearer(body, "wrong-secret-" + "x" * 32))
        verify_vonage_jwt(forged, SECRET, now=NOW)
    tampered = WebhookRequest("POST", sample["url"], bearer(body), body.replace(b"1555", b"1556"))
    with pytest.raises(SignatureError, match="payload_hash"):
        verify_vonage_jwt(tampered, SECRET, now=NOW)
    with pytest.raises(SignatureError, match="missing"):
        verify_request("vonage", sample_request(sample), {"signature_secret": SECRET}, now=NOW)


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"iat": NOW + 3600}, "future"),
        ({"iat": NOW - 30 * 3600}, "too old"),
        ({"iat": None}, "no iat"),
        ({"iat": "yesterday"}, "not a number"),
        ({"exp": NOW - 3600}, "expired"),
        ({"nbf": NOW + 3600}, "not valid yet"),
        ({"payload_hash": None}, "payload_hash"),
    ],
)
def test_claim_sanity(overrides: dict, reason: str) -> None:
    sample = MESSAGES_SAMPLES[0]
    request = sample_request(sample, bearer(sample_body(sample), **overrides))
    with pytest.raises(SignatureError, match=reason):
        verify_vonage_jwt(request, SECRET, now=NOW)


def test_algorithm_is_pinned() -> None:
    sample = MESSAGES_SAMPLES[0]
    body = sample_body(sample)
    claims = {"iat": NOW, "payload_hash": hashlib.sha256(body).hexdigest()}
    unsigned = jwt.encode(claims, None, algorithm="none")
    hs512 = jwt.encode(claims, SECRET * 2, algorithm="HS512")
    for token in (unsigned, hs512, "not.a.jwt", "onlyonepart"):
        request = WebhookRequest("POST", sample["url"], {"Authorization": f"Bearer {token}"}, body)
        with pytest.raises(SignatureError):
            verify_vonage_jwt(request, SECRET, now=NOW)


def test_unconfigured_secret() -> None:
    sample = MESSAGES_SAMPLES[0]
    with pytest.raises(ConfigurationError):
        verify_vonage_jwt(sample_request(sample, bearer(sample_body(sample))), "", now=NOW)


# --- SMS API ``sig`` -----------------------------------------------------------------------


def test_sdk_reference_vectors() -> None:
    # vonage-http-client tests/test_auth.py (docs/carriers.md §4.2), secret "signature_secret".
    params = {"param1": "value1", "param2": "value2", "timestamp": 1234567890}
    assert vonage_sms_signature(params, "signature_secret", "sha256") == (
        "280c4320703dbc98bfa22db676655ed2acfbfe8792b062ff7622e67f1183c287"
    )
    assert vonage_sms_signature(params, "signature_secret", "md5") == ("724c2bf6ca423c36e20631b11d1c5753")
    signed = {
        "param": "value",
        "timestamp": "1234567890",
        "sig": "655a4d0b7f064dff438defc52b012cf5",
    }
    at = 1234567890 + 60  # the vector's own time: its signed timestamp is fresh then
    verify_vonage_sms_signature(signed, "signature_secret", "md5", now=at)
    # Upper-case hex (as in the spec example) is accepted too.
    verify_vonage_sms_signature({**signed, "sig": signed["sig"].upper()}, "signature_secret", "md5", now=at)


def test_md5hash_mode_and_value_escaping() -> None:
    params = {"text": "a&b=c", "timestamp": "1"}
    expected = hashlib.md5(b"&text=a_b_c&timestamp=1" + SECRET.encode()).hexdigest()
    assert vonage_sms_signature(params, SECRET, "md5hash") == expected


@pytest.mark.parametrize("method", ["md5hash", "md5", "sha1", "sha256", "sha512"])
@pytest.mark.parametrize("sample", SMS_SAMPLES, ids=sample_ids(SMS_SAMPLES))
def test_signed_sms_api_samples_verify(sample: dict, method: str, signing) -> None:
    body = sample_body(sample)
    is_form = sample["content_type"].endswith("urlencoded")
    params = dict(parse_qsl(body.decode())) if is_form else json.loads(body)
    signed = signing.vonage_sms_signed(params, SECRET, method, timestamp=NOW)
    raw = urlencode(signed).encode() if is_form else json.dumps(signed).encode()
    request = WebhookRequest("POST", sample["url"], {"Content-Type": sample["content_type"]}, raw)
    creds = {"signature_secret": SECRET, "signature_method": method}
    verify_request("vonage", request, creds, now=NOW)
    tampered = WebhookRequest("POST", sample["url"], request.headers, raw.replace(b"1555", b"1556"))
    with pytest.raises(SignatureError, match="sig does not match"):
        verify_request("vonage", tampered, creds, now=NOW)
    with pytest.raises(SignatureError, match="sig does not match"):
        verify_request("vonage", request, {**creds, "signature_secret": "wrong"}, now=NOW)


def test_sms_api_get_request_and_timestamp_window(signing) -> None:
    params = {"msisdn": "15551230001", "to": "15005550004", "messageId": "1", "text": "STOP"}
    signed = signing.vonage_sms_signed(params, SECRET, "sha256", timestamp=NOW)
    url = "https://hooks.example.com/carriers/vonage/inbound?" + urlencode(signed)
    creds = {"signature_secret": SECRET, "signature_method": "sha256"}
    verify_request("vonage", WebhookRequest("GET", url), creds, now=NOW)
    verify_vonage_sms_signature(signed, SECRET, "sha256", now=NOW + 60, tolerance_seconds=300)
    with pytest.raises(SignatureError, match="window"):
        verify_vonage_sms_signature(signed, SECRET, "sha256", now=NOW + 600, tolerance_seconds=300)
    unsigned = {k: v for k, v in signed.items() if k != "sig"}
    with pytest.raises(SignatureError, match="missing"):
        verify_request("vonage", WebhookRequest("GET", url.split("?")[0] + "?" + urlencode(unsigned)), creds)


def test_unknown_signature_method_is_configuration_error() -> None:
    with pytest.raises(ConfigurationError):
        vonage_sms_signature({"a": "b"}, SECRET, "sha3")
