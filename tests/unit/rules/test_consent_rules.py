"""The pure consent rules: who may change what, and that every status change carries its event
(what an import row does: test_import_rules.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from optout.errors import Forbidden, InvalidInput
from optout.models import Contact, ContactStatus, Principal, Reason, Role
from optout.rules import consent
from optout.rules.consent import StatusCommand

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


@pytest.mark.parametrize(
    ("current", "target", "initiator", "before_block", "opt_in_stamped", "keyword_stamped"),
    [
        (ContactStatus.ACTIVE, ContactStatus.BLOCKED, MEMBER.initiator, ContactStatus.ACTIVE, False, False),
        (ContactStatus.OPTED_OUT, ContactStatus.BLOCKED, MEMBER.initiator, ContactStatus.OPTED_OUT, False, False),
        (ContactStatus.BLOCKED, ContactStatus.ACTIVE, ADMIN.initiator, None, True, False),
        (ContactStatus.OPTED_OUT, ContactStatus.ACTIVE, consent.contact_initiator(PHONE), None, True, True),
        (ContactStatus.ACTIVE, ContactStatus.OPTED_OUT, consent.contact_initiator(PHONE), None, False, False),
    ],
)
def test_status_change_keeps_what_later_rules_need(
    current, target, initiator, before_block, opt_in_stamped, keyword_stamped
):
    """The block's previous status (for unblocking) and the opt-in times (for the six-month rule)."""
    ctx = consent.StatusContext(reason=Reason.API, initiator=initiator, at=NOW)
    write = consent.status_change(contact(current), target, ctx, workspace_id="ws_1", phone=PHONE)
    assert write is not None
    assert write.contact.status_before_block is before_block
    assert (write.contact.last_opt_in_at == NOW) is opt_in_stamped
    assert (write.contact.last_keyword_opt_in_at == NOW) is keyword_stamped


def test_profile_write_of_a_new_contact_must_not_exist_and_carries_no_event():
    fresh = consent.new_contact("ws_1", PHONE, NOW)
    write = consent.profile_write(None, fresh)
    assert write.expected_version is None and write.event is None and write.contact.version == fresh.version
    existing = contact()
    write = consent.profile_write(existing, existing.model_copy(update={"name": "Ann"}))
    assert (write.expected_version, write.contact.version, write.event) == (3, 4, None)
