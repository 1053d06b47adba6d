"""Vonage: Messages API v1 (JSON, signed JWT) and legacy SMS API (GET/POST/JSON, optional
``sig``) inbound messages and delivery receipts (§4). The payload shape tells them apart."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from .._common import (
    as_mapping,
    broadcast_id_from_tags,
    normalise_number,
    optional_str,
    parse_format,
    parse_iso8601,
    require_str,
    unique_values,
)
from ..carrier_errors import PayloadError, SignatureError
from ..records import DeliveryStatus, InboundMessage
from ..request import WebhookRequest
from ..signatures import verify_vonage_jwt, verify_vonage_sms_signature
from .base import (
    Adapter,
    Credentials,
    Record,
    Source,
    VerifyOptions,
    credential,
    make_outcome,
    map_status,
    require_request,
)

PROVIDER = "vonage"
_SMS_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"  # SMS API ``message-timestamp``, UTC

_MESSAGES_STATUS: dict[str, DeliveryStatus] = {
    "submitted": "sent",
    "delivered": "delivered",
    "read": "delivered",
    "rejected": "failed",
    "undeliverable": "undelivered",
}
# DLR statuses come from the carrier, so a carrier-side failure is "undelivered"; "rejected"
# means Vonage/the carrier refused it before delivery was attempted.
_SMS_STATUS: dict[str, DeliveryStatus] = {
    "accepted": "sent",
    "buffered": "sent",
    "unknown": "sent",
    "delivered": "delivered",
    "expired": "undelivered",
    "failed": "undelivered",
    "rejected": "failed",
}


def signed_with_jwt(request: WebhookRequest) -> bool:
    return (request.header("authorization") or "").strip().lower().startswith("bearer ")


def payload(request: WebhookRequest) -> Mapping[str, Any]:
    """The webhook fields: JSON object, form body, or (GET) query string.

    A JWT signs the body alone (its payload_hash), so a JWT-signed webhook's fields come only
    from its JSON body: never from the unsigned query string.
    """
    body = request.body.strip()
    if signed_with_jwt(request) or request.content_type == "application/json" or body[:1] in (b"{", b"["):
        return as_mapping(request.json(), "body")
    if body:
        return unique_values(request.form(), "form body")
    return unique_values(request.query(), "query string")


def _number(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    # Messages API v0.1 used {"type": "sms", "number": "..."} objects; v1 uses plain strings.
    if isinstance(value, Mapping):
        return normalise_number(require_str(value, "number", f"{where}.{key}"))
    return normalise_number(require_str(data, key, where))


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise PayloadError(f"{where}.{key} must be a string")
    return value or ""


def parse(source: Source) -> list[Record]:
    request = require_request(source, PROVIDER)
    data = payload(request)
    if "message_uuid" in data:
        return [_messages_api(request, data)]
    if "messageId" in data or "msisdn" in data:
        return [_sms_api(request, data)]
    raise PayloadError("not a Vonage Messages API or SMS API webhook")


def _messages_api(request: WebhookRequest, data: Mapping[str, Any]) -> Record:
    where = "body"
    message_id = require_str(data, "message_uuid", where)
    timestamp = parse_iso8601(data.get("timestamp"))
    if "status" not in data:
        return InboundMessage(
            provider=PROVIDER,
            message_id=message_id,
            from_number=_number(data, "from", where),
            to_number=_number(data, "to", where),
            text=_text(data, "text", where),
            sent_at=timestamp,
            carrier_opt_out_type=None,
            raw=data,
        )
    code, text = _messages_error(data.get("error"))
    return make_outcome(
        PROVIDER,
        request=request,
        message_id=message_id,
        recipient=_number(data, "to", where),
        inbox=_number(data, "from", where),
        status=map_status(PROVIDER, require_str(data, "status", where), _MESSAGES_STATUS),
        error_code=code,
        error_text=text,
        tag_broadcast_id=broadcast_id_from_tags(data.get("client_ref")),
        occurred_at=timestamp,
        raw=data,
    )


def _messages_error(error: Any) -> tuple[str | None, str | None]:
    """``error.title`` holds the numeric code (docs/carriers.md §4.1); newer payloads put a text
    title there and the code only in the ``type`` URL fragment (``…#1240``)."""
    if error is None:
        return None, None
    error = as_mapping(error, "body.error")
    title = optional_str(error, "title", "body.error")
    detail = optional_str(error, "detail", "body.error")
    fragment = urlsplit(optional_str(error, "type", "body.error") or "").fragment
    if title and title.isdigit():
        return title, detail
    return (fragment if fragment.isdigit() else None), detail or title


def _sms_api(request: WebhookRequest, data: Mapping[str, Any]) -> Record:
    where = "params"
    message_id = require_str(data, "messageId", where)
    timestamp = parse_format(data.get("message-timestamp"), _SMS_TIME_FORMAT)
    if "status" not in data:
        # Multipart messages (concat=true) arrive one part per webhook; each is passed on
        # as-is and the parts stay in ``raw`` (concat-ref/-part/-total) for reassembly.
        return InboundMessage(
            provider=PROVIDER,
            message_id=message_id,
            from_number=_number(data, "msisdn", where),
            to_number=_number(data, "to", where),
            text=_text(data, "text", where),
            sent_at=timestamp,
            carrier_opt_out_type=None,
            raw=data,
        )
    err_code = optional_str(data, "err-code", where)
    return make_outcome(
        PROVIDER,
        request=request,
        message_id=message_id,
        recipient=_number(data, "msisdn", where),
        inbox=_number(data, "to", where),
        status=map_status(PROVIDER, require_str(data, "status", where), _SMS_STATUS),
        error_code=None if err_code == "0" else err_code,  # 0 = delivered, no error
        error_text=None,
        tag_broadcast_id=broadcast_id_from_tags(data.get("client-ref")),
        occurred_at=timestamp,
        raw=data,
    )


def verify(source: Source, credentials: Credentials, options: VerifyOptions) -> None:
    """Messages API: JWT in ``Authorization: Bearer``. SMS API: the ``sig`` parameter, with
    ``credentials["signature_method"]`` (default "md5hash", the dashboard default)."""
    request = require_request(source, PROVIDER)
    secret = credential(credentials, "signature_secret")
    if signed_with_jwt(request):
        verify_vonage_jwt(
            request, secret, now=options.now, api_key=credentials.get("api_key") or None
        )
        return
    try:
        params = payload(request)
    except PayloadError as exc:
        raise SignatureError(f"cannot read signed parameters: {exc.reason}") from exc
    if "sig" not in params:
        raise SignatureError("missing Bearer token or sig parameter")
    verify_vonage_sms_signature(
        params, secret, credential(credentials, "signature_method") or "md5hash", now=options.now
    )


ADAPTER = Adapter(name=PROVIDER, verify=verify, parse=parse)
