"""Bodies of the webhook and acknowledgement routes; a webhook's signing secret appears only in the
answer that creates it."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from optout.api.schemas.common import Strict
from optout.models import DeferredModel
from optout.rules.consent_publication import ConsentEventType
from optout.rules.webhook_urls import MAX_URL_LENGTH
from optout.webhook_records import DeliveryAttempt, DeliveryState, Webhook


class WebhookIn(Strict):
    url: str = Field(min_length=1, max_length=MAX_URL_LENGTH, description="An https URL (docs/webhooks.md).")
    events: list[ConsentEventType] = Field(min_length=1, max_length=len(ConsentEventType),
                                           description="The consent event types to send it.")
    description: str | None = Field(default=None, max_length=200)


class WebhookOut(DeferredModel):
    id: str
    url: str
    events: list[ConsentEventType]
    description: str | None
    created_at: datetime

    @classmethod
    def of(cls, webhook: Webhook) -> WebhookOut:
        return cls.model_validate(webhook.model_dump(include=set(cls.model_fields)))


class WebhookCreated(WebhookOut):
    secret: str = Field(description="Signs every delivery (Optout-Signature). Shown once; keep it safe.")


class WebhookList(DeferredModel):
    webhooks: list[WebhookOut]


class PingOut(DeferredModel):
    event_id: str = Field(description="The ping's id: its delivery appears in the delivery log under it.")
    queued: bool = True


class DeliveryOut(DeferredModel):
    event_id: str
    type: str
    attempt: int = Field(description="1 for the first attempt; the queue retries up to its maxReceiveCount.")
    attempted_at: datetime
    status_code: int | None = Field(description="The endpoint's HTTP status; null when none came.")
    error: str | None = Field(description="Why no 2xx came: a timeout, a refused connection...")
    duration_ms: int
    state: DeliveryState

    @classmethod
    def of(cls, attempt: DeliveryAttempt) -> DeliveryOut:
        return cls.model_validate(attempt.model_dump(include=set(cls.model_fields)))


class DeliveryPage(DeferredModel):
    deliveries: list[DeliveryOut] = Field(description="Newest first.")
    next_cursor: str | None


class AckIn(Strict):
    webhook_id: str = Field(min_length=1, max_length=40, description="The webhook that applied the revocation.")


class AckOut(DeferredModel):
    event_id: str
    webhook_id: str
    acknowledged_at: datetime
    acknowledged_by: str = Field(description="The API key that acknowledged first.")
    already_acknowledged: bool = Field(description="True when this webhook had acknowledged it before.")
    pending_webhooks: list[str] = Field(description="The webhooks that still owe an acknowledgement.")


class UnacknowledgedOut(DeferredModel):
    event_id: str
    type: ConsentEventType
    phone: str
    topic: str | None
    occurred_at: datetime
    honour_by: datetime | None
    overdue: bool = Field(description="honour_by has passed.")
    pending_webhooks: list[str]


class UnacknowledgedPage(DeferredModel):
    revocations: list[UnacknowledgedOut] = Field(description="Earliest honour_by first.")
    next_cursor: str | None
