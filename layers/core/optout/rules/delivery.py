"""Delivery rules: what one final delivery outcome does to a contact's delivery fields and consent.

Pure: the delivery-status service reads the contact, asks `decide_delivery`, and writes the
returned `ContactWrite` with the message's marker. Carrier types are for type checking only, so
the contacts API (which records manual failure opt-outs) never loads the carrier adapters.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from optout.models import (
    BroadcastFailure,
    Contact,
    ContactStatus,
    ContactWrite,
    DeliveryRecord,
    Initiator,
    InitiatorType,
    Reason,
    WorkspaceSettings,
)
from optout.rules import consent

if TYPE_CHECKING:
    from optout.carriers import DeliveryOutcome


def counts_against_number(outcome: DeliveryOutcome) -> bool:
    """A failure that says something about the number, not about our sender, content or campaign:
    a carrier filtering a message is no reason to suppress the number (the error-code table marks
    such codes `NOT_RECIPIENT`)."""
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


@dataclass(frozen=True)
class DeliveryDecision:
    """What one final outcome does: the contact write (None: nothing to keep) and, when it opted
    the contact out, the reason."""

    write: ContactWrite | None
    opted_out: Reason | None


def decide_delivery(
    current: Contact | None,
    outcome: DeliveryOutcome,
    settings: WorkspaceSettings,
    *,
    workspace_id: str,
    inbox: str,
    phone: str,
    now: datetime,
) -> DeliveryDecision:
    """The delivery fields of one final outcome (at the provider's time, else ours) and its
    consent effect, as one write: an opt-out and the failure behind it land together."""
    at = outcome.occurred_at or now
    change = delivery_change(current, outcome, at)
    effect = consent_effect(current, outcome, change, settings, at)
    if effect is not None:
        reason, rule = effect
        context = consent.StatusContext(
            reason=reason,
            initiator=delivery_initiator(outcome.provider),
            at=now,
            inbox=inbox,
            message_id=outcome.message_id or None,
            decision=failure_decision(outcome, rule, consecutive_failures=change.update["consecutive_failures"]),
            source_at=outcome.occurred_at,
            revoke_all_effective=settings.revoke_all_effective,
        )
        opt_out = consent.status_change(current, ContactStatus.OPTED_OUT, context, workspace_id=workspace_id, phone=phone)
        if opt_out is not None:
            return DeliveryDecision(replace(opt_out, contact=opt_out.contact.model_copy(update=change.update)), reason)
    if current is None and not outcome.is_failure:
        return DeliveryDecision(None, None)  # a delivery to a number that is no contact: nothing to keep
    base = current if current is not None else consent.new_contact(workspace_id, phone, now)
    return DeliveryDecision(consent.profile_write(current, base.model_copy(update=change.update)), None)
