"""The Contacts page in Chromium: find a contact, opt it out and back in with a note, and what a
member may not do; each test checks the page and then what the API holds."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from playwright.sync_api import expect

from tests.browser.helpers import ApiClient


def _create(api_client: ApiClient, phone: str, name: str, **attributes: Any) -> None:
    status, body = api_client.post("/v1/contacts", json_body={"phone": phone, "name": name, "attributes": attributes})
    assert status == 201, body


def _contact(api_client: ApiClient, phone: str) -> dict[str, Any]:
    status, body = api_client.get(f"/v1/contacts/{quote(phone)}")
    assert status == 200, body
    return dict(body)


def _open_contacts(page: Any) -> None:
    page.get_by_role("link", name="Contacts").click()
    expect(page.get_by_role("heading", name="Contacts", level=1)).to_be_visible()


def _search(page: Any, text: str, status: str | None = None, attribute: str = "") -> None:
    page.get_by_label("Phone or name").fill(text)
    page.get_by_label("Attribute (name:value)").fill(attribute)
    page.get_by_label("Status", exact=True).select_option(label=status or "Any status")
    page.get_by_role("button", name="Search").click()


def _find_row(page: Any, phone: str) -> Any:
    """The contact's row, following "Next page" while the list has more."""
    row = page.get_by_role("row").filter(has=page.get_by_role("button", name=phone, exact=True))
    for _ in range(20):
        expect(page.locator("p.summary")).not_to_have_text("Searching…")
        if row.count():
            return row
        next_page = page.get_by_role("button", name="Next page")
        if not next_page.count():
            break
        next_page.click()
    raise AssertionError(f"{phone} is not listed")


def test_find_a_contact_by_phone_name_and_attribute(admin_page, api_client, console_url):
    page = admin_page
    _create(api_client, "+14155550720", "Tess Marlow", plan="platinum-0720")
    _create(api_client, "+14155550721", "Uma Quist", plan="bronze-0721")
    _open_contacts(page)

    _search(page, "(415) 555-0720")  # a national format is looked up as the workspace's region reads it
    pane = page.get_by_role("region", name="Contact +14155550720")
    expect(pane).to_be_visible()
    expect(pane.get_by_text("Tess Marlow", exact=True)).to_be_visible()
    expect(pane.locator("dl .badge")).to_have_text("Active")

    _search(page, "uma quist")
    row = _find_row(page, "+14155550721")
    expect(row.get_by_role("cell", name="Uma Quist")).to_be_visible()
    expect(page.get_by_role("button", name="+14155550720", exact=True)).to_have_count(0)

    _search(page, "", status="Active", attribute="plan:platinum-0720")
    row = _find_row(page, "+14155550720")
    expect(row).to_contain_text("Active")
    expect(page.get_by_role("button", name="+14155550721", exact=True)).to_have_count(0)

    _search(page, "555-0721")  # part of a number matches its digits
    expect(_find_row(page, "+14155550721")).to_contain_text("Uma Quist")

    # Other pages link to a contact: #/contacts?phone=... opens its pane.
    page.goto(f"{console_url}#/contacts?phone=%2B14155550721")
    expect(page.get_by_role("region", name="Contact +14155550721")).to_contain_text("Uma Quist")

    # What the page showed is what the API holds.
    contact = _contact(api_client, "+14155550720")
    assert contact["name"] == "Tess Marlow" and contact["attributes"] == {"plan": "platinum-0720"}
    assert contact["status"] == "active"


