"""Twilio: X-Twilio-Signature verification against twilio's own RequestValidator."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl

import pytest
from carrier_fixtures import SAMPLES, sample_body, sample_ids, sample_request
from twilio.request_validator import RequestValidator

from optout.carriers import SignatureError, WebhookRequest, verify_request
from optout.carriers.carrier_errors import ConfigurationError
from optout.carriers.signatures import twilio_signature, verify_twilio

TOKEN = "12345"
TWILIO_SAMPLES = [s for s in SAMPLES if s["provider"] == "twilio"]


def sdk_signature(url: str, body: bytes, token: str = TOKEN) -> str:
    """Sign exactly as Twilio does: RequestValidator over the form dict, blank values kept."""
    params = dict(parse_qsl(body.decode(), keep_blank_values=True))
    return RequestValidator(token).compute_signature(url, params)


def form_request(url: str, body: bytes, signature: str | None) -> WebhookRequest:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    return WebhookRequest("POST", url, headers, body)


@pytest.mark.parametrize("sample", TWILIO_SAMPLES, ids=sample_ids(TWILIO_SAMPLES))
def test_signed_samples_verify(sample: dict) -> None:
    signature = sdk_signature(sample["url"], sample_body(sample))
    request = sample_request(sample, {"X-Twilio-Signature": signature})
    verify_request("twilio", request, {"auth_token": TOKEN})


def test_blank_values_are_signed() -> None:
    body = b"Body=STOP&FromZip=&FromCity=&From=%2B15551230001&To=%2B15005550001&MessageSid=SM1"
    url = "https://hooks.example.com/prod/carriers/twilio/inbound"
    verify_twilio(form_request(url, body, sdk_signature(url, body)), TOKEN)
    # Dropping blank values (a classic bug) gives a different signature, which must not verify.
    without_blanks = twilio_signature(url, parse_qsl(body.decode()), TOKEN)
    with pytest.raises(SignatureError):
        verify_twilio(form_request(url, body, without_blanks), TOKEN)


def test_url_with_query_string() -> None:
    url = "https://hooks.example.com/prod/carriers/twilio/status?broadcast_id=bc-1&x=%20y"
    body = b"MessageSid=SM1&MessageStatus=delivered&To=%2B15551230001&From=%2B15005550001"
    verify_twilio(form_request(url, body, sdk_signature(url, body)), TOKEN)
    other_query = url.replace("bc-1", "bc-2")
    with pytest.raises(SignatureError):
        verify_twilio(form_request(other_query, body, sdk_signature(url, body)), TOKEN)


def test_reference_vectors() -> None:
    # twilio-python tests/unit/test_request_validator.py (docs/carriers.md §1.2)
    uri = "https://mycompany.com/myapp.php?foo=1&bar=2"
    params = {
        "CallSid": "CA1234567890ABCDE",
        "Digits": "1234",
        "From": "+14158675309",
        "To": "+18005551212",
        "Caller": "+14158675309",
    }
    assert twilio_signature(uri, params, TOKEN) == "RSOYDt4T1cUTdK1PDd93/VVr8B8="
    body = "&".join(f"{k}={v}" for k, v in params.items()).replace("+", "%2B").encode()
    for url, signature in [
        (uri, "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        # Port stripped before signing: request arrives on :1234, signed without the port.
        ("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        # Default port added: signed with :443 although the request URL has none.
        (uri, "kvajT1Ptam85bY51eRf/AJRuM3w="),
        ("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4="),
        ("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="),
    ]:
        verify_twilio(form_request(url, body, signature), TOKEN)


def test_json_body_with_body_sha256() -> None:
    body = b'{"property": "value", "boolean": true}'
    body_hash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
    assert hashlib.sha256(body).hexdigest() == body_hash
    url = f"https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256={body_hash}"
    assert RequestValidator(TOKEN).validate(url, body.decode(), "a9nBmqA0ju/hNViExpshrM61xv4=")
    signature = "a9nBmqA0ju/hNViExpshrM61xv4="
    headers = {"Content-Type": "application/json", "X-Twilio-Signature": signature}
    verify_twilio(WebhookRequest("POST", url, headers, body), TOKEN)
    with pytest.raises(SignatureError, match="bodySHA256"):
        verify_twilio(WebhookRequest("POST", url, headers, body + b" "), TOKEN)


def test_get_webhook_signs_url_only() -> None:
    url = "https://hooks.example.com/carriers/twilio/inbound?From=%2B15551230001&Body=STOP&FromZip="
    signature = RequestValidator(TOKEN).compute_signature(url, {})
    verify_twilio(WebhookRequest("GET", url, {"X-Twilio-Signature": signature}), TOKEN)


def test_lowercase_header_name() -> None:
    sample = TWILIO_SAMPLES[0]
    signature = sdk_signature(sample["url"], sample_body(sample))
    verify_twilio(sample_request(sample, {"x-twilio-signature": signature}), TOKEN)


def test_hmac_sha256_shared_key_setting() -> None:
    url = "https://hooks.example.com/t"
    body = b"Body=STOP&From=%2B15551230001"
    params = dict(parse_qsl(body.decode(), keep_blank_values=True))
    signature = RequestValidator("shared").compute_signature(url, params, "HMAC_SHA256")
    request = WebhookRequest(
        "POST",
        url,
        {
            "X-Twilio-Signature": signature,
            "X-Twilio-Webhooks-Signature-Settings": "key=sharedkey_1,algorithm=HMAC_SHA256",
        },
        body,
    )
    verify_twilio(request, "shared")


@pytest.mark.parametrize("kind", ["inbound", "status"])
def test_forged_tampered_and_missing(kind: str) -> None:
    sample = next(s for s in TWILIO_SAMPLES if s["kind"] == kind)
    body = sample_body(sample)
    good = sdk_signature(sample["url"], body)
    forged = sdk_signature(sample["url"], body, token="wrong-token")
    with pytest.raises(SignatureError, match="does not match"):
        verify_twilio(form_request(sample["url"], body, forged), TOKEN)
    tampered = body.replace(b"%2B15551230001", b"%2B15551230002")
    assert tampered != body
    with pytest.raises(SignatureError, match="does not match"):
        verify_twilio(form_request(sample["url"], tampered, good), TOKEN)
    with pytest.raises(SignatureError, match="missing"):
        verify_twilio(form_request(sample["url"], body, None), TOKEN)


def test_missing_token_is_configuration_error() -> None:
    sample = TWILIO_SAMPLES[0]
    with pytest.raises(ConfigurationError):
        verify_request("twilio", sample_request(sample, {"X-Twilio-Signature": "x"}), {})
