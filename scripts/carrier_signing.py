"""Sign carrier webhooks the way each provider does, for local testing and the test-suite.

Kept out of the Lambda layer on purpose: production only *verifies*. The symmetric HMAC
computations (Twilio, Vonage SMS ``sig``, HS256) are reused from ``optout.carriers.signatures``
so signing and verification cannot drift apart; Ed25519 signing, JWT minting, SNS signing and
test certificates exist only here.

Import from tests with ``sys.path.insert(0, "<repo>/scripts")``; this module adds
``layers/core`` to ``sys.path`` itself.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import json
import sys
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

_LAYER = Path(__file__).resolve().parents[1] / "layers" / "core"
if str(_LAYER) not in sys.path:
    sys.path.insert(0, str(_LAYER))

from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa  # noqa: E402
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID  # noqa: E402
from cryptography.x509.verification import Store  # noqa: E402

from optout.carriers.signatures import (  # noqa: E402
    TELNYX_SIGNATURE_HEADER,
    TELNYX_TIMESTAMP_HEADER,
    TWILIO_SIGNATURE_HEADER,
    hs256,
    twilio_signature,
    vonage_sms_signature,
)
from optout.carriers.sns import SnsMessage, string_to_sign  # noqa: E402

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
_CA_USAGE = x509.KeyUsage(
    digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
    key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
)


# --- Twilio ---------------------------------------------------------------------------------


def twilio_json_url(url: str, body: bytes) -> str:
    """URL with the ``bodySHA256`` query parameter Twilio adds for JSON bodies."""
    joiner = "&" if urlsplit(url).query else "?"
    return f"{url}{joiner}bodySHA256={hashlib.sha256(body).hexdigest()}"


def twilio_headers(
    url: str, body: bytes, auth_token: str, content_type: str = FORM
) -> dict[str, str]:
    """Form bodies sign url + sorted params (blank values kept); JSON bodies sign the URL only
    (which must already carry ``bodySHA256``, see :func:`twilio_json_url`)."""
    params = parse_qsl(body.decode("utf-8"), keep_blank_values=True) if content_type == FORM else []
    return {
        "Content-Type": content_type,
        TWILIO_SIGNATURE_HEADER: twilio_signature(url, params, auth_token),
    }


# --- Telnyx ---------------------------------------------------------------------------------


def telnyx_keypair() -> tuple[str, str]:
    """A fresh (private seed base64, public key base64) pair."""
    key = ed25519.Ed25519PrivateKey.generate()
    seed = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(seed).decode(), telnyx_public_key(base64.b64encode(seed).decode())


def telnyx_public_key(private_key_b64: str) -> str:
    key = ed25519.Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key_b64))
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def telnyx_headers(
    body: bytes, private_key_b64: str, timestamp: int | None = None
) -> dict[str, str]:
    key = ed25519.Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key_b64))
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = key.sign(stamp.encode() + b"|" + body)
    return {
        "Content-Type": JSON,
        TELNYX_SIGNATURE_HEADER: base64.b64encode(signature).decode(),
        TELNYX_TIMESTAMP_HEADER: stamp,
    }


# --- Bandwidth ------------------------------------------------------------------------------


def basic_auth_headers(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Content-Type": JSON, "Authorization": f"Basic {token}"}


# --- Vonage ---------------------------------------------------------------------------------


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def vonage_jwt(
    body: bytes,
    signature_secret: str,
    *,
    iat: int | None = None,
    api_key: str = "abcd1234",
    application_id: str | None = None,
    extra_claims: Mapping[str, Any] | None = None,
) -> str:
    """An HS256 JWT shaped like Vonage's signed-webhook token (claims per docs/carriers.md §4.1)."""
    claims: dict[str, Any] = {
        "iat": int(time.time()) if iat is None else iat,
        "jti": str(uuid.uuid4()),
        "iss": "Vonage",
        "payload_hash": hashlib.sha256(body).hexdigest(),
        "api_key": api_key,
    }
    if application_id:
        claims["application_id"] = application_id
    claims.update(extra_claims or {})
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64url(json.dumps(claims).encode())
    signature = _b64url(hs256(f"{header}.{payload}".encode(), signature_secret))
    return f"{header}.{payload}.{signature}"


def vonage_headers(body: bytes, signature_secret: str, **claims: Any) -> dict[str, str]:
    return {
        "Content-Type": JSON,
        "Authorization": f"Bearer {vonage_jwt(body, signature_secret, **claims)}",
    }


