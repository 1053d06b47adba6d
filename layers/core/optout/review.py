"""The review queue's records: a message the engine would not act on alone, and its resolution."""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum
from typing import Any

from optout.models import ContactStatus, DeferredModel, Initiator

ID_LENGTH = 32


class ReviewState(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class ResolveAction(StrEnum):
    OPT_OUT = "opt_out"
    DISMISS = "dismiss"


class ReviewResolution(DeferredModel):
    """Who decided what, when and why; `event_id` names the consent event an opt-out wrote."""

    action: ResolveAction
    note: str
    by: Initiator
    at: datetime
    changed: bool  # the contact's status changed (False: opted out or blocked already, or dismissed)
    contact_status: ContactStatus | None = None  # the contact's status after the resolution
    event_id: str | None = None


class ReviewItem(DeferredModel):
    id: str
    workspace_id: str
    phone: str
    inbox: str
    provider: str
    message_id: str | None = None
    text: str
    received_at: datetime  # our clock, when the webhook came
    sent_at: datetime | None = None  # the carrier's time of the message, when it gives one
    decision: dict[str, Any]
    state: ReviewState = ReviewState.OPEN
    resolution: ReviewResolution | None = None


def review_id(marker_id: str) -> str:
    """Derived from the message's idempotency marker, so one message is one item however often it comes."""
    return hashlib.sha256(marker_id.encode()).hexdigest()[:ID_LENGTH]


def valid_review_id(value: str) -> bool:
    return len(value) == ID_LENGTH and all(c in "0123456789abcdef" for c in value)