def test_search_by_name_and_attribute_across_the_workspace(admin_page, api_client):
    """The API searches every contact of the workspace (not only a loaded page), in any case,
    with the status filter, and never shows another workspace's contacts."""
    page = admin_page
    for n in range(60):  # more than one page of 50, so a match cannot come from the first page only
        _create(api_client, f"+1628556{n:04d}", f"Filler {n}", plan="filler")
    _create(api_client, "+14155550810", "Yara Castellanos", plan="orchid-0730", team="north")
    _create(api_client, "+14155550811", "Yves Castellanos", plan="orchid-0730")
    assert api_client.post("/v1/contact/set_status", json_body={"phone": "+14155550811", "status": "unsubscribed"}).status == 200
    status, body = api_client.post(
        "/v1/contacts", workspace=1, json_body={"phone": "+14155550812", "name": "Zed Castellanos", "attributes": {"plan": "orchid-0730"}}
    )
    assert status == 201, body
    _open_contacts(page)

    _search(page, "CASTELLANOS")
    expect(_find_row(page, "+14155550810")).to_contain_text("Yara Castellanos")
    yves = _find_row(page, "+14155550811")
    expect(yves).to_contain_text("Opted out")
    expect(page.get_by_text("Zed Castellanos")).to_have_count(0)  # another workspace's contact
    expect(page.get_by_role("button", name="Next page")).to_have_count(0)  # the whole workspace was searched
    expect(page.locator("table.contacts tbody tr")).to_have_count(2)

    _search(page, "", status="Opted out", attribute="plan:orchid-0730")
    expect(_find_row(page, "+14155550811")).to_contain_text("Yves Castellanos")
    expect(page.locator("table.contacts tbody tr")).to_have_count(1)

    _search(page, "yara", attribute="team:north")
    expect(_find_row(page, "+14155550810")).to_be_visible()
    _search(page, "yara", attribute="team:south")
    expect(page.get_by_text("No contacts match.")).to_be_visible()

    _search(page, "", attribute="plan")  # not name:value: the API's refusal, in words
    expect(page.locator("#notice")).to_contain_text("attribute must be key:value")

    # The API answers the same searches with the same contacts.
    status, found = api_client.get("/v1/contacts?q=castellanos&limit=500")
    assert status == 200 and found["next_cursor"] is None
    assert sorted(c["phone"] for c in found["contacts"]) == ["+14155550810", "+14155550811"]
    status, found = api_client.get("/v1/contacts?attribute=plan%3Aorchid-0730&status=opted_out")
    assert status == 200 and [c["name"] for c in found["contacts"]] == ["Yves Castellanos"]
    status, other = api_client.get("/v1/contacts?q=castellanos", workspace=1)
    assert status == 200 and [c["name"] for c in other["contacts"]] == ["Zed Castellanos"]


def test_opt_out_then_opt_back_in_with_a_note(admin_page, api_client):
    page = admin_page
    phone = "+14155550722"
    _create(api_client, phone, "Vic Ames")
    _open_contacts(page)
    _search(page, phone)
    pane = page.get_by_role("region", name=f"Contact {phone}")

    pane.get_by_label("Note").fill("asked on the phone")
    pane.get_by_role("button", name="Opt out").click()
    expect(page.locator("#notice")).to_have_text(f"{phone} is now opted out.")
    expect(pane.locator("dl .badge")).to_have_text("Opted out")
    expect(pane.get_by_role("list", name="Consent history")).to_contain_text("Active → Opted out")
    row = page.get_by_role("row").filter(has=page.get_by_role("button", name=phone, exact=True))
    expect(row).to_contain_text("Opted out")
    expect(row).to_have_class("contact-row row-opted_out")  # shown red, with the words
    assert _contact(api_client, phone)["status"] == "opted_out"

    # Opting back in needs a note: without one, the page says so and nothing changes.
    pane.get_by_role("button", name="Opt back in").click()
    expect(page.locator("#notice")).to_contain_text("A note is required")
    assert _contact(api_client, phone)["status"] == "opted_out"

    pane.get_by_label("Note").fill("confirmed by phone on the 1st")
    pane.get_by_role("button", name="Opt back in").click()
    expect(page.locator("#notice")).to_have_text(f"{phone} is now active.")
    expect(pane.locator("dl .badge")).to_have_text("Active")
    expect(pane.get_by_role("list", name="Consent history")).to_contain_text("Note: confirmed by phone on the 1st")

    contact = _contact(api_client, phone)
    assert contact["status"] == "active"
    status, history = api_client.get(f"/v1/contacts/{quote(phone)}/events")
    assert status == 200
    latest, earlier = history["events"][0], history["events"][1]
    assert (latest["previous_status"], latest["status"]) == ("opted_out", "active")
    assert latest["note"] == "confirmed by phone on the 1st"
    assert latest["initiator"]["type"] == "api_key"
    assert (earlier["status"], earlier["note"]) == ("opted_out", "asked on the phone")


