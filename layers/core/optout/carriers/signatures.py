"""Webhook authentication for Twilio, Telnyx, Bandwidth and Vonage (SNS is in :mod:`.sns`).

Every ``verify_*`` function returns normally or raises :class:`SignatureError` with a short
reason; a wrong *configured* key raises :class:`ConfigurationError` instead, so that it is
answered with 5xx (and retried by the carrier once fixed) rather than silently rejecting traffic.

The symmetric HMAC schemes (Twilio, Vonage SMS ``sig``) expose their ``*_signature`` function:
it is the very computation verification needs, and tools/tests use it to sign. Asymmetric and
bearer-token *signing* (Ed25519 private keys, minting JWTs) is deliberately not here; it lives
in ``scripts/carrier_signing.py`` so production code carries no signing paths it never uses.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlparse

from ._common import Now, constant_time_equal, epoch_seconds
from .carrier_errors import ConfigurationError, PayloadError, SignatureError
from .request import WebhookRequest

if TYPE_CHECKING:  # cryptography loads only for Telnyx (and SNS): it is a tenth of a cold start
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def decode_base64(value: str, what: str, *, urlsafe: bool = False) -> bytes:
    """Strict base64 (or unpadded base64url) decoding that raises SignatureError."""
    try:
        if urlsafe:
            return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError(f"{what} is not valid base64") from exc


# --- Twilio ---------------------------------------------------------------------------------

TWILIO_SIGNATURE_HEADER = "X-Twilio-Signature"
# Twilio SharedKey webhooks name their algorithm here (twilio-python 9.13 RequestValidator).
TWILIO_SIGNATURE_SETTINGS_HEADER = "X-Twilio-Webhooks-Signature-Settings"
_TWILIO_ALGORITHMS = {"HMAC_SHA1": hashlib.sha1, "HMAC_SHA256": hashlib.sha256}

TwilioParams = Iterable[tuple[str, str]] | Mapping[str, str] | None


def twilio_signature(
    url: str, params: TwilioParams, auth_token: str, *, algorithm: str = "HMAC_SHA1"
) -> str:
    """``X-Twilio-Signature`` value: base64(HMAC(auth_token, url + sorted name+value pairs)).

    Mirrors ``twilio.request_validator.RequestValidator.compute_signature``: names sorted, and
    for each name its distinct values sorted; blank values count.
    """
    digest = _TWILIO_ALGORITHMS.get(algorithm.upper())
    if digest is None:
        raise SignatureError(f"unsupported Twilio signature algorithm {algorithm!r}")
    grouped: dict[str, set[str]] = defaultdict(set)
    pairs = params.items() if isinstance(params, Mapping) else (params or ())
    for name, value in pairs:
        grouped[name].add(value)
    payload = url + "".join(
        name + value for name in sorted(grouped) for value in sorted(grouped[name])
    )
    mac = hmac.new(auth_token.encode("utf-8"), payload.encode("utf-8"), digest)
    return base64.b64encode(mac.digest()).decode("ascii")


def _twilio_url_variants(url: str) -> list[str]:
    """The URL as given, without its port and with the default port (Twilio's validator
    accepts either because "sig generation on back end is inconsistent")."""
    parsed = urlparse(url)
    try:
        port = parsed.port
    except ValueError as exc:
        raise SignatureError("request URL has an invalid port") from exc
    if port:
        without = parsed._replace(netloc=parsed.netloc.rsplit(":", 1)[0]).geturl()
        with_port = parsed.geturl()
    else:
        without = parsed.geturl()
        default = 443 if parsed.scheme == "https" else 80
        with_port = parsed._replace(netloc=f"{parsed.netloc}:{default}").geturl()
    return list(dict.fromkeys([url, without, with_port]))


def verify_twilio(request: WebhookRequest, auth_token: str) -> None:
    """Verify ``X-Twilio-Signature`` (form POST, GET, or JSON body with ``bodySHA256``)."""
    if not auth_token:
        raise ConfigurationError("Twilio auth token is not configured")
    signature = request.header(TWILIO_SIGNATURE_HEADER)
    if not signature:
        raise SignatureError("missing X-Twilio-Signature header")
    algorithm = _twilio_algorithm(request.header(TWILIO_SIGNATURE_SETTINGS_HEADER))

    params: list[tuple[str, str]] = []
    body_hash = parse_qs(urlparse(request.url).query).get("bodySHA256")
    if body_hash:
        # JSON webhooks: the URL (with bodySHA256) is signed alone; the body is bound by hash.
        if not constant_time_equal(hashlib.sha256(request.body).hexdigest(), body_hash[0]):
            raise SignatureError("body does not match bodySHA256")
    elif request.method == "POST":
        try:
            params = request.form()
        except PayloadError as exc:
            raise SignatureError(f"cannot read signed form body: {exc.reason}") from exc

    # Compute every candidate before comparing so timing does not reveal which variant matched.
    candidates = [
        twilio_signature(url, params, auth_token, algorithm=algorithm)
        for url in _twilio_url_variants(request.url)
    ]
    matches = [constant_time_equal(candidate, signature.strip()) for candidate in candidates]
    if not any(matches):
        raise SignatureError("X-Twilio-Signature does not match")


def _twilio_algorithm(settings: str | None) -> str:
    for part in (settings or "").split(","):
        name, sep, value = part.partition("=")
        if sep and name.strip() == "algorithm" and value.strip():
            algorithm = value.strip().upper()
            if algorithm not in _TWILIO_ALGORITHMS:
                raise SignatureError(f"unsupported Twilio signature algorithm {algorithm!r}")
            return algorithm
    return "HMAC_SHA1"


# --- Telnyx ---------------------------------------------------------------------------------

TELNYX_SIGNATURE_HEADER = "telnyx-signature-ed25519"
TELNYX_TIMESTAMP_HEADER = "telnyx-timestamp"
TELNYX_TOLERANCE_SECONDS = 300  # telnyx-python TIMESTAMP_TOLERANCE_SECONDS


def telnyx_public_key(public_key_b64: str) -> Ed25519PublicKey:
    """Load the portal's base64 Ed25519 public key (must be 32 bytes)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        raw = base64.b64decode(public_key_b64, validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as exc:
        raise ConfigurationError("Telnyx public key must be 32 bytes of base64") from exc


