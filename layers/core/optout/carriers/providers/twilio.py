"""Twilio Programmable Messaging: form-encoded inbound and StatusCallback webhooks (§1)."""

from __future__ import annotations

from .._common import first_present, normalise_number, optional_str, require_str, unique_values
from ..carrier_errors import PayloadError
from ..records import DeliveryStatus, InboundMessage
from ..request import WebhookRequest
from ..signatures import verify_twilio
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

PROVIDER = "twilio"

# Initial states (queued/accepted/scheduled) and "sending" are all "not yet with the carrier".
_STATUS: dict[str, DeliveryStatus] = {
    "queued": "queued",
    "accepted": "queued",
    "scheduled": "queued",
    "sending": "queued",
    "sent": "sent",
    "delivered": "delivered",
    "read": "delivered",
    "partially_delivered": "delivered",
    "undelivered": "undelivered",
    "failed": "failed",
    "canceled": "failed",
}
_OPT_OUT_TYPES = frozenset({"STOP", "START", "HELP"})


def _params(request: WebhookRequest) -> dict[str, str]:
    # GET webhooks (configurable at Twilio) carry the fields in the query string.
    if request.method == "GET":
        return unique_values(request.query(), "query string")
    return unique_values(request.form(), "form body")


def _message_id(params: dict[str, str]) -> str:
    # SmsMessageSid/SmsSid are legacy duplicates of MessageSid.
    value = first_present(*(params.get(k) for k in ("MessageSid", "SmsMessageSid", "SmsSid")))
    if not value:
        raise PayloadError("missing field form.MessageSid")
    return value


def parse(source: Source) -> list[Record]:
    request = require_request(source, PROVIDER)
    params = _params(request)
    raw_status = params.get("MessageStatus")
    if raw_status is None and params.get("SmsStatus", "received") != "received":
        raw_status = params["SmsStatus"]
    if raw_status is None:
        return [_inbound(params)]
    return [
        make_outcome(
            PROVIDER,
            request=request,
            message_id=_message_id(params),
            recipient=normalise_number(require_str(params, "To", "form")),
            inbox=normalise_number(require_str(params, "From", "form")),
            status=map_status(PROVIDER, raw_status, _STATUS),
            error_code=optional_str(params, "ErrorCode", "form"),
            error_text=optional_str(params, "ErrorMessage", "form"),
            tag_broadcast_id=None,  # Twilio has no tag field: broadcast ids ride on the URL
            occurred_at=None,  # RawDlrDoneDate has no documented time zone; kept in raw
            raw=params,
        )
    ]


def _inbound(params: dict[str, str]) -> InboundMessage:
    opt_out_type = (params.get("OptOutType") or "").strip().upper()
    return InboundMessage(
        provider=PROVIDER,
        message_id=_message_id(params),
        from_number=normalise_number(require_str(params, "From", "form")),
        to_number=normalise_number(require_str(params, "To", "form")),
        text=params.get("Body", ""),  # media-only messages have an empty Body
        sent_at=None,  # Twilio inbound webhooks carry no timestamp
        carrier_opt_out_type=opt_out_type if opt_out_type in _OPT_OUT_TYPES else None,
        raw=params,
    )


def verify(source: Source, credentials: Credentials, options: VerifyOptions) -> None:
    verify_twilio(require_request(source, PROVIDER), credential(credentials, "auth_token"))


ADAPTER = Adapter(name=PROVIDER, verify=verify, parse=parse)
