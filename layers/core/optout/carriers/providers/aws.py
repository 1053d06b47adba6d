"""AWS End User Messaging SMS: two-way inbound SMS and configuration-set delivery events, both
delivered as SNS notifications whose ``Message`` is a JSON string (§7)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .._common import (
    as_mapping,
    broadcast_id_from_context,
    normalise_number,
    optional_str,
    parse_epoch_millis,
    parse_iso8601,
    require_str,
)
from ..carrier_errors import PayloadError
from ..records import DeliveryStatus, InboundMessage
from ..request import WebhookRequest
from ..sns import NOTIFICATION, SnsMessage, sns_messages, verify_sns
from .base import Adapter, Credentials, Record, Source, VerifyOptions, make_outcome, map_status

PROVIDER = "aws"

_STATUS: dict[str, DeliveryStatus] = {
    "text_pending": "queued",
    "text_queued": "queued",
    "text_sent": "sent",
    "text_successful": "delivered",  # used interchangeably with TEXT_DELIVERED per country
    "text_delivered": "delivered",
    # Refused before reaching the handset.
    "text_invalid": "failed",
    "text_invalid_message": "failed",
    "text_spam": "failed",
    "text_blocked": "failed",
    "text_carrier_blocked": "failed",
    "text_protect_blocked": "failed",
    # Attempted but not delivered (incl. UNKNOWN: no final event within 72 hours).
    "text_unreachable": "undelivered",
    "text_carrier_unreachable": "undelivered",
    "text_ttl_expired": "undelivered",
    "text_unknown": "undelivered",
}


def _body(message: SnsMessage) -> Mapping[str, Any]:
    if message.type != NOTIFICATION:
        raise PayloadError(f"SNS {message.type} carries no SMS event (confirm it separately)")
    try:
        return as_mapping(json.loads(message.message), "SNS Message")
    except ValueError as exc:
        raise PayloadError("SNS Message is not valid JSON") from exc


def parse(source: Source) -> list[Record]:
    request = source if isinstance(source, WebhookRequest) else None
    records: list[Record] = []
    for message in sns_messages(source):
        body = _body(message)
        if "eventType" in body:
            records.append(_status(request, body))
        elif "originationNumber" in body or "inboundMessageId" in body:
            records.append(_inbound(message, body))
        else:
            raise PayloadError("SNS Message is neither an inbound SMS nor an SMS event")
    return records


def _inbound(message: SnsMessage, body: Mapping[str, Any]) -> InboundMessage:
    where = "Message"
    text = body.get("messageBody")
    if text is not None and not isinstance(text, str):
        raise PayloadError("Message.messageBody must be a string")
    return InboundMessage(
        provider=PROVIDER,
        message_id=require_str(body, "inboundMessageId", where),
        from_number=normalise_number(require_str(body, "originationNumber", where)),
        to_number=normalise_number(require_str(body, "destinationNumber", where)),
        text=text or "",
        # The inbound payload has no timestamp of its own; SNS's publish time is the closest.
        sent_at=parse_iso8601(message.timestamp),
        # AWS answers STOP/HELP itself unless self-managed opt-outs are on, but the payload
        # does not say which: that is account configuration, not carried here.
        carrier_opt_out_type=None,
        raw=body,
    )


def _status(request: WebhookRequest | None, body: Mapping[str, Any]) -> Record:
    where = "Message"
    event_type = require_str(body, "eventType", where)
    status = map_status(PROVIDER, event_type, _STATUS)
    return make_outcome(
        PROVIDER,
        request=request,
        message_id=require_str(body, "messageId", where),
        recipient=normalise_number(require_str(body, "destinationPhoneNumber", where)),
        inbox=normalise_number(require_str(body, "originationPhoneNumber", where)),
        status=status,
        # The event type is AWS's failure reason; messageStatus only restates it.
        error_code=event_type.upper(),
        error_text=optional_str(body, "messageStatusDescription", where),
        tag_broadcast_id=broadcast_id_from_context(body.get("context")),
        occurred_at=parse_epoch_millis(body.get("eventTimestamp")),
        raw=body,
    )


def verify(source: Source, credentials: Credentials, options: VerifyOptions) -> None:
    """Verify every SNS message in the source. ``credentials["topic_arn"]`` (comma-separated
    for several) optionally pins the accepted topics."""
    topics = [t.strip() for t in (credentials.get("topic_arn") or "").split(",") if t.strip()]
    for message in sns_messages(source):
        verify_sns(
            message,
            cert_loader=options.cert_loader,
            now=options.now,
            topic_arns=topics or None,
        )


ADAPTER = Adapter(name=PROVIDER, verify=verify, parse=parse)
