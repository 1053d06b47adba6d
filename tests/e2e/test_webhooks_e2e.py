"""Outgoing webhooks over HTTP against the local stack: an endpoint on 127.0.0.1 (this test's own
HTTP server) registered with the API receives a signed delivery of a STOP sent as a signed Twilio
webhook, carried by the stack's own event sources (consent stream -> bus -> rule -> queue ->
sender); the delivery log shows it, and an acknowledgement clears it from the report."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import http
from tests.e2e.test_topic_revocation_e2e import _twilio
from tests.fakes.webhook_receiver import webhook_receiver

pytestmark = pytest.mark.e2e
PHONE = "+13325560101"


def test_a_stop_reaches_a_registered_endpoint_signed(local_stack):
    workspace = local_stack["workspaces"][0]
    base, admin, member = local_stack["base_url"], workspace["admin_key"], workspace["member_key"]
    with webhook_receiver() as receiver:
        status, created = http("POST", f"{base}/v1/webhooks", key=admin,
                               json_body={"url": receiver.url, "events": ["ContactOptedOut"]})
        assert status == 201, created
        receiver.secret = created["secret"]
        try:
            _twilio(local_stack, workspace, "STOP", "SM-webhook-e2e-1", phone=PHONE)
            deliveries = receiver.wait_for(1, timeout=60)
            mine = [d for d in deliveries if d.json.get("phone") == PHONE]
            assert len(mine) == 1, [d.json for d in deliveries]
            [delivery] = mine
            assert delivery.verified is True
            assert delivery.json["type"] == "ContactOptedOut" and delivery.json["workspace_id"]
            assert delivery.headers["optout-event-id"] == delivery.json["id"]

            status, log = http("GET", f"{base}/v1/webhooks/{created['id']}/deliveries", key=member)
            assert status == 200
            assert delivery.json["id"] in {a["event_id"] for a in log["deliveries"] if a["state"] == "delivered"}

            status, page = http("GET", f"{base}/v1/revocations/unacknowledged?limit=500", key=member)
            assert status == 200 and delivery.json["id"] in {r["event_id"] for r in page["revocations"]}
            status, ack = http("POST", f"{base}/v1/revocations/{delivery.json['id']}/ack", key=member,
                               json_body={"webhook_id": created["id"]})
            assert status == 200 and ack["pending_webhooks"] == [], ack
            status, page = http("GET", f"{base}/v1/revocations/unacknowledged?limit=500", key=member)
            assert delivery.json["id"] not in {r["event_id"] for r in page["revocations"]}
        finally:
            # Other tests' events must not go on to a server that has stopped.
            assert http("DELETE", f"{base}/v1/webhooks/{created['id']}", key=admin)[0] == 200
