"""The review queue over HTTP against the local stack: a signed long message is queued, not acted on,
and an admin resolves it; members and other workspaces cannot."""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

import pytest
from twilio.request_validator import RequestValidator

from tests.e2e.conftest import http

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import carrier_signing

pytestmark = pytest.mark.e2e

LONG = (
    "Hello, thanks for the reminders over the years, they were useful, but my family and I have moved to "
    "another state and we will not need your services any more. Please remove me from your list. "
    "Have a great rest of the year!"
)


def _twilio(stack: dict[str, Any], workspace: dict[str, Any], sender: str, text: str, message_id: str) -> str:
    inbox = next(i for i in workspace["inboxes"] if i["provider"] == "twilio")
    url = f"{stack['base_url']}/webhooks/twilio/inbound"
    body = carrier_signing.inbound_body("twilio", sender, inbox["number"], text, message_id)
    params = dict(parse_qsl(body.decode(), keep_blank_values=True))
    signature = RequestValidator(inbox["auth_token"]).compute_signature(url, params)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200
            return response.read().decode()
    except urllib.error.HTTPError as error:  # pragma: no cover - the assertion explains
        raise AssertionError(f"webhook answered {error.code}: {error.read().decode()}") from None


def _open_item(stack: dict[str, Any], workspace: dict[str, Any], message_id: str) -> dict[str, Any]:
    status, page = http("GET", f"{stack['base_url']}/v1/review-queue?limit=500", key=workspace["member_key"])
    assert status == 200, page
    [item] = [i for i in page["items"] if i["message_id"] == message_id]
    return item


def test_a_long_signed_message_is_queued_and_an_admin_resolves_it_both_ways(local_stack):
    base = local_stack["base_url"]
    workspace, other = local_stack["workspaces"][0], local_stack["workspaces"][1]
    senders = {"opt_out": "+14155550191", "dismiss": "+14155550192"}
    for action, sender in senders.items():
        twiml = _twilio(local_stack, workspace, sender, LONG, f"SM-review-{action}")
        assert "<Message>" not in twiml  # queued: nothing is sent
        status, _ = http("GET", f"{base}/v1/contacts/{quote(sender)}", key=workspace["member_key"])
        assert status == 404  # and no status changed

    items = {action: _open_item(local_stack, workspace, f"SM-review-{action}") for action in senders}
    assert all(i["decision"]["action"] == "review" and i["decision"]["review_reason"] for i in items.values())
    assert all(i["text"] == LONG and i["state"] == "open" for i in items.values())

    # Another workspace sees none of it and cannot resolve it.
    status, page = http("GET", f"{base}/v1/review-queue", key=other["admin_key"])
    assert status == 200 and all(i["id"] not in {x["id"] for x in items.values()} for i in page["items"])
    for action, item in items.items():
        url = f"{base}/v1/review-queue/{item['id']}/resolve"
        note = {"action": action, "note": "read by a person"}
        status, body = http("POST", url, key=other["admin_key"], json_body=note)
        assert status == 404 and body["error"]["code"] == "review_item_not_found"
        status, body = http("POST", url, key=workspace["member_key"], json_body=note)
        assert status == 403
        status, body = http("POST", url, key=workspace["admin_key"], json_body=note)
        assert status == 200, body
        assert body["item"]["state"] == "resolved" and body["item"]["resolution"]["note"] == "read by a person"
        status, _ = http("POST", url, key=workspace["admin_key"], json_body=note)
        assert status == 409

    status, contact = http("GET", f"{base}/v1/contacts/{quote(senders['opt_out'])}", key=workspace["member_key"])
    assert status == 200 and contact["status"] == "opted_out" and contact["status_reason"] == "review"
    status, events = http("GET", f"{base}/v1/contacts/{quote(senders['opt_out'])}/events", key=workspace["member_key"])
    assert status == 200 and [e["reason"] for e in events["events"]] == ["review"]
    status, _ = http("GET", f"{base}/v1/contacts/{quote(senders['dismiss'])}", key=workspace["member_key"])
    assert status == 404  # dismissed: nothing changed
    status, body = http("GET", f"{base}/v1/review-queue?cursor=bogus", key=workspace["member_key"])
    assert status == 400 and body["error"]["code"] == "invalid_cursor"
