"""Which report partitions a consent event is indexed under (repository/events.event_item): a
status change under its status with every filter; a topic revocation alone under `topic_revoked`,
unfiltered only (the revocations report); any other topic consent under none."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from optout.models import ConsentEvent, ContactStatus, Initiator, InitiatorType, Reason, TopicChange
from optout.repository import keys
from optout.repository.events import TOPIC_REVOKED, event_item, report_status
from optout.rules.topic_consent import TopicEventKind

AT = datetime(2026, 12, 1, 16, tzinfo=UTC)
REPORT_ATTRIBUTES = {attribute for _, attribute in keys.REPORT_INDEXES.values()}


def event(status: ContactStatus, kind: str | None = None, *, status_changed: bool = False) -> ConsentEvent:
    change = TopicChange(kind=kind, topics=["marketing"], at=AT, sequence=2, status_changed=status_changed) if kind else None
    return ConsentEvent(
        event_id="ev1", workspace_id="ws_1", phone="+14155550100", status=status, previous_status=ContactStatus.ACTIVE,
        reason=Reason.KEYWORD, initiator=Initiator(type=InitiatorType.CONTACT, id="+14155550100"), occurred_at=AT,
        inbox="+15005550001", topic_change=change,
    )


@pytest.mark.parametrize(
    ("consent", "status", "attributes"),
    [
        (event(ContactStatus.OPTED_OUT), "opted_out", REPORT_ATTRIBUTES),
        (event(ContactStatus.OPTED_OUT, TopicEventKind.REVOKED.value, status_changed=True), "opted_out", REPORT_ATTRIBUTES),
        (event(ContactStatus.ACTIVE, TopicEventKind.REVOKED.value), keys.TOPIC_REVOKED_REPORT, {"rpt_pk"}),
        (event(ContactStatus.ACTIVE, TopicEventKind.GRANTED.value), None, set()),
        (event(ContactStatus.ACTIVE, TopicEventKind.DOUBLE_OPT_IN_REQUESTED.value), None, set()),
    ],
)
def test_each_event_is_indexed_under_its_report(consent, status, attributes):
    assert report_status(consent) == status
    item = event_item(consent)
    assert REPORT_ATTRIBUTES & item.keys() == attributes
    if status is not None:
        assert item["rpt_pk"] == keys.report_partition("ws_1", status, "2026-12", keys.report_shard("ev1"))


def test_the_repository_copy_of_the_revoked_kind_is_the_rules_own():
    assert TopicEventKind.REVOKED.value == TOPIC_REVOKED  # repository/ cannot import rules/
