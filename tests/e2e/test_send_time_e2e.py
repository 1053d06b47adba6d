"""Issue #15's "Done when" over HTTP on the local stack: quiet hours by state in the recipient's zone,
the Florida cap counted from signed delivery callbacks and from POST /v1/sends, a contact's state
attribute against its area code, and a number reassigned after its consent (the CSV adapter)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import http
from tests.e2e.test_inbound_e2e import _inbox, _post
from tests.fakes.send_times import CENTRAL, EASTERN, PACIFIC, local, local_time

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import carrier_signing

pytestmark = pytest.mark.e2e
# Numbers of this module alone (the stack is shared by the session).
FL_HOURS, FL_CALLBACKS, FL_API, FL_REASSIGNED = "+13055550140", "+13055550141", "+13055550142", "+13055550143"
CONNECTICUT, TEXAS = "+12035550140", "+15125550140"
CA_IN_FLORIDA, CA = "+12135550140", "+12135550141"
SUNDAY = 6


def _eligibility(stack: dict[str, Any], phones: list[str], at: datetime) -> dict[str, Any]:
    key = stack["workspaces"][0]["member_key"]
    body = {"phones": phones, "at": at.isoformat()}
    status, answer = http("POST", f"{stack['base_url']}/v1/eligibility", key=key, json_body=body)
    assert status == 200, answer
    return answer


def _deferred(answer: dict[str, Any], phone: str) -> dict[str, Any]:
    rows = [row for row in answer["deferred"] if row["phone"] == phone]
    assert len(rows) == 1, answer
    return rows[0]


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize(
    ("phone", "zone", "planned", "weekday", "allowed", "rule"),
    [
        (FL_HOURS, EASTERN, time(21, 30), None, time(8, 0), "us-fl-ftsa-hours"),
        (CONNECTICUT, EASTERN, time(8, 30), None, time(9, 0), "us-ct-hours"),
        (TEXAS, CENTRAL, time(10, 0), SUNDAY, time(12, 0), "us-tx-sb140-hours"),
    ],
)
def test_quiet_hours_over_http(local_stack, phone, zone, planned, weekday, allowed, rule) -> None:
    at = local_time(zone, planned, weekday=weekday)
    row = _deferred(_eligibility(local_stack, [phone], at), phone)
    day = at.date() + timedelta(days=1) if allowed < planned else at.date()
    assert _instant(row["sendable_at"]) == local(day, allowed, zone)
    reason = next(r for r in row["reasons"] if r["rule"] == rule)
    assert reason["code"] == "quiet_hours" and reason["time_zone"] == zone.key
    assert datetime.fromisoformat(reason["next_allowed_local"]) == local(day, allowed, zone)


def _delivered(stack: dict[str, Any], phone: str, message_id: str) -> None:
    """A signed Twilio status callback: the message reached `phone`."""
    inbox = _inbox(stack["workspaces"][0], "twilio")
    url = f"{stack['base_url']}/webhooks/twilio/status"
    body = carrier_signing.status_body("twilio", message_id, "delivered", None, inbox["number"], phone)
    headers = carrier_signing.sign("twilio", url, body, {"auth_token": inbox["auth_token"]})
    status, text = _post(url, body, {**headers, "Content-Type": "application/x-www-form-urlencoded"})
    assert status in (200, 204), text


def _assert_capped_then_free(stack: dict[str, Any], phone: str, at: datetime) -> None:
    row = _deferred(_eligibility(stack, [phone], at), phone)
    cap = next(r for r in row["reasons"] if r["code"] == "frequency_cap")
    assert (cap["rule"], cap["count"], cap["limit"]) == ("us-fl-ftsa-cap", 3, 3)
    sendable_at = _instant(row["sendable_at"])
    assert sendable_at >= _instant(cap["frees_at"])
    assert _eligibility(stack, [phone], sendable_at)["sendable"] == [phone]


def test_three_delivered_callbacks_cap_a_florida_number(local_stack) -> None:
    at = datetime.now(UTC) + timedelta(minutes=10)
    for i in range(3):
        _delivered(local_stack, FL_CALLBACKS, f"SM{'e2e15cb'}{i:025d}")
    _delivered(local_stack, FL_CALLBACKS, f"SM{'e2e15cb'}{0:025d}")  # a retried callback counts once
    _assert_capped_then_free(local_stack, FL_CALLBACKS, at)


def test_three_sends_reported_through_the_api_cap_a_florida_number(local_stack) -> None:
    base, key = local_stack["base_url"], local_stack["workspaces"][0]["member_key"]
    now = datetime.now(UTC).replace(microsecond=0)
    sends = [
        {"phone": FL_API, "message_id": f"e2e15-api-{i}", "sent_at": (now - timedelta(hours=3 - i)).isoformat()}
        for i in range(3)
    ]
    status, body = http("POST", f"{base}/v1/sends", key=key, json_body={"sends": sends})
    assert (status, body) == (202, {"recorded": 3})
    row = _deferred(_eligibility(local_stack, [FL_API], now + timedelta(minutes=10)), FL_API)
    cap = next(r for r in row["reasons"] if r["code"] == "frequency_cap")
    assert _instant(cap["frees_at"]) == now - timedelta(hours=3) + timedelta(hours=24)
    _assert_capped_then_free(local_stack, FL_API, now + timedelta(minutes=10))


def test_a_florida_state_attribute_beats_a_california_area_code(local_stack) -> None:
    base, key = local_stack["base_url"], local_stack["workspaces"][0]["member_key"]
    contact = {"phone": CA_IN_FLORIDA, "attributes": {"state": "Florida"}}
    assert http("POST", f"{base}/v1/contacts", key=key, json_body=contact)[0] in (200, 201)
    at = local_time(PACIFIC, time(17, 30))  # 20:30 in Florida
    answer = _eligibility(local_stack, [CA_IN_FLORIDA, CA], at)
    assert answer["sendable"] == [CA]
    row = _deferred(answer, CA_IN_FLORIDA)
    assert "us-fl-ftsa-hours" in {r["rule"] for r in row["reasons"]}


def test_a_number_reassigned_after_its_consent_is_suppressed_with_evidence(local_stack) -> None:
    base, ws = local_stack["base_url"], local_stack["workspaces"][0]
    admin, member = ws["admin_key"], ws["member_key"]
    status, contact = http("POST", f"{base}/v1/contacts", key=member, json_body={"phone": FL_REASSIGNED})
    assert status in (200, 201), contact
    consented = _instant(contact["created_at"]).date().isoformat()
    csv = f"phone,date,answer\n{FL_REASSIGNED},{consented},yes\n"
    status, body = http(
        "POST", f"{base}/v1/reassigned-results", key=admin, body=csv, headers={"Content-Type": "text/csv"}
    )
    assert status == 200, body
    lookups = {"reassigned": {"provider": "file", "secret_ref": None}}
    assert http("PUT", f"{base}/v1/settings", key=admin, json_body={"lookups": lookups})[0] == 200
    try:
        answer = _eligibility(local_stack, [FL_REASSIGNED], local_time(EASTERN, time(12, 0)))
    finally:  # the stack is shared: leave the workspace's lookups as they were
        off = {"reassigned": {"provider": None, "secret_ref": None}}
        http("PUT", f"{base}/v1/settings", key=admin, json_body={"lookups": off})
    [row] = answer["suppressed"]
    [reason] = row["reasons"]
    assert (reason["code"], reason["asked_date"], reason["source"]) == ("reassigned", consented, "file")
    status, events = http("GET", f"{base}/v1/contacts/{FL_REASSIGNED}/events", key=member)
    assert status == 200 and "reassigned_number" in [e["reason"] for e in events["events"]], events
    # The evidence is kept on the contact: the number stays suppressed with the lookups off.
    again = _eligibility(local_stack, [FL_REASSIGNED], local_time(EASTERN, time(12, 0)))
    assert [r["code"] for r in again["suppressed"][0]["reasons"]] == ["reassigned"]