def verify_telnyx(
    request: WebhookRequest,
    public_key: str,
    *,
    now: Now = None,
    tolerance_seconds: int = TELNYX_TOLERANCE_SECONDS,
) -> None:
    """Ed25519 over ``f"{telnyx-timestamp}|{raw body}"``, rejecting stale/future timestamps."""
    from cryptography.exceptions import InvalidSignature

    key = telnyx_public_key(public_key)
    signature_b64 = request.header(TELNYX_SIGNATURE_HEADER)
    timestamp = (request.header(TELNYX_TIMESTAMP_HEADER) or "").strip()
    if not signature_b64 or not timestamp:
        raise SignatureError("missing telnyx-signature-ed25519 or telnyx-timestamp header")
    if not timestamp.isdigit():
        raise SignatureError("telnyx-timestamp is not a Unix timestamp")
    # Replay window first: an old but validly signed request is still a replay.
    if abs(epoch_seconds(now) - int(timestamp)) > tolerance_seconds:
        raise SignatureError("telnyx-timestamp outside the allowed window")
    signature = decode_base64(signature_b64.strip(), "telnyx-signature-ed25519")
    if len(signature) != 64:
        raise SignatureError("telnyx-signature-ed25519 is not a 64-byte signature")
    try:
        key.verify(signature, timestamp.encode("ascii") + b"|" + request.body)
    except InvalidSignature as exc:
        raise SignatureError("telnyx-signature-ed25519 does not match") from exc


# --- Bandwidth (HTTP Basic callback credentials) ---------------------------------------------


def verify_basic_auth(request: WebhookRequest, username: str, password: str) -> None:
    """Check ``Authorization: Basic`` against the configured callback credentials."""
    if not username or not password:
        raise ConfigurationError("callback username/password are not configured")
    header = (request.header("authorization") or "").strip()
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        raise SignatureError("missing Basic authorization header")
    try:
        decoded = decode_base64(encoded.strip(), "Basic credentials").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SignatureError("Basic credentials are not UTF-8") from exc
    given_user, sep, given_password = decoded.partition(":")
    # Compare both halves unconditionally (no short-circuit) so timing reveals nothing.
    user_ok = constant_time_equal(given_user, username)
    password_ok = constant_time_equal(given_password, password)
    if not (sep and (user_ok & password_ok)):
        raise SignatureError("Basic credentials do not match")


verify_bandwidth = verify_basic_auth


# --- Vonage Messages API: signed JWT (HS256) ------------------------------------------------

# Vonage retries for 24 h; whether a retry carries a fresh JWT is undocumented, so the default
# age limit covers the retry window (and still bounds replays of a captured token).
VONAGE_JWT_MAX_AGE_SECONDS = 25 * 3600
VONAGE_JWT_LEEWAY_SECONDS = 300


def hs256(signing_input: bytes, secret: str) -> bytes:
    return hmac.new(secret.encode("utf-8"), signing_input, hashlib.sha256).digest()


def _b64url_json(segment: str, what: str) -> Any:
    try:
        return json.loads(decode_base64(segment, what, urlsafe=True))
    except (ValueError, UnicodeDecodeError) as exc:
        raise SignatureError(f"{what} is not valid JSON") from exc