def test_a_member_sees_admin_actions_disabled_and_the_api_refuses_them(member_page, api_client):
    page = member_page
    phone = "+14155550723"
    _create(api_client, phone, "Wes Oduya")
    assert api_client.post("/v1/contact/set_status", json_body={"phone": phone, "status": "unsubscribed"}).status == 200
    _open_contacts(page)
    _search(page, phone)
    pane = page.get_by_role("region", name=f"Contact {phone}")
    expect(pane.locator("dl .badge")).to_have_text("Opted out")

    opt_in = pane.get_by_role("button", name="Opt back in")
    expect(opt_in).to_be_disabled()
    expect(pane.get_by_role("button", name="Unblock")).to_be_disabled()
    expect(page.get_by_role("button", name="Delete all of this status")).to_be_disabled()
    expect(pane.get_by_text("Admins only").first).to_be_visible()
    expect(pane.get_by_role("button", name="Opt out")).to_be_enabled()  # any key may opt out or block

    # The API refuses the member whatever the page does.
    status, body = api_client.post(
        "/v1/contact/set_status", role="member", json_body={"phone": phone, "status": "subscribed", "note": "n"}
    )
    assert status == 403 and body["error"]["code"] == "admin_required"
    status, body = api_client.delete("/v1/contacts?status=opted_out", role="member")
    assert status == 403
    assert _contact(api_client, phone)["status"] == "opted_out"


def test_edit_block_unblock_and_delete_a_contact_keeping_its_block(admin_page, api_client):
    page = admin_page
    phone = "+14155550724"
    _create(api_client, phone, "Xan Pell", plan="gold", region="west")
    _open_contacts(page)
    _search(page, phone)
    pane = page.get_by_role("region", name=f"Contact {phone}")

    pane.get_by_label("Name", exact=True).fill("Xan Pell-Rios")
    pane.get_by_label("Attributes (JSON object)").fill('{"plan": "silver"}')
    pane.get_by_role("button", name="Save profile").click()
    expect(page.locator("#notice")).to_have_text(f"Saved {phone}'s profile.")
    contact = _contact(api_client, phone)
    assert contact["name"] == "Xan Pell-Rios" and contact["attributes"] == {"plan": "silver"}  # region removed

    pane.get_by_role("button", name="Block", exact=True).click()
    expect(page.locator("#notice")).to_have_text(f"{phone} is now blocked.")
    pane.get_by_label("Note").fill("verified the number with the owner")
    pane.get_by_role("button", name="Unblock").click()  # an admin, with a note
    expect(page.locator("#notice")).to_have_text(f"{phone} is now active.")
    assert _contact(api_client, phone)["status"] == "active"
    pane.get_by_role("button", name="Block", exact=True).click()
    expect(page.locator("#notice")).to_have_text(f"{phone} is now blocked.")
    assert _contact(api_client, phone)["status"] == "blocked"
    pane.get_by_role("button", name="Delete contact").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("kept as a suppression record")
    dialog.get_by_role("button", name="Confirm").click()
    expect(page.locator("#notice")).to_contain_text(f"Deleted {phone}.")
    expect(page.locator("#notice")).to_contain_text("kept as a suppression record")

    status, answer = api_client.post("/v1/eligibility", json_body={"phones": [phone]})
    assert status == 200 and answer["sendable"] == []
    assert [s["phone"] for s in answer["suppressed"]] == [phone]


def test_a_long_list_pages_with_next_page(admin_page, api_client):
    page = admin_page
    for n in range(52):
        phone = f"+1628555{n:04d}"
        status, body = api_client.post(
            "/v1/contacts", json_body={"phone": phone, "name": f"Page {n}", "status": "blocked"}
        )
        assert status == 201, body
    _open_contacts(page)
    _search(page, "", status="Blocked")
    rows = page.locator("table.contacts tbody tr")
    expect(page.get_by_text("50 contacts shown.")).to_be_visible()  # one page of 50
    expect(rows).to_have_count(50)
    expect(rows.filter(has_text="Active")).to_have_count(0)
    page.get_by_role("button", name="Next page").click()

    status, listed = api_client.get("/v1/contacts?status=blocked&limit=500")
    assert status == 200 and listed["next_cursor"] is None
    expect(rows).to_have_count(len(listed["contacts"]))
    expect(page.get_by_role("button", name="+16285550051", exact=True)).to_be_visible()
