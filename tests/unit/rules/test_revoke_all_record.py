"""The revoke-all date on a revocation's event (docs/consent-topics.md): an opt-out or block of a
contact holding topics records whether revoking every topic was the FCC rule's duty at its time
(on or after `revoke_all_effective`, a UTC date) or the workspace's stricter choice (before)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from optout.models import Contact, ContactStatus, Reason, TopicConsent
from optout.rules import consent

PHONE = "+15551230001"
HELD = {"marketing": TopicConsent(status="granted", since=datetime(2026, 1, 1, tzinfo=UTC), event_id="e1")}


def _contact(topics, status=ContactStatus.ACTIVE):
    at = datetime(2026, 1, 1, tzinfo=UTC)
    return Contact(workspace_id="ws", phone=PHONE, status=status, created_at=at, updated_at=at, topics=topics)


@pytest.mark.parametrize(
    ("at", "effective", "target", "topics", "expected"),
    [
        # before the FCC date: revoking every topic is the workspace's choice
        ("2027-01-30T23:59:59+00:00", None, ContactStatus.OPTED_OUT, HELD, (False, "2027-01-31")),
        # on the date (UTC), and after it: the rule's duty
        ("2027-01-31T00:00:00+00:00", None, ContactStatus.OPTED_OUT, HELD, (True, "2027-01-31")),
        ("2027-01-30T20:00:00-05:00", None, ContactStatus.BLOCKED, HELD, (True, "2027-01-31")),  # 01:00 UTC
        # the workspace's own date is the one compared with, and recorded
        ("2027-03-01T12:00:00+00:00", date(2027, 6, 30), ContactStatus.OPTED_OUT, HELD, (False, "2027-06-30")),
        ("2026-07-01T12:00:00+00:00", date(2026, 6, 30), ContactStatus.BLOCKED, HELD, (True, "2026-06-30")),
        # no topics held (a workspace without topics): nothing to say, the event is as before
        ("2027-03-01T12:00:00+00:00", None, ContactStatus.OPTED_OUT, None, (None, None)),
        ("2027-03-01T12:00:00+00:00", None, ContactStatus.OPTED_OUT, {}, (None, None)),
    ],
)
def test_a_revocation_records_whether_revoke_all_was_required(at, effective, target, topics, expected):
    extra = {"revoke_all_effective": effective} if effective is not None else {}
    context = consent.StatusContext(reason=Reason.API, initiator=consent.SYSTEM, at=datetime.fromisoformat(at), **extra)
    write = consent.status_change(_contact(topics), target, context, workspace_id="ws", phone=PHONE)
    assert write is not None and write.event is not None
    assert (write.event.revoke_all_required, write.event.revoke_all_effective) == expected


def test_an_opt_in_records_nothing_of_revoke_all():
    context = consent.StatusContext(reason=Reason.API, initiator=consent.SYSTEM, at=datetime(2027, 3, 1, tzinfo=UTC))
    write = consent.status_change(
        _contact(HELD, ContactStatus.OPTED_OUT), ContactStatus.ACTIVE, context, workspace_id="ws", phone=PHONE
    )
    assert write is not None and write.event is not None
    assert (write.event.revoke_all_required, write.event.revoke_all_effective) == (None, None)
