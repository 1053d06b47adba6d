"""The pure checks behind topics and opt-in proof: topic ids, keyword form, the capture time, what a
history event means to the topic fold, and that a topic consent alone is never counted as a status
change in the reports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from optout.models import (
    ConsentEvent,
    ConsentEvidence,
    ConsentSource,
    ContactStatus,
    Initiator,
    InitiatorType,
    Reason,
    TopicChange,
)
from optout.rules import report_counting
from optout.rules.topic_consent import TopicEventKind
from optout.services.consents import captured_at_problem, disclosure_hash, topic_event
from optout.services.topics import keyword_format_problem, topic_id_problem

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("topic", "ok"),
    [
        ("marketing", True),
        ("account-alerts", True),
        ("a", True),
        ("promo_2026", True),
        ("a" * 40, True),
        ("a" * 41, False),
        ("", False),
        ("Marketing", False),
        ("-promo", False),
        ("promo-", False),
        ("pro mo", False),
        ("été", False),
        ("promo#x", False),
        ("promo\n", False),
    ],
)
def test_topic_ids(topic, ok):
    assert (topic_id_problem(topic) is None) is ok


@pytest.mark.parametrize(
    ("keyword", "ok"),
    [
        ("STOP PROMO", True),
        ("PROMO", True),
        ("STOP2 NEWS", True),
        ("stop promo", False),
        ("STOP  PROMO", False),
        (" STOP", False),
        ("STOP-PROMO", False),
        ("", False),
        ("A" * 41, False),
    ],
)
def test_keyword_form(keyword, ok):
    assert (keyword_format_problem(keyword) is None) is ok


@pytest.mark.parametrize(
    ("captured_at", "ok"),
    [
        (NOW, True),
        (NOW + timedelta(minutes=4), True),  # a capture clock slightly ahead
        (NOW + timedelta(minutes=6), False),
        (NOW - timedelta(days=4 * 365), True),
        (NOW - timedelta(days=6 * 365), False),
    ],
)
def test_capture_time(captured_at, ok):
    assert (captured_at_problem(captured_at, NOW) is None) is ok


def test_a_disclosure_is_identified_by_its_exact_text():
    assert disclosure_hash("Reply STOP to cancel.") == disclosure_hash("Reply STOP to cancel.")
    assert disclosure_hash("Reply STOP to cancel.") != disclosure_hash("Reply STOP to cancel. ")
    assert len(disclosure_hash("x")) == 64


def _event(status, previous, change=None):
    return ConsentEvent(
        event_id="e1",
        workspace_id="ws",
        phone="+14155550100",
        status=status,
        previous_status=previous,
        reason=Reason.KEYWORD,
        initiator=Initiator(type=InitiatorType.CONTACT),
        occurred_at=NOW,
        topic_change=change,
    )


GRANT = TopicChange(
    kind="granted",
    topics=["marketing"],
    at=NOW - timedelta(hours=1),
    sequence=3,
    evidence=ConsentEvidence(
        source=ConsentSource.WEB_FORM, captured_at=NOW - timedelta(hours=1), disclosure_hash="h", disclosure_version=1
    ),
)


@pytest.mark.parametrize(
    ("event", "kind"),
    [
        (_event(ContactStatus.ACTIVE, ContactStatus.ACTIVE, GRANT), TopicEventKind.GRANTED),
        (_event(ContactStatus.OPTED_OUT, ContactStatus.ACTIVE), TopicEventKind.REVOKE_ALL),  # any opt-out
        (_event(ContactStatus.ACTIVE, ContactStatus.OPTED_OUT), None),  # an opt-in gives no topic back
        (_event(ContactStatus.BLOCKED, ContactStatus.ACTIVE), TopicEventKind.REVOKE_ALL),  # a block revokes too
    ],
)
def test_what_a_history_event_is_to_the_fold(event, kind):
    found = topic_event(event)
    assert (found.kind if found else None) == kind
    if kind is TopicEventKind.GRANTED:
        assert found.at == GRANT.at and found.sequence == 3 and found.topics == {"marketing"}
        assert found.source == "web_form" and found.evidence == "h"


class _Change:
    def __init__(self, new):
        self.source, self.inserted, self.old, self.new, self.at = "events", True, None, new, NOW


@pytest.mark.parametrize(
    ("topic_change", "counted"),
    [(None, True), ({"kind": "granted", "status_changed": False}, False), ({"kind": "revoke_all", "status_changed": True}, True)],
)
def test_only_status_changes_are_counted(topic_change, counted):
    row = {"workspace_id": "ws", "status": "active", "reason": "api", "occurred_at": "2026-06-01T12:00:00.000000Z"}
    if topic_change:
        row["topic_change"] = topic_change
    increments = report_counting.fold_changes([_Change(row)])
    assert bool(increments) is counted
