"""What every provider adapter provides, and the helpers they share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .._common import Now, broadcast_id_from_request, first_present
from ..carrier_errors import PayloadError
from ..error_codes import classify_failure, lookup_error
from ..records import FAILED_STATUSES, DeliveryOutcome, DeliveryStatus, InboundMessage
from ..request import WebhookRequest
from ..sns import CertLoader, SnsMessage

Source = WebhookRequest | SnsMessage | Mapping[str, Any]
"""A WebhookRequest for HTTP webhooks; AWS also takes an SNS Lambda event/record/envelope."""

Record = InboundMessage | DeliveryOutcome
Credentials = Mapping[str, str]


@dataclass(frozen=True)
class VerifyOptions:
    now: Now = None
    cert_loader: CertLoader | None = None


@dataclass(frozen=True)
class Adapter:
    name: str
    # Raise SignatureError unless the request is authentic.
    verify: Callable[[Source, Credentials, VerifyOptions], None]
    # Every event in the request, inbound messages and delivery outcomes alike, in order.
    parse: Callable[[Source], list[Record]]


def require_request(source: Source, provider: str) -> WebhookRequest:
    if not isinstance(source, WebhookRequest):
        raise PayloadError(f"{provider} webhooks must be passed as a WebhookRequest")
    return source


def credential(credentials: Credentials, name: str) -> str:
    # An absent credential is handled by the verify_* functions as a configuration error.
    value = credentials.get(name)
    return value if isinstance(value, str) else ""


def map_status(
    provider: str, raw_status: str, table: Mapping[str, DeliveryStatus]
) -> DeliveryStatus:
    status = table.get(raw_status.strip().lower())
    if status is None:
        raise PayloadError(f"unsupported {provider} delivery status {raw_status!r}")
    return status


def make_outcome(
    provider: str,
    *,
    request: WebhookRequest | None,
    message_id: str,
    recipient: str,
    inbox: str,
    status: DeliveryStatus,
    error_code: str | None,
    error_text: str | None,
    tag_broadcast_id: str | None,
    occurred_at: datetime | None,
    raw: Mapping[str, Any],
) -> DeliveryOutcome:
    """Assemble a DeliveryOutcome: classify the failure and pick the broadcast id.

    The callback-URL query parameter wins over the provider's tag field because it is set by
    us per send and cannot be altered by the provider's tag handling.
    """
    failed = status in FAILED_STATUSES
    if failed and not error_text:
        entry = lookup_error(provider, error_code)
        error_text = entry.text if entry else None
    return DeliveryOutcome(
        provider=provider,
        message_id=message_id,
        recipient=recipient,
        inbox=inbox,
        status=status,
        error_code=error_code if failed else None,
        error_text=error_text if failed else None,
        failure_class=classify_failure(provider, status, error_code),
        broadcast_id=first_present(broadcast_id_from_request(request), tag_broadcast_id),
        occurred_at=occurred_at,
        raw=raw,
    )
