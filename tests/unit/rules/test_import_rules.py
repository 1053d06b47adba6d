"""The pure import rules: what one CSV row does, and that an import never re-subscribes anyone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from optout.models import Contact, ContactStatus, Initiator, InitiatorType, Reason
from optout.rules import consent
from optout.rules.importing import ImportOutcome, ImportRow, decide_rows, import_row_write, parse_opt_out

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
PHONE = "+14155550100"
OTHER = "+14155550101"
STAFF = Initiator(type=InitiatorType.API_KEY, id="key_m", name="member")


def contact(status: ContactStatus = ContactStatus.ACTIVE, phone: str = PHONE, **extra) -> Contact:
    return Contact(workspace_id="ws_1", phone=phone, status=status, created_at=NOW, updated_at=NOW, version=3, **extra)


def _import(current, opt_out, name="Ann", attributes=None):
    return import_row_write(
        current,
        workspace_id="ws_1",
        phone=PHONE,
        name=name,
        attributes=attributes or {},
        opt_out=opt_out,
        context=consent.StatusContext(reason=Reason.IMPORT, initiator=STAFF, at=NOW),
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
    if write.event is not None:
        assert write.event.reason is Reason.IMPORT and write.event.initiator == STAFF


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


@pytest.mark.parametrize(
    ("existing", "row_attributes", "name", "expected_attributes", "expected_name"),
    [
        ({"plan": "gold"}, {"city": "Oslo"}, None, {"plan": "gold", "city": "Oslo"}, "Bo"),  # merged, name kept
        ({"plan": "gold"}, {"plan": "free"}, "Ann", {"plan": "free"}, "Ann"),  # the row's value wins
    ],
)
def test_import_merges_attributes_and_keeps_a_name_the_row_leaves_empty(
    existing, row_attributes, name, expected_attributes, expected_name
):
    outcome, write = _import(contact(name="Bo", attributes=existing), None, name=name, attributes=row_attributes)
    assert outcome is ImportOutcome.UPDATED and write is not None
    assert write.contact.attributes == expected_attributes and write.contact.name == expected_name
    assert write.expected_version == 3  # conditional on the version read: a concurrent opt-out wins


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", None), ("  ", None), ("yes", True), ("Y", True), ("1", True), (" t ", True), ("no", False), ("0", False)],
)
def test_parse_opt_out(value, expected):
    assert parse_opt_out(value) is expected


@pytest.mark.parametrize("value", ["maybe", "2", "stop", "oui"])
def test_parse_opt_out_refuses_anything_else(value):
    with pytest.raises(ValueError, match="opt_out must be"):
        parse_opt_out(value)


def test_decide_rows_decides_each_row_against_its_own_contact():
    rows = [
        ImportRow(line=2, phone=PHONE, name="Ann", attributes={}, opt_out=True),
        ImportRow(line=3, phone=OTHER, name=None, attributes={"plan": "gold"}, opt_out=None),
    ]
    decided = decide_rows(rows, {PHONE: contact(ContactStatus.OPTED_OUT)}, workspace_id="ws_1", initiator=STAFF, now=NOW)
    assert [(d.row.line, d.outcome) for d in decided] == [(2, ImportOutcome.UPDATED), (3, ImportOutcome.CREATED)]
    opted_out, created = (d.write for d in decided)
    assert opted_out is not None and opted_out.event is None  # opted out already: no second event
    assert created is not None and created.expected_version is None and created.contact.attributes == {"plan": "gold"}
    assert created.contact.created_at == NOW
