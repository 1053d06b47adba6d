"""Settings page: an admin switches on Auto Opt-Out on Failed Delivery, sets a Spanish opt-out reply and
clears the holding reply; a member cannot (page and API)."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ROOT, ApiClient

sys.path.insert(0, str(ROOT / "scripts"))
import carrier_signing


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


SPANISH_STOPPER = "+14155550790"  # no other test uses it (tests share one stack)
SPANISH_REPLY = "Baja confirmada: {program} no le escribirá más. Responda START para volver."


@pytest.fixture
def restore_replies(api_client: ApiClient) -> Iterator[None]:
    _, before = api_client.get("/v1/settings")
    yield
    api_client.put("/v1/settings", json_body={k: before[k] for k in ("replies", "review_reply")})


def twilio_reply(api: ApiClient, sender: str, text: str, sid: str) -> str | None:
    """A signed inbound SMS to workspace 0's Twilio inbox; the reply its TwiML answer carries."""
    inbox = next(i for i in api.demo["workspaces"][0]["inboxes"] if i["provider"] == "twilio")
    url = f"{api.base_url}/webhooks/twilio/inbound"
    body = carrier_signing.inbound_body("twilio", sender, inbox["number"], text, sid)
    headers = {**carrier_signing.sign("twilio", url, body, {"auth_token": inbox["auth_token"]}),
               "Content-Type": carrier_signing.FORM}
    answer = api.post("/webhooks/twilio/inbound", body=body, headers=headers)
    assert answer.status == 200, answer.text
    message = ET.fromstring(answer.text.split("?>", 1)[-1]).find("Message")
    return message.text if message is not None else None


@pytest.mark.usefixtures("restore_replies")
def test_admin_sets_a_spanish_opt_out_reply_that_an_alto_gets(admin_page: Page, api_client: ApiClient) -> None:
    page = admin_page
    page.get_by_role("link", name="Settings").click()
    table = page.get_by_role("table", name="Replies by language")
    spanish = table.get_by_role("row").filter(has_text="es (Spanish)")
    expect(spanish).to_contain_text("Built-in")  # es and fr have built-in texts, shown as defaults
    expect(table.get_by_role("row").filter(has_text="fr (French)")).to_contain_text("Vous êtes désabonné")

    spanish.get_by_role("button", name="Edit es replies").click()
    expect(page.get_by_label("Language (ISO 639-1 code, e.g. es)")).to_have_value("es")
    page.get_by_label("Opt-out reply in this language").fill(SPANISH_REPLY)
    page.get_by_role("button", name="Save language replies").click()
    expect(page.locator("#notice")).to_have_text("Replies saved for es (Spanish).")
    expect(spanish).to_contain_text(SPANISH_REPLY)

    _, settings = api_client.get("/v1/settings")
    assert settings["replies"]["es"]["opt_out_reply"] == SPANISH_REPLY
    assert settings["replies"]["es"]["help_reply"] is None  # left empty: the built-in text
    program = settings["program_name"]
    assert twilio_reply(api_client, SPANISH_STOPPER, "ALTO", "SMconsole-es-1") == SPANISH_REPLY.replace("{program}", program)
    assert api_client.get(f"/v1/contacts/{quote(SPANISH_STOPPER)}").data["status"] == "opted_out"


