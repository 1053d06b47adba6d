"""A member is refused every admin action in both the page and the API (issue #12).

One row per admin action that the page tests of Contacts, the Auto Opt-Out folder, the review
queue and Settings do not already cover (opt back in, delete all of a status, folder opt-in,
resolve as opt-out, settings and reply texts are there): the member's page shows the control
disabled with the reason in words, the API answers the member 403 admin_required, and the admin
reads back that nothing changed. tests/integration/test_member_refusals.py holds the API's own
table of every admin operation.

What the API lets any key do (the broadcast "Opt-out SMS" switch, importing a CSV, editing and
deleting one contact) a member does in the page, as the last tests show.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import ApiClient
from tests.browser.test_auto_opt_outs_page import send_inbound
from tests.browser.test_broadcasts_page import twilio_failure
from tests.browser.test_review_queue_page import LONG

# Numbers no other test uses (tests share one stack).
BLOCKED = "+14155550870"
QUEUED = "+14155550871"
FAILED = "+14155550872"
IMPORTED = "+14155550873"
NEW_INBOX = "+15005550877"
KEYS_REASON = "Admins only: a member key cannot create or revoke keys."
INBOX_REASON = "Admins only: a member key cannot register inboxes."


@dataclass(frozen=True)
class Refusal:
    """An admin action: how to set it up, where the member meets it, what the member asks the API."""

    setup: Callable[[ApiClient], dict[str, Any]]  # -> what the other steps need
    open: Callable[[Any, dict[str, Any]], Any]  # (page, ctx) -> the part of the page holding the controls
    controls: Callable[[Any], list[Any]]  # (that part) -> the controls shown disabled
    reason: str  # the words the member reads
    calls: Callable[[dict[str, Any]], list[tuple[str, str, Any]]]  # -> (method, path, json body)
    state: Callable[[ApiClient, dict[str, Any]], Any]  # what the admin reads: the same after the refusals


def _nav(page: Any, link: str) -> None:
    page.get_by_role("navigation", name="Console pages").get_by_role("link", name=link).click()


def _block(api: ApiClient) -> dict[str, Any]:
    api.post("/v1/contacts", json_body={"phone": BLOCKED, "name": "Bea Blocked"})
    assert api.post("/v1/contact/set_status", json_body={"phone": BLOCKED, "status": "blocked"}).status == 200
    return {}


def _open_contact(page: Any, _: dict[str, Any]) -> Any:
    _nav(page, "Contacts")
    page.get_by_label("Phone or name").fill(BLOCKED)
    page.get_by_role("button", name="Search").click()
    pane = page.get_by_role("region", name=f"Contact {BLOCKED}")
    expect(pane.locator("dl .badge")).to_have_text("Blocked")
    return pane


def _contact_state(api: ApiClient, _: dict[str, Any]) -> Any:
    return api.get(f"/v1/contacts/{quote(BLOCKED)}").data["status"], len(
        api.get(f"/v1/contacts/{quote(BLOCKED)}/events").data["events"]
    )


def _queue_item(api: ApiClient) -> dict[str, Any]:
    send_inbound(api, QUEUED, LONG)
    items = api.get("/v1/review-queue?state=open&limit=500").data["items"]
    return {"item": next(i["id"] for i in items if i["phone"] == QUEUED)}


def _open_queue(page: Any, _: dict[str, Any]) -> Any:
    _nav(page, "Review queue")
    return page.get_by_role("article", name=f"Message from {QUEUED}")


def _queue_state(api: ApiClient, ctx: dict[str, Any]) -> Any:
    items = api.get("/v1/review-queue?state=open&limit=500").data["items"]
    return [i["state"] for i in items if i["id"] == ctx["item"]], api.get(f"/v1/contacts/{quote(QUEUED)}").status


def _inboxes(api: ApiClient) -> dict[str, Any]:
    inboxes = api.get("/v1/inboxes").data["inboxes"]
    return {"twilio": next(i for i in inboxes if i["provider"] == "twilio")}


def _open_settings(section: str) -> Callable[[Any, dict[str, Any]], Any]:
    def opened(page: Any, _: dict[str, Any]) -> Any:
        _nav(page, "Settings")
        region = page.get_by_role("region", name=section)
        expect(region.get_by_role("table", name=section)).to_be_visible()
        return region

    return opened


def _inbox_state(api: ApiClient, _: dict[str, Any]) -> Any:
    return api.get("/v1/inboxes").data["inboxes"]


def _keys(api: ApiClient) -> dict[str, Any]:
    keys = api.get("/v1/api-keys").data["api_keys"]
    return {"admin_key": next(k["key_id"] for k in keys if k["role"] == "admin" and not k["revoked_at"])}


def _key_state(api: ApiClient, _: dict[str, Any]) -> Any:
    return api.get("/v1/api-keys").data["api_keys"]


REFUSALS = {
    "unblock a contact": Refusal(
        setup=_block,
        open=_open_contact,
        controls=lambda pane: [pane.get_by_role("button", name="Unblock"), pane.get_by_role("button", name="Opt back in")],
        reason="Admins only",
        calls=lambda _: [("POST", "/v1/contact/set_status", {"phone": BLOCKED, "status": "unblocked", "note": "mine"})],
        state=_contact_state,
    ),
    "dismiss a review message": Refusal(
        setup=_queue_item,
        open=_open_queue,
        controls=lambda item: [item.get_by_role("button", name="Dismiss"), item.get_by_label(f"Note for {QUEUED}")],
        reason="Admins only",
        calls=lambda ctx: [("POST", f"/v1/review-queue/{ctx['item']}/resolve", {"action": "dismiss", "note": "not a request"})],
        state=_queue_state,
    ),
    "register, edit or remove an inbox": Refusal(
        setup=_inboxes,
        open=_open_settings("Inboxes"),
        controls=lambda region: [
            region.get_by_label("Inbox number (E.164)"),
            region.get_by_role("button", name="Save inbox"),
            *[region.get_by_role("button", name=f"Edit {n}") for n in ("+15005550001", "+15005550002")],
        ],
        reason=INBOX_REASON,
        calls=lambda ctx: [
            ("PUT", f"/v1/inboxes/{quote(NEW_INBOX)}", {"provider": "twilio", "secret_ref": ctx["twilio"]["secret_ref"]}),
            ("PUT", f"/v1/inboxes/{quote(ctx['twilio']['number'])}", {"provider": "twilio", "allowed_source_cidrs": ["192.0.2.0/24"]}),
            ("DELETE", f"/v1/inboxes/{quote(ctx['twilio']['number'])}", None),
        ],
        state=_inbox_state,
    ),
    "create, list or revoke an API key": Refusal(
        setup=_keys,
        open=_open_settings("API keys"),
        controls=lambda region: [
            region.get_by_label("Key name"), region.get_by_label("Role", exact=True), region.get_by_role("button", name="Create key"),
        ],
        reason=KEYS_REASON,
        calls=lambda ctx: [
            ("POST", "/v1/api-keys", {"name": "member's own", "role": "admin"}),
            ("GET", "/v1/api-keys", None),
            ("DELETE", f"/v1/api-keys/{ctx['admin_key']}", None),
        ],
        state=_key_state,
    ),
}


@pytest.mark.parametrize("action", list(REFUSALS))
def test_a_member_is_refused_in_the_page_and_the_api(member_page: Any, api_client: ApiClient, action: str) -> None:
    refusal = REFUSALS[action]
    ctx = refusal.setup(api_client)
    before = refusal.state(api_client, ctx)
    part = refusal.open(member_page, ctx)
    for control in refusal.controls(part):
        expect(control).to_be_disabled()
    expect(part.get_by_text(refusal.reason, exact=True).first).to_be_visible()

    for method, path, body in refusal.calls(ctx):
        status, answer = api_client.call(method, path, role="member", json_body=body)
        assert (status, answer["error"]["code"]) == (403, "admin_required"), (method, path, answer)
    assert refusal.state(api_client, ctx) == before  # nothing changed


def test_a_member_sees_no_key_and_no_revoke_control(member_page: Any, api_client: ApiClient) -> None:
    _nav(member_page, "Settings")
    keys = member_page.get_by_role("table", name="API keys")
    expect(keys).to_contain_text("Admins only: a member key can neither read nor change these.")
    expect(keys.get_by_role("button", name=re.compile("^Revoke"))).to_have_count(0)
    listed = api_client.get("/v1/api-keys").data["api_keys"]
    assert listed and not [k for k in listed if k["prefix"] in keys.inner_text()]  # not one key is shown
    assert api_client.get("/v1/api-keys", role="member").status == 403


def test_a_member_switches_a_failed_number_to_opted_out(member_page: Any, api_client: ApiClient) -> None:
    """The "Opt-out SMS" switch is for any key: the API lets a member opt a failed number out."""
    broadcast = "console-member-0872"
    api_client.post("/v1/contacts", json_body={"phone": FAILED, "name": "Moe Member"})
    twilio_failure(api_client, FAILED, "SM-console-member-0872", "30003", broadcast=broadcast)
    _nav(member_page, "Broadcasts")
    member_page.get_by_label("Broadcast ID").fill(broadcast)
    member_page.get_by_role("button", name="Show failures").click()
    switch = member_page.get_by_role("switch", name=f"Opt-out SMS for {FAILED}")
    expect(switch).to_be_enabled()
    switch.check()
    expect(member_page.locator("#notice")).to_have_text(f"Opted out: {FAILED}")
    expect(switch).to_be_disabled()  # opting back in is an admin's, on the Contacts page

    contact = api_client.get(f"/v1/contacts/{quote(FAILED)}").data
    assert (contact["status"], contact["status_reason"]) == ("opted_out", "failed_delivery")
    status, again = api_client.post(f"/v1/broadcasts/{broadcast}/failures/{quote(FAILED)}/opt-out", role="member")
    assert status == 200 and again["changed"] is False


def test_a_member_imports_a_csv(member_page: Any, api_client: ApiClient) -> None:
    """Importing is for any key (an import never re-subscribes anyone)."""
    _nav(member_page, "Import")
    member_page.get_by_label("CSV file").set_input_files(
        files=[{"name": "member.csv", "mimeType": "text/csv", "buffer": f"phone,name\n{IMPORTED},Mia Member\n".encode()}]
    )
    member_page.get_by_role("button", name="Import").click()
    expect(member_page.locator("#notice")).to_contain_text("Imported member.csv: 1 rows, 1 created")
    status, contact = api_client.get(f"/v1/contacts/{quote(IMPORTED)}")
    assert status == 200 and (contact["name"], contact["status"]) == ("Mia Member", "active")
