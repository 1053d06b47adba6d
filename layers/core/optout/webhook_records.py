"""Outgoing webhooks' records: a registered endpoint, one delivery attempt, and a revocation that
subscribers acknowledge (docs/webhooks.md). Pydantic models, stored by repository/webhooks.py and
repository/revocation_acks.py."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from optout.models import DeferredModel

# A test delivery's type; the consent events' types are rules/consent_publication.ConsentEventType
# (the records hold them as strings: this module sits below the rules).
PING_TYPE = "ping"


class DeliveryState(StrEnum):
    DELIVERED = "delivered"
    RETRYING = "retrying"
    DEAD_LETTERED = "dead_lettered"


class Webhook(DeferredModel):
    id: str
    workspace_id: str
    url: str
    events: list[str]  # consent event types (rules.consent_publication.ConsentEventType)
    description: str | None = None
    created_at: datetime
    created_by: str  # the API key that registered it
    secret_ref: str  # the Secrets Manager name of its signing secret, never the secret


class DeliveryAttempt(DeferredModel):
    """One POST to one endpoint: what was sent, what came back, and where the event stands."""

    webhook_id: str
    event_id: str
    type: str
    attempt: int = Field(description="The queue message's receive count: 1 for the first attempt.")
    attempted_at: datetime
    status_code: int | None = None
    error: str | None = None
    duration_ms: int
    state: DeliveryState


class Revocation(DeferredModel):
    """A revocation event as the sender saw it, and the webhooks it was sent to (`pending` until
    each acknowledges it)."""

    event_id: str
    workspace_id: str
    type: str  # ContactOptedOut, ContactBlocked or TopicConsentRevoked
    phone: str
    topic: str | None = None
    occurred_at: datetime
    honour_by: datetime | None = None
    subscribers: list[str] = Field(default_factory=list)
    pending: list[str] = Field(default_factory=list)


class Acknowledgement(DeferredModel):
    event_id: str
    webhook_id: str
    acknowledged_at: datetime
    acknowledged_by: str  # the API key that acknowledged
