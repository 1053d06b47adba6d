"""Consent events out, through the real handlers under moto: changes made by the API, the inbound
and status webhooks and the CSV import reach a subscriber of the consent bus (an EventBridge rule
targeting an SQS queue) once each, pumped from the consent events stream as Lambda would
(local_stack.event_sources). A PutEvents failure retries its record only; a record that keeps
failing ends in the stream's dead-letter queue."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

import boto3
import pytest

from local_stack import event_sources, template
from optout import event_bus
from optout.event_bus import BusEvent, EventBridgePublisher
from optout.services import consent_events
from tests.fakes.event_publisher import FakePublisher
from tests.integration import test_delivery_status as delivery
from tests.integration.test_inbound_sms import CONTACT, NUMBERS, inboxes, published, send
from tests.integration.test_topic_revocation import define_topics, opt_in, status_inboxes

SHARED_FIXTURES = (inboxes, published, status_inboxes)
BUS = template.functions()["ConsentEventsFunction"].environment["CONSENT_EVENTS_BUS_NAME"]
REGION = template.LOCAL_REGION


class Subscriber:
    """A queue subscribed to the consent bus with a rule on the service's source."""

    def __init__(self) -> None:
        self.sqs = boto3.client("sqs", region_name=REGION)
        self.url = self.sqs.create_queue(QueueName="consent-subscriber")["QueueUrl"]
        arn = self.sqs.get_queue_attributes(QueueUrl=self.url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        events = boto3.client("events", region_name=REGION)
        events.put_rule(Name="every-consent-change", EventBusName=BUS, EventPattern=json.dumps({"source": ["optout.consent"]}))
        events.put_targets(Rule="every-consent-change", EventBusName=BUS, Targets=[{"Id": "queue", "Arn": arn}])

    def received(self) -> list[dict[str, Any]]:
        """Pump the streams until quiet, then everything the queue received since the last call."""
        summary = event_sources.drain(boto3.Session(), timeout=30, retry=0)
        assert summary.quiet, summary
        found = []
        while messages := self.sqs.receive_message(QueueUrl=self.url, MaxNumberOfMessages=10).get("Messages"):
            for message in messages:
                found.append(json.loads(message["Body"]))
                self.sqs.delete_message(QueueUrl=self.url, ReceiptHandle=message["ReceiptHandle"])
        return found

    def one(self, detail_type: str) -> dict[str, Any]:
        """Exactly one event since the last call, of `detail_type`: its detail."""
        events = self.received()
        assert [e["detail-type"] for e in events] == [detail_type], events
        assert events[0]["source"] == "optout.consent"
        return dict(events[0]["detail"])


@pytest.fixture
def subscriber(aws: None) -> Iterator[Subscriber]:
    event_bus._events_client.cache_clear()  # a client of this test's moto
    consent_events.default_publisher.cache_clear()
    yield Subscriber()
    event_bus._events_client.cache_clear()


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


def history(api, workspace, phone: str) -> list[dict[str, Any]]:
    status, body = api.request("GET", f"/v1/contacts/{phone}/events", key=workspace["member"])
    assert status == 200, body
    return list(body["events"])


def test_stop_and_start_publish_one_event_each(api, workspace, inboxes, published, subscriber):
    send(api, "twilio", "STOP", message_id="SM-stop-1")
    opted_out = subscriber.one("ContactOptedOut")
    [stored] = history(api, workspace, CONTACT)
    for name in ("honour_by", "occurred_at", "acted_at"):  # the same instants (the API trims zero microseconds)
        assert instant(opted_out.pop(name)) == instant(stored["honour_by" if name == "honour_by" else "occurred_at"])
    assert opted_out == {
        "id": f"{stored['event_id']}:ContactOptedOut",
        "event_id": stored["event_id"],
        "type": "ContactOptedOut",
        "workspace_id": workspace["id"],
        "phone": CONTACT,
        "topic": None,
        "status": "opted_out",
        "previous_status": None,
        "reason": "keyword",
        "initiator": {"type": "contact", "id": CONTACT, "name": None},
        "inbox": NUMBERS["twilio"],
        "message_id": "SM-stop-1",
        "topic_change": None,
    }
    send(api, "twilio", "STOP", message_id="SM-stop-1")  # the carrier's retry changes nothing
    send(api, "twilio", "STOP", message_id="SM-stop-2")  # nor does a second STOP
    assert subscriber.received() == []
    send(api, "twilio", "START", message_id="SM-start-1")
    opted_in = subscriber.one("ContactOptedIn")
    assert (opted_in["reason"], opted_in["message_id"], opted_in["honour_by"]) == ("keyword", "SM-start-1", None)
    assert opted_in["previous_status"] == "opted_out" and opted_in["id"] != opted_out["id"]


def test_staff_changes_publish_one_event_each(api, workspace, subscriber):
    phone = "+13325550101"

    def set_status(key: str, status: str, note: str | None = None) -> None:
        body = {"phone": phone, "status": status, **({"note": note} if note else {})}
        code, answer = api.request("POST", "/v1/contact/set_status", key=key, json_body=body)
        assert code == 200, answer

    set_status(workspace["member"], "unsubscribed")
    assert subscriber.one("ContactOptedOut")["initiator"]["type"] == "api_key"
    set_status(workspace["admin"], "subscribed", "asked us by phone to come back")
    admin_opt_in = subscriber.one("ContactOptedIn")
    assert admin_opt_in["reason"] == "api" and admin_opt_in["initiator"]["type"] == "api_key"
    set_status(workspace["member"], "blocked")
    assert subscriber.one("ContactBlocked")["honour_by"] is not None
    set_status(workspace["admin"], "unblocked", "blocked by mistake")
    assert subscriber.one("ContactUnblocked")["status"] == "active"


def test_a_failed_delivery_opt_out_publishes_one_event(api, workspace, status_inboxes, subscriber):
    delivery.auto_opt_out(api, workspace, True)
    delivery.bandwidth("perm-events-1", "failed", code="4720")
    detail = subscriber.one("ContactOptedOut")
    assert (detail["phone"], detail["reason"], detail["message_id"]) == (delivery.CONTACT, "failed_delivery", "perm-events-1")
    assert detail["initiator"]["type"] == "system" and detail["inbox"] == delivery.NUMBERS["bandwidth"]
    delivery.bandwidth("perm-events-1", "failed", code="4720")  # a retried callback
    assert subscriber.received() == []


def test_an_import_publishes_one_opt_out_per_changed_row(api, workspace, subscriber):
    csv = "phone,opt_out\n+13325550102,yes\n+13325550103,yes\n+13325550104,no\n"
    status, report = api.request(
        "POST", "/v1/contacts/import", key=workspace["member"], body=csv, headers={"Content-Type": "text/csv"}
    )
    assert status == 200 and report["opted_out"] == 2, report
    events = subscriber.received()
    assert sorted((e["detail-type"], e["detail"]["phone"], e["detail"]["reason"]) for e in events) == [
        ("ContactOptedOut", "+13325550102", "import"),
        ("ContactOptedOut", "+13325550103", "import"),
    ]
    api.request("POST", "/v1/contacts/import", key=workspace["member"], body=csv, headers={"Content-Type": "text/csv"})
    assert subscriber.received() == []  # the same file again changes nothing


def test_topic_grants_and_a_topic_keyword_publish_one_event_per_topic(api, workspace, inboxes, published, subscriber):
    define_topics(api, workspace)
    opt_in(api, workspace, CONTACT)
    granted = subscriber.received()
    assert sorted((e["detail-type"], e["detail"]["topic"]) for e in granted) == [
        ("TopicConsentGranted", "marketing"),
        ("TopicConsentGranted", "reminders"),
    ]
    assert {e["detail"]["topic_change"] for e in granted} == {"granted"}
    send(api, "twilio", "STOP PROMO", message_id="SM-promo-1")
    revoked = subscriber.one("TopicConsentRevoked")
    assert (revoked["topic"], revoked["status"], revoked["message_id"]) == ("marketing", "active", "SM-promo-1")
    assert revoked["honour_by"] is not None


class Flaky:
    """The real EventBridge publisher, failing the events it is told to, `times` times each."""

    def __init__(self, failing: Sequence[str], times: int = 1) -> None:
        self.real = EventBridgePublisher(BUS)
        self.left = dict.fromkeys(failing, times)
        self.attempts: list[str] = []

    def publish(self, events: Sequence[BusEvent]) -> list[str | None]:
        self.attempts.extend(str(e.detail["id"]) for e in events)
        failing = {i for i, e in enumerate(events) if self.left.get(str(e.detail["id"]), 0) > 0}
        for i in failing:
            self.left[str(events[i].detail["id"])] -= 1
        passed = [e for i, e in enumerate(events) if i not in failing]
        outcomes = iter(self.real.publish(passed))
        return ["ThrottlingException" if i in failing else next(outcomes) for i in range(len(events))]


def import_opt_outs(api, workspace, phones: Sequence[str]) -> None:
    csv = "phone,opt_out\n" + "".join(f"{phone},yes\n" for phone in phones)
    status, report = api.request(
        "POST", "/v1/contacts/import", key=workspace["member"], body=csv, headers={"Content-Type": "text/csv"}
    )
    assert status == 200 and report["opted_out"] == len(phones), report


def test_a_put_events_failure_retries_only_its_record(api, workspace, subscriber, monkeypatch):
    phones = ["+13325550111", "+13325550112", "+13325550113"]
    import_opt_outs(api, workspace, phones)  # one transaction: three records in one batch
    ids = {event["event_id"]: phone for phone in phones for event in history(api, workspace, phone)}
    last = max(ids, key=lambda event_id: phones.index(ids[event_id]))
    flaky = Flaky([f"{last}:ContactOptedOut"])
    monkeypatch.setattr(consent_events, "default_publisher", lambda: flaky)
    events = subscriber.received()
    assert sorted(e["detail"]["phone"] for e in events) == phones  # each exactly once
    retried = [event_id for event_id in flaky.attempts if flaky.attempts.count(event_id) > 1]
    assert set(retried) == {f"{last}:ContactOptedOut"}  # the records before it were not sent again


def test_a_record_that_keeps_failing_goes_to_the_dead_letter_queue(api, workspace, subscriber, monkeypatch):
    import_opt_outs(api, workspace, ["+13325550121"])
    [event] = history(api, workspace, "+13325550121")
    flaky = Flaky([f"{event['event_id']}:ContactOptedOut"], times=1000)
    monkeypatch.setattr(consent_events, "default_publisher", lambda: flaky)
    assert subscriber.received() == []
    retries = template.load_template()["Resources"]["ConsentEventsFunction"]["Properties"]["Events"]
    assert len(flaky.attempts) == retries["ConsentEventsStream"]["Properties"]["MaximumRetryAttempts"] + 1
    sqs = boto3.client("sqs", region_name=REGION)
    [message] = sqs.receive_message(QueueUrl=template.local_queue_url("ConsentEventsDeadLetterQueue"))["Messages"]
    assert json.loads(message["Body"])["DDBStreamBatchInfo"]["batchSize"] == 1


@pytest.mark.parametrize("kind", ["eventbridge", "fake"])
def test_the_fake_publisher_keeps_the_adapters_contract(subscriber, kind):
    """23 events (three PutEvents calls): one outcome each, in order, and every event delivered."""
    events = [BusEvent("optout.consent", "ContactOptedOut", {"id": f"ev{n}:ContactOptedOut", "n": n}) for n in range(23)]
    fake = FakePublisher()
    publisher = EventBridgePublisher(BUS) if kind == "eventbridge" else fake
    assert publisher.publish(events) == [None] * 23
    delivered = [e["detail"] for e in subscriber.received()] if kind == "eventbridge" else [e.detail for e in fake.published]
    assert sorted(d["n"] for d in delivered) == list(range(23))