def vonage_sms_signed(
    params: Mapping[str, Any],
    signature_secret: str,
    method: str = "md5hash",
    timestamp: int | None = None,
) -> dict[str, str]:
    """SMS API parameters plus ``timestamp`` and ``sig``."""
    signed = {k: str(v) for k, v in params.items() if k != "sig"}
    signed["timestamp"] = str(int(time.time()) if timestamp is None else timestamp)
    signed["sig"] = vonage_sms_signature(signed, signature_secret, method)
    return signed


# --- SNS (tests only: AWS's private key is not ours) ---------------------------------------


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


@functools.cache
def sns_test_ca() -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A root CA (one per process) that the tests trust in place of the real roots."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=3650)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("optout test SNS root"))
        .issuer_name(_name("optout test SNS root"))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=7300))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_CA_USAGE, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def sns_test_trust_store() -> Store:
    """The store to put in ``optout.carriers.sns_trust.trust_store_override`` during tests."""
    return Store([sns_test_ca()[1]])


def sns_test_certificate(
    valid_from: dt.datetime | None = None,
    days: int = 30,
    *,
    name: str = "sns.amazonaws.com",
    self_signed: bool = False,
) -> tuple[rsa.RSAPrivateKey, bytes]:
    """An RSA certificate standing in for SNS's signing certificate, issued by the test CA
    (or, with ``self_signed``, by itself, as a forger would make one)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_key, ca_cert = (key, None) if self_signed else sns_test_ca()
    start = valid_from or (dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(_name(name) if ca_cert is None else ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
    )
    cert = builder.sign(ca_key, hashes.SHA256())
    return key, cert.public_bytes(serialization.Encoding.PEM)


def sign_sns(
    envelope: Mapping[str, Any],
    private_key: rsa.RSAPrivateKey,
    *,
    version: str = "1",
    cert_url: str = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem",
    timestamp: str | None = None,
) -> dict[str, Any]:
    """Copy of an SNS envelope (HTTP body or Lambda ``Sns`` dict) with a valid signature.

    ``Timestamp`` becomes now (SNS stamps it on publishing) unless ``timestamp`` is given. The
    key spelling of the certificate URL (``SigningCertURL`` vs ``SigningCertUrl``) is kept.
    """
    signed = dict(envelope)
    signed["Timestamp"] = timestamp or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    cert_key = "SigningCertUrl" if "SigningCertUrl" in signed else "SigningCertURL"
    signed[cert_key] = cert_url
    signed["SignatureVersion"] = version
    digest = hashes.SHA1() if version == "1" else hashes.SHA256()
    data = string_to_sign(SnsMessage.from_mapping(signed))
    signed["Signature"] = base64.b64encode(
        private_key.sign(data, padding.PKCS1v15(), digest)
    ).decode()
    return signed


def sign_sns_event(
    event: Mapping[str, Any], private_key: rsa.RSAPrivateKey, **kwargs: Any
) -> dict[str, Any]:
    """Copy of an SNS→Lambda event with every record's ``Sns`` re-signed."""
    records = [{**r, "Sns": sign_sns(r["Sns"], private_key, **kwargs)} for r in event["Records"]]
    return {**event, "Records": records}


# --- whole requests -------------------------------------------------------------------------


def sign(
    provider: str,
    url: str,
    body: bytes,
    secret: Mapping[str, str],
    content_type: str | None = None,
    *,
    now: int | None = None,
) -> dict[str, str]:
    """Headers that make ``body`` POSTed to ``url`` verify for ``provider``.

    ``secret`` keys: twilio ``auth_token``; telnyx ``private_key`` (base64 Ed25519 seed);
    bandwidth ``username``/``password``; vonage ``signature_secret``.
    """
    if provider == "twilio":
        return twilio_headers(url, body, secret["auth_token"], content_type or FORM)
    if provider == "telnyx":
        return telnyx_headers(body, secret["private_key"], now)
    if provider == "bandwidth":
        return basic_auth_headers(secret["username"], secret["password"])
    if provider == "vonage":
        return vonage_headers(body, secret["signature_secret"], iat=now)
    raise ValueError(f"cannot sign for provider {provider!r} (AWS/SNS is signed by AWS)")


