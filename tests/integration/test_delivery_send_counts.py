"""Delivery callbacks count sends: every carrier's `sent` and `delivered` record the message among the
number's sends (signed as each carrier signs, through the real handler), queued and failed record
nothing, and `sent` then `delivered` counts once."""

# ruff: noqa: F811 (the fixtures imported below are redefined as the tests' arguments)

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest

from optout import repository
from tests.integration.test_delivery_status import (
    CONTACT,
    EVENTS,
    NUMBERS,
    bandwidth,
    carrier_signing,
    inboxes,  # noqa: F401 (a fixture)
    post,
    post_sns,
    sns_cert,  # noqa: F401 (a fixture)
)


def sends(workspace):
    since = datetime.now(UTC) - timedelta(hours=24)
    return repository.batch_get_send_logs(workspace["id"], [CONTACT], since=since).get(CONTACT, [])


def callback(provider: str, word: str, message_id: str):
    body = carrier_signing.status_body(provider, message_id, word, None, NUMBERS[provider], CONTACT)
    status, answer = post(provider, body)
    assert status == 200, answer
    return answer["results"][0]["status"]


# (provider, the provider's own word, our status, counted)
WORDS = [
    ("twilio", "sent", "sent", True),
    ("twilio", "delivered", "delivered", True),
    ("twilio", "queued", "queued", False),
    ("twilio", "undelivered", "undelivered", False),
    ("telnyx", "sent", "sent", True),
    ("telnyx", "delivered", "delivered", True),
    ("telnyx", "queued", "queued", False),
    ("telnyx", "delivery_failed", "undelivered", False),
    ("bandwidth", "message-sending", "sent", True),
    ("bandwidth", "message-delivered", "delivered", True),
    ("bandwidth", "message-failed", "failed", False),
    ("vonage", "submitted", "sent", True),
    ("vonage", "delivered", "delivered", True),
    ("vonage", "rejected", "failed", False),
]


@pytest.mark.parametrize(("provider", "word", "status", "counted"), WORDS, ids=[f"{p}-{w}" for p, w, _, _ in WORDS])
def test_each_carriers_sent_and_delivered_count_and_nothing_else(
    api, workspace, inboxes, provider, word, status, counted
):
    before = datetime.now(UTC) - timedelta(seconds=1)
    assert callback(provider, word, f"{provider}-m-1") == status
    found = sends(workspace)
    assert len(found) == (1 if counted else 0)
    if counted:
        assert found[0].topic is None and before <= found[0].at <= datetime.now(UTC) + timedelta(seconds=1)


def test_aws_delivery_events_count_at_the_providers_time(api, workspace, inboxes, sns_cert):
    event = json.loads((EVENTS / "aws/status_delivered.sns.json").read_bytes())
    message = json.loads(event["Records"][0]["Sns"]["Message"])
    at_ms = int((time.time() - 600) * 1000)
    message["eventTimestamp"] = at_ms
    event["Records"][0]["Sns"]["Message"] = json.dumps(message)
    post_sns(event, sns_cert)
    [sent] = sends(workspace)
    assert sent.at == datetime.fromtimestamp(-(-at_ms // 1000), UTC)  # whole seconds, rounded up


def test_twilio_sent_then_delivered_counts_once(api, workspace, inboxes):
    assert callback("twilio", "sent", "SM-once") == "sent"
    first = sends(workspace)
    assert callback("twilio", "delivered", "SM-once") == "delivered"
    assert callback("twilio", "delivered", "SM-once") == "delivered"  # the carrier's retry
    assert sends(workspace) == first and len(first) == 1


def test_bandwidth_counts_at_the_providers_time_and_a_failure_adds_nothing(api, workspace, inboxes):
    at = (datetime.now(UTC) - timedelta(hours=3)).replace(microsecond=0)
    bandwidth("bw-1", "delivered", at=at)
    bandwidth("bw-2", "failed", at=at + timedelta(minutes=1), code="4702")
    assert [(s.at, s.topic) for s in sends(workspace)] == [(at, None)]


def test_a_callback_older_than_the_window_is_not_counted(api, workspace, inboxes):
    bandwidth("bw-old", "delivered", at=datetime.now(UTC) - timedelta(hours=30))
    assert sends(workspace) == []


def test_a_topic_reported_through_the_api_stays_when_the_callback_comes_later(api, workspace, inboxes):
    api.request("PUT", "/v1/topics/promo", key=workspace["admin"], json_body={"name": "Promotions"})
    status, _ = api.request(
        "POST",
        "/v1/sends",
        key=workspace["member"],
        json_body={"sends": [{"phone": CONTACT, "message_id": "tx-1", "topic": "promo"}]},
    )
    assert status == 202
    callback("telnyx", "delivered", "tx-1")
    assert [s.topic for s in sends(workspace)] == ["promo"]
