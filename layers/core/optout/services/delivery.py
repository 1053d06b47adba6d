"""Delivery-status callbacks: record each message's final outcome once, keep the contact's delivery
fields, apply the consent effects of failures, and read a broadcast's failures back.

Only final outcomes (delivered, undelivered, failed) are recorded. A message's recorded state is
its idempotency marker (`delivery#{workspace}#{inbox}#{provider}#{message id}#{recipient}`), so
it can only go from nothing to final: interim statuses (queued, sent) write nothing, and a second
final outcome (a carrier's retry, or `delivered` after `failed`) finds the marker and writes
nothing either. The marker of an outcome that opted the contact out never expires.

Cost of a final outcome: one BatchGetItem (contact and marker) and one TransactWriteItems (the
contact's delivery fields, its consent event when the status changes, the failure record (listed
under its broadcast when it has one), the marker). A delivery to a number that is not a contact
writes the marker alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from optout import consent, idempotency, repository
from optout.errors import InvalidInput, InvalidPhone, NotFound
from optout.models import (
    BroadcastFailure,
    Contact,
    ContactStatus,
    ContactWrite,
    DeliveryRecord,
    Inbox,
    Initiator,
    InitiatorType,
    Principal,
    Reason,
    WorkspaceSettings,
    utc_now,
)
from optout.observability import MetricUnit, logger, single_metric
from optout.phones import normalize_phone

if TYPE_CHECKING:
    # Types only: the contacts API reads failures through this module and must not load the
    # carrier adapters, and the delivery-status function must not load the contacts service.
    from optout.carriers import DeliveryOutcome
    from optout.services.contacts import StatusResult

FINAL_STATUSES = frozenset({"delivered", "undelivered", "failed"})
# Longer than any carrier's retry window: SNS retries for 23 days, Vonage DLRs for 72 hours.
MARKER_TTL_SECONDS = 30 * 24 * 3600


# --- rules (pure) -----------------------------------------------------------------------------


def counts_against_number(outcome: DeliveryOutcome) -> bool:
    """A failure that says something about the number, not about our sender, content or campaign
    (carriers.md §1.3: a filtered message is "not a number problem - don't suppress the number")."""
    from optout.carriers.error_codes import NOT_RECIPIENT, lookup_error

    if not outcome.is_failure:
        return False
    entry = lookup_error(outcome.provider, outcome.error_code)
    return not (entry is not None and entry.note.startswith(NOT_RECIPIENT))


@dataclass(frozen=True)
class DeliveryChange:
    """What one final outcome does to a contact's delivery fields."""

    update: dict[str, Any]
    counted: bool  # the outcome extended the contact's run of failures


def delivery_change(current: Contact | None, outcome: DeliveryOutcome, at: datetime) -> DeliveryChange:
    """New delivery fields for a contact, given one final outcome at provider time `at`.

    Callbacks for different messages arrive out of order, so each rule compares times: the newest
    outcome is the contact's last one; a failure older than the last delivery (or the last
    opt-in) is not "in a row"; a delivery breaks the run only if it is not older than the run.
    """
    last = current.last_delivery if current else None
    delivered_at = current.last_delivered_at if current else None
    opted_in_at = current.last_opt_in_at if current else None
    count = current.consecutive_failures if current else 0
    since = current.failure_streak_since if current else None
    if since is not None and opted_in_at is not None and since < opted_in_at:
        count, since = 0, None  # opting back in starts the count again
    update: dict[str, Any] = {}
    if last is None or at >= last.at:
        update["last_delivery"] = DeliveryRecord(
            status=outcome.status,
            failure_class=outcome.failure_class,
            error_code=outcome.error_code,
            message_id=outcome.message_id or None,
            at=at,
        )
    counted = False
    if outcome.status == "delivered":
        if delivered_at is None or at > delivered_at:
            update["last_delivered_at"] = at
        if since is None or at >= since:
            count, since = 0, None
    elif counts_against_number(outcome) and not is_stale(current, at):
        counted = True
        count += 1
        since = at if since is None else min(since, at)
    update["consecutive_failures"] = count
    update["failure_streak_since"] = since
    return DeliveryChange(update=update, counted=counted)


def is_stale(current: Contact | None, at: datetime) -> bool:
    """A failure older than the contact's last delivery or last opt-in says nothing about now."""
    if current is None:
        return False
    return any(t is not None and at < t for t in (current.last_delivered_at, current.last_opt_in_at))