def inbound_body(
    provider: str, from_: str, to: str, text: str, message_id: str | None = None
) -> bytes:
    """A minimal inbound-SMS body in the provider's documented shape."""
    mid = message_id or uuid.uuid4().hex
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if provider == "twilio":
        return urlencode(
            {
                "MessageSid": mid,
                "SmsMessageSid": mid,
                "SmsSid": mid,
                "AccountSid": "AC" + "0" * 32,
                "From": from_,
                "To": to,
                "Body": text,
                "NumMedia": "0",
                "NumSegments": "1",
                "SmsStatus": "received",
                "ApiVersion": "2010-04-01",
            }
        ).encode()
    if provider == "telnyx":
        payload = {
            "record_type": "message",
            "direction": "inbound",
            "id": mid,
            "type": "SMS",
            "from": {"phone_number": from_},
            "to": [{"phone_number": to, "status": "delivered"}],
            "text": text,
            "media": [],
            "received_at": now,
        }
        return _json(
            {
                "data": {
                    "record_type": "event",
                    "id": str(uuid.uuid4()),
                    "event_type": "message.received",
                    "occurred_at": now,
                    "payload": payload,
                },
                "meta": {"attempt": 1},
            }
        )
    if provider == "bandwidth":
        return _json(
            [
                {
                    "type": "message-received",
                    "time": now,
                    "description": "Incoming message received",
                    "to": to,
                    "message": {
                        "id": mid,
                        "time": now,
                        "to": [to],
                        "from": from_,
                        "text": text,
                        "owner": to,
                        "direction": "in",
                        "segmentCount": 1,
                    },
                }
            ]
        )
    if provider == "vonage":
        return _json(
            {
                "message_uuid": mid,
                "to": to.lstrip("+"),
                "from": from_.lstrip("+"),
                "timestamp": now,
                "channel": "sms",
                "message_type": "text",
                "text": text,
            }
        )
    raise ValueError(f"no inbound body template for {provider!r}")


def status_body(
    provider: str,
    message_id: str,
    status: str,
    error_code: str | None,
    from_: str,
    to: str,
    broadcast_id: str | None = None,
) -> bytes:
    """A minimal status-callback body; ``status`` is the provider's own value (e.g. Twilio
    ``undelivered``, Telnyx ``delivery_failed``, Bandwidth ``message-failed``, Vonage
    ``rejected``)."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    tag = f"broadcast_id:{broadcast_id}" if broadcast_id else None
    if provider == "twilio":
        fields = {
            "MessageSid": message_id,
            "SmsSid": message_id,
            "MessageStatus": status,
            "SmsStatus": status,
            "From": from_,
            "To": to,
            "AccountSid": "AC" + "0" * 32,
            "ApiVersion": "2010-04-01",
        }
        if error_code:
            fields["ErrorCode"] = error_code
        return urlencode(fields).encode()
    if provider == "telnyx":
        errors = [{"code": error_code, "title": "error"}] if error_code else []
        event_type = (
            "message.sent" if status in ("queued", "sending", "sent") else "message.finalized"
        )
        payload = {
            "record_type": "message",
            "direction": "outbound",
            "id": message_id,
            "type": "SMS",
            "from": {"phone_number": from_},
            "to": [{"phone_number": to, "status": status}],
            "tags": [tag] if tag else [],
            "errors": errors,
        }
        return _json(
            {
                "data": {
                    "record_type": "event",
                    "id": str(uuid.uuid4()),
                    "event_type": event_type,
                    "occurred_at": now,
                    "payload": payload,
                },
                "meta": {"attempt": 1},
            }
        )
    if provider == "bandwidth":
        event: dict[str, Any] = {"type": status, "time": now, "description": status, "to": to}
        if error_code:
            event["errorCode"] = int(error_code)
        message = {
            "id": message_id,
            "time": now,
            "to": [to],
            "from": from_,
            "text": "",
            "owner": from_,
            "direction": "out",
            "segmentCount": 1,
        }
        if tag:
            message["tag"] = tag
        event["message"] = message
        return _json([event])
    if provider == "vonage":
        body: dict[str, Any] = {
            "message_uuid": message_id,
            "to": to.lstrip("+"),
            "from": from_.lstrip("+"),
            "timestamp": now,
            "status": status,
            "channel": "sms",
        }
        if error_code:
            body["error"] = {
                "type": f"https://developer.nexmo.com/api-errors/messages-olympus#{error_code}",
                "title": int(error_code) if error_code.isdigit() else error_code,
            }
        if tag:
            body["client_ref"] = tag
        return _json(body)
    raise ValueError(f"no status body template for {provider!r}")


def _json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()
