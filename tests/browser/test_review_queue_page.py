"""The review queue in Chromium: a signed Telnyx message over 200 characters waits with its reason;
an admin opts the contact out or dismisses it with a note; a member cannot (page and API)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from playwright.sync_api import expect

from tests.browser.helpers import ApiClient
from tests.browser.test_auto_opt_outs_page import send_inbound

LONG = (
    "Hi, I have been a patient at your office for years and I appreciate the reminders, but my schedule "
    "changed and I moved across town, so I will be finding a dentist closer to home. Please stop texting "
    "me from now on. Thanks for everything."
)


def _queue(api_client: ApiClient, phone: str, state: str = "open") -> dict[str, Any]:
    status, page = api_client.get(f"/v1/review-queue?state={state}&limit=500")
    assert status == 200, page
    [item] = [i for i in page["items"] if i["phone"] == phone]
    return dict(item)


def _open_queue(page: Any) -> None:
    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("heading", name="Review queue", level=1)).to_be_visible()


def test_an_admin_resolves_a_review_message_as_an_opt_out(admin_page, api_client):
    page = admin_page
    phone = "+14155550740"
    answer = send_inbound(api_client, phone, LONG)
    assert answer["results"][0]["action"] == "review"
    assert api_client.get(f"/v1/contacts/{quote(phone)}").status == 404  # nothing changed yet
    _open_queue(page)

    item = page.get_by_role("article", name=f"Message from {phone}")
    expect(item.locator("blockquote")).to_have_text(LONG)
    expect(item).to_contain_text("longer than 200 characters")  # why it waits
    item.get_by_role("button", name="Opt out").click()  # no note yet
    expect(page.locator("#notice")).to_have_text("A note is required to resolve a review item.")
    assert _queue(api_client, phone)["state"] == "open"

    item.get_by_label(f"Note for {phone}").fill("read it: a clear request to stop")
    item.get_by_role("button", name="Opt out").click()
    expect(page.locator("#notice")).to_have_text(f"{phone} is now opted out.")
    expect(item).to_contain_text("Opted out")
    expect(item).to_contain_text("read it: a clear request to stop")
    expect(item.get_by_role("button", name="Opt out")).to_have_count(0)

    resolved = _queue(api_client, phone, "resolved")
    assert resolved["resolution"]["action"] == "opt_out"
    assert resolved["resolution"]["note"] == "read it: a clear request to stop"
    status, contact = api_client.get(f"/v1/contacts/{quote(phone)}")
    assert status == 200 and contact["status"] == "opted_out" and contact["status_reason"] == "review"


def test_a_member_cannot_resolve_and_an_admin_dismisses(member_page, api_client):
    page = member_page
    phone = "+14155550741"
    send_inbound(api_client, phone, LONG)
    _open_queue(page)

    item = page.get_by_role("article", name=f"Message from {phone}")
    expect(item.get_by_role("button", name="Opt out")).to_be_disabled()
    expect(item.get_by_role("button", name="Dismiss")).to_be_disabled()
    expect(item.get_by_text("Admins only").first).to_be_visible()
    queued = _queue(api_client, phone)
    url = f"/v1/review-queue/{queued['id']}/resolve"
    status, body = api_client.post(url, role="member", json_body={"action": "opt_out", "note": "a request"})
    assert status == 403 and body["error"]["code"] == "admin_required"
    assert _queue(api_client, phone)["state"] == "open"

    # The member signs out, an admin signs in and dismisses it: the status stays.
    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("API key").fill(api_client.key("admin"))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#role-badge")).to_have_text("admin")
    _open_queue(page)
    item = page.get_by_role("article", name=f"Message from {phone}")
    item.get_by_label(f"Note for {phone}").fill("moving house, not a request to us")
    item.get_by_role("button", name="Dismiss").click()
    expect(page.locator("#notice")).to_have_text(f"Dismissed the message from {phone}; nothing changed.")
    expect(item).to_contain_text("Dismissed")

    page.get_by_label("Show").select_option(label="Resolved")
    expect(page.get_by_role("article", name=f"Message from {phone}")).to_contain_text("moving house")
    resolved = _queue(api_client, phone, "resolved")
    assert resolved["resolution"]["action"] == "dismiss" and resolved["resolution"]["changed"] is False
    assert api_client.get(f"/v1/contacts/{quote(phone)}").status == 404  # no status was written