def consent_effect(
    current: Contact | None,
    outcome: DeliveryOutcome,
    change: DeliveryChange,
    settings: WorkspaceSettings,
    at: datetime,
) -> tuple[Reason, str] | None:
    """(reason, rule) when this outcome opts an active contact out, else None.

    A carrier opt-out always does: the carrier refuses to deliver anyway. With Auto Opt-Out on
    Failed Delivery on, a permanent failure does at once, and transient ones after
    `failed_delivery_threshold` in a row. Opted-out and blocked contacts are left as they are.
    """
    if current is not None and current.status is not ContactStatus.ACTIVE:
        return None
    if not outcome.is_failure or is_stale(current, at):
        return None
    if outcome.failure_class == "carrier_opt_out":
        return Reason.CARRIER, "carrier_opt_out"
    if not settings.auto_opt_out_on_failed_delivery:
        return None
    if outcome.failure_class == "permanent":
        return Reason.FAILED_DELIVERY, "permanent_failure"
    if change.counted and change.update["consecutive_failures"] >= settings.failed_delivery_threshold:
        return Reason.FAILED_DELIVERY, "consecutive_failures"
    return None


# What a failure record and a failed-delivery consent event keep of the outcome.
_FAILURE_FIELDS = ("provider", "inbox", "status", "failure_class", "error_code", "error_text", "broadcast_id")


def failure_fields(outcome: DeliveryOutcome | BroadcastFailure) -> dict[str, Any]:
    return {name: getattr(outcome, name) for name in _FAILURE_FIELDS}


def failure_decision(outcome: DeliveryOutcome | BroadcastFailure, rule: str, **extra: Any) -> dict[str, Any]:
    """What the consent event records about the failure behind it."""
    return {"rule": rule, **failure_fields(outcome), **extra}


def delivery_initiator(provider: str) -> Initiator:
    return Initiator(type=InitiatorType.SYSTEM, id=f"delivery:{provider}", name=f"{provider} delivery status")


