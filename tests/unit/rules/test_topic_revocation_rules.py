"""Revocation by topic on the contact item (rules/topic_revocation.py), the status change that
applies it (rules/consent.status_change) and the topic keyword decision (rules/inbound)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from optout.carriers import InboundMessage
from optout.models import Contact, ContactStatus, Inbox, InitiatorType, Reason, TopicConsent, WorkspaceSettings
from optout.rules import consent
from optout.rules.business_days import honour_by
from optout.rules.inbound import TOPIC_KEYWORD_RULE, decide_topic_keyword
from optout.rules.topic_consent import Suppression, TopicDefinition, TopicStatus, sendable
from optout.rules.topic_revocation import (
    ALL_TOPICS,
    entry_for,
    keep_wildcard,
    keyword_key,
    revoke_all,
    revoke_topics,
    stored_state,
    topic_for_keyword,
)

NOW = datetime(2026, 9, 4, 15, 0, tzinfo=UTC)  # a Friday before Labor Day
EARLIER = NOW - timedelta(days=3)
PHONE = "+14155550100"
INBOX = Inbox(number="+15005550006", workspace_id="ws_1", provider="twilio", created_at=NOW)
SETTINGS = WorkspaceSettings(program_name="Acme")
MARKETING = TopicDefinition("marketing", "Marketing", express_consent=True, keywords=("STOP PROMO", "NO DEALS"))
REMINDERS = TopicDefinition("reminders", "Reminders")
GRANTED = TopicConsent(status="granted", since=EARLIER, event_id="g1")
REVOKED = TopicConsent(status="revoked", since=EARLIER, event_id="r1")


def by_now(event_id: str = "e1") -> TopicConsent:
    return TopicConsent(status="revoked", since=NOW, event_id=event_id)


@pytest.mark.parametrize(
    ("topics", "expected"),
    [
        (None, {ALL_TOPICS: by_now()}),
        ({}, {ALL_TOPICS: by_now()}),
        ({"marketing": GRANTED}, {"marketing": by_now(), ALL_TOPICS: by_now()}),
        (
            {"marketing": GRANTED, "reminders": REVOKED, ALL_TOPICS: REVOKED},
            {"marketing": by_now(), "reminders": by_now(), ALL_TOPICS: by_now()},
        ),
    ],
)
def test_revoke_all_revokes_every_entry_and_the_rest(topics, expected):
    assert revoke_all(topics, NOW, "e1") == expected


@pytest.mark.parametrize(
    ("topics", "names", "expected"),
    [
        (None, ["marketing"], {"marketing": by_now()}),
        ({"reminders": GRANTED}, ["marketing"], {"reminders": GRANTED, "marketing": by_now()}),
        ({"marketing": GRANTED, ALL_TOPICS: REVOKED}, ["marketing"], {"marketing": by_now(), ALL_TOPICS: REVOKED}),
    ],
)
def test_revoke_topics_revokes_the_named_ones_only(topics, names, expected):
    assert revoke_topics(topics, names, NOW, "e1") == expected


@pytest.mark.parametrize(
    ("materialised", "previous", "expected"),
    [
        ({"marketing": GRANTED}, None, {"marketing": GRANTED}),
        ({"marketing": GRANTED}, {"marketing": REVOKED}, {"marketing": GRANTED}),
        ({"marketing": GRANTED}, {ALL_TOPICS: REVOKED}, {"marketing": GRANTED, ALL_TOPICS: REVOKED}),
    ],
)
def test_a_rebuilt_map_keeps_the_wildcard(materialised, previous, expected):
    assert keep_wildcard(materialised, previous) == expected


@pytest.mark.parametrize(
    ("topics", "topic", "status", "event_id"),
    [
        (None, "marketing", TopicStatus.NEVER, None),
        ({"reminders": GRANTED}, "marketing", TopicStatus.NEVER, None),
        ({"marketing": GRANTED}, "marketing", TopicStatus.GRANTED, "g1"),
        ({ALL_TOPICS: REVOKED}, "marketing", TopicStatus.REVOKED, "r1"),  # defined after the opt-out
        ({"marketing": GRANTED, ALL_TOPICS: REVOKED}, "marketing", TopicStatus.GRANTED, "g1"),
        ({"marketing": TopicConsent(status="never")}, "marketing", TopicStatus.NEVER, None),
    ],
)
def test_the_stored_map_reads_back_as_topic_states(topics, topic, status, event_id):
    state = stored_state(topics, topic)
    assert state.status is status
    assert (state.by.event_id if state.by else None) == event_id
    assert entry_for(topics, topic) is None or state.since == entry_for(topics, topic).since


@pytest.mark.parametrize(
    ("status", "topics", "topic", "expected"),
    [
        (ContactStatus.ACTIVE, {"marketing": GRANTED}, MARKETING, (True, None)),
        (ContactStatus.ACTIVE, None, MARKETING, (False, Suppression.NO_CONSENT)),
        (ContactStatus.ACTIVE, None, REMINDERS, (True, None)),
        (ContactStatus.ACTIVE, {ALL_TOPICS: REVOKED}, REMINDERS, (False, Suppression.TOPIC_REVOKED)),
        (ContactStatus.OPTED_OUT, {ALL_TOPICS: REVOKED}, REMINDERS, (False, Suppression.OPTED_OUT)),
        (ContactStatus.BLOCKED, {"marketing": GRANTED}, MARKETING, (False, Suppression.BLOCKED)),
        (None, None, MARKETING, (False, Suppression.NO_CONSENT)),
    ],
)
def test_eligibility_reads_the_stored_map(status, topics, topic, expected):
    assert sendable(status, {topic.id: stored_state(topics, topic.id)}, topic, NOW) == expected


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("STOP PROMO", MARKETING),
        ("stop promo", MARKETING),
        ("Stop  Promo!", MARKETING),
        ("stop-promo.", MARKETING),
        ("STOPP PROMO", MARKETING),  # repeated letters, as the engine reads keywords
        ("no deals", MARKETING),
        ("STOP", None),
        ("STOP PROMO please", None),  # exactly the keyword, nothing else
        ("STOPPROMO", None),
        ("", None),
        ("!!!", None),
    ],
)
def test_a_topic_keyword_is_the_whole_message(text, topic):
    assert topic_for_keyword(text, [REMINDERS, MARKETING]) == topic


def test_no_topics_no_keywords_nothing_to_match():
    assert topic_for_keyword("STOP PROMO", []) is None
    assert topic_for_keyword("STOP PROMO", [REMINDERS]) is None
    assert keyword_key("STOP  PROMO!") == keyword_key("stop promo")


# --- the status change applies it -------------------------------------------------------------


def _contact(status=ContactStatus.ACTIVE, topics=None) -> Contact:
    return Contact(
        workspace_id="ws_1", phone=PHONE, status=status, created_at=EARLIER, updated_at=EARLIER, version=3, topics=topics
    )


@pytest.mark.parametrize(
    ("current", "target", "revokes"),
    [
        (_contact(topics={"marketing": GRANTED}), ContactStatus.OPTED_OUT, True),
        (_contact(topics={"marketing": GRANTED}), ContactStatus.BLOCKED, True),
        (None, ContactStatus.OPTED_OUT, True),
        (_contact(ContactStatus.BLOCKED, {"marketing": REVOKED}), ContactStatus.OPTED_OUT, True),  # unblock to out
        (_contact(ContactStatus.OPTED_OUT, {"marketing": REVOKED, ALL_TOPICS: REVOKED}), ContactStatus.ACTIVE, False),
    ],
)
def test_every_suppression_revokes_every_topic_and_carries_its_deadline(current, target, revokes):
    context = consent.StatusContext(reason=Reason.API, initiator=consent.SYSTEM, at=NOW)
    write = consent.status_change(current, target, context, workspace_id="ws_1", phone=PHONE)
    assert write is not None and write.event is not None
    if revokes:
        names = set(current.topics or {}) if current else set()
        assert write.contact.topics == {name: by_now(write.event.event_id) for name in names | {ALL_TOPICS}}
        assert write.event.honour_by == honour_by(NOW) == datetime(2026, 9, 21, 23, 59, 59, tzinfo=UTC)
    else:
        # An opt-in restores the status only: the topics stay revoked until a new consent.
        assert write.contact.topics == current.topics and write.event.honour_by is None


# --- the topic keyword decision ---------------------------------------------------------------


def _message(text: str, opt_out_type: str | None = None) -> InboundMessage:
    return InboundMessage(
        provider="twilio",
        message_id="SM9",
        from_number=PHONE,
        to_number=INBOX.number,
        text=text,
        sent_at=None,
        carrier_opt_out_type=opt_out_type,
    )


def _decide(current, text="STOP PROMO", opt_out_type=None, topics=(MARKETING, REMINDERS)):
    return decide_topic_keyword(current, _message(text, opt_out_type), topics, INBOX, SETTINGS, NOW, phone=PHONE)


@pytest.mark.parametrize(
    ("name", "current", "text", "opt_out_type", "topics"),
    [
        ("not a topic keyword", _contact(), "STOP", None, (MARKETING,)),
        ("no topics", _contact(), "STOP PROMO", None, ()),
        ("opted out already", _contact(ContactStatus.OPTED_OUT), "STOP PROMO", None, (MARKETING,)),
        ("blocked", _contact(ContactStatus.BLOCKED), "STOP PROMO", None, (MARKETING,)),
        ("the carrier acted", _contact(), "STOP PROMO", "STOP", (MARKETING,)),
    ],
)
def test_when_the_engine_decides_instead(name, current, text, opt_out_type, topics):
    assert _decide(current, text, opt_out_type, topics) is None, name


@pytest.mark.parametrize("current", [None, _contact(topics={"marketing": GRANTED, "reminders": GRANTED})])
def test_a_topic_keyword_revokes_one_topic_and_keeps_the_contact_active(current):
    decided = _decide(current, "Stop promo!")
    assert decided is not None and decided.rule == TOPIC_KEYWORD_RULE and decided.reason == "changed"
    write, event = decided.write, decided.write.event
    assert write.contact.status is ContactStatus.ACTIVE
    assert write.expected_version == (current.version if current else None)
    assert write.contact.topics["marketing"] == by_now(event.event_id)
    if current is not None:
        assert write.contact.topics["reminders"] == GRANTED and write.contact.version == current.version + 1
    assert event.reason is Reason.KEYWORD and event.initiator.type is InitiatorType.CONTACT
    assert event.message_text == "Stop promo!" and event.message_id == "SM9" and event.inbox == INBOX.number
    assert event.topic_change.kind == "revoked" and event.topic_change.topics == ["marketing"]
    assert event.topic_change.sequence == write.contact.version and not event.changes_status
    assert event.honour_by == honour_by(NOW)
    assert decided.reply == "Acme: you will receive no more Marketing messages." and decided.consent_request


def test_a_revoked_topic_is_not_revoked_again():
    for topics in ({"marketing": REVOKED}, {ALL_TOPICS: REVOKED}):
        decided = _decide(_contact(topics=topics))
        assert decided is not None and decided.reason == "unchanged" and decided.write is None
        assert decided.reply is None and decided.consent_request


def test_the_reply_follows_the_workspace_text():
    settings = SETTINGS.model_copy(update={"topic_opt_out_reply": "{program}: {topic} stopped."})
    decided = decide_topic_keyword(_contact(), _message("NO DEALS"), [MARKETING], INBOX, settings, NOW, phone=PHONE)
    assert decided is not None and decided.reply == "Acme: Marketing stopped."
