"""Delivery-status callbacks: record each message's final outcome once, keep the contact's delivery
fields and apply the consent effects of failures. A broadcast's failures are read back by
services.broadcast_failures.

Only final outcomes (delivered, undelivered, failed) are recorded. A message's recorded state is
its idempotency marker (`delivery#{workspace}#{inbox}#{provider}#{message id}#{recipient}`), so
it can only go from nothing to final: interim statuses (queued, sent) write nothing, and a second
final outcome (a carrier's retry, or `delivered` after `failed`) finds the marker and writes
nothing either. The marker of an outcome that opted the contact out never expires.

Cost of a final outcome: one BatchGetItem (contact and marker) and one TransactWriteItems (the
contact's delivery fields, its consent event when the status changes, the failure record (listed
under its broadcast when it has one), the marker). A delivery to a number that is not a contact
writes the marker alone. A `sent` or `delivered` outcome is also counted among the number's sends
(services.sends): one UpdateItem more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from optout import repository
from optout.errors import InvalidPhone
from optout.models import BroadcastFailure, Inbox, WorkspaceSettings, utc_now
from optout.observability import MetricUnit, logger, single_metric
from optout.phones import normalize_phone
from optout.rules.delivery import decide_delivery, failure_decision, failure_fields
from optout.services import sends

if TYPE_CHECKING:
    # Types only: the contacts API reads failure rules from this module and must not load the
    # carrier adapters.
    from optout.carriers import DeliveryOutcome

FINAL_STATUSES = frozenset({"delivered", "undelivered", "failed"})
# Longer than any carrier's retry window: SNS retries for 23 days, Vonage DLRs for 72 hours.
MARKER_TTL_SECONDS = 30 * 24 * 3600


# What an outcome does to the contact is decided in optout.rules.delivery (`failure_decision`
# stays importable from here for the failures API).
__all__ = ["DeliveryResult", "failure_decision", "handle_outcome", "marker_id", "record_batch", "record_metrics"]


def marker_id(outcome: DeliveryOutcome, inbox: Inbox) -> str:
    """Every provider's status callback names the message (the parsers require it). One message
    may go to several recipients (Telnyx group messages), so the recipient is part of the key; the
    workspace and inbox are too, as message ids are not unique across carrier accounts."""
    return repository.marker_id(
        "delivery", inbox.workspace_id, inbox.number, outcome.provider, outcome.message_id, outcome.recipient
    )


# --- recording one outcome --------------------------------------------------------------------


_RECORDED = ("status", "failure_class", "opted_out")


@dataclass(frozen=True)
class DeliveryResult:
    """What one outcome did; a duplicate reports the outcome recorded first."""

    message_id: str
    status: str
    failure_class: str
    recorded: bool = False
    duplicate: bool = False
    opted_out: str | None = None  # the reason, when this outcome opted the contact out

    def marker(self, key: str, workspace_id: str) -> dict[str, Any]:
        """The message's recorded state: its final outcome and what that did."""
        recorded = {name: getattr(self, name) for name in _RECORDED}
        return repository.marker_item(
            key, workspace_id, recorded, changed_consent=self.opted_out is not None, ttl_seconds=MARKER_TTL_SECONDS
        )

    @classmethod
    def from_marker(cls, marker: Mapping[str, Any], message_id: str) -> DeliveryResult:
        recorded = {name: marker[name] for name in _RECORDED if name in marker}
        return cls(message_id=message_id, **{"status": "unknown", "failure_class": "none", **recorded}, duplicate=True)

    def summary(self) -> dict[str, Any]:
        return {
            "message_id": self.message_id,
            "status": self.status,
            "failure_class": self.failure_class,
            "duplicate": self.duplicate,
            "opted_out": self.opted_out,
        }


