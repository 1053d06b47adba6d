"""Bandwidth Messaging v2 callbacks: a JSON *array* of events (§3)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._common import (
    as_list,
    as_mapping,
    broadcast_id_from_tags,
    normalise_number,
    optional_str,
    parse_iso8601,
    require_str,
)
from ..carrier_errors import PayloadError
from ..records import DeliveryStatus, InboundMessage
from ..request import WebhookRequest
from ..signatures import verify_basic_auth
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

PROVIDER = "bandwidth"
INBOUND_TYPE = "message-received"

_STATUS: dict[str, DeliveryStatus] = {
    "message-sending": "sent",
    "message-delivered": "delivered",
    "message-failed": "failed",
}


def parse(source: Source) -> list[Record]:
    request = require_request(source, PROVIDER)
    events = as_list(request.json(), "body")
    if not events:
        raise PayloadError("Bandwidth callback body is an empty array")
    return [_event(request, as_mapping(e, f"[{i}]"), f"[{i}]") for i, e in enumerate(events)]


def _recipient(event: Mapping[str, Any], message: Mapping[str, Any], where: str) -> str:
    # Event-level ``to`` is the addressee this event is about (group messages: one per owner).
    value = optional_str(event, "to", where)
    if value is None:
        recipients = message.get("to")
        if isinstance(recipients, list) and recipients and isinstance(recipients[0], str):
            value = recipients[0].strip() or None
    if value is None:
        raise PayloadError(f"missing field {where}.to")
    return normalise_number(value)


def _event(request: WebhookRequest, event: Mapping[str, Any], where: str) -> Record:
    event_type = require_str(event, "type", where)
    message = as_mapping(event.get("message"), f"{where}.message")
    message_id = require_str(message, "id", f"{where}.message")
    sender = normalise_number(require_str(message, "from", f"{where}.message"))
    event_time = parse_iso8601(event.get("time"))
    recipient = _recipient(event, message, where)
    if event_type == INBOUND_TYPE:
        text = message.get("text")
        if text is not None and not isinstance(text, str):
            raise PayloadError(f"{where}.message.text must be a string")
        return InboundMessage(
            provider=PROVIDER,
            message_id=message_id,
            from_number=sender,
            to_number=recipient,
            text=text or "",
            sent_at=parse_iso8601(message.get("time")) or event_time,
            carrier_opt_out_type=None,
            raw=event,
        )
    return make_outcome(
        PROVIDER,
        request=request,
        message_id=message_id,
        recipient=recipient,
        inbox=sender,
        status=map_status(PROVIDER, event_type, _STATUS),
        error_code=optional_str(event, "errorCode", where),
        error_text=optional_str(event, "description", where),
        tag_broadcast_id=broadcast_id_from_tags(message.get("tag")),
        occurred_at=event_time,
        raw=event,
    )


def verify(source: Source, credentials: Credentials, options: VerifyOptions) -> None:
    verify_basic_auth(
        require_request(source, PROVIDER),
        credential(credentials, "username"),
        credential(credentials, "password"),
    )


ADAPTER = Adapter(name=PROVIDER, verify=verify, parse=parse)
