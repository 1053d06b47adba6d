"""Inbound's conflict retry (the unit of work's `retry_on_conflict`, as every service): a contact
that changed between the read and the write is read and decided again, and a message that keeps
losing fails whole, with nothing half-written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from optout import repository
from optout.carriers import InboundMessage
from optout.models import ContactStatus, Inbox, Reason, WorkspaceSettings
from optout.rules import consent
from optout.services.inbound import handle_inbound

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
PHONE = "+14155550100"


@pytest.fixture
def inbox(aws: None) -> Inbox:
    from optout.services import accounts

    workspace, _, _ = accounts.create_workspace("Conflicts")
    return Inbox(number="+15005550002", workspace_id=workspace.id, provider="telnyx", created_at=T0)


def _message(text: str, mid: str) -> InboundMessage:
    return InboundMessage(
        provider="telnyx", message_id=mid, from_number=PHONE, to_number="+15005550002", text=text, sent_at=None,
        carrier_opt_out_type=None,
    )


def _block(workspace_id: str) -> None:
    """Another writer (staff, through the API) blocks the contact."""
    current = repository.get_contact(workspace_id, PHONE)
    context = consent.StatusContext(reason=Reason.API, initiator=consent.SYSTEM, at=T0)
    change = consent.status_change(current, ContactStatus.BLOCKED, context, workspace_id=workspace_id, phone=PHONE)
    assert change is not None
    repository.write_contacts([change])


def _racing_reads(monkeypatch: pytest.MonkeyPatch, race) -> list[int]:
    real = repository.get_contact_and_marker
    reads: list[int] = []

    def racing(workspace_id, phone, key):
        found = real(workspace_id, phone, key)
        reads.append(1)
        race(workspace_id, len(reads))
        return found

    monkeypatch.setattr(repository, "get_contact_and_marker", racing)
    return reads


def test_a_stop_that_lost_a_race_decides_again_on_fresh_data(inbox, monkeypatch):
    repository.write_contacts([consent.profile_write(None, consent.new_contact(inbox.workspace_id, PHONE, T0))])
    # The contact is blocked after the STOP's first read: the STOP must not write over the block.
    reads = _racing_reads(monkeypatch, lambda workspace_id, n: _block(workspace_id) if n == 1 else None)
    result = handle_inbound(_message("STOP", "m2"), inbox, WorkspaceSettings())
    assert len(reads) == 2  # read, lost, read again
    assert (result.action, result.rule, result.changed) == ("none", "blocked", False)
    contact = repository.get_contact(inbox.workspace_id, PHONE)
    assert contact.status is ContactStatus.BLOCKED
    events, _ = repository.query_contact_events(inbox.workspace_id, PHONE, limit=10)
    assert [e.status for e in events] == [ContactStatus.BLOCKED]  # no opt-out event on top


def test_a_message_that_keeps_losing_fails_whole_after_three_attempts(inbox, monkeypatch):
    repository.write_contacts([consent.profile_write(None, consent.new_contact(inbox.workspace_id, PHONE, T0))])

    def touch(workspace_id: str, n: int) -> None:
        current = repository.get_contact(workspace_id, PHONE)
        repository.write_contacts([consent.profile_write(current, current.model_copy(update={"name": f"n{n}"}))])

    real = repository.get_contact_and_marker
    reads = _racing_reads(monkeypatch, touch)
    with pytest.raises(repository.TransactionConflict):
        handle_inbound(_message("STOP", "m3"), inbox, WorkspaceSettings())
    assert len(reads) == 3
    contact = repository.get_contact(inbox.workspace_id, PHONE)
    assert contact.status is ContactStatus.ACTIVE and contact.name == "n3"
    events, _ = repository.query_contact_events(inbox.workspace_id, PHONE, limit=10)
    assert events == []
    # The marker was never written, so the carrier's retry is decided afresh and applies.
    monkeypatch.setattr(repository, "get_contact_and_marker", real)
    assert handle_inbound(_message("STOP", "m3"), inbox, WorkspaceSettings()).changed
