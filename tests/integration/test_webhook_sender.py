"""The webhook sender through its real handler on moto, delivering to a real HTTP server on
127.0.0.1 that verifies every signature: subscribed types only, one workspace's webhooks only,
a failing endpoint retried (only it) and then dead-lettered, with the delivery log showing each
attempt; the ping; malformed messages dropped."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import boto3
import pytest

from local_stack import event_sources
from optout.outbound.http_transport import HttpResult, UrllibTransport
from optout.rules import webhook_signing
from optout.services import webhook_sender
from tests.fakes.webhook_receiver import FakeTransport, webhook_receiver
from tests.integration.webhook_helpers import (
    allow_loopback,
    bus_message,
    deliveries,
    detail,
    register,
    run_sender,
    sqs_event,
)


@pytest.fixture
def receiver(aws, monkeypatch):
    allow_loopback(monkeypatch)
    with webhook_receiver() as endpoint:
        yield endpoint


def test_a_subscribed_event_arrives_signed_and_is_logged_delivered(api, workspace, receiver):
    created = register(api, workspace["admin"], receiver.url, ["ContactOptedOut"])
    receiver.secret = created["secret"]
    event = detail(workspace["id"])
    assert run_sender(sqs_event(bus_message(event))) == {"batchItemFailures": []}

    [delivery] = receiver.wait_for(1)
    assert delivery.verified is True
    assert delivery.json == event  # the detail, as the bus carried it
    assert delivery.headers["optout-event-id"] == event["id"]
    assert delivery.headers["optout-event-type"] == "ContactOptedOut"
    assert delivery.headers["content-type"] == "application/json"
    timestamp, _ = webhook_signing.parse_header(delivery.headers["optout-signature"])
    assert timestamp is not None and abs(time.time() - timestamp) < 60
    assert not webhook_signing.verify("whsec_wrong", delivery.headers["optout-signature"], delivery.body,
                                      now=int(time.time()))

    [attempt] = deliveries(api, workspace["member"], created["id"])["deliveries"]
    assert attempt["event_id"] == event["id"] and attempt["type"] == "ContactOptedOut"
    assert attempt["state"] == "delivered" and attempt["status_code"] == 200 and attempt["attempt"] == 1
    assert attempt["error"] is None and attempt["duration_ms"] >= 0

    # The same message again (SQS delivers at least once): the endpoint is not called twice.
    assert run_sender(sqs_event(bus_message(event), receive_count=2)) == {"batchItemFailures": []}
    time.sleep(0.2)
    assert len(receiver.deliveries) == 1


def test_only_subscribed_types_and_the_events_workspace(api, workspace, other_workspace, receiver):
    register(api, workspace["admin"], receiver.url, ["ContactOptedIn"])
    register(api, other_workspace["admin"], receiver.url + "/other", ["ContactOptedOut"])
    run_sender(sqs_event(bus_message(detail(workspace["id"], "ContactOptedOut"))))
    time.sleep(0.2)
    assert receiver.deliveries == []
    run_sender(sqs_event(bus_message(detail(workspace["id"], "ContactOptedIn"))))
    [delivery] = receiver.wait_for(1)
    assert delivery.path == "/hooks/optout" and delivery.json["workspace_id"] == workspace["id"]


def test_a_webhook_registered_after_the_event_is_not_sent_it(api, workspace, receiver):
    register(api, workspace["admin"], receiver.url, ["ContactOptedOut"])
    old = detail(workspace["id"], occurred_at=datetime.now(UTC) - timedelta(hours=1))
    assert run_sender(sqs_event(bus_message(old))) == {"batchItemFailures": []}
    time.sleep(0.2)
    assert receiver.deliveries == []


def test_a_failing_endpoint_is_retried_alone_then_dead_lettered(api, workspace, receiver):
    good = register(api, workspace["admin"], receiver.url + "/good", ["ContactOptedOut"])
    with webhook_receiver("/bad") as failing:
        failing.status = 500
        bad = register(api, workspace["admin"], failing.url, ["ContactOptedOut"])
        event = detail(workspace["id"])
        body = bus_message(event)
        for receive in range(1, 6):
            answer = run_sender(sqs_event(body, receive_count=receive, ids=["m-1"]))
            assert answer == {"batchItemFailures": [{"itemIdentifier": "m-1"}]}
        failing.wait_for(5)
    assert len(receiver.deliveries) == 1  # the good endpoint took it the first time only

    log = deliveries(api, workspace["admin"], bad["id"])["deliveries"]
    assert [(a["attempt"], a["state"], a["status_code"]) for a in log] == [
        (5, "dead_lettered", 500), (4, "retrying", 500), (3, "retrying", 500), (2, "retrying", 500),
        (1, "retrying", 500),
    ]
    assert [a["state"] for a in deliveries(api, workspace["admin"], good["id"])["deliveries"]] == ["delivered"]

    first = deliveries(api, workspace["admin"], bad["id"], limit=2)
    assert [a["attempt"] for a in first["deliveries"]] == [5, 4] and first["next_cursor"]
    second = deliveries(api, workspace["admin"], bad["id"], limit=2, cursor=first["next_cursor"])
    assert [a["attempt"] for a in second["deliveries"]] == [3, 2]
    status, body = api.request("GET", f"/v1/webhooks/{good['id']}/deliveries", key=workspace["admin"],
                               query={"cursor": first["next_cursor"]})
    assert status == 400 and body["error"]["code"] == "invalid_cursor"  # another webhook's cursor


def test_an_unreachable_endpoint_is_logged_with_its_error(api, workspace, receiver):
    with webhook_receiver() as closed:
        url = closed.url
    created = register(api, workspace["admin"], url, ["ContactOptedOut"])  # nothing listens there now
    answer = run_sender(sqs_event(bus_message(detail(workspace["id"])), ids=["m-2"]))
    assert answer == {"batchItemFailures": [{"itemIdentifier": "m-2"}]}
    [attempt] = deliveries(api, workspace["admin"], created["id"])["deliveries"]
    assert attempt["status_code"] is None and attempt["error"] and attempt["state"] == "retrying"


def test_a_ping_goes_through_the_queue_signed(api, workspace, receiver):
    created = register(api, workspace["admin"], receiver.url, ["ContactBlocked"])
    receiver.secret = created["secret"]
    status, answer = api.request("POST", f"/v1/webhooks/{created['id']}/ping", key=workspace["admin"])
    assert status == 202
    summary = event_sources.drain(boto3.Session(), timeout=30, retry=0)
    assert summary.quiet
    [delivery] = receiver.wait_for(1)
    assert delivery.verified is True and delivery.json["type"] == "ping"
    assert delivery.json["id"] == answer["event_id"] and delivery.json["webhook_id"] == created["id"]
    [attempt] = deliveries(api, workspace["admin"], created["id"])["deliveries"]
    assert attempt["event_id"] == answer["event_id"] and attempt["state"] == "delivered"


@pytest.mark.parametrize("body", ["not json", json.dumps({"detail": {"type": "ContactOptedOut"}}), "{}"])
def test_a_malformed_message_is_dropped_not_retried(api, workspace, receiver, body):
    assert run_sender(sqs_event(body)) == {"batchItemFailures": []}


def test_an_opt_out_through_the_api_reaches_the_endpoint(api, workspace, receiver):
    """The whole way: consent events stream -> consent bus -> rule -> delivery queue -> sender."""
    created = register(api, workspace["admin"], receiver.url, ["ContactOptedOut"])
    receiver.secret = created["secret"]
    status, body = api.request("POST", "/v1/contact/set_status", key=workspace["admin"],
                               json_body={"phone": "+13325560002", "status": "unsubscribed"})
    assert status == 200, body
    assert event_sources.drain(boto3.Session(), timeout=30, retry=0).quiet
    [delivery] = receiver.wait_for(1)
    assert delivery.verified is True
    assert delivery.json["type"] == "ContactOptedOut" and delivery.json["phone"] == "+13325560002"
    assert delivery.json["workspace_id"] == workspace["id"] and delivery.json["honour_by"]


def test_https_endpoints_go_through_the_transport_port(api, workspace):
    created = register(api, workspace["admin"], "https://crm.example.com/hooks", ["ContactOptedOut"])
    fake = FakeTransport(results=[HttpResult(None, "TimeoutError: timed out", 5000)])
    event = detail(workspace["id"])
    answer = webhook_sender.process_batch(sqs_event(bus_message(event), ids=["m-3"]), transport=fake)
    assert answer == {"batchItemFailures": [{"itemIdentifier": "m-3"}]}
    assert webhook_sender.process_batch(sqs_event(bus_message(event), receive_count=2), transport=fake) == {
        "batchItemFailures": []}
    assert [url for url, _, _ in fake.calls] == ["https://crm.example.com/hooks"] * 2
    _, body, headers = fake.calls[1]
    assert webhook_signing.verify(created["secret"], headers["Optout-Signature"], body, now=int(time.time()))
    assert headers["Optout-Delivery-Attempt"] == "2"
    log = deliveries(api, workspace["admin"], created["id"])["deliveries"]
    assert [(a["attempt"], a["state"], a["error"]) for a in log] == [
        (2, "delivered", None), (1, "retrying", "TimeoutError: timed out")]


def test_the_transport_refuses_addresses_that_are_not_allowed_and_follows_no_redirect(receiver):
    refused = UrllibTransport(lambda address: False).post(receiver.url, b"{}", {}, timeout=2)
    assert refused.status_code is None and "not public" in (refused.error or "")
    assert receiver.deliveries == []  # nothing was sent
    receiver.status = 302
    redirected = UrllibTransport(lambda address: True).post(receiver.url, b"{}", {}, timeout=2)
    assert redirected.status_code == 302 and not redirected.ok
