"""Normalised, provider-neutral records produced by the carrier adapters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Provider = Literal["twilio", "telnyx", "bandwidth", "vonage", "aws"]
PROVIDERS: tuple[Provider, ...] = ("twilio", "telnyx", "bandwidth", "vonage", "aws")

DeliveryStatus = Literal["queued", "sent", "delivered", "undelivered", "failed"]
DELIVERY_STATUSES: tuple[DeliveryStatus, ...] = (
    "queued",
    "sent",
    "delivered",
    "undelivered",
    "failed",
)
FAILED_STATUSES: frozenset[str] = frozenset({"undelivered", "failed"})

FailureClass = Literal["none", "transient", "permanent", "carrier_opt_out"]
FAILURE_CLASSES: tuple[FailureClass, ...] = ("none", "transient", "permanent", "carrier_opt_out")


@dataclass(frozen=True)
class InboundMessage:
    """One SMS a contact sent to one of our numbers (``to_number`` is the inbox)."""

    provider: str
    message_id: str
    from_number: str
    to_number: str
    text: str
    # Provider timestamp of the message (UTC); None when the provider sends none.
    sent_at: datetime | None
    # Twilio Advanced Opt-Out keyword type (STOP/START/HELP): Twilio already replied, so the
    # service must not send a second confirmation (docs/compliance.md §2).
    carrier_opt_out_type: str | None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class DeliveryOutcome:
    """Delivery state of one outbound message to one recipient."""

    provider: str
    message_id: str
    recipient: str
    inbox: str
    status: DeliveryStatus
    error_code: str | None
    error_text: str | None
    failure_class: FailureClass
    broadcast_id: str | None
    occurred_at: datetime | None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_failure(self) -> bool:
        return self.status in FAILED_STATUSES
