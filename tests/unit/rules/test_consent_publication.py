"""What each consent event publishes on the consent bus (docs/consent-events.md): its types, ids and
detail, and which stream records publish nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from optout.models import ConsentEvent, ContactStatus, Initiator, InitiatorType, Reason, TopicChange
from optout.repository import consent_stream, serialize
from optout.repository.events import event_item
from optout.rules.consent_publication import ConsentEventType, publication_id, publications

T = ConsentEventType
S = ContactStatus
AT = datetime(2026, 9, 4, 15, 30, tzinfo=UTC)  # a Friday before Labor Day
DEADLINE = "2026-09-21T23:59:59.000000Z"  # 10 business days later (docs/consent-topics.md)
CONTACT = Initiator(type=InitiatorType.CONTACT, id="+13325550100")


def consent_event(
    status: S, previous: S | None, *, reason: Reason = Reason.KEYWORD, kind: str | None = None,
    topics: tuple[str, ...] = (), status_changed: bool = False, honour_by: datetime | None = None,
) -> ConsentEvent:
    change = None
    if kind is not None:
        change = TopicChange(kind=kind, topics=list(topics), at=AT, sequence=2, status_changed=status_changed)
    return ConsentEvent(
        event_id="a1b2c3", workspace_id="ws_1", phone="+13325550100", status=status, previous_status=previous,
        reason=reason, initiator=CONTACT, occurred_at=AT, inbox="+13325550199", message_id="SM1",
        topic_change=change, honour_by=honour_by,
    )


# (case, event, the (type, topic) published in order)
CASES = [
    ("STOP", consent_event(S.OPTED_OUT, S.ACTIVE, honour_by=AT), [(T.CONTACT_OPTED_OUT, None)]),
    ("first opt-out of a new number", consent_event(S.OPTED_OUT, None, reason=Reason.IMPORT), [(T.CONTACT_OPTED_OUT, None)]),
    ("START", consent_event(S.ACTIVE, S.OPTED_OUT), [(T.CONTACT_OPTED_IN, None)]),
    ("admin opt-in of an unknown number", consent_event(S.ACTIVE, None, reason=Reason.API), [(T.CONTACT_OPTED_IN, None)]),
    ("block", consent_event(S.BLOCKED, S.ACTIVE, reason=Reason.API), [(T.CONTACT_BLOCKED, None)]),
    ("block of an opted-out contact", consent_event(S.BLOCKED, S.OPTED_OUT), [(T.CONTACT_BLOCKED, None)]),
    ("unblock to active", consent_event(S.ACTIVE, S.BLOCKED, reason=Reason.API), [(T.CONTACT_UNBLOCKED, None)]),
    ("unblock back to opted out", consent_event(S.OPTED_OUT, S.BLOCKED), [(T.CONTACT_UNBLOCKED, None)]),
    ("failed-delivery opt-out", consent_event(S.OPTED_OUT, S.ACTIVE, reason=Reason.FAILED_DELIVERY), [(T.CONTACT_OPTED_OUT, None)]),
    (
        "topic grant, two topics",
        consent_event(S.ACTIVE, S.ACTIVE, reason=Reason.API, kind="granted", topics=("reminders", "marketing")),
        [(T.TOPIC_CONSENT_GRANTED, "marketing"), (T.TOPIC_CONSENT_GRANTED, "reminders")],
    ),
    (
        "topic grant of a new contact (no status change)",
        consent_event(S.ACTIVE, None, reason=Reason.API, kind="granted", topics=("marketing",)),
        [(T.TOPIC_CONSENT_GRANTED, "marketing")],
    ),
    (
        "confirmed double opt-in",
        consent_event(S.ACTIVE, S.ACTIVE, kind="confirmed", topics=("marketing",)),
        [(T.TOPIC_CONSENT_GRANTED, "marketing")],
    ),
    ("double opt-in request grants nothing", consent_event(S.ACTIVE, S.ACTIVE, kind="double_opt_in_requested", topics=("marketing",)), []),
    (
        "topic keyword (STOP PROMO)",
        consent_event(S.ACTIVE, S.ACTIVE, kind="revoked", topics=("marketing",), honour_by=AT),
        [(T.TOPIC_CONSENT_REVOKED, "marketing")],
    ),
    (
        "opt-out asking which topics",
        consent_event(S.OPTED_OUT, S.ACTIVE, kind="clarification_requested", topics=("marketing", "alerts"), status_changed=True),
        [(T.CONTACT_OPTED_OUT, None), (T.TOPIC_CONSENT_REVOKED, "alerts"), (T.TOPIC_CONSENT_REVOKED, "marketing")],
    ),
    (
        "clarification reply giving topics back",
        consent_event(S.ACTIVE, S.OPTED_OUT, reason=Reason.CLARIFICATION, kind="clarified", topics=("marketing",), status_changed=True),
        [(T.CONTACT_OPTED_IN, None), (T.TOPIC_CONSENT_REVOKED, "marketing")],
    ),
    (
        "clarification reply keeping everything revoked",
        consent_event(S.OPTED_OUT, S.OPTED_OUT, reason=Reason.CLARIFICATION, kind="clarified", topics=("marketing",)),
        [(T.TOPIC_CONSENT_REVOKED, "marketing")],
    ),
    ("opt-out closing an open question", consent_event(S.OPTED_OUT, S.OPTED_OUT, kind="revoke_all"), []),
]


@pytest.mark.parametrize(("event", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_what_each_consent_event_publishes(event: ConsentEvent, expected: list) -> None:
    published = publications(event)
    assert [(p.type, p.detail["topic"]) for p in published] == expected
    for p in published:
        assert p.detail["type"] == p.type.value
        assert p.id == p.detail["id"] == publication_id(event.event_id, p.type, p.detail["topic"])
        assert p.detail["event_id"] == event.event_id and p.occurred_at == event.occurred_at


@pytest.mark.parametrize(
    ("event", "honour_by"),
    [
        (consent_event(S.OPTED_OUT, S.ACTIVE, honour_by=datetime(2026, 9, 21, 23, 59, 59, tzinfo=UTC)), DEADLINE),
        (consent_event(S.OPTED_OUT, S.ACTIVE), DEADLINE),  # stored before deadlines were kept: computed
        (consent_event(S.BLOCKED, S.ACTIVE), DEADLINE),
        (consent_event(S.ACTIVE, S.ACTIVE, kind="revoked", topics=("promo",)), DEADLINE),
        (consent_event(S.ACTIVE, S.OPTED_OUT), None),
        (consent_event(S.OPTED_OUT, S.BLOCKED), None),  # an unblock withdraws nothing
        (consent_event(S.ACTIVE, S.ACTIVE, kind="granted", topics=("promo",)), None),
        (consent_event(S.OPTED_OUT, S.OPTED_OUT, kind="clarified", topics=("promo",)), None),  # no new deadline
    ],
    ids=["stored", "computed", "block", "topic keyword", "opt-in", "unblock", "grant", "clarified"],
)
def test_honour_by_is_set_on_revocations_only(event: ConsentEvent, honour_by: str | None) -> None:
    assert [p.detail["honour_by"] for p in publications(event)] == [honour_by]


def test_the_detail_carries_the_consent_event() -> None:
    (published,) = publications(consent_event(S.OPTED_OUT, S.ACTIVE, honour_by=AT))
    assert published.detail == {
        "id": "a1b2c3:ContactOptedOut",
        "event_id": "a1b2c3",
        "type": "ContactOptedOut",
        "workspace_id": "ws_1",
        "phone": "+13325550100",
        "topic": None,
        "status": "opted_out",
        "previous_status": "active",
        "reason": "keyword",
        "initiator": {"type": "contact", "id": "+13325550100", "name": None},
        "inbox": "+13325550199",
        "message_id": "SM1",
        "occurred_at": "2026-09-04T15:30:00.000000Z",
        "acted_at": "2026-09-04T15:30:00.000000Z",
        "honour_by": "2026-09-04T15:30:00.000000Z",
        "topic_change": None,
    }


def test_ids_are_stable_and_unique_per_event_type_and_topic() -> None:
    event = consent_event(S.OPTED_OUT, S.ACTIVE, kind="clarification_requested", topics=("a", "b"), status_changed=True)
    first, again = publications(event), publications(event.model_copy())
    assert [p.id for p in first] == [p.id for p in again]
    assert len({p.id for p in first}) == 3
    other = publications(event.model_copy(update={"event_id": "d4e5f6"}))
    assert not {p.id for p in first} & {p.id for p in other}


def record(event_name: str, event: ConsentEvent | None, sequence: str = "100") -> dict:
    data: dict = {"SequenceNumber": sequence}
    if event is not None:
        data["NewImage"] = serialize(event_item(event))
    return {"eventName": event_name, "eventSource": "aws:dynamodb", "dynamodb": data}


@pytest.mark.parametrize(
    ("stream_record", "publishes"),
    [
        (record("INSERT", consent_event(S.OPTED_OUT, S.ACTIVE)), True),
        (record("MODIFY", consent_event(S.OPTED_OUT, S.ACTIVE)), False),
        (record("REMOVE", None), False),
        ({"eventName": "INSERT", "dynamodb": {"SequenceNumber": "7", "NewImage": {"pk": {"S": "x"}, "sk": {"S": "y"}}}}, False),
    ],
    ids=["insert", "modify", "remove", "not an event item"],
)
def test_only_inserted_consent_events_are_read(stream_record: dict, publishes: bool) -> None:
    streamed = consent_stream.streamed_event(stream_record)
    assert streamed.item_id == stream_record["dynamodb"]["SequenceNumber"]
    assert (streamed.event is not None) is publishes
    if publishes:
        assert streamed.event == consent_event(S.OPTED_OUT, S.ACTIVE)


def test_a_broken_event_item_raises() -> None:
    broken = record("INSERT", consent_event(S.OPTED_OUT, S.ACTIVE))
    broken["dynamodb"]["NewImage"]["status"] = {"S": "maybe"}
    with pytest.raises(ValueError):
        consent_stream.streamed_event(broken)


def test_a_grant_is_ordered_by_when_the_person_acted() -> None:
    captured = datetime(2026, 8, 28, 10, 0, tzinfo=UTC)  # a paper form, recorded a week later
    event = consent_event(S.ACTIVE, S.ACTIVE, reason=Reason.API, kind="granted", topics=("promo",))
    event = event.model_copy(update={"topic_change": event.topic_change.model_copy(update={"at": captured})})
    (published,) = publications(event)
    assert published.detail["acted_at"] == "2026-08-28T10:00:00.000000Z"
    assert published.detail["occurred_at"] == "2026-09-04T15:30:00.000000Z"