@pytest.mark.usefixtures("restore_replies")
def test_admin_gets_the_api_refusal_then_adds_and_removes_a_language(admin_page: Page, api_client: ApiClient) -> None:
    page = admin_page
    page.get_by_role("link", name="Settings").click()
    page.get_by_label("Language (ISO 639-1 code, e.g. es)").fill("deu")
    page.get_by_label("Help reply in this language").fill("Hilfe: {help_contact}")
    page.get_by_role("button", name="Save language replies").click()
    expect(page.locator("#notice")).to_have_text(
        "Replies not saved: the request is not valid (replies.deu.[key]: String should match pattern '^[a-z]{2}$')"
    )
    assert "deu" not in api_client.get("/v1/settings").data["replies"]

    page.get_by_label("Language (ISO 639-1 code, e.g. es)").fill("de")
    page.get_by_role("button", name="Save language replies").click()
    expect(page.locator("#notice")).to_have_text("Replies saved for de.")
    assert api_client.get("/v1/settings").data["replies"]["de"] == {
        "opt_out_reply": None, "opt_in_reply": None, "help_reply": "Hilfe: {help_contact}",
        "confirm_reply": None, "review_reply": None, "topic_opt_out_reply": None, "clarify_reply": None,
        "double_opt_in_reply": None,
    }
    row = page.get_by_role("table", name="Replies by language").get_by_role("row").filter(has_text="Hilfe")
    row.get_by_role("button", name="Remove de replies").click()
    page.get_by_role("dialog").get_by_role("button", name="Remove").click()
    expect(page.locator("#notice")).to_have_text("Removed the de reply texts; the default replies apply.")
    expect(row).to_have_count(0)
    assert "de" not in api_client.get("/v1/settings").data["replies"]


@pytest.mark.usefixtures("restore_replies")
def test_admin_clears_the_holding_reply(admin_page: Page, api_client: ApiClient) -> None:
    assert api_client.put("/v1/settings", json_body={"review_reply": "Thanks, we will read it."}).status == 200
    page = admin_page
    page.get_by_role("link", name="Settings").click()
    holding = page.get_by_label("Holding reply to a queued message (optional)")
    expect(holding).to_have_value("Thanks, we will read it.")
    page.get_by_role("button", name="Clear holding reply").click()
    expect(page.locator("#notice")).to_have_text("Holding reply cleared: queued messages get no reply.")
    expect(holding).to_have_value("")
    expect(page.get_by_role("button", name="Clear holding reply")).to_be_disabled()
    assert api_client.get("/v1/settings").data["review_reply"] is None

    # Emptying the field and saving clears it too. Both saves leave the same notice, so each waits
    # for what only its own answer changes: "Clear holding reply" is enabled while there is a reply.
    clear = page.get_by_role("button", name="Clear holding reply")
    holding.fill("Back soon.")
    page.get_by_role("button", name="Save settings").click()
    expect(clear).to_be_enabled()
    expect(page.locator("#notice")).to_contain_text("Settings saved: Holding reply to a queued message (optional).")
    assert api_client.get("/v1/settings").data["review_reply"] == "Back soon."
    holding.fill("")
    page.get_by_role("button", name="Save settings").click()
    expect(clear).to_be_disabled()
    expect(page.locator("#notice")).to_contain_text("Settings saved: Holding reply to a queued message (optional).")
    assert api_client.get("/v1/settings").data["review_reply"] is None


def test_member_sees_replies_disabled_and_the_api_refuses(member_page: Page, api_client: ApiClient) -> None:
    page = member_page
    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_role("button", name="Save language replies")).to_be_disabled()
    expect(page.get_by_label("Opt-out reply in this language")).to_be_disabled()
    expect(page.get_by_role("button", name="Clear holding reply")).to_be_disabled()
    expect(page.get_by_text("Admins only: a member key can neither read nor change reply texts.").first).to_be_visible()

    for change in ({"replies": {"es": {"opt_out_reply": "Baja."}}}, {"review_reply": None}):
        status, body = api_client.put("/v1/settings", role="member", json_body=change)
        assert status == 403 and body["error"]["code"] == "admin_required"
    assert "Baja." not in str(api_client.get("/v1/settings").data["replies"])


def test_the_pages_built_in_texts_are_the_services() -> None:
    """settings_replies.js shows reply_texts.BUILT_IN as the defaults: the two must not drift."""
    from optout.reply_texts import BUILT_IN

    script = (ROOT / "functions/console/static/js/pages/settings_replies.js").read_text(encoding="utf-8")
    for texts in BUILT_IN.values():
        for text in texts.values():
            assert json.dumps(text, ensure_ascii=False) in script, text
