"""Consent rules: pure functions that decide every status change and build its event.

Nothing here touches the database. Services read the current contact, ask these rules what the
new state is, and write the returned `ContactWrite` (contact and event together, atomically).
What a CSV row does is in `rules.importing`, built on `status_change` and `profile_write`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from optout.consent_policy import REVOKE_ALL_EFFECTIVE
from optout.errors import Forbidden, InvalidInput
from optout.models import (
    SUPPRESSED,
    ConsentEvent,
    Contact,
    ContactStatus,
    ContactWrite,
    Initiator,
    InitiatorType,
    Principal,
    Reason,
)
from optout.rules import topic_revocation
from optout.rules.business_days import honour_by
from optout.rules.topic_consent import revoke_all_applies

MAX_NOTE_LENGTH = 1000


def new_event_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class StatusContext:
    """Who asks for a status change, why, and what message (if any) triggered it."""

    reason: Reason
    initiator: Initiator
    at: datetime
    note: str | None = None
    inbox: str | None = None
    message_id: str | None = None
    message_text: str | None = None
    decision: dict[str, Any] | None = None
    source_at: datetime | None = None  # the provider's timestamp of the triggering message
    revoke_all_effective: date = REVOKE_ALL_EFFECTIVE  # the workspace's date of the FCC revoke-all rule


def new_contact(workspace_id: str, phone: str, at: datetime) -> Contact:
    return Contact(workspace_id=workspace_id, phone=phone, created_at=at, updated_at=at)


def _next_version(current: Contact) -> Contact:
    return current.model_copy(update={"version": current.version + 1})


def status_change(
    current: Contact | None,
    target: ContactStatus,
    context: StatusContext,
    *,
    workspace_id: str,
    phone: str,
) -> ContactWrite | None:
    """The write that moves a contact (new or existing) to `target`, or None if already there.

    This is the only place a status changes, so every change carries exactly one event.
    """
    base = current if current is not None else new_contact(workspace_id, phone, context.at)
    previous = current.status if current is not None else None
    if previous is target:
        return None
    update: dict[str, Any] = {
        "status": target,
        "status_reason": context.reason,
        "status_changed_at": context.at,
        "updated_at": context.at,
    }
    update["status_before_block"] = (previous or ContactStatus.ACTIVE) if target is ContactStatus.BLOCKED else None
    if target is ContactStatus.ACTIVE:
        update["last_opt_in_at"] = context.at
        if context.initiator.type is InitiatorType.CONTACT:
            update["last_keyword_opt_in_at"] = context.at
    update["status_source_at"] = context.source_at
    event_id = new_event_id()
    revocation: dict[str, Any] = {}
    if target in SUPPRESSED:
        # Any opt-out or block revokes every topic, in the same write (an opt-in restores none).
        update["topics"] = topic_revocation.revoke_all(base.topics, context.at, event_id)
        revocation["honour_by"] = honour_by(context.at)
        if base.topics:  # it revoked topics the contact held: say whether the rule required it
            revocation.update(revoke_all_record(context.at, context.revoke_all_effective))
    contact = base.model_copy(update=update)
    if current is not None:
        contact = _next_version(contact)
    event = ConsentEvent(
        event_id=event_id,
        workspace_id=workspace_id,
        phone=phone,
        status=target,
        previous_status=previous,
        reason=context.reason,
        initiator=context.initiator,
        occurred_at=context.at,
        inbox=context.inbox,
        message_id=context.message_id,
        message_text=context.message_text,
        note=context.note,
        decision=context.decision,
        **revocation,
    )
    return ContactWrite(
        contact=contact,
        expected_version=current.version if current is not None else None,
        event=event,
    )


def revoke_all_record(at: datetime, effective: date) -> dict[str, Any]:
    """What a revocation of every topic records of the FCC's revoke-all date: whether covering
    unrelated topics was the rule's duty at `at`, or the workspace's stricter choice, and the date
    it was compared with (so the record still reads right once the date moves)."""
    return {"revoke_all_required": revoke_all_applies(at, effective), "revoke_all_effective": effective.isoformat()}


def profile_write(current: Contact | None, updated: Contact) -> ContactWrite:
    """The write for a profile change (no status change, so no event)."""
    if current is None:
        return ContactWrite(contact=updated, expected_version=None)
    return ContactWrite(contact=_next_version(updated), expected_version=current.version)


# --- the order of a contact's own requests (STOP, START) --------------------------------------


class RequestOutcome(StrEnum):
    CHANGED = "changed"  # the status changed: the write carries an event
    UNCHANGED = "unchanged"  # already so: the write, if any, only keeps the request's time
    SUPERSEDED = "superseded"  # a newer request of the other kind is on record: the status stays


def request_time(current: Contact | None, sent_at: datetime | None) -> datetime | None:
    """Where a request sits on the contact's carrier-time axis.

    Telnyx, Bandwidth, Vonage and AWS stamp each inbound message: the stamp is its time. Twilio
    stamps none, and our clock is never compared with a carrier's (clock skew, stamps cut to the
    second). Without a stamp the only order is arrival: the message came after every request on
    record, so it takes the newest time on record (None when there is none) and wins the tie.
    """
    if sent_at is not None:
        return sent_at
    known = [t for t in _request_times(current) if t is not None]
    return max(known) if known else None


def _request_times(current: Contact | None) -> tuple[datetime | None, ...]:
    if current is None:
        return ()
    return (current.opt_out_requested_at, current.opt_in_requested_at, current.status_source_at)


def newer_request_at(current: Contact | None, *, opt_out: bool, sent_at: datetime | None) -> datetime | None:
    """The time of a newer request of the other kind, if one is on record, else None.

    A message without a stamp is never superseded (arrival order). Equal stamps say nothing (some
    carriers stamp to the second), so arrival breaks the tie: the later message applies. An opt-in
    also yields to the time of the message behind a current opt-out (a carrier's opt-out reported
    by a delivery callback).
    """
    if current is None or sent_at is None:
        return None
    times = [current.opt_in_requested_at] if opt_out else [current.opt_out_requested_at]
    if not opt_out and current.status is ContactStatus.OPTED_OUT:
        times.append(current.status_source_at)
    newest = max((t for t in times if t is not None), default=None)
    return newest if newest is not None and sent_at < newest else None


def _with_request(contact: Contact, *, opt_out: bool, at: datetime | None) -> Contact:
    name = "opt_out_requested_at" if opt_out else "opt_in_requested_at"
    recorded = getattr(contact, name)
    if at is None or (recorded is not None and recorded >= at):
        return contact
    return contact.model_copy(update={name: at})


def contact_request(
    current: Contact | None,
    *,
    opt_out: bool,
    sent_at: datetime | None,
    context: StatusContext,
    workspace_id: str,
    phone: str,
) -> tuple[RequestOutcome, ContactWrite | None]:
    """What a contact's own opt-out or opt-in request does, whatever order messages arrive in.

    The request's carrier time is kept on the contact (when it is the newest of its kind) even if
    the status stays, so that a later-arriving older message of the other kind is superseded. An
    opt-in changes only an opted-out contact; nothing here changes a blocked one.
    """
    if current is not None and current.status is ContactStatus.BLOCKED:
        return RequestOutcome.UNCHANGED, None
    at = request_time(current, sent_at)
    change = None
    outcome = RequestOutcome.UNCHANGED
    if newer_request_at(current, opt_out=opt_out, sent_at=sent_at) is not None:
        outcome = RequestOutcome.SUPERSEDED
    elif opt_out or (current is not None and current.status is ContactStatus.OPTED_OUT):
        target = ContactStatus.OPTED_OUT if opt_out else ContactStatus.ACTIVE
        change = status_change(current, target, replace(context, source_at=at), workspace_id=workspace_id, phone=phone)
    if change is not None:
        return RequestOutcome.CHANGED, replace(change, contact=_with_request(change.contact, opt_out=opt_out, at=at))
    base = current if current is not None else new_contact(workspace_id, phone, context.at)
    updated = _with_request(base, opt_out=opt_out, at=at)
    return outcome, None if updated is base else profile_write(current, updated)


# --- staff status changes (the API's set_status) ---------------------------------------------


class StatusCommand(StrEnum):
    """Heymarket-compatible values of `POST /v1/contact/set_status`."""

    SUBSCRIBED = "subscribed"
    ACTIVE = "active"
    UNSUBSCRIBED = "unsubscribed"
    BLOCKED = "blocked"
    UNBLOCKED = "unblocked"


def require_note(note: str | None) -> str:
    text = (note or "").strip()
    if not text:
        raise InvalidInput(
            "a note is required to opt a contact back in", code="note_required", details={"field": "note"}
        )
    if len(text) > MAX_NOTE_LENGTH:
        raise InvalidInput(f"note is longer than {MAX_NOTE_LENGTH} characters", details={"field": "note"})
    return text


def staff_target(
    command: StatusCommand, current: Contact | None, principal: Principal, note: str | None
) -> ContactStatus:
    """Resolve a staff command to a target status, enforcing who may do what.

    - opting in (subscribed/active) and unblocking are for admins only, with a note;
    - unblocking returns a contact to what it was before the block, so an opt-out survives it;
    - leaving `blocked` for `opted_out` is also an unblock, so it is for admins too.
    """
    current_status = current.status if current is not None else None
    if command in (StatusCommand.SUBSCRIBED, StatusCommand.ACTIVE):
        if not principal.is_admin:
            raise Forbidden("only an admin can opt a contact back in", code="admin_required")
        if current_status in SUPPRESSED:
            require_note(note)
        return ContactStatus.ACTIVE
    if command is StatusCommand.UNSUBSCRIBED:
        if current_status is ContactStatus.BLOCKED and not principal.is_admin:
            raise Forbidden("only an admin can unblock a contact", code="admin_required")
        return ContactStatus.OPTED_OUT
    if command is StatusCommand.BLOCKED:
        return ContactStatus.BLOCKED
    # UNBLOCKED
    if not principal.is_admin:
        raise Forbidden("only an admin can unblock a contact", code="admin_required")
    if current_status is not ContactStatus.BLOCKED:
        return current_status or ContactStatus.ACTIVE
    before = current.status_before_block if current is not None else None
    if before is ContactStatus.OPTED_OUT:
        return ContactStatus.OPTED_OUT
    require_note(note)
    return ContactStatus.ACTIVE


def staff_context(
    principal: Principal,
    at: datetime,
    note: str | None,
    reason: Reason = Reason.API,
    *,
    revoke_all_effective: date = REVOKE_ALL_EFFECTIVE,
) -> StatusContext:
    return StatusContext(
        reason=reason,
        initiator=principal.initiator,
        at=at,
        note=(note or "").strip() or None,
        revoke_all_effective=revoke_all_effective,
    )


SYSTEM = Initiator(type=InitiatorType.SYSTEM, id="optout", name="opt-out service")


def contact_initiator(phone: str) -> Initiator:
    return Initiator(type=InitiatorType.CONTACT, id=phone)