def verify_vonage_jwt(
    request: WebhookRequest,
    signature_secret: str,
    *,
    now: Now = None,
    max_age_seconds: int | None = VONAGE_JWT_MAX_AGE_SECONDS,
    leeway_seconds: int = VONAGE_JWT_LEEWAY_SECONDS,
    api_key: str | None = None,
) -> Mapping[str, Any]:
    """Verify the ``Authorization: Bearer`` JWT Vonage's Messages API sends; return its claims.

    HS256 with the signature secret; ``iat`` must be present and sane (not in the future, not
    older than ``max_age_seconds``); ``exp``/``nbf`` honoured if present; ``payload_hash`` must
    equal the SHA-256 hex of the raw body.
    """
    if not signature_secret:
        raise ConfigurationError("Vonage signature secret is not configured")
    header = (request.header("authorization") or "").strip()
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise SignatureError("missing Bearer token")
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise SignatureError("Bearer token is not a JWT")
    jose = _b64url_json(parts[0], "JWT header")
    # Pin the algorithm: never let the token choose "none" or an asymmetric scheme.
    if not isinstance(jose, dict) or jose.get("alg") != "HS256":
        raise SignatureError("JWT algorithm must be HS256")
    expected = hs256(f"{parts[0]}.{parts[1]}".encode("ascii"), signature_secret)
    if not constant_time_equal(expected, decode_base64(parts[2], "JWT signature", urlsafe=True)):
        raise SignatureError("JWT signature does not match")

    claims = _b64url_json(parts[1], "JWT claims")
    if not isinstance(claims, dict):
        raise SignatureError("JWT claims are not an object")
    _check_jwt_times(claims, epoch_seconds(now), max_age_seconds, leeway_seconds)
    if api_key is not None and claims.get("api_key") != api_key:
        raise SignatureError("JWT api_key does not match")
    payload_hash = claims.get("payload_hash")
    if not isinstance(payload_hash, str):
        raise SignatureError("JWT has no payload_hash claim")
    if not constant_time_equal(hashlib.sha256(request.body).hexdigest(), payload_hash.lower()):
        raise SignatureError("payload_hash does not match the body")
    return claims


def _numeric_claim(claims: Mapping[str, Any], name: str) -> float | None:
    value = claims.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SignatureError(f"JWT claim {name} is not a number")
    return float(value)


def _check_jwt_times(
    claims: Mapping[str, Any], now: float, max_age: int | None, leeway: int
) -> None:
    iat = _numeric_claim(claims, "iat")
    if iat is None:
        raise SignatureError("JWT has no iat claim")
    if iat > now + leeway:
        raise SignatureError("JWT issued in the future")
    if max_age is not None and now - iat > max_age + leeway:
        raise SignatureError("JWT is too old")
    exp = _numeric_claim(claims, "exp")
    if exp is not None and now > exp + leeway:
        raise SignatureError("JWT has expired")
    nbf = _numeric_claim(claims, "nbf")
    if nbf is not None and now + leeway < nbf:
        raise SignatureError("JWT is not valid yet")


# --- Vonage SMS API (legacy): ``sig`` parameter ----------------------------------------------

# "md5hash" is the dashboard's plain "MD5 hash" mode: md5(params + secret). The others are
# HMACs. Note vonage-http-client >= 2024 treats "md5" as HMAC-MD5 (docs/carriers.md §4.2).
VONAGE_SMS_SIGNATURE_METHODS = ("md5hash", "md5", "sha1", "sha256", "sha512")


def vonage_sms_signature(params: Mapping[str, Any], signature_secret: str, method: str) -> str:
    """Lower-case hex ``sig`` for SMS API parameters (``sig`` itself is excluded)."""
    method = method.lower()
    if method not in VONAGE_SMS_SIGNATURE_METHODS:
        raise ConfigurationError(f"unknown Vonage signature method {method!r}")
    payload = "".join(
        "&{}={}".format(key, str(params[key]).replace("&", "_").replace("=", "_"))
        for key in sorted(params)
        if key != "sig"
    )
    if method == "md5hash":
        # Vonage's legacy "MD5 hash" mode is fixed by the provider; we can only match it.
        digest = hashlib.md5((payload + signature_secret).encode("utf-8"))  # noqa: S324
        return digest.hexdigest()
    return hmac.new(
        signature_secret.encode("utf-8"), payload.encode("utf-8"), getattr(hashlib, method)
    ).hexdigest()


# Vonage signs ``timestamp``; without a window a captured signed STOP could be replayed forever.
# Vonage retries inbound SMS for 24 h without documenting re-signing, so a retry that arrives
# later than this is refused: the first attempt is the one that counts.
VONAGE_SIG_TOLERANCE_SECONDS = 300


def verify_vonage_sms_signature(
    params: Mapping[str, Any],
    signature_secret: str,
    method: str = "md5hash",
    *,
    now: Now = None,
    tolerance_seconds: int = VONAGE_SIG_TOLERANCE_SECONDS,
) -> None:
    """Check the SMS API ``sig`` parameter (hex compared case-insensitively) and that its signed
    ``timestamp`` (Unix seconds, required) is within ``tolerance_seconds`` of now."""
    if not signature_secret:
        raise ConfigurationError("Vonage signature secret is not configured")
    given = params.get("sig")
    if not isinstance(given, str) or not given:
        raise SignatureError("missing sig parameter")
    expected = vonage_sms_signature(params, signature_secret, method)
    if not constant_time_equal(expected, given.strip().lower()):
        raise SignatureError("sig does not match")
    timestamp = str(params.get("timestamp", "")).strip()
    if not timestamp.isdigit():
        raise SignatureError("signed request has no timestamp")
    if abs(epoch_seconds(now) - int(timestamp)) > tolerance_seconds:
        raise SignatureError("signed timestamp outside the allowed window")