def marker_id(outcome: DeliveryOutcome, inbox: Inbox) -> str:
    """Every provider's status callback names the message (the parsers require it). One message
    may go to several recipients (Telnyx group messages), so the recipient is part of the key; the
    workspace and inbox are too, as message ids are not unique across carrier accounts."""
    return idempotency.marker_id(
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
        return idempotency.marker_item(
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


def _contact_write(
    current: Contact | None,
    outcome: DeliveryOutcome,
    change: DeliveryChange,
    effect: tuple[Reason, str] | None,
    *,
    inbox: Inbox,
    phone: str,
    now: datetime,
) -> ContactWrite | None:
    workspace_id = inbox.workspace_id
    if effect is not None:
        reason, rule = effect
        extra = {"consecutive_failures": change.update["consecutive_failures"]}
        context = consent.StatusContext(
            reason=reason,
            initiator=delivery_initiator(outcome.provider),
            at=now,
            inbox=inbox.number,
            message_id=outcome.message_id or None,
            decision=failure_decision(outcome, rule, **extra),
            source_at=outcome.occurred_at,
        )
        opt_out = consent.status_change(
            current, ContactStatus.OPTED_OUT, context, workspace_id=workspace_id, phone=phone
        )
        if opt_out is not None:
            return replace(opt_out, contact=opt_out.contact.model_copy(update=change.update))
    if current is None and not outcome.is_failure:
        return None  # a delivery to a number that is no contact: nothing to keep
    base = current if current is not None else consent.new_contact(workspace_id, phone, now)
    return consent.profile_write(current, base.model_copy(update=change.update))


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
    at = outcome.occurred_at or now
    change = delivery_change(current, outcome, at)
    effect = consent_effect(current, outcome, change, settings, at)
    write = _contact_write(current, outcome, change, effect, inbox=inbox, phone=phone, now=now)
    failure = _failure_record(outcome, workspace_id, phone, at)
    opted_out = effect[0].value if write is not None and write.event is not None and effect else None
    result = DeliveryResult(
        message_id=outcome.message_id,
        status=outcome.status,
        failure_class=outcome.failure_class,
        recorded=True,
        opted_out=opted_out,
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


# --- webhooks ---------------------------------------------------------------------------------


def _process(provider: str, source: Mapping[str, Any]) -> list[DeliveryResult]:
    from optout.carriers import DeliveryOutcome
    from optout.services.accounts import get_workspace
    from optout.webhooks.verification import verified_webhook

    webhook = verified_webhook(provider, "status", source)
    settings = get_workspace(webhook.inbox.workspace_id).settings
    results = [
        handle_outcome(outcome, webhook.inbox, settings)
        for outcome in webhook.records
        if isinstance(outcome, DeliveryOutcome)
    ]
    record_metrics(results)
    logger.info(
        "delivery status processed",
        extra={
            "provider": provider,
            "inbox": webhook.inbox.number,
            "results": [(r.status, r.failure_class, r.duplicate, r.opted_out) for r in results],
        },
    )
    return results


def handle_event(event: Mapping[str, Any]) -> dict[str, Any]:
    """The Lambda event: SNS records from AWS, or a carrier's callback to `/webhooks/{provider}/status`."""
    if "Records" in event:
        return receive_sns(event)
    return receive((event.get("resource") or event.get("path") or "").strip("/").split("/")[1], event)


def receive(provider: str, event: Mapping[str, Any]) -> dict[str, Any]:
    """A carrier's status callback over API Gateway: 200 with what each outcome did."""
    from optout.webhooks.responses import json_response, refusal_response
    from optout.webhooks.verification import WebhookRefused

    try:
        results = _process(provider, event)
    except WebhookRefused as exc:
        return refusal_response(exc)
    return json_response(200, {"received": len(results), "results": [r.summary() for r in results]})


def receive_sns(event: Mapping[str, Any]) -> dict[str, Any]:
    """AWS End User Messaging delivery events through SNS. A refused record is logged and dropped:
    raising would make SNS retry a message that can never verify."""
    from optout.webhooks.verification import WebhookRefused

    processed = refused = 0
    for record in event.get("Records") or []:
        try:
            processed += len(_process("aws", record))
        except WebhookRefused as exc:
            refused += 1
            logger.warning("SNS record refused", extra={"code": exc.code, "reason": exc.message})
    return {"processed": processed, "refused": refused}


# --- reading a broadcast's failures back (contacts API) ---------------------------------------


@dataclass(frozen=True)
class FailureEntry:
    failure: BroadcastFailure
    contact_status: ContactStatus | None  # None: the number is no longer a contact


def _check_broadcast(broadcast_id: str) -> str:
    if not repository.valid_broadcast_id(broadcast_id):
        raise InvalidInput(
            f"broadcast id must be 1 to {repository.MAX_BROADCAST_ID} characters", details={"field": "broadcast_id"}
        )
    return broadcast_id


def list_failures(
    principal: Principal, broadcast_id: str, *, limit: int, cursor: str | None
) -> tuple[list[FailureEntry], str | None]:
    """A broadcast's failed numbers with each contact's current status (one BatchGetItem a page).

    The cursor names the workspace and broadcast it was issued for, and works for them only.
    """
    _check_broadcast(broadcast_id)
    workspace_id = principal.workspace_id
    scope = {"w": workspace_id, "b": broadcast_id}
    start_key = repository.page_start(cursor, scope)
    failures, last_key = repository.query_broadcast_failures(
        workspace_id, broadcast_id, limit=limit, start_key=start_key
    )
    contacts = repository.batch_get_contacts(workspace_id, [f.phone for f in failures], projection=["pk", "status"])
    entries = [
        FailureEntry(f, ContactStatus(contacts[f.phone]["status"]) if f.phone in contacts else None) for f in failures
    ]
    return entries, repository.next_page(last_key, scope)


def opt_out_failure(principal: Principal, broadcast_id: str, raw_phone: str) -> StatusResult:
    """Opt out a number whose message of this broadcast failed, as the calling key (any role).

    A blocked contact stays blocked: unblocking is for admins, through set_status.
    """
    # Imported here: the delivery-status function never needs the contacts service.
    from optout.services.contacts import StatusResult, with_retry, workspace_phone

    _check_broadcast(broadcast_id)
    workspace_id = principal.workspace_id
    phone = workspace_phone(principal, raw_phone)
    failure = repository.get_broadcast_failure(workspace_id, broadcast_id, phone)
    if failure is None:
        raise NotFound(
            "this number has no failed delivery in this broadcast",
            code="failure_not_found",
            details={"broadcast_id": broadcast_id, "phone": phone},
        )

    def attempt() -> StatusResult:
        current = repository.get_contact(workspace_id, phone)
        if current is not None and current.status is not ContactStatus.ACTIVE:
            return StatusResult(current, False, None)  # opted out already, or blocked (which stays)
        context = consent.StatusContext(
            reason=Reason.FAILED_DELIVERY,
            initiator=principal.initiator,
            at=utc_now(),
            inbox=failure.inbox,
            message_id=failure.message_id,
            decision=failure_decision(failure, "manual"),
        )
        change = consent.status_change(
            current, ContactStatus.OPTED_OUT, context, workspace_id=workspace_id, phone=phone
        )
        assert change is not None  # active or new: opting out is a change
        repository.write_contacts([change])
        return StatusResult(change.contact, True, change.event)

    return with_retry(attempt)
