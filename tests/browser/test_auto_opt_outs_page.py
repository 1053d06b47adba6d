"""The Auto Opt-Out folder in Chromium: an intent opt-out from a signed Telnyx webhook is listed
with its message, rule, matched text and current status; an admin opts it back in with a note, a
member cannot (page and API); any key dismisses an entry from the folder (consent unchanged)."""

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


def _folder(api_client: ApiClient, **query: str) -> list[dict[str, Any]]:
    suffix = "&".join(f"{k}={v}" for k, v in query.items())
    status, folder = api_client.get(f"/v1/auto-opt-outs?limit=500{'&' + suffix if suffix else ''}")
    assert status == 200, folder
    return list(folder["opt_outs"])


def test_a_member_dismisses_an_entry_from_the_folder_and_consent_is_unchanged(member_page, api_client):
    page = member_page
    phone, note = "+14155550732", "called back: keep them opted out"
    send_inbound(api_client, phone, "this is the wrong number, please stop sending these")
    [event] = [e for e in _folder(api_client) if e["phone"] == phone]
    _open_folder(page)

    entry = page.get_by_role("article", name=f"Opt-out of {phone}")
    entry.get_by_label(f"Why dismiss {phone} (optional)").fill(note)
    entry.get_by_role("button", name="Dismiss from folder").click()
    expect(page.locator("#notice")).to_have_text(f"{phone} is dismissed from the folder; its consent is unchanged.")
    expect(entry).to_have_count(0)  # gone from the default listing

    page.get_by_label("Show dismissed entries").check()
    entry = page.get_by_role("article", name=f"Opt-out of {phone}")
    expect(entry.locator(".dismissed")).to_contain_text("Dismissed by ")
    expect(entry.locator(".dismissed")).to_contain_text(note)
    expect(entry.locator(".badge")).to_have_text("Opted out")
    expect(entry.get_by_role("button", name="Dismiss from folder")).to_have_count(0)

    assert event["event_id"] not in {e["event_id"] for e in _folder(api_client)}
    [shown] = [e for e in _folder(api_client, include_dismissed="true") if e["event_id"] == event["event_id"]]
    assert shown["dismissal"]["note"] == note and shown["dismissal"]["by"]["type"] == "api_key"
    status, contact = api_client.get(f"/v1/contacts/{quote(phone)}")
    assert status == 200 and contact["status"] == "opted_out"  # dismissing changed no consent
    status, history = api_client.get(f"/v1/contacts/{quote(phone)}/events")
    assert [e["event_id"] for e in history["events"]] == [event["event_id"]]
    path = f"/v1/auto-opt-outs/{quote(phone)}/{event['event_id']}/dismiss"
    status, again = api_client.post(path, role="member", json_body={})
    assert status == 409 and again["error"]["code"] == "already_dismissed"


def test_another_workspace_cannot_dismiss_an_entry(admin_page, api_client):
    page = admin_page
    phone = "+14155550733"
    send_inbound(api_client, phone, "wrong person, please stop texting me")
    [event] = [e for e in _folder(api_client) if e["phone"] == phone]
    path = f"/v1/auto-opt-outs/{quote(phone)}/{event['event_id']}/dismiss"
    status, body = api_client.post(path, workspace=1, json_body={"note": "not mine"})
    assert status == 404 and body["error"]["code"] == "folder_entry_not_found"

    _open_folder(page)  # still listed for its own workspace, with its dismiss control
    entry = page.get_by_role("article", name=f"Opt-out of {phone}")
    expect(entry.get_by_role("button", name="Dismiss from folder")).to_be_enabled()
    assert event["event_id"] in {e["event_id"] for e in _folder(api_client)}
