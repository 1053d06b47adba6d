"""Consent events over the local stack: a queue subscribed to the stack's consent bus (a rule and a
queue made with boto3 on the stack's moto server, by scripts/consent_queue.py) receives one event
for a signed Twilio STOP and one for the START after it, published from the consent events stream
that the stack pumps into the real function as Lambda would."""

from __future__ import annotations

import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_topic_revocation_e2e import _twilio

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from consent_queue import ConsentQueue

pytestmark = pytest.mark.e2e
PHONE = "+13325550190"
WAIT_SECONDS = 20.0


def wait_for(queue: ConsentQueue, seen: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """This test's events (other tests share the demo workspace), once `count` have come."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        seen.extend(event for event in queue.take() if event["detail"]["phone"] == PHONE)
        if len(seen) >= count or time.monotonic() > deadline:
            return seen
        time.sleep(0.3)


def test_stop_and_start_reach_a_subscriber_of_the_consent_bus_once_each(local_stack):
    workspace = local_stack["workspaces"][0]
    queue = ConsentQueue(local_stack["moto_url"], f"consent-e2e-{uuid.uuid4().hex[:8]}")
    queue.subscribe(workspace["id"])
    seen: list[dict[str, Any]] = []
    _twilio(local_stack, workspace, "STOP", "SM-b1-e2e-stop", phone=PHONE)
    _twilio(local_stack, workspace, "STOP", "SM-b1-e2e-stop", phone=PHONE)  # the carrier's retry
    [stop] = wait_for(queue, seen, 1)
    assert stop["detail-type"] == "ContactOptedOut" and stop["source"] == "optout.consent"
    detail = stop["detail"]
    assert (detail["reason"], detail["message_id"], detail["workspace_id"]) == ("keyword", "SM-b1-e2e-stop", workspace["id"])
    assert detail["honour_by"] and detail["id"] == f"{detail['event_id']}:ContactOptedOut"
    _twilio(local_stack, workspace, "START", "SM-b1-e2e-start", phone=PHONE)
    events = wait_for(queue, seen, 2)
    assert [e["detail-type"] for e in events] == ["ContactOptedOut", "ContactOptedIn"]
    time.sleep(2)  # whatever else would come (a duplicate) has had the time to
    assert [e["detail"]["id"] for e in wait_for(queue, seen, 3)] == [detail["id"], events[1]["detail"]["id"]]
