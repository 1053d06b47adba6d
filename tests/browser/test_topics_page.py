"""Consent topics in the console (issue #13): the Settings page's "Consent topics", where an admin
defines and changes topics and a member reads them; the contact pane's "Consent by topic"; and the
evidence export. Each test checks the page, then what the API holds.

Topic ids and numbers (+1415555091x) are this module's: the tests share one stack and workspace.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from playwright.sync_api import Page, expect

from tests.browser.helpers import ROOT, ApiClient


def _open_settings(page: Page) -> Any:
    page.get_by_role("navigation", name="Console pages").get_by_role("link", name="Settings").click()
    section = page.get_by_role("region", name="Consent topics")
    expect(section.get_by_role("table", name="Consent topics")).to_be_visible()
    return section


def _fill_topic(section: Any, topic: str, name: str, *, express: bool = False, keywords: str = "") -> None:
    section.get_by_role("button", name="New topic").click()
    section.get_by_label("Topic ID").fill(topic)
    section.get_by_label("Topic name").fill(name)
    section.get_by_label("Needs express written consent").set_checked(express)
    section.get_by_label("Topic keywords (comma-separated)").fill(keywords)
    section.get_by_role("button", name="Save topic").click()


def _topic_row(section: Any, topic: str) -> Any:
    return section.get_by_role("row").filter(has=section.page.get_by_role("rowheader", name=topic, exact=True))


def _topics(api_client: ApiClient, role: str = "admin") -> dict[str, dict[str, Any]]:
    status, body = api_client.get("/v1/topics", role=role)
    assert status == 200, body
    return {t["id"]: t for t in body["topics"]}


def _define(api_client: ApiClient, topic: str, name: str, *, express: bool = False, keywords: list[str] | None = None) -> None:
    status, body = api_client.put(
        f"/v1/topics/{topic}", json_body={"name": name, "express_consent": express, "keywords": keywords or []}
    )
    assert status == 200, body


def test_admin_defines_two_topics_and_edits_one(admin_page: Page, api_client: ApiClient) -> None:
    page = admin_page
    section = _open_settings(page)

    _fill_topic(section, "promo-0910", "Promotions", express=True, keywords="stop promo, Promo  Off")
    expect(page.locator("#notice")).to_have_text("Topic promo-0910 created.")
    _fill_topic(section, "alerts-0910", "Account alerts")
    expect(page.locator("#notice")).to_have_text("Topic alerts-0910 created.")

    promo = _topic_row(section, "promo-0910")
    expect(promo).to_contain_text("Promotions")
    expect(promo).to_contain_text("Express consent needed")
    expect(promo).to_contain_text("STOP PROMO, PROMO OFF")  # the API takes uppercase words
    expect(_topic_row(section, "alerts-0910")).to_contain_text("Not needed")

    # Edit one: the form takes the topic, its id stays as it is.
    promo.get_by_role("button", name="Edit topic promo-0910").click()
    expect(section.get_by_label("Topic ID")).to_have_value("promo-0910")
    expect(section.get_by_label("Topic ID")).not_to_be_editable()
    expect(section.get_by_label("Topic name")).to_be_focused()
    section.get_by_label("Topic name").fill("Offers and promotions")
    section.get_by_label("Topic keywords (comma-separated)").fill("STOP PROMO")
    section.get_by_role("button", name="Save topic").click()
    expect(page.locator("#notice")).to_have_text("Topic promo-0910 saved.")
    expect(_topic_row(section, "promo-0910")).to_contain_text("Offers and promotions")
    expect(_topic_row(section, "promo-0910")).not_to_contain_text("PROMO OFF")

    section.get_by_role("button", name="Save topic").click()  # the same definition again
    expect(page.locator("#notice")).to_have_text("Nothing to save: topic promo-0910 already has this definition.")

    topics = _topics(api_client)
    promo_api, alerts_api = topics["promo-0910"], topics["alerts-0910"]
    assert (promo_api["name"], promo_api["express_consent"], promo_api["keywords"]) == (
        "Offers and promotions", True, ["STOP PROMO"]
    )
    assert promo_api["version"] == 1  # created, then changed once; the repeat wrote nothing
    assert (alerts_api["name"], alerts_api["express_consent"], alerts_api["keywords"]) == ("Account alerts", False, [])
    assert promo_api["updated_by"]["type"] == "api_key"

    # A fresh load shows what the API holds.
    page.reload()
    section = page.get_by_role("region", name="Consent topics")
    expect(_topic_row(section, "promo-0910")).to_contain_text("Offers and promotions")
    count = len(topics)
    expect(section.get_by_text(f"{count} of at most 50 topics.")).to_be_visible()
    # The reply to a topic keyword (STOP PROMO) is a workspace setting, shown with the others.
    reply = api_client.get("/v1/settings").data["topic_opt_out_reply"]
    expect(page.get_by_label("Topic keyword reply", exact=True)).to_have_value(reply)


def test_a_reserved_keyword_and_a_bad_id_are_refused_in_words_and_nothing_is_stored(
    admin_page: Page, api_client: ApiClient
) -> None:
    page = admin_page
    section = _open_settings(page)

    _fill_topic(section, "news-0911", "News", keywords="STOP")
    expect(page.locator("#notice")).to_have_text(
        "Topic not saved: STOP is read as the keyword STOP, which applies to every topic (field: keywords)"
    )
    expect(page.locator("#notice")).to_have_class(re.compile("notice-error"))
    expect(_topic_row(section, "news-0911")).to_have_count(0)

    section.get_by_label("Topic ID").fill("News 0911")
    section.get_by_label("Topic keywords (comma-separated)").fill("")
    section.get_by_role("button", name="Save topic").click()
    expect(page.locator("#notice")).to_contain_text(
        "Topic not saved: a topic id is 1 to 40 lowercase letters, digits, '-' or '_'"
    )

    topics = _topics(api_client)
    assert "news-0911" not in topics and "News 0911" not in topics
    status, body = api_client.put("/v1/topics/news-0911", json_body={"name": "News", "keywords": ["STOP"]})
    assert (status, body["error"]["code"]) == (400, "reserved_keyword")
    assert "news-0911" not in _topics(api_client)


def test_a_member_sees_the_topics_read_only_and_the_api_refuses_a_member(
    member_page: Page, api_client: ApiClient
) -> None:
    _define(api_client, "visits-0912", "Visit reminders", keywords=["STOP VISITS"])
    page = member_page
    section = _open_settings(page)

    row = _topic_row(section, "visits-0912")
    expect(row).to_contain_text("Visit reminders")
    expect(row).to_contain_text("STOP VISITS")
    expect(row.get_by_role("button", name="Edit topic visits-0912")).to_be_disabled()
    expect(row).to_contain_text("Admins only")
    for label in ("Topic ID", "Topic name", "Needs express written consent", "Topic keywords (comma-separated)"):
        expect(section.get_by_label(label)).to_be_disabled()
    expect(section.get_by_role("button", name="Save topic")).to_be_disabled()
    expect(section.get_by_text("Admins only: a member key can read the topics but not define or change them.")).to_be_visible()

    before = _topics(api_client, role="member")["visits-0912"]
    status, body = api_client.put(
        "/v1/topics/visits-0912", role="member", json_body={"name": "Changed by a member", "keywords": []}
    )
    assert status == 403 and body["error"]["code"] == "admin_required"
    assert _topics(api_client, role="member")["visits-0912"] == before


def _consent(api_client: ApiClient, phone: str, topics: list[str]) -> dict[str, Any]:
    captured = (datetime.now(UTC) - timedelta(minutes=5)).replace(microsecond=0)
    status, body = api_client.post("/v1/consents", json_body={
        "phone": phone,
        "topics": topics,
        "source": "web_form",
        "captured_at": captured.isoformat().replace("+00:00", "Z"),
        "disclosure": "I agree to receive offers and visit reminders by text from Demo Dental. Reply STOP to cancel.",
        "form_url": "https://dental.example/join",
        "ip": "203.0.113.9",
        "user_agent": "Mozilla/5.0 (console test)",
        "captured_by": "join form",
    })
    assert status == 201, body
    return dict(body)


def _open_contact(page: Page, phone: str) -> Any:
    page.get_by_role("navigation", name="Console pages").get_by_role("link", name="Contacts").click()
    page.get_by_label("Phone or name").fill(phone)
    page.get_by_role("button", name="Search").click()
    pane = page.get_by_role("region", name=f"Contact {phone}")
    expect(pane.get_by_role("list", name="Consent history")).to_be_visible()
    return pane.get_by_role("region", name="Consent by topic")


def shown_by_api_deadline(api_client: ApiClient, phone: str, topic: str) -> Any:
    """The revocation's deadline (10 business days) as the API answers it, for the page's <time>."""
    _, view = api_client.get(f"/v1/contacts/{quote(phone)}/consents")
    honour_by = next(t for t in view["topics"] if t["topic"] == topic)["by"]["honour_by"]
    assert honour_by, "an opt-out carries its deadline"
    return honour_by


def test_the_contact_pane_shows_consent_by_topic_then_revoked_after_an_opt_out(
    admin_page: Page, api_client: ApiClient
) -> None:
    page, phone = admin_page, "+14155550913"
    _define(api_client, "offers-0913", "Offers", express=True)
    _define(api_client, "visits-0913", "Visits")
    assert api_client.post("/v1/contacts", json_body={"phone": phone, "name": "Tia Topics"}).status == 201
    recorded = _consent(api_client, phone, ["offers-0913", "visits-0913"])

    consents = _open_contact(page, phone)
    table = consents.get_by_role("table", name=f"Consent by topic for {phone}")
    for topic, name in (("offers-0913", "Offers"), ("visits-0913", "Visits")):
        row = table.get_by_role("row").filter(has_text=topic)
        expect(row.locator(".badge").first).to_have_text("Granted")
        expect(row).to_contain_text("opt-in, web form")
        expect(row).to_contain_text("Sendable")
        expect(row.get_by_role("cell").nth(1).locator("time")).to_have_count(1)  # since
        row.get_by_text(f"Evidence of {name}").click()  # the evidence opens from its summary
        evidence = row.locator("details.evidence")
        expect(evidence).to_have_attribute("open", "")
        expect(evidence).to_contain_text(f"version {recorded['disclosure_version']}")
        expect(evidence).to_contain_text("https://dental.example/join")
        expect(evidence).to_contain_text("join form")
        expect(evidence).to_contain_text("web form")
        expect(evidence).to_contain_text("I agree to receive offers and visit reminders")
        expect(evidence.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))
    history = page.get_by_role("region", name=f"Contact {phone}").get_by_role("list", name="Consent history")
    expect(history).to_contain_text("Consent granted: offers-0913, visits-0913")
    # A topic the contact never agreed to says so.
    never = table.get_by_role("row").filter(has_text="promo-0910")
    if never.count():
        expect(never).to_contain_text("Never given")

    status, view = api_client.get(f"/v1/contacts/{quote(phone)}/consents")
    assert status == 200
    shown = {t["topic"]: t for t in view["topics"]}
    for topic in ("offers-0913", "visits-0913"):
        assert (shown[topic]["status"], shown[topic]["sendable"], shown[topic]["by"]["source"]) == ("granted", True, "web_form")
        assert shown[topic]["evidence"]["form_url"] == "https://dental.example/join"

    # An opt-out through the API: both topics revoked, none sendable, and the pane says why.
    status, _ = api_client.post("/v1/contact/set_status", json_body={"phone": phone, "status": "unsubscribed"})
    assert status == 200
    consents = _open_contact(page, phone)
    expect(consents.get_by_text("This number is opted out: no topic is sendable, whatever its consent.")).to_be_visible()
    table = consents.get_by_role("table", name=f"Consent by topic for {phone}")
    for topic in ("offers-0913", "visits-0913"):
        row = table.get_by_role("row").filter(has_text=topic)
        expect(row.locator(".badge").first).to_have_text("Revoked")
        expect(row).to_contain_text("opt-out (revokes every topic), API")
        expect(row.locator(".honour-by time")).to_have_attribute("datetime", shown_by_api_deadline(api_client, phone, topic))
        expect(row).to_contain_text("Not sendable because the number is opted out")
        expect(row.locator(".sendable-yes")).to_have_count(0)

    status, view = api_client.get(f"/v1/contacts/{quote(phone)}/consents")
    assert status == 200 and view["status"] == "opted_out"
    shown = {t["topic"]: t for t in view["topics"]}
    for topic in ("offers-0913", "visits-0913"):
        assert (shown[topic]["status"], shown[topic]["sendable"], shown[topic]["suppression"]) == ("revoked", False, "opted_out")
        assert shown[topic]["by"]["kind"] == "revoke_all"


def test_a_workspace_without_topics_says_the_overall_status_alone_decides(page: Page, api_client: ApiClient) -> None:
    """Workspace 1 defines no topics (no test of this module writes them there)."""
    from tests.browser.helpers import sign_in

    phone = "+14155550914"
    assert api_client.get("/v1/topics", workspace=1).data["topics"] == []
    assert api_client.post("/v1/contacts", workspace=1, json_body={"phone": phone, "name": "Noor None"}).status == 201
    sign_in(page, api_client.key("admin", workspace=1), expect_role="admin")
    consents = _open_contact(page, phone)
    expect(consents).to_contain_text(
        "This workspace defines no consent topics: the contact's overall status alone decides whether it may be texted."
    )
    expect(consents.get_by_role("table")).to_have_count(0)
    status, view = api_client.get(f"/v1/contacts/{quote(phone)}/consents", workspace=1)
    assert status == 200 and view["topics"] == [] and view["status"] == "active"


def _without_per_call_fields(export: dict[str, Any]) -> dict[str, Any]:
    """An export less what differs between two calls: when it was made and the (randomised) ECDSA
    signature value over the same statement."""
    signature = {k: v for k, v in export["signature"].items() if k != "value"}
    return {**{k: v for k, v in export.items() if k != "exported_at"}, "signature": signature}


def test_the_evidence_button_downloads_the_export_and_opens_the_printable_page(
    admin_page: Page, api_client: ApiClient, tmp_path: Any
) -> None:
    page, phone = admin_page, "+14155550915"
    _define(api_client, "offers-0913", "Offers", express=True)
    assert api_client.post("/v1/contacts", json_body={"phone": phone, "name": "Eve Evidence"}).status == 201
    _consent(api_client, phone, ["offers-0913"])
    assert api_client.post("/v1/contact/set_status", json_body={"phone": phone, "status": "unsubscribed"}).status == 200
    consents = _open_contact(page, phone)

    with page.expect_download() as downloaded:
        consents.get_by_role("button", name="Evidence", exact=True).click()
    download = downloaded.value
    assert download.suggested_filename == f"evidence-{phone}.json"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    expect(page.locator("#notice")).to_have_text(f"Downloaded the evidence of {phone} as evidence-{phone}.json.")
    exported = json.loads(saved.read_text(encoding="utf-8"))

    status, fresh = api_client.get(f"/v1/contacts/{quote(phone)}/evidence")
    assert status == 200
    assert _without_per_call_fields(exported) == _without_per_call_fields(fresh)
    assert exported["phone"] == phone and exported["chain"]["verified"] is True
    assert [e["summary"]["kind"] for e in exported["events"]] == ["topics:granted", "opt_out"]
    # The file as downloaded verifies offline, byte for byte as the API sent it.
    checked = subprocess.run(
        [sys.executable, "-m", "optout", "evidence", "verify", str(saved)],
        capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT / "layers" / "core")},
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"verified: {len(exported['events'])} events" in checked.stdout

    # The printable page opens in a new tab from a blob (the key never goes in a URL).
    with page.context.expect_page() as opened:
        consents.get_by_role("button", name="Printable evidence").click()
    printable = opened.value
    printable.wait_for_load_state()
    assert printable.url.startswith("blob:")
    expect(printable.get_by_role("heading", name=f"Consent evidence for {phone}", level=1)).to_be_visible()
    expect(printable.get_by_text("Chain: verified: 2 events")).to_be_visible()
    # It keeps the console's CSP: its inline style gave way to the console's print stylesheet.
    assert printable.locator("style").count() == 0
    assert "Georgia" in printable.evaluate("() => getComputedStyle(document.body).fontFamily")
    printable.close()
    expect(consents.get_by_role("link", name=f"Open the printable evidence of {phone}")).to_have_attribute(
        "href", re.compile(r"^blob:")
    )
    status, html = api_client.get(f"/v1/contacts/{quote(phone)}/evidence?format=html")
    assert status == 200 and f"Consent evidence for {phone}" in html
    for request_url in (download.url, printable.url):
        assert api_client.key("admin") not in request_url
