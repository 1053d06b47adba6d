"""The clarification rules, table-driven: which topics a reply names, how a stored event reads to
the fold, when a question is open, and what a reply does to the topics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from optout.models import ConsentEvent, Contact, ContactStatus, Initiator, InitiatorType, Reason, TopicChange
from optout.rules.clarification import named_topics, pending_until, topic_events
from optout.rules.topic_consent import TopicDefinition, TopicEvent, TopicEventKind, TopicStatus, fold
from optout.rules.topic_revocation import ALL_TOPICS, revoke_all

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
TOPICS = (
    TopicDefinition("marketing", "Marketing", express_consent=True),
    TopicDefinition("account-alerts", "Account alerts"),
    TopicDefinition("reminders", "Appointment reminders"),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("marketing", {"marketing"}),
        ("  MARKETING!! ", {"marketing"}),
        ("reminders and Marketing", {"marketing", "reminders"}),  # by id or by name, in any order
        ("appointment reminders, marketing", {"marketing", "reminders"}),
        ("account-alerts", {"account-alerts"}),
        ("Account  Alerts", {"account-alerts"}),
        ("ALL", {"marketing", "account-alerts", "reminders"}),
        ("todo", {"marketing", "account-alerts", "reminders"}),
        ("Tout", {"marketing", "account-alerts", "reminders"}),
        ("who is this?", set()),
        ("STOP", set()),
        ("", set()),
        ("marketingx", set()),  # a whole word, not a prefix
    ],
)
def test_which_topics_a_reply_names(text, expected):
    assert named_topics(text, TOPICS) == expected


def _event(status, previous, change=None, at=NOW):
    return ConsentEvent(
        event_id="e1", workspace_id="w", phone="+14155550100", status=status, previous_status=previous,
        reason=Reason.KEYWORD, initiator=Initiator(type=InitiatorType.CONTACT), occurred_at=at, topic_change=change,
    )


ASKED = TopicChange(kind="clarification_requested", topics=["marketing"], at=NOW, sequence=4, status_changed=True)


@pytest.mark.parametrize(
    ("event", "kinds"),
    [
        (_event(ContactStatus.OPTED_OUT, ContactStatus.ACTIVE), [TopicEventKind.REVOKE_ALL]),
        (_event(ContactStatus.ACTIVE, ContactStatus.OPTED_OUT), []),
        # The opt-out that asked is both, the revocation first (sequence 0 sorts before it).
        (_event(ContactStatus.OPTED_OUT, ContactStatus.ACTIVE, ASKED),
         [TopicEventKind.REVOKE_ALL, TopicEventKind.CLARIFICATION_REQUESTED]),
    ],
)
def test_how_a_stored_event_reads_to_the_fold(event, kinds):
    found = topic_events(event)
    assert [e.kind for e in found] == kinds
    assert [e.order for e in found] == sorted(e.order for e in found)


def _contact(status, until):
    topics = revoke_all({}, NOW, "e1")
    topics = {name: entry.model_copy(update={"awaiting_until": until}) for name, entry in topics.items()}
    return Contact(workspace_id="w", phone="+1", status=status, topics=topics, created_at=NOW, updated_at=NOW)


@pytest.mark.parametrize(
    ("contact", "now", "open_"),
    [
        (None, NOW, False),
        (_contact(ContactStatus.OPTED_OUT, NOW + timedelta(hours=24)), NOW, True),
        (_contact(ContactStatus.OPTED_OUT, NOW + timedelta(hours=24)), NOW + timedelta(hours=24), False),  # closed
        (_contact(ContactStatus.OPTED_OUT, None), NOW, False),  # never asked
        (_contact(ContactStatus.ACTIVE, NOW + timedelta(hours=24)), NOW, True),  # a START: topics still revoked
        (_contact(ContactStatus.BLOCKED, NOW + timedelta(hours=24)), NOW, False),  # a block closes it
    ],
)
def test_when_a_question_is_open(contact, now, open_):
    assert (pending_until(contact, now) is not None) is open_
    if contact is not None:
        assert ALL_TOPICS in contact.topics


def _te(kind, at, seq, topics=()):
    return TopicEvent(f"{kind}-{seq}", kind, at, seq, frozenset(topics))


GRANT = _te(TopicEventKind.GRANTED, NOW - timedelta(days=1), 1, {"marketing", "reminders"})
STOP = _te(TopicEventKind.REVOKE_ALL, NOW, 0)
ASK = _te(TopicEventKind.CLARIFICATION_REQUESTED, NOW, 2)


@pytest.mark.parametrize(
    ("reply_at", "named", "expected"),
    [
        (NOW + timedelta(hours=1), {"marketing"}, {"marketing": "revoked", "reminders": "granted"}),
        (NOW + timedelta(hours=1), {"marketing", "reminders"}, {"marketing": "revoked", "reminders": "revoked"}),
        (NOW + timedelta(hours=25), {"marketing"}, {"marketing": "revoked", "reminders": "revoked"}),  # too late
    ],
)
def test_what_a_reply_does_to_the_topics(reply_at, named, expected):
    reply = _te(TopicEventKind.CLARIFIED, reply_at, 3, named)
    states = fold([GRANT, STOP, ASK, reply], TOPICS[::2], reply_at)
    assert {name: state.status.value for name, state in states.items()} == expected
    assert not any(state.awaiting(reply_at) for state in states.values())
    assert states["marketing"].status is TopicStatus.REVOKED


# --- double opt-in (rules/double_opt_in.py) ---------------------------------------------------


def _awaiting(status, until):
    return Contact(
        workspace_id="w", phone="+1", status=status, confirmation_requested_until=until, created_at=NOW, updated_at=NOW
    )


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        (None, False),
        (_awaiting(ContactStatus.ACTIVE, NOW + timedelta(days=7)), True),
        (_awaiting(ContactStatus.ACTIVE, NOW), False),  # the window has closed
        (_awaiting(ContactStatus.ACTIVE, None), False),  # never requested
        (_awaiting(ContactStatus.OPTED_OUT, NOW + timedelta(days=7)), False),  # a message after revocation
        (_awaiting(ContactStatus.BLOCKED, NOW + timedelta(days=7)), False),
    ],
)
def test_when_a_yes_is_awaited(contact, expected):
    from optout.rules.double_opt_in import awaits_yes

    assert awaits_yes(contact, NOW) is expected
