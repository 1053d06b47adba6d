"""Publishing a consent events stream batch through the port (on the in-memory publisher), and the
EventBridge adapter's calls of 10 with an outcome per entry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from optout import event_bus
from optout.event_bus import BusEvent, EventBridgePublisher
from optout.models import ConsentEvent, ContactStatus, Initiator, InitiatorType, Reason, TopicChange
from optout.repository import serialize
from optout.repository.events import event_item
from optout.services.consent_events import publish_stream_records
from tests.fakes.event_publisher import FakePublisher

AT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def event(n: int, status: ContactStatus = ContactStatus.OPTED_OUT, topics: tuple[str, ...] = ()) -> ConsentEvent:
    change = TopicChange(kind="granted", topics=list(topics), at=AT, sequence=n) if topics else None
    previous = ContactStatus.ACTIVE if status is ContactStatus.OPTED_OUT else ContactStatus.OPTED_OUT
    return ConsentEvent(
        event_id=f"ev{n}", workspace_id="ws_1", phone=f"+1332555{n:04d}", status=status,
        previous_status=status if topics else previous, reason=Reason.KEYWORD,
        initiator=Initiator(type=InitiatorType.SYSTEM), occurred_at=AT + timedelta(seconds=n), topic_change=change,
    )


def record(n: int, consent: ConsentEvent, name: str = "INSERT") -> dict[str, Any]:
    return {"eventName": name, "dynamodb": {"SequenceNumber": str(n), "NewImage": serialize(event_item(consent))}}


def test_every_record_is_published_in_order() -> None:
    fake = FakePublisher()
    records = [record(1, event(1)), record(2, event(2, ContactStatus.ACTIVE)), record(3, event(3, topics=("a", "b")))]
    outcome = publish_stream_records(records, fake)
    assert outcome.response() == {"batchItemFailures": []}
    assert fake.ids() == ["ev1:ContactOptedOut", "ev2:ContactOptedIn", "ev3:TopicConsentGranted:a", "ev3:TopicConsentGranted:b"]
    assert {e.source for e in fake.published} == {"optout.consent"}
    assert fake.published[0].time == AT + timedelta(seconds=1)
    assert (outcome.records, outcome.published) == (3, 4)


def test_only_records_with_a_failed_entry_are_reported_and_a_retry_republishes_the_same_ids() -> None:
    fake = FakePublisher(fail_once={"ev3:TopicConsentGranted:b"})
    records = [record(1, event(1)), record(2, event(2)), record(3, event(3, topics=("a", "b"))), record(4, event(4))]
    outcome = publish_stream_records(records, fake)
    assert outcome.response() == {"batchItemFailures": [{"itemIdentifier": "3"}]}
    assert "ev4:ContactOptedOut" in fake.ids()  # a failure holds up nothing after it
    retried = publish_stream_records([records[2]], fake)
    assert retried.failed == []
    assert fake.ids().count("ev3:TopicConsentGranted:a") == 2  # at least once: subscribers deduplicate
    assert fake.ids().count("ev3:TopicConsentGranted:b") == 1


def test_modified_removed_and_unreadable_records() -> None:
    fake = FakePublisher()
    broken = record(3, event(3))
    broken["dynamodb"]["NewImage"]["reason"] = {"S": "no such reason"}
    removed = {"eventName": "REMOVE", "dynamodb": {"SequenceNumber": "2", "OldImage": serialize(event_item(event(2)))}}
    outcome = publish_stream_records([record(1, event(1), "MODIFY"), removed, broken, record(4, event(4))], fake)
    assert outcome.failed == ["3"]  # retried, then dead-lettered: never silently dropped
    assert fake.ids() == ["ev4:ContactOptedOut"]


def test_a_batch_without_consent_events_calls_nothing() -> None:
    class Refuse:
        def publish(self, events: Any) -> list[str | None]:
            raise AssertionError("nothing to publish")

    assert publish_stream_records([record(1, event(1), "MODIFY")], Refuse()).failed == []


class FakeClient:
    """PutEvents as EventBridge answers it: an entry per entry, failing the details it is told to."""

    def __init__(self, failing: set[str], refuse_call: int | None = None) -> None:
        self.calls: list[list[dict[str, Any]]] = []
        self.failing = failing
        self.refuse_call = refuse_call

    def put_events(self, Entries: list[dict[str, Any]]) -> dict[str, Any]:
        self.calls.append(Entries)
        if len(self.calls) == self.refuse_call:
            raise ClientError({"Error": {"Code": "InternalException", "Message": "x"}}, "PutEvents")
        answers = [
            {"ErrorCode": "ThrottlingException"} if entry["Detail"] in self.failing else {"EventId": "e"}
            for entry in Entries
        ]
        return {"FailedEntryCount": sum("ErrorCode" in a for a in answers), "Entries": answers}


@pytest.mark.parametrize(("refuse_call", "refused"), [(None, set()), (2, set(range(10, 20)))])
def test_the_adapter_calls_put_events_with_10_entries_at_most(monkeypatch, refuse_call, refused) -> None:
    events = [BusEvent("optout.consent", "ContactOptedOut", {"n": n}, AT) for n in range(23)]
    client = FakeClient({'{"n":4}', '{"n":21}'}, refuse_call)
    monkeypatch.setattr(event_bus, "_events_client", lambda: client)
    outcomes = EventBridgePublisher("bus-1").publish(events)
    assert [len(call) for call in client.calls] == [10, 10, 3]
    assert {entry["EventBusName"] for call in client.calls for entry in call} == {"bus-1"}
    assert client.calls[0][0]["Time"] == AT and client.calls[0][0]["Source"] == "optout.consent"
    failed = {n for n, outcome in enumerate(outcomes) if outcome}
    assert len(outcomes) == 23 and failed == {4, 21} | refused
    assert outcomes[4] == "ThrottlingException"
    if refused:
        assert outcomes[10] == "InternalException"
