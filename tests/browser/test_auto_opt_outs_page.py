"""The Auto Opt-Out folder in Chromium: an intent opt-out from a signed Telnyx webhook is listed
with its message, rule, matched text and current status; an admin opts it back in with a note, a
member cannot (page and API)."""

from __future__ import annotations

import sys
from typing import Any
from urllib.parse import quote

from playwright.sync_api import expect

from tests.browser.helpers import ROOT, ApiClient

sys.path.insert(0, str(ROOT / "scripts"))
import carrier_signing


def send_inbound(api_client: ApiClient, sender: str, text: str, *, workspace: int = 0) -> Any:
    """A Telnyx inbound SMS to the workspace's demo Telnyx inbox, signed as Telnyx signs it."""
    inbox = next(i for i in api_client.demo["workspaces"][workspace]["inboxes"] if i["provider"] == "telnyx")
    url = f"{api_client.base_url}/webhooks/telnyx/inbound"
    body = carrier_signing.inbound_body("telnyx", sender, inbox["number"], text)
    headers = {**carrier_signing.sign("telnyx", url, body, inbox), "Content-Type": "application/json"}
    status, answer = api_client.post("/webhooks/telnyx/inbound", body=body, headers=headers)
    assert status == 200, answer
    return answer


def _open_folder(page: Any) -> None:
    page.get_by_role("link", name="Auto Opt-Out folder").click()
    expect(page.get_by_role("heading", name="Auto Opt-Out folder", level=1)).to_be_visible()


def test_an_admin_opts_a_contact_back_in_from_the_folder(admin_page, api_client):
    page = admin_page
    phone, text = "+14155550730", "wrong number, please stop texting me"
    answer = send_inbound(api_client, phone, text)
    assert answer["results"][0]["action"] == "opt_out" and answer["results"][0]["rule"] == "intent"
    _open_folder(page)

    entry = page.get_by_role("article", name=f"Opt-out of {phone}")
    expect(entry.locator("blockquote")).to_have_text(text)
    expect(entry).to_contain_text("intent")
    expect(entry.locator("mark")).not_to_be_empty()  # the matched text
    expect(entry.locator(".badge")).to_have_text("Opted out")

    entry.get_by_role("button", name="Opt back in").click()  # no note yet
    expect(page.locator("#notice")).to_have_text("A note is required to opt a contact back in.")
    entry.get_by_label(f"Note for {phone}").fill("texted by mistake, confirmed by phone")
    entry.get_by_role("button", name="Opt back in").click()
    expect(page.locator("#notice")).to_have_text(f"{phone} is opted back in (active).")
    expect(entry.locator(".badge")).to_have_text("Active")  # the entry stays, with the current status
    expect(entry.get_by_role("button", name="Opt back in")).to_have_count(0)

    status, contact = api_client.get(f"/v1/contacts/{quote(phone)}")
    assert status == 200 and contact["status"] == "active"
    status, history = api_client.get(f"/v1/contacts/{quote(phone)}/events")
    latest = history["events"][0]
    assert (latest["status"], latest["note"]) == ("active", "texted by mistake, confirmed by phone")
    status, folder = api_client.get("/v1/auto-opt-outs")
    assert any(e["phone"] == phone and e["message_text"] == text for e in folder["opt_outs"])


def test_a_member_cannot_opt_back_in_from_the_folder(member_page, api_client):
    page = member_page
    phone = "+14155550731"
    send_inbound(api_client, phone, "you have the wrong person, stop messaging me")
    _open_folder(page)

    entry = page.get_by_role("article", name=f"Opt-out of {phone}")
    expect(entry.locator(".badge")).to_have_text("Opted out")
    expect(entry.get_by_role("button", name="Opt back in")).to_be_disabled()
    expect(entry.get_by_text("Admins only")).to_be_visible()

    status, body = api_client.post(
        f"/v1/auto-opt-outs/{quote(phone)}/opt-in", role="member", json_body={"note": "please"}
    )
    assert status == 403 and body["error"]["code"] == "admin_required"
    status, contact = api_client.get(f"/v1/contacts/{quote(phone)}")
    assert contact["status"] == "opted_out"
