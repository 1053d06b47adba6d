"""Amazon SNS envelopes: normalisation and message-signature verification (docs/carriers.md §5.1).

AWS End User Messaging SMS publishes inbound SMS and delivery events to SNS topics, which reach
us either as an SNS→Lambda event (``Records[].Sns``, keys ``SigningCertUrl``/``UnsubscribeUrl``)
or as an SNS→HTTPS POST (keys ``SigningCertURL``/``UnsubscribeURL``). :class:`SnsMessage`
accepts both spellings.

The certificate loader is injectable; the default fetches over HTTPS (certificate-verified by
urllib) with a timeout and caches per URL in-process. The URL is checked *before* any fetch, and
the certificate itself is checked by :mod:`.sns_trust` (chain to a trusted root, SNS's name).
"""

from __future__ import annotations

import base64
import binascii
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from optout.ttl_cache import TtlCache

from ._common import Now, as_mapping, parse_iso8601, utc_now
from .carrier_errors import CertificateFetchError, PayloadError, SignatureError
from .request import WebhookRequest

if TYPE_CHECKING:  # sns_trust and cryptography load on the first SNS message only
    from .sns_trust import IssuerLoader

CertLoader = Callable[[str], bytes]

NOTIFICATION = "Notification"
SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation"
UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation"

# Keys of the string to sign, in the (byte-sorted) order AWS documents.
_NOTIFICATION_KEYS = ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
_CONFIRMATION_KEYS = (
    "Message",
    "MessageId",
    "SubscribeURL",
    "Timestamp",
    "Token",
    "TopicArn",
    "Type",
)
_SIGNING_KEYS = {
    NOTIFICATION: _NOTIFICATION_KEYS,
    SUBSCRIPTION_CONFIRMATION: _CONFIRMATION_KEYS,
    UNSUBSCRIBE_CONFIRMATION: _CONFIRMATION_KEYS,
}
_HASHES = {"1": "SHA1", "2": "SHA256"}  # SignatureVersion → cryptography's hash class

# Only a regional SNS endpoint: sns.us-east-1.amazonaws.com, sns.us-gov-west-1.amazonaws.com,
# sns.cn-north-1.amazonaws.com.cn. Looser patterns also admit S3 website hosts and the like.
_CERT_HOST = re.compile(
    r"^sns\.(?:cn-[a-z]+-[0-9]{1,2}\.amazonaws\.com\.cn|(?!cn-)[a-z]{2}(?:-[a-z]+){1,2}-[0-9]{1,2}\.amazonaws\.com)$"
)
# SNS stamps Timestamp when it publishes; a message older than this is a replay (or an outage
# longer than any SNS→HTTPS retry policy, whose retries last at most an hour).
SNS_MAX_AGE_SECONDS = 3600
SNS_CLOCK_LEEWAY_SECONDS = 300

_MAX_CERT_BYTES = 64 * 1024
DEFAULT_FETCH_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class SnsMessage:
    """One SNS message, whichever way it was delivered."""

    type: str
    message_id: str
    topic_arn: str
    message: str
    timestamp: str
    subject: str | None = None
    signature_version: str | None = None
    signature: str | None = None
    signing_cert_url: str | None = None
    subscribe_url: str | None = None
    unsubscribe_url: str | None = None
    token: str | None = None
    message_attributes: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> SnsMessage:
        """From an HTTP body, a Lambda record's ``Sns`` dict, or a whole Lambda record."""
        data = as_mapping(data, "SNS message")
        if "Sns" in data:
            data = as_mapping(data["Sns"], "Records[].Sns")

        def text(*keys: str, required: bool = False) -> str | None:
            for key in keys:
                value = data.get(key)
                if value is not None:
                    if not isinstance(value, str):
                        raise PayloadError(f"SNS field {key} must be a string")
                    return value
            if required:
                raise PayloadError(f"SNS message has no {keys[0]}")
            return None

        kind = text("Type", required=True) or ""
        if kind not in _SIGNING_KEYS:
            raise PayloadError(f"unsupported SNS message Type {kind!r}")
        attributes = data.get("MessageAttributes") or {}
        message = cls(
            type=kind,
            message_id=text("MessageId", required=True) or "",
            topic_arn=text("TopicArn", required=True) or "",
            message=text("Message", required=True) or "",
            timestamp=text("Timestamp", required=True) or "",
            # "" is treated as absent: SNS rejects empty subjects, and Lambda test events use
            # "" where real events have null.
            subject=text("Subject") or None,
            signature_version=text("SignatureVersion"),
            signature=text("Signature"),
            signing_cert_url=text("SigningCertURL", "SigningCertUrl"),
            subscribe_url=text("SubscribeURL", "SubscribeUrl"),
            unsubscribe_url=text("UnsubscribeURL", "UnsubscribeUrl"),
            token=text("Token"),
            message_attributes=as_mapping(attributes, "MessageAttributes"),
        )
        if kind != NOTIFICATION and not (message.subscribe_url and message.token):
            raise PayloadError(f"SNS {kind} has no SubscribeURL/Token")
        return message

    @classmethod
    def from_request(cls, request: WebhookRequest) -> SnsMessage:
        """From an SNS→HTTPS POST (JSON sent as ``text/plain``)."""
        return cls.from_mapping(as_mapping(request.json(), "SNS body"))


