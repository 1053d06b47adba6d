"""Every console page opened with something on it, for the tests that look at all pages at once
(layout at each width, labels and the keyboard): `open_page(page, api_client, name)`.

Each opener seeds what its page lists (a contact with its pane open, a contact's consent by topic
with its evidence open, a folder entry, a queued message, a failed broadcast, a report, a rejected
import row, two consent topics) and waits until the page shows it.
Numbers +1415555085x are this module's: no other test uses them (the tests share one stack).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.browser.helpers import ApiClient
from tests.browser.test_auto_opt_outs_page import send_inbound
from tests.browser.test_broadcasts_page import twilio_failure
from tests.browser.test_review_queue_page import LONG

CONTACT = "+14155550850"  # opted out, with a note: its pane shows history and every action
FOLDER = "+14155550851"  # an intent opt-out: an entry in the Auto Opt-Out folder
QUEUED = "+14155550852"  # a long message waiting in the review queue
FAILED = "+14155550853"  # a failed delivery of BROADCAST
BROADCAST = "console-layout-0853"
BAD_CSV = "phone,name,opt_out\n+14155550854,Layla Import,no\nnot-a-number,Bad Row,no\n"
CONSENTED = "+14155550855"  # a web-form consent to TOPICS: its pane shows each topic and its evidence
TOPICS = {"layout-offers": ("Layout offers", True), "layout-visits": ("Layout visit reminders", False)}
ELIGIBLE = ("+14155550856", "+13055550856")  # on the Eligibility page at 22:30 Eastern: California's, Florida's

_seeded: set[int] = set()  # the stacks already seeded, by id of their demo


def seed(api_client: ApiClient) -> None:
    """What the pages list, once per stack (the later openers only read)."""
    if id(api_client.demo) in _seeded:
        return
    api_client.post("/v1/contacts", json_body={"phone": CONTACT, "name": "Lane Wide-Screen", "attributes": {"plan": "gold"}})
    status, _ = api_client.post(
        "/v1/contact/set_status", json_body={"phone": CONTACT, "status": "unsubscribed", "note": "asked on the phone"}
    )
    assert status == 200
    send_inbound(api_client, FOLDER, "wrong number, please stop texting me")
    send_inbound(api_client, QUEUED, LONG)
    api_client.post("/v1/contacts", json_body={"phone": FAILED, "name": "Fay Failed"})
    twilio_failure(api_client, FAILED, "SM-console-layout-0853", "30003", broadcast=BROADCAST)
    for topic, (name, express) in TOPICS.items():
        body = {"name": name, "express_consent": express, "keywords": ["STOP LAYOUT"] if express else []}
        assert api_client.put(f"/v1/topics/{topic}", json_body=body).status == 200
    api_client.post("/v1/contacts", json_body={"phone": CONSENTED, "name": "Cleo Consent"})
    status, _ = api_client.post("/v1/consents", json_body={
        "phone": CONSENTED, "topics": list(TOPICS), "source": "web_form", "captured_at": "2026-01-05T15:00:00Z",
        "disclosure": "I agree to get offers and visit reminders by text. Reply STOP to cancel.",
        "form_url": "https://dental.example/a-rather-long-path/to/the/sign-up-form?campaign=layout-widths",
        "captured_by": "sign-up form", "ip": "198.51.100.7", "user_agent": "Mozilla/5.0 (layout)",
    })
    assert status == 201
    _seeded.add(id(api_client.demo))


def _go(page: Any, link: str, heading: str) -> None:
    page.get_by_role("navigation", name="Console pages").get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()


def open_contacts(page: Any) -> None:
    _go(page, "Contacts", "Contacts")
    page.get_by_label("Phone or name").fill(CONTACT)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("region", name=f"Contact {CONTACT}").get_by_role("list", name="Consent history")).to_contain_text(
        "Opted out"
    )


def open_contact_consents(page: Any) -> None:
    _go(page, "Contacts", "Contacts")
    expect(page.locator("p.summary")).to_have_text(re.compile(r"(shown|match)\.$"))  # the first list is in
    page.get_by_label("Phone or name").fill(CONSENTED)
    page.get_by_role("button", name="Search").click()
    table = page.get_by_role("table", name=f"Consent by topic for {CONSENTED}")
    expect(table).to_contain_text("Granted")
    table.get_by_text("Evidence of Layout offers").click()  # its evidence open: the widest content
    expect(table.locator("details[open]")).to_contain_text("sign-up form")


def open_eligibility(page: Any) -> None:
    _go(page, "Eligibility", "Eligibility")
    page.get_by_label("Phone numbers").fill("\n".join((*ELIGIBLE, CONTACT, "not-a-number")))
    # 22:30 tomorrow in New York: Florida's number is deferred, California's (19:30) sendable, CONTACT suppressed.
    page.get_by_label("Planned send time (optional)").fill(f"{_tomorrow_new_york():%Y-%m-%d}T22:30")
    page.get_by_label("Time zone of the planned time").select_option("America/New_York")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("table", name="Deferred (1)")).to_contain_text("Quiet hours")
    expect(page.get_by_role("table", name="Suppressed (1)")).to_contain_text(CONTACT)


def _tomorrow_new_york() -> Any:
    return datetime.now(ZoneInfo("America/New_York")).date() + timedelta(days=1)


def open_auto_opt_outs(page: Any) -> None:
    _go(page, "Auto Opt-Out folder", "Auto Opt-Out folder")
    expect(page.get_by_role("article", name=f"Opt-out of {FOLDER}")).to_be_visible()


def open_review_queue(page: Any) -> None:
    _go(page, "Review queue", "Review queue")
    expect(page.get_by_role("article", name=f"Message from {QUEUED}")).to_be_visible()


def open_broadcasts(page: Any) -> None:
    _go(page, "Broadcasts", "Broadcasts")
    page.get_by_label("Broadcast ID").fill(BROADCAST)
    page.get_by_role("button", name="Show failures").click()
    expect(page.get_by_role("switch", name=f"Opt-out SMS for {FAILED}")).to_be_visible()


def open_reports(page: Any) -> None:
    _go(page, "Reports", "Reports")
    expect(page.locator("#notice")).to_contain_text(re.compile(r"^Report for .* loaded$"))
    expect(page.get_by_role("img", name=re.compile("^Opt-outs per day by reason"))).to_be_visible()


def open_import(page: Any) -> None:
    _go(page, "Import", "Import contacts")
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "layout.csv", "mimeType": "text/csv", "buffer": BAD_CSV.encode()}]
    )
    page.get_by_role("button", name="Import").click()
    # Through the import job, whose queues the stack drives in the background.
    expect(page.get_by_role("table", name="Rejected rows (1)")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("region", name="Recent imports")).to_have_attribute("aria-busy", "false")  # read again


def open_settings(page: Any) -> None:
    _go(page, "Settings", "Settings")
    expect(page.get_by_role("table", name="Inboxes")).to_contain_text("twilio")
    expect(page.get_by_role("button", name="Create key")).to_be_visible()
    expect(page.get_by_role("table", name="Consent topics")).to_contain_text("layout-offers")


OPENERS: dict[str, Callable[[Any], None]] = {
    "contacts": open_contacts,
    "contact-consents": open_contact_consents,
    "eligibility": open_eligibility,
    "auto-opt-outs": open_auto_opt_outs,
    "review-queue": open_review_queue,
    "broadcasts": open_broadcasts,
    "reports": open_reports,
    "import": open_import,
    "settings": open_settings,
}
PAGE_NAMES = list(OPENERS)


def open_page(page: Any, api_client: ApiClient, name: str) -> None:
    seed(api_client)
    OPENERS[name](page)


def assert_api_holds(api_client: ApiClient, name: str, *, role: str = "admin") -> None:
    """What the page showed is what the API holds, read with the same role's key."""
    if name == "contacts":
        assert api_client.get(f"/v1/contacts/{quote(CONTACT)}", role=role).data["status"] == "opted_out"
    elif name == "contact-consents":
        topics = api_client.get(f"/v1/contacts/{quote(CONSENTED)}/consents", role=role).data["topics"]
        assert {t["topic"]: t["status"] for t in topics if t["topic"] in TOPICS} == dict.fromkeys(TOPICS, "granted")
    elif name == "eligibility":
        answer = api_client.post("/v1/eligibility", role=role, json_body={"phones": [*ELIGIBLE, CONTACT]}).data
        assert [s["phone"] for s in answer["suppressed"]] == [CONTACT]
    elif name == "auto-opt-outs":
        entries = api_client.get("/v1/auto-opt-outs?limit=500", role=role).data["opt_outs"]
        assert FOLDER in {e["phone"] for e in entries}
    elif name == "review-queue":
        items = api_client.get("/v1/review-queue?state=open&limit=500", role=role).data["items"]
        assert QUEUED in {i["phone"] for i in items}
    elif name == "broadcasts":
        failures = api_client.get(f"/v1/broadcasts/{BROADCAST}/failures", role=role).data["failures"]
        assert [f["phone"] for f in failures] == [FAILED]
    elif name == "reports":
        day = datetime.now(UTC).date().isoformat()
        rows = api_client.get(f"/v1/reports/opt-outs?from={day}&to={day}&limit=1000", role=role).data["rows"]
        assert CONTACT in {r["phone"] for r in rows}
    elif name == "import":
        assert api_client.get("/v1/contacts/%2B14155550854", role=role).data["name"] == "Layla Import"
    elif name == "settings":
        inboxes = api_client.get("/v1/inboxes", role=role).data["inboxes"]
        assert "twilio" in {i["provider"] for i in inboxes}
        assert set(TOPICS) <= {t["id"] for t in api_client.get("/v1/topics", role=role).data["topics"]}
        assert api_client.get("/v1/settings", role=role).status == (200 if role == "admin" else 403)