def _failure_record(outcome: DeliveryOutcome, workspace_id: str, phone: str, at: datetime) -> BroadcastFailure | None:
    """Every failure is recorded, so the failure reports count it; one with a usable broadcast id
    is also listed under its broadcast."""
    if not outcome.is_failure:
        return None
    fields = failure_fields(outcome)
    if fields["broadcast_id"] is not None and not repository.valid_broadcast_id(fields["broadcast_id"]):
        logger.warning("broadcast id too long; failure counted but not listed", extra={"length": len(fields["broadcast_id"])})
        fields["broadcast_id"] = None
    return BroadcastFailure(workspace_id=workspace_id, phone=phone, message_id=outcome.message_id, failed_at=at, **fields)


def handle_outcome(
    outcome: DeliveryOutcome, inbox: Inbox, settings: WorkspaceSettings, *, attempts: int = 3
) -> DeliveryResult:
    """Record a delivery outcome once; a contact changed meanwhile (another callback, an inbound
    STOP) makes it decide again on fresh data."""
    return repository.retry_on_conflict(lambda: _record_outcome(outcome, inbox, settings), attempts=attempts)


def _record_outcome(outcome: DeliveryOutcome, inbox: Inbox, settings: WorkspaceSettings) -> DeliveryResult:
    result = DeliveryResult(message_id=outcome.message_id, status=outcome.status, failure_class=outcome.failure_class)
    if outcome.status not in FINAL_STATUSES:
        return result  # queued or sent: nothing to record until the outcome is final
    try:
        phone = normalize_phone(outcome.recipient, settings.default_region)
    except InvalidPhone:
        return result  # a short code or alphanumeric id: no contact to keep anything on
    workspace_id = inbox.workspace_id
    key = marker_id(outcome, inbox)
    current, marker = repository.get_contact_and_marker(workspace_id, phone, key)
    if marker is not None:
        return DeliveryResult.from_marker(marker, outcome.message_id)

    now = utc_now()
    decision = decide_delivery(
        current, outcome, settings, workspace_id=workspace_id, inbox=inbox.number, phone=phone, now=now
    )
    write = decision.write
    failure = _failure_record(outcome, workspace_id, phone, outcome.occurred_at or now)
    result = DeliveryResult(
        message_id=outcome.message_id,
        status=outcome.status,
        failure_class=outcome.failure_class,
        recorded=True,
        opted_out=decision.opted_out.value if decision.opted_out is not None else None,
    )
    try:
        if write is None:
            repository.put_marker(result.marker(key, workspace_id))
        else:
            repository.write_contacts(
                [write],
                markers=[result.marker(key, workspace_id)],
                failures=[failure] if failure else (),
            )
    except repository.DuplicateMessage:
        _, marker = repository.get_contact_and_marker(workspace_id, phone, key)
        return DeliveryResult.from_marker(marker or {}, outcome.message_id)
    return result


def record_metrics(results: Sequence[DeliveryResult]) -> None:
    for result in results:
        if not result.recorded:
            continue
        with single_metric(name="DeliveryOutcomes", unit=MetricUnit.Count, value=1, namespace="OptOut") as metric:
            metric.add_dimension(name="failure_class", value=result.failure_class)
        if result.opted_out:
            with single_metric(name="OptOuts", unit=MetricUnit.Count, value=1, namespace="OptOut") as metric:
                metric.add_dimension(name="reason", value=result.opted_out)


def record_batch(inbox: Inbox, outcomes: Sequence[DeliveryOutcome]) -> list[DeliveryResult]:
    """A verified webhook's outcomes, each recorded once, with their metrics."""
    from optout.services.accounts import get_workspace

    settings = get_workspace(inbox.workspace_id).settings
    results = [handle_outcome(outcome, inbox, settings) for outcome in outcomes]
    # After the outcomes, and for duplicates too: a failed write here fails the callback, and the
    # carrier's retry records the send (idempotent by message id) without applying anything twice.
    sends.record_callback_sends(inbox, outcomes, settings.default_region)
    record_metrics(results)
    logger.info(
        "delivery status processed",
        extra={
            "provider": inbox.provider,
            "inbox": inbox.number,
            "results": [(r.status, r.failure_class, r.duplicate, r.opted_out) for r in results],
        },
    )
    return results
