"""Telnyx API v2 messaging webhooks: ``message.received``, ``message.sent``,
``message.finalized`` (§2). One messaging-profile URL receives all of them."""

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
from ..signatures import verify_telnyx
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

PROVIDER = "telnyx"
INBOUND_EVENT = "message.received"
STATUS_EVENTS = frozenset({"message.sent", "message.finalized"})

_STATUS: dict[str, DeliveryStatus] = {
    "queued": "queued",
    "scheduled": "queued",
    "sending": "queued",
    "sent": "sent",
    # Final, but the carrier never confirmed: most likely delivered, not a failure.
    "delivery_unconfirmed": "sent",
    "delivered": "delivered",
    "sending_failed": "failed",
    "cancelled": "failed",
    "delivery_failed": "undelivered",
    "expired": "undelivered",
}


def _phone(entry: Any, where: str) -> str:
    return normalise_number(require_str(as_mapping(entry, where), "phone_number", where))


def parse(source: Source) -> list[Record]:
    request = require_request(source, PROVIDER)
    body = as_mapping(request.json(), "body")
    data = as_mapping(body.get("data"), "data")
    event_type = require_str(data, "event_type", "data")
    payload = as_mapping(data.get("payload"), "data.payload")
    recipients = as_list(payload.get("to"), "data.payload.to")
    if not recipients:
        raise PayloadError("data.payload.to is empty")
    message_id = require_str(payload, "id", "data.payload")
    sender = _phone(payload.get("from"), "data.payload.from")
    occurred_at = parse_iso8601(data.get("occurred_at"))

    if event_type == INBOUND_EVENT:
        text = payload.get("text")
        if text is not None and not isinstance(text, str):
            raise PayloadError("data.payload.text must be a string")
        return [
            InboundMessage(
                provider=PROVIDER,
                message_id=message_id,
                from_number=sender,
                to_number=_phone(recipients[0], "data.payload.to[0]"),
                text=text or "",  # MMS may have no text
                sent_at=parse_iso8601(payload.get("received_at")) or occurred_at,
                carrier_opt_out_type=None,
                raw=body,
            )
        ]
    if event_type not in STATUS_EVENTS:
        raise PayloadError(f"unsupported Telnyx event_type {event_type!r}")

    code, text = _first_error(payload)
    outcomes: list[Record] = []
    # One outcome per addressee: each entry of ``to`` carries its own status.
    for index, entry in enumerate(recipients):
        where = f"data.payload.to[{index}]"
        outcomes.append(
            make_outcome(
                PROVIDER,
                request=request,
                message_id=message_id,
                recipient=_phone(entry, where),
                inbox=sender,
                status=map_status(PROVIDER, require_str(entry, "status", where), _STATUS),
                error_code=code,
                error_text=text,
                tag_broadcast_id=broadcast_id_from_tags(payload.get("tags")),
                occurred_at=occurred_at,
                raw=body,
            )
        )
    return outcomes


def _first_error(payload: Mapping[str, Any]) -> tuple[str | None, str | None]:
    errors = payload.get("errors") or []
    for index, error in enumerate(as_list(errors, "data.payload.errors")):
        where = f"data.payload.errors[{index}]"
        error = as_mapping(error, where)
        code = optional_str(error, "code", where)
        if code:
            text = optional_str(error, "detail", where) or optional_str(error, "title", where)
            return code, text
    return None, None


def verify(source: Source, credentials: Credentials, options: VerifyOptions) -> None:
    verify_telnyx(
        require_request(source, PROVIDER),
        credential(credentials, "public_key"),
        now=options.now,
    )


ADAPTER = Adapter(name=PROVIDER, verify=verify, parse=parse)
