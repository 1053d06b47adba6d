"""Broadcasts page: a failed broadcast contact is switched to opted out with "Opt-out SMS"."""

from __future__ import annotations

import re
import sys
import urllib.request
from urllib.parse import quote

from playwright.sync_api import Page, expect

from tests.browser.helpers import ROOT, ApiClient

sys.path.insert(0, str(ROOT / "scripts"))
import carrier_signing

# Numbers no other test uses (tests share one stack).
TRANSIENT = "+14155550751"
PERMANENT = "+14155550752"
BROADCAST = "console-spring-0751"


def twilio_failure(api: ApiClient, phone: str, sid: str, code: str, broadcast: str = BROADCAST) -> None:
    """A signed Twilio delivery-status callback to workspace 0: the broadcast's message to `phone` failed."""
    inbox = next(i for i in api.demo["workspaces"][0]["inboxes"] if i["provider"] == "twilio")
    url = f"{api.base_url}/webhooks/twilio/status?broadcast_id={broadcast}"
    body = carrier_signing.status_body("twilio", sid, "undelivered", code, inbox["number"], phone)
    headers = carrier_signing.sign("twilio", url, body, {"auth_token": inbox["auth_token"]})
    headers["Content-Type"] = carrier_signing.FORM
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


def test_toggle_a_failed_broadcast_contact_to_opted_out(admin_page: Page, api_client: ApiClient) -> None:
    page = admin_page
    for phone, name in ((TRANSIENT, "Tia Broad"), (PERMANENT, "Per Manent")):
        status, _ = api_client.post("/v1/contacts", json_body={"phone": phone, "name": name})
        assert status == 201
    twilio_failure(api_client, TRANSIENT, "SM-console-0751", "30003")  # handset unreachable: transient
    twilio_failure(api_client, PERMANENT, "SM-console-0752", "21211")  # invalid number: permanent

    page.get_by_role("link", name="Broadcasts").click()
    page.get_by_label("Broadcast ID").fill(BROADCAST)
    page.get_by_role("button", name="Show failures").click()

    table = page.get_by_role("table", name=f"Failed deliveries of broadcast {BROADCAST}")
    row = table.get_by_role("row").filter(has_text=TRANSIENT)
    expect(row).to_contain_text("30003")
    expect(row).to_contain_text("transient")
    expect(row).to_contain_text("Active")
    summary = page.get_by_role("table", name="Failures by class and error code")
    expect(summary.get_by_role("row").filter(has_text="30003")).to_contain_text("1")
    expect(summary).to_contain_text("21211")

    switch = page.get_by_role("switch", name=f"Opt-out SMS for {TRANSIENT}")
    expect(switch).not_to_be_checked()
    switch.check()

    expect(page.locator("#notice")).to_have_text(f"Opted out: {TRANSIENT}")
    expect(row).to_contain_text("Opted out")
    expect(switch).to_be_checked()
    expect(switch).to_be_disabled()
    # The other contact is untouched.
    expect(table.get_by_role("row").filter(has_text=PERMANENT)).to_contain_text(re.compile("Active|Opted out"))

    status, contact = api_client.get(f"/v1/contacts/{quote(TRANSIENT)}")
    assert status == 200
    assert (contact["status"], contact["status_reason"]) == ("opted_out", "failed_delivery")
    _, events = api_client.get(f"/v1/contacts/{quote(TRANSIENT)}/events")
    assert events["events"][0]["initiator"]["type"] == "api_key"
    assert events["events"][0]["message_id"] == "SM-console-0751"
    _, page_body = api_client.get(f"/v1/broadcasts/{BROADCAST}/failures")
    statuses = {f["phone"]: f["contact_status"] for f in page_body["failures"]}
    assert statuses[TRANSIENT] == "opted_out"
