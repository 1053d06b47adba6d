"""The pure order rules of a contact's own STOP and START (consent.contact_request)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from optout.models import Contact, ContactStatus, Reason
from optout.rules import consent
from optout.rules.consent import RequestOutcome

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
T = [NOW - timedelta(minutes=10 - i) for i in range(10)]  # T[0] < T[1] < ...
PHONE = "+14155550100"
OUT, ACTIVE = ContactStatus.OPTED_OUT, ContactStatus.ACTIVE


def contact(status: ContactStatus = ACTIVE, **times) -> Contact:
    return Contact(workspace_id="ws_1", phone=PHONE, status=status, created_at=NOW, updated_at=NOW, version=2, **times)


def request(current: Contact | None, opt_out: bool, sent_at: datetime | None):
    context = consent.StatusContext(reason=Reason.KEYWORD, initiator=consent.contact_initiator(PHONE), at=NOW)
    return consent.contact_request(
        current, opt_out=opt_out, sent_at=sent_at, context=context, workspace_id="ws_1", phone=PHONE
    )


CASES = [
    # (contact, opt_out, sent_at) -> (outcome, status written or None for no write, request times kept)
    ("new STOP", None, True, T[1], RequestOutcome.CHANGED, OUT, T[1], None),
    ("new START: time only", None, False, T[1], RequestOutcome.UNCHANGED, ACTIVE, None, T[1]),
    ("new START without time", None, False, None, RequestOutcome.UNCHANGED, None, None, None),
    ("redundant newer STOP keeps its time", contact(OUT, opt_out_requested_at=T[1]), True, T[2],
     RequestOutcome.UNCHANGED, OUT, T[2], None),
    ("redundant older STOP: nothing", contact(OUT, opt_out_requested_at=T[2]), True, T[1],
     RequestOutcome.UNCHANGED, None, None, None),
    ("late START after a newer redundant STOP", contact(OUT, opt_out_requested_at=T[2], status_source_at=T[0]),
     False, T[1], RequestOutcome.SUPERSEDED, OUT, T[2], T[1]),
    ("newer START", contact(OUT, opt_out_requested_at=T[2]), False, T[3], RequestOutcome.CHANGED, ACTIVE, T[2], T[3]),
    ("late STOP after a newer START", contact(opt_out_requested_at=T[1], opt_in_requested_at=T[3]), True, T[2],
     RequestOutcome.SUPERSEDED, ACTIVE, T[2], T[3]),
    ("superseded and not the newest of its kind: nothing", contact(opt_out_requested_at=T[2], opt_in_requested_at=T[3]),
     True, T[1], RequestOutcome.SUPERSEDED, None, None, None),
    ("equal stamps: arrival decides", contact(OUT, opt_out_requested_at=T[2]), False, T[2],
     RequestOutcome.CHANGED, ACTIVE, T[2], T[2]),
    ("START older than a carrier's opt-out", contact(OUT, status_source_at=T[4]), False, T[3],
     RequestOutcome.SUPERSEDED, OUT, None, T[3]),
    ("START without time: arrival, takes the newest time", contact(OUT, opt_out_requested_at=T[4]), False, None,
     RequestOutcome.CHANGED, ACTIVE, T[4], T[4]),
    ("STOP without time after a timed START", contact(opt_in_requested_at=T[4]), True, None,
     RequestOutcome.CHANGED, OUT, T[4], T[4]),
    ("blocked: nothing", contact(ContactStatus.BLOCKED), True, T[1], RequestOutcome.UNCHANGED, None, None, None),
]


@pytest.mark.parametrize(
    ("current", "opt_out", "sent_at", "outcome", "status", "out_at", "in_at"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_contact_request(current, opt_out, sent_at, outcome, status, out_at, in_at):
    got, write = request(current, opt_out, sent_at)
    assert got is outcome
    if status is None:
        assert write is None
        return
    assert write is not None and write.contact.status is status
    assert (write.contact.opt_out_requested_at, write.contact.opt_in_requested_at) == (out_at, in_at)
    assert (write.event is not None) is (outcome is RequestOutcome.CHANGED)
    assert write.expected_version == (current.version if current is not None else None)


def test_a_stop_and_its_late_start_in_either_order_end_opted_out():
    _, first = request(None, True, T[2])
    assert first is not None
    outcome, _ = request(first.contact, False, T[1])
    assert outcome is RequestOutcome.SUPERSEDED
    _, start_first = request(None, False, T[1])
    assert start_first is not None
    outcome, write = request(start_first.contact, True, T[2])
    assert outcome is RequestOutcome.CHANGED and write is not None and write.contact.status is OUT