def sns_messages(source: WebhookRequest | SnsMessage | Mapping[str, Any]) -> list[SnsMessage]:
    """Every SNS message in a Lambda event, a single record/envelope, or an HTTP request."""
    if isinstance(source, SnsMessage):
        return [source]
    if isinstance(source, WebhookRequest):
        return [SnsMessage.from_request(source)]
    source = as_mapping(source, "SNS event")
    if "Records" in source:
        records = source["Records"]
        if not isinstance(records, list) or not records:
            raise PayloadError("SNS event has no Records")
        return [SnsMessage.from_mapping(as_mapping(r, "Records[]")) for r in records]
    return [SnsMessage.from_mapping(source)]


def string_to_sign(message: SnsMessage) -> bytes:
    """``key\\nvalue\\n`` for each signed key present, in AWS's documented order."""
    values = {
        "Message": message.message,
        "MessageId": message.message_id,
        "Subject": message.subject,
        "SubscribeURL": message.subscribe_url,
        "Timestamp": message.timestamp,
        "Token": message.token,
        "TopicArn": message.topic_arn,
        "Type": message.type,
    }
    parts = []
    for key in _SIGNING_KEYS[message.type]:
        value = values[key]
        if value is not None:  # only Subject is optional; the rest were checked on parse
            parts.append(f"{key}\n{value}\n")
    return "".join(parts).encode("utf-8")


def check_signing_cert_url(url: str | None) -> str:
    """Reject anything but ``https://sns.<region>.amazonaws.com[.cn]/….pem`` (before fetching)."""
    if not url:
        raise SignatureError("missing SigningCertURL")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https":
        raise SignatureError("SigningCertURL is not https")
    # netloc == host rules out userinfo ("sns…@evil.example") and explicit ports.
    if parts.netloc.lower() != host or not _CERT_HOST.match(host):
        raise SignatureError("SigningCertURL host is not an SNS endpoint")
    if not parts.path.endswith(".pem") or parts.query or parts.fragment:
        raise SignatureError("SigningCertURL is not a certificate path")
    return url


# Certificates are fetched once per container (None: they never expire here; a rotated one has a new URL).
_fetch_cache: TtlCache[str, bytes] = TtlCache("sns certificates", None)


def cached_fetch(url: str, *, timeout: float, max_bytes: int, what: str) -> bytes:
    """HTTPS GET of a checked certificate URL with a timeout and a size cap, cached per URL in-process.

    Serves both the signing certificate and its issuer (sns_trust): one cache, cleared together.
    """
    return _fetch_cache.get_or_load(url, lambda: _fetch(url, timeout=timeout, max_bytes=max_bytes, what=what))


def _fetch(url: str, *, timeout: float, max_bytes: int, what: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (checked by callers)
            data: bytes = response.read(max_bytes + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise CertificateFetchError(f"could not fetch {what}: {exc}") from exc
    if len(data) > max_bytes:
        raise CertificateFetchError(f"{what} is unexpectedly large")
    return data


def fetch_certificate(url: str, *, timeout: float = DEFAULT_FETCH_TIMEOUT_SECONDS) -> bytes:
    """Default :data:`CertLoader`: the signing certificate, fetched once per container."""
    check_signing_cert_url(url)  # defence in depth: never fetch an unchecked URL
    return cached_fetch(url, timeout=timeout, max_bytes=_MAX_CERT_BYTES, what="SNS signing certificate")


def clear_certificate_cache() -> None:
    _fetch_cache.clear()


def check_timestamp(message: SnsMessage, now: Now, max_age_seconds: int) -> None:
    """Refuse a message SNS published more than ``max_age_seconds`` ago (or in the future)."""
    published = parse_iso8601(message.timestamp)
    if published is None:
        raise SignatureError("SNS Timestamp is missing or not ISO 8601")
    age = (utc_now(now) - published).total_seconds()
    if age > max_age_seconds:
        raise SignatureError("SNS Timestamp is too old")
    if age < -SNS_CLOCK_LEEWAY_SECONDS:
        raise SignatureError("SNS Timestamp is in the future")


def verify_sns(
    message: SnsMessage | Mapping[str, Any],
    *,
    cert_loader: CertLoader | None = None,
    now: Now = None,
    topic_arns: Collection[str] | None = None,
    max_age_seconds: int = SNS_MAX_AGE_SECONDS,
    issuer_loader: IssuerLoader | None = None,
) -> SnsMessage:
    """Verify an SNS message signature (SignatureVersion 1 = SHA1withRSA, 2 = SHA256withRSA).

    The certificate must chain to a trusted root and name SNS; the message must be fresh.
    ``topic_arns`` optionally restricts which topics are accepted. Returns the parsed message.
    """
    if not isinstance(message, SnsMessage):
        message = SnsMessage.from_mapping(message)
    if topic_arns is not None and message.topic_arn not in topic_arns:
        raise SignatureError("unexpected SNS TopicArn")
    hash_name = _HASHES.get(message.signature_version or "")
    if hash_name is None:
        raise SignatureError(f"unsupported SNS SignatureVersion {message.signature_version!r}")
    if not message.signature:
        raise SignatureError("missing SNS Signature")
    try:
        signature = base64.b64decode(message.signature, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError("SNS Signature is not valid base64") from exc
    url = check_signing_cert_url(message.signing_cert_url)
    check_timestamp(message, now, max_age_seconds)
    pem = (cert_loader or fetch_certificate)(url)
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    from .sns_trust import signing_key

    key = signing_key(pem, urlsplit(url).hostname or "", utc_now(now), issuer_loader=issuer_loader)
    try:
        key.verify(signature, string_to_sign(message), padding.PKCS1v15(), getattr(hashes, hash_name)())
    except InvalidSignature as exc:
        raise SignatureError("SNS signature does not match") from exc
    return message
