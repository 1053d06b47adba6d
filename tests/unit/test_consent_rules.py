"""The pure consent rules: who may change what, and that nothing re-subscribes by accident."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from optout import consent
from optout.consent import ImportOutcome, StatusCommand
from optout.errors import Forbidden, InvalidInput
from optout.models import Contact, ContactStatus, Principal, Reason, Role

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
ADMIN = Principal(workspace_id="ws_1", key_id="key_a", key_name="admin", role=Role.ADMIN)
MEMBER = Principal(workspace_id="ws_1", key_id="key_m", key_name="member", role=Role.MEMBER)
PHONE = "+14155550100"


def contact(status: ContactStatus = ContactStatus.ACTIVE, **extra) -> Contact:
    return Contact(workspace_id="ws_1", phone=PHONE, status=status, created_at=NOW, updated_at=NOW, version=3, **extra)


def context(reason: Reason = Reason.API, note: str | None = None) -> consent.StatusContext:
    return consent.StatusContext(reason=reason, initiator=MEMBER.initiator, at=NOW, note=note)


def test_status_change_builds_contact_and_event_together():
    write = consent.status_change(
        contact(), ContactStatus.OPTED_OUT, context(note="n"), workspace_id="ws_1", phone=PHONE
    )
    assert write is not None and write.expected_version == 3 and write.contact.version == 4
    assert write.contact.status is ContactStatus.OPTED_OUT and write.contact.status_reason is Reason.API
    assert write.event is not None
    assert (write.event.status, write.event.previous_status) == (ContactStatus.OPTED_OUT, ContactStatus.ACTIVE)
    assert write.event.note == "n" and write.event.initiator.id == "key_m"


def test_no_change_writes_nothing():
    assert consent.status_change(contact(), ContactStatus.ACTIVE, context(), workspace_id="ws_1", phone=PHONE) is None


def test_new_contact_must_not_exist_yet():
    write = consent.status_change(None, ContactStatus.BLOCKED, context(), workspace_id="ws_1", phone=PHONE)
    assert write is not None and write.expected_version is None and write.event.previous_status is None
    assert write.contact.status_before_block is ContactStatus.ACTIVE


@pytest.mark.parametrize(
    ("command", "current", "principal", "note", "expected"),
    [
        (StatusCommand.UNSUBSCRIBED, ContactStatus.ACTIVE, MEMBER, None, ContactStatus.OPTED_OUT),
        (StatusCommand.BLOCKED, ContactStatus.OPTED_OUT, MEMBER, None, ContactStatus.BLOCKED),
        (StatusCommand.SUBSCRIBED, ContactStatus.OPTED_OUT, ADMIN, "re-consent", ContactStatus.ACTIVE),
        (StatusCommand.ACTIVE, ContactStatus.BLOCKED, ADMIN, "ok", ContactStatus.ACTIVE),
        (StatusCommand.SUBSCRIBED, ContactStatus.ACTIVE, ADMIN, None, ContactStatus.ACTIVE),
        (StatusCommand.UNBLOCKED, ContactStatus.ACTIVE, ADMIN, None, ContactStatus.ACTIVE),
        (StatusCommand.UNSUBSCRIBED, ContactStatus.BLOCKED, ADMIN, None, ContactStatus.OPTED_OUT),
    ],
)
def test_staff_targets(command, current, principal, note, expected):
    assert consent.staff_target(command, contact(current), principal, note) is expected


@pytest.mark.parametrize(
    ("command", "current", "error"),
    [
        (StatusCommand.SUBSCRIBED, ContactStatus.OPTED_OUT, Forbidden),
        (StatusCommand.ACTIVE, ContactStatus.OPTED_OUT, Forbidden),
        (StatusCommand.UNBLOCKED, ContactStatus.BLOCKED, Forbidden),
        (StatusCommand.UNSUBSCRIBED, ContactStatus.BLOCKED, Forbidden),
    ],
)
def test_members_cannot_opt_in_or_unblock(command, current, error):
    with pytest.raises(error):
        consent.staff_target(command, contact(current), MEMBER, "note")


def test_admin_opt_in_needs_a_real_note():
    for note in (None, "", "   "):
        with pytest.raises(InvalidInput):
            consent.staff_target(StatusCommand.SUBSCRIBED, contact(ContactStatus.OPTED_OUT), ADMIN, note)
    with pytest.raises(InvalidInput):
        consent.staff_target(StatusCommand.SUBSCRIBED, contact(ContactStatus.OPTED_OUT), ADMIN, "x" * 1001)


def test_unblock_returns_an_opt_out_to_opted_out():
    blocked = contact(ContactStatus.BLOCKED, status_before_block=ContactStatus.OPTED_OUT)
    assert consent.staff_target(StatusCommand.UNBLOCKED, blocked, ADMIN, None) is ContactStatus.OPTED_OUT
    blocked_active = contact(ContactStatus.BLOCKED, status_before_block=ContactStatus.ACTIVE)
    with pytest.raises(InvalidInput):
        consent.staff_target(StatusCommand.UNBLOCKED, blocked_active, ADMIN, None)


def _import(current, opt_out, name="Ann", attributes=None):
    return consent.import_row_write(
        current,
        workspace_id="ws_1",
        phone=PHONE,
        name=name,
        attributes=attributes or {},
        opt_out=opt_out,
        context=context(Reason.IMPORT),
    )


@pytest.mark.parametrize(
    ("current", "opt_out", "outcome", "status"),
    [
        (None, None, ImportOutcome.CREATED, ContactStatus.ACTIVE),
        (None, False, ImportOutcome.CREATED, ContactStatus.ACTIVE),
        (None, True, ImportOutcome.OPTED_OUT, ContactStatus.OPTED_OUT),
        (ContactStatus.ACTIVE, None, ImportOutcome.UPDATED, ContactStatus.ACTIVE),
        (ContactStatus.ACTIVE, True, ImportOutcome.OPTED_OUT, ContactStatus.OPTED_OUT),
        (ContactStatus.OPTED_OUT, False, ImportOutcome.KEPT, ContactStatus.OPTED_OUT),
        (ContactStatus.OPTED_OUT, None, ImportOutcome.KEPT, ContactStatus.OPTED_OUT),
        (ContactStatus.OPTED_OUT, True, ImportOutcome.UPDATED, ContactStatus.OPTED_OUT),
        (ContactStatus.BLOCKED, False, ImportOutcome.KEPT, ContactStatus.BLOCKED),
        (ContactStatus.BLOCKED, True, ImportOutcome.KEPT, ContactStatus.BLOCKED),
    ],
)
def test_import_never_resubscribes(current, opt_out, outcome, status):
    got, write = _import(contact(current) if current else None, opt_out)
    assert got is outcome
    assert write is not None
    assert write.contact.status is status
    changes_status = (current is None and opt_out) or (current is ContactStatus.ACTIVE and opt_out)
    assert (write.event is not None) == bool(changes_status)


def test_import_of_an_unchanged_row_writes_nothing():
    existing = contact(name="Ann", attributes={"plan": "gold"})
    outcome, write = _import(existing, None, name="Ann", attributes={"plan": "gold"})
    assert outcome is ImportOutcome.UPDATED and write is None


def test_import_restores_a_deleted_profile_but_keeps_its_suppression():
    deleted = contact(ContactStatus.OPTED_OUT, deleted_at=NOW, attributes={})
    outcome, write = _import(deleted, False, name="Ann", attributes={"plan": "gold"})
    assert outcome is ImportOutcome.KEPT
    assert write.contact.deleted_at is None and write.contact.status is ContactStatus.OPTED_OUT
    assert write.contact.attributes == {"plan": "gold"}
