"""The webhook sender: each queue message is one consent-bus event (or a ping), POSTed signed to
every webhook of its workspace subscribed to its type that has not taken it yet.

A 2xx is delivered (a marker per event and webhook, so a retried message re-sends only to the
endpoints that failed). Anything else is logged as an attempt and fails the message, which SQS
delivers again after its visibility timeout; the attempt of the last receive (the queue's
maxReceiveCount) is logged as dead-lettered, and SQS then moves the message to the dead-letter
queue. Revocations are recorded for acknowledgements on first sight (services/revocation_acks.py).
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import partial
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from optout.config import settings
from optout.models import utc_now
from optout.observability import MetricUnit, logger, metrics
from optout.outbound import webhook_secrets
from optout.outbound.http_transport import HttpResult, Transport, UrllibTransport
from optout.repository import revocation_acks
from optout.repository import webhooks as store
from optout.rules import webhook_signing as signing
from optout.rules.consent_publication import REVOCATIONS
from optout.rules.webhook_urls import address_allowed
from optout.services.webhooks import loopback_allowed, subscribed
from optout.webhook_records import PING_TYPE, DeliveryAttempt, DeliveryState, Revocation, Webhook

TIMEOUT_SECONDS = 5.0
DEFAULT_MAX_RECEIVES = 5
_USER_AGENT = "optout-webhooks/1"
_METRICS = {
    DeliveryState.DELIVERED: "WebhookDelivered",
    DeliveryState.RETRYING: "WebhookDeliveryFailed",
    DeliveryState.DEAD_LETTERED: "WebhookDeadLettered",
}


class EventDetail(BaseModel):
    """What the sender reads of an event's detail; the rest is sent as it came."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(min_length=1, max_length=200)
    workspace_id: str = Field(min_length=1, max_length=100)
    type: str
    phone: str | None = None
    topic: str | None = None
    occurred_at: datetime | None = None
    honour_by: datetime | None = None
    webhook_id: str | None = None  # a ping names its one webhook


class BusMessage(BaseModel):
    detail: dict[str, Any]


class DeliveryFailed(Exception):
    """Some endpoint did not take the event: the message fails, so SQS retries it."""


def max_receives() -> int:
    value = settings().webhook_max_receives
    return int(value) if value.isdigit() else DEFAULT_MAX_RECEIVES


def _targets(detail: EventDetail) -> list[Webhook]:
    if detail.type == PING_TYPE:
        webhook = store.get_webhook(detail.workspace_id, detail.webhook_id or "")
        return [webhook] if webhook else []
    return subscribed(store.list_webhooks(detail.workspace_id), detail.type, detail.occurred_at)


def _record_revocation(detail: EventDetail, targets: list[Webhook]) -> None:
    if detail.type not in REVOCATIONS or not detail.phone or detail.occurred_at is None:
        return
    ids = [w.id for w in targets]
    revocation_acks.put_revocation_once(Revocation(
        event_id=detail.id, workspace_id=detail.workspace_id, type=detail.type, phone=detail.phone,
        topic=detail.topic, occurred_at=detail.occurred_at, honour_by=detail.honour_by,
        subscribers=ids, pending=ids,
    ))


def _post(webhook: Webhook, detail: EventDetail, body: bytes, attempt: int, transport: Transport) -> HttpResult:
    try:
        secret = webhook_secrets.read_secret(webhook.secret_ref)
    except Exception as exc:
        return HttpResult(None, f"the signing secret cannot be read ({type(exc).__name__})", 0)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": _USER_AGENT,
        signing.SIGNATURE_HEADER: signing.signature_header(secret, int(time.time()), body),
        signing.EVENT_ID_HEADER: detail.id,
        signing.EVENT_TYPE_HEADER: detail.type,
        signing.ATTEMPT_HEADER: str(attempt),
    }
    return transport.post(webhook.url, body, headers, timeout=TIMEOUT_SECONDS)


def _deliver_one(webhook: Webhook, detail: EventDetail, body: bytes, attempt: int, transport: Transport) -> bool:
    attempted_at = utc_now()
    result = _post(webhook, detail, body, attempt, transport)
    if result.ok:
        state = DeliveryState.DELIVERED
        store.put_delivered(detail.workspace_id, detail.id, webhook.id)
    else:
        state = DeliveryState.DEAD_LETTERED if attempt >= max_receives() else DeliveryState.RETRYING
    store.put_attempt(detail.workspace_id, DeliveryAttempt(
        webhook_id=webhook.id, event_id=detail.id, type=detail.type, attempt=attempt, attempted_at=attempted_at,
        status_code=result.status_code, error=result.error, duration_ms=result.duration_ms, state=state,
    ))
    log = logger.info if result.ok else logger.warning
    log("webhook delivery", extra={"webhook_id": webhook.id, "event_id": detail.id, "attempt": attempt,
                                   "status_code": result.status_code, "error": result.error, "state": state.value})
    metrics.add_metric(name=_METRICS[state], unit=MetricUnit.Count, value=1)
    return result.ok


def deliver(detail: EventDetail, raw_detail: dict[str, Any], attempt: int, transport: Transport) -> list[str]:
    """Send one event to each webhook that has not taken it; returns the ids that failed."""
    targets = _targets(detail)
    _record_revocation(detail, targets)
    done = store.delivered_to(detail.workspace_id, detail.id) if targets else set()
    pending = [w for w in targets if w.id not in done]
    if not pending:
        return []
    body = json.dumps(raw_detail, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    # Endpoints are independent: a slow one never holds up the others past its own timeout.
    with ThreadPoolExecutor(max_workers=min(8, len(pending))) as pool:
        outcomes = list(pool.map(lambda w: _deliver_one(w, detail, body, attempt, transport), pending))
    return [w.id for w, ok in zip(pending, outcomes, strict=True) if not ok]


def _record_handler(transport: Transport) -> Any:
    def handle(record: SQSRecord) -> None:
        try:
            raw = BusMessage.model_validate_json(record.body).detail
            detail = EventDetail.model_validate(raw)
        except ValidationError as exc:
            # It would fail the same way on every delivery: drop it (logged), never retry it.
            logger.error("malformed webhook delivery message dropped", extra={
                "message_id": record.message_id, "errors": exc.errors(include_url=False, include_input=False)})
            metrics.add_metric(name="WebhookMessagesDropped", unit=MetricUnit.Count, value=1)
            return
        attempt = int(record.attributes.approximate_receive_count or 1)
        failed = deliver(detail, raw, attempt, transport)
        if failed:
            raise DeliveryFailed(f"{len(failed)} endpoint(s) did not take event {detail.id}")
    return handle


def process_batch(event: dict[str, Any], context: Any = None, *, transport: Transport | None = None) -> dict[str, Any]:
    """An SQS batch of the delivery queue; the partial batch response lists the messages to retry."""
    chosen = transport or UrllibTransport(partial(address_allowed, allow_loopback=loopback_allowed()))
    # A subscriber's failing endpoint is not this function's error: even a batch that failed
    # whole is a partial batch response (no Lambda error, no Errors alarm), retried by SQS.
    processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)
    return dict(process_partial_response(
        event=event, record_handler=_record_handler(chosen), processor=processor, context=context))
