"""Settings page: an admin switches on Auto Opt-Out on Failed Delivery; a member cannot."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ApiClient


@pytest.fixture
def restore_settings(api_client: ApiClient) -> Iterator[None]:
    """Put Auto Opt-Out back as it was: the other tests share the workspace."""
    _, before = api_client.get("/v1/settings")
    yield
    keep = ("auto_opt_out_on_failed_delivery", "failed_delivery_threshold")
    api_client.put("/v1/settings", json_body={k: before[k] for k in keep})


@pytest.mark.usefixtures("restore_settings")
def test_admin_switches_on_auto_opt_out_on_failed_delivery(admin_page: Page, api_client: ApiClient) -> None:
    page = admin_page
    page.get_by_role("link", name="Settings").click()
    switch = page.get_by_label("Auto Opt-Out on Failed Delivery")
    expect(switch).not_to_be_checked()
    switch.check()
    page.get_by_label("Failures in a row that opt a contact out").fill("4")
    page.get_by_role("button", name="Save settings").click()

    expect(page.locator("#notice")).to_have_text(
        "Settings saved: Auto Opt-Out on Failed Delivery, Failures in a row that opt a contact out."
    )
    expect(switch).to_be_checked()
    status, settings = api_client.get("/v1/settings")
    assert status == 200
    assert (settings["auto_opt_out_on_failed_delivery"], settings["failed_delivery_threshold"]) == (True, 4)
    # A fresh load shows what the API holds.
    page.reload()
    expect(page.get_by_label("Auto Opt-Out on Failed Delivery")).to_be_checked()
    expect(page.get_by_label("Failures in a row that opt a contact out")).to_have_value("4")


def test_member_sees_settings_disabled_and_the_api_refuses(member_page: Page, api_client: ApiClient) -> None:
    page = member_page
    page.get_by_role("link", name="Settings").click()
    switch = page.get_by_label("Auto Opt-Out on Failed Delivery")
    expect(switch).to_be_disabled()
    expect(page.get_by_role("button", name="Save settings")).to_be_disabled()
    expect(page.get_by_role("button", name="Create key")).to_be_disabled()
    expect(page.get_by_role("button", name="Save inbox")).to_be_disabled()
    expect(page.get_by_text("Admins only: a member key can neither read nor change these.").first).to_be_visible()
    # The inboxes are listed for a member too.
    expect(page.get_by_role("table", name="Inboxes")).to_contain_text("twilio")

    status, body = api_client.put("/v1/settings", role="member", json_body={"auto_opt_out_on_failed_delivery": True})
    assert status == 403
    assert body["error"]["code"] == "admin_required"
    assert api_client.get("/v1/settings", role="member").status == 403


def test_admin_creates_an_api_key_shown_once_and_revokes_it(admin_page: Page, api_client: ApiClient) -> None:
    page = admin_page
    page.get_by_role("link", name="Settings").click()
    page.get_by_label("Key name").fill("console crm")
    page.get_by_label("Role", exact=True).select_option("member")
    page.get_by_role("button", name="Create key").click()

    expect(page.locator("#notice")).to_have_text('Created the member key "console crm"; copy it now, it is shown once.')
    new_key = page.get_by_label("New API key").input_value()
    me = api_client.get("/v1/me", key=new_key)
    assert me.status == 200 and me.data["role"] == "member"
    keys = page.get_by_role("table", name="API keys")
    row = keys.get_by_role("row").filter(has_text="console crm")
    expect(row).to_contain_text("live")

    row.get_by_role("button", name="Revoke").click()
    page.get_by_role("dialog").get_by_role("button", name="Revoke").click()
    expect(page.locator("#notice")).to_contain_text('Revoked the key "console crm"')
    expect(row).not_to_contain_text("live")
    assert api_client.get("/v1/me", key=new_key).status == 401
    listed = {k["name"]: k for k in api_client.get("/v1/api-keys").data["api_keys"]}
    assert listed["console crm"]["revoked_at"] is not None


def test_admin_adds_then_updates_an_inbox(admin_page: Page, api_client: ApiClient) -> None:
    page, number = admin_page, "+14155550759"
    page.get_by_role("link", name="Settings").click()
    page.get_by_label("Inbox number (E.164)").fill(number)
    page.get_by_label("Provider").select_option("telnyx")
    # A new number signed with the demo Telnyx inbox's secret (a secret_ref must name an existing secret).
    secret = next(i for i in api_client.get("/v1/inboxes").data["inboxes"] if i["provider"] == "telnyx")["secret_ref"]
    page.get_by_label("Signing secret (Secrets Manager name or ARN)").fill(secret)
    page.get_by_label("Allowed source networks (CIDRs, comma-separated; empty for any)").fill("192.0.2.0/24")
    page.get_by_role("button", name="Save inbox").click()
    expect(page.locator("#notice")).to_have_text(f"Inbox {number} saved (telnyx).")
    row = page.get_by_role("table", name="Inboxes").get_by_role("row").filter(has_text=number)
    expect(row).to_contain_text("192.0.2.0/24")

    row.get_by_role("button", name=f"Edit {number}").click()
    expect(page.get_by_label("Inbox number (E.164)")).to_have_value(number)
    page.get_by_label("Allowed source networks (CIDRs, comma-separated; empty for any)").fill("198.51.100.0/24")
    page.get_by_role("button", name="Save inbox").click()
    expect(row).to_contain_text("198.51.100.0/24")

    inboxes = {i["number"]: i for i in api_client.get("/v1/inboxes").data["inboxes"]}
    assert (inboxes[number]["provider"], inboxes[number]["allowed_source_cidrs"]) == ("telnyx", ["198.51.100.0/24"])
