"""Send time in the console (issue #15): Settings' send-time rules, which an admin edits (rule sets,
a custom stricter rule) and a member only reads; the Eligibility page's deferred and suppressed
numbers with their reasons at a planned time; the contact pane's reassigned-number evidence.
Each test checks the page, then what the API holds.

Numbers +1305555016x, +1213555016x and rule ids *-0916x are this module's: the tests share one
stack and workspace, so each test puts the settings it changes back as they were.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import ApiClient

EASTERN = ZoneInfo("America/New_York")
FLORIDA = "+13055550160"  # Miami's area code: Florida's FTSA hours (8am-8pm)
CALIFORNIA = "+12135550160"  # Los Angeles: the federal baseline only
OPTED_OUT = "+13055550161"  # opted out: suppressed, however the hours stand
REASSIGNED = "+13055550162"  # reported reassigned by the uploaded result file
CAPPED = "+13055550163"  # three sends recorded: Florida's frequency cap


@pytest.fixture
def restore_send_settings(api_client: ApiClient) -> Iterator[None]:
    """Put the send-time and lookup settings back as they were: the other tests share the workspace."""
    status, before = api_client.get("/v1/settings")
    assert status == 200, before
    yield
    kept = {name: before[name] for name in ("send_rules", "lookups") if name in before}
    if kept:
        assert api_client.put("/v1/settings", json_body=kept).status == 200


def _send_rules_region(page: Page) -> Any:
    page.get_by_role("navigation", name="Console pages").get_by_role("link", name="Settings").click()
    region = page.get_by_role("region", name="Send-time rules")
    expect(region.get_by_role("table", name=re.compile(r"^Send-time rule table, version \S+"))).to_be_visible()
    return region


def _wall(instant: datetime, zone: str) -> str:
    """As the console writes a time: "Wed, 2 Dec 2026, 08:00 America/New_York"."""
    local = instant.astimezone(ZoneInfo(zone))
    return f"{local:%a}, {local.day} {local:%b %Y, %H:%M} {zone}"


def _tomorrow_eastern(at: time) -> datetime:
    return datetime.combine(datetime.now(EASTERN).date() + timedelta(days=1), at, tzinfo=EASTERN)


@pytest.mark.usefixtures("restore_send_settings")
def test_admin_edits_rule_sets_and_a_custom_rule_and_they_persist(admin_page: Page, api_client: ApiClient) -> None:
    page = admin_page
    region = _send_rules_region(page)
    version = api_client.get("/v1/send-rules").data["version"]
    expect(region.get_by_role("table", name=f"Send-time rule table, version {version}")).to_contain_text("US-FL")
    texas = region.get_by_role("checkbox", name=re.compile("Texas registered sellers"))
    expect(texas).to_be_checked()  # every rule set is on by default: the strictest
    texas.uncheck()

    region.get_by_role("button", name="Add custom rule").click()
    rule = region.get_by_role("group", name="Custom rule 1")
    rule.get_by_label("Rule ID").fill("ok-evenings-09160")
    rule.get_by_label("Jurisdiction").fill("US-OK")
    expect(rule.get_by_label("Sunday from", exact=True)).to_have_value("08:00")  # a new rule: every day 8 to 8
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        rule.get_by_label(f"{day} from", exact=True).fill("09:00")
        rule.get_by_label(f"{day} until", exact=True).fill("19:00")
    for day in ("Saturday", "Sunday"):  # both empty: no sending that day
        rule.get_by_label(f"{day} from", exact=True).fill("")
        rule.get_by_label(f"{day} until", exact=True).fill("")
    rule.get_by_label("Source or reason").fill("Our own quieter evenings in Oklahoma")
    region.get_by_role("button", name="Save send-time rules").click()
    expect(page.locator("#notice")).to_have_text("Send-time rules saved.")

    saved = api_client.get("/v1/settings").data["send_rules"]
    assert "us_texas_registered_seller" not in saved["rule_sets"]
    assert {"us_federal", "us_states"} <= set(saved["rule_sets"])
    [custom] = saved["custom_rules"]
    assert (custom["id"], custom["jurisdiction"], custom["kind"]) == ("ok-evenings-09160", "US-OK", "quiet_hours")
    weekdays = ("mon", "tue", "wed", "thu", "fri")
    assert {day: [t[:5] for t in span] for day, span in custom["windows"].items()} == {
        day: ["09:00", "19:00"] for day in weekdays
    }

    # A fresh load shows what the API holds; the rule can be removed again.
    page.reload()
    region = page.get_by_role("region", name="Send-time rules")
    expect(region.get_by_role("checkbox", name=re.compile("Texas registered sellers"))).not_to_be_checked()
    rule = region.get_by_role("group", name="Custom rule 1")
    expect(rule.get_by_label("Rule ID")).to_have_value("ok-evenings-09160")
    expect(rule.get_by_label("Saturday from", exact=True)).to_have_value("")
    rule.get_by_role("button", name="Remove custom rule 1").click()
    expect(region.get_by_role("group", name="Custom rule 1")).to_have_count(0)
    region.get_by_role("button", name="Save send-time rules").click()
    expect(page.locator("#notice")).to_have_text("Send-time rules saved.")
    assert api_client.get("/v1/settings").data["send_rules"]["custom_rules"] == []


@pytest.mark.usefixtures("restore_send_settings")
def test_a_refused_field_is_shown_beside_it_and_nothing_is_saved(admin_page: Page, api_client: ApiClient) -> None:
    page = admin_page
    before = api_client.get("/v1/settings").data["send_rules"]
    region = _send_rules_region(page)
    zone = region.get_by_label("Default window time zone")
    zone.fill("Mars/Olympus_Mons")
    region.get_by_role("button", name="Add custom rule").click()
    rule = region.get_by_role("group", name="Custom rule 1")
    rule.get_by_label("Monday from", exact=True).fill("20:00")
    rule.get_by_label("Monday until", exact=True).fill("09:00")
    region.get_by_role("button", name="Save send-time rules").click()

    expect(page.locator("#notice")).to_contain_text("Send-time rules not saved")
    expect(page.locator("#notice")).to_have_class(re.compile("notice-error"))
    expect(region.locator(".field-error")).to_have_count(2)
    # Each message sits beside what it is about: the zone's in its field's box, read with it ...
    expect(zone).to_have_attribute("aria-invalid", "true")
    error = zone.locator("xpath=..").locator(".field-error")
    expect(error).to_contain_text("unknown time zone 'Mars/Olympus_Mons'")
    assert error.get_attribute("id") in (zone.get_attribute("aria-describedby") or "").split()
    expect(zone).to_be_focused()
    # ... and the rule's in the rule's own group.
    expect(rule.locator(".field-error")).to_contain_text("start 20:00 must be before end 09:00")
    assert api_client.get("/v1/settings").data["send_rules"] == before


def test_a_member_reads_the_rules_but_cannot_save_them(member_page: Page, api_client: ApiClient) -> None:
    page = member_page
    region = _send_rules_region(page)
    expect(region.get_by_text("Admins only: a member key can read the send-time rules but not change them.")).to_be_visible()
    expect(region.get_by_role("button", name="Save send-time rules")).to_be_disabled()
    expect(region.get_by_role("button", name="Add custom rule")).to_be_disabled()
    expect(region.get_by_role("checkbox", name=re.compile("US state laws"))).to_be_disabled()
    expect(region.get_by_label("Default window time zone")).to_be_disabled()
    # The API refuses a member's change too.
    status, body = api_client.put("/v1/settings", role="member", json_body={"send_rules": {"rule_sets": ["us_federal"]}})
    assert status == 403, body
    assert "us_states" in api_client.get("/v1/send-rules", role="member").data["settings"]["rule_sets"]


def test_the_eligibility_page_defers_a_florida_number_at_half_past_nine_eastern(
    admin_page: Page, api_client: ApiClient
) -> None:
    page = admin_page
    status, body = api_client.post("/v1/contact/set_status", json_body={"phone": OPTED_OUT, "status": "unsubscribed"})
    assert status == 200, body
    planned = _tomorrow_eastern(time(21, 30))
    page.get_by_role("navigation", name="Console pages").get_by_role("link", name="Eligibility").click()
    expect(page.get_by_role("heading", name="Eligibility", level=1)).to_be_visible()
    page.get_by_label("Phone numbers").fill(f"{FLORIDA}\n{CALIFORNIA}, {OPTED_OUT}")
    page.get_by_label("Planned send time (optional)").fill(f"{planned:%Y-%m-%dT%H:%M}")
    page.get_by_label("Time zone of the planned time").select_option("America/New_York")
    page.get_by_role("button", name="Check").click()

    expect(page.locator("#notice")).to_have_text("Checked 3 numbers: 1 sendable, 1 deferred, 1 suppressed.")
    answer = page.get_by_role("region", name="Answer")
    expect(answer).to_contain_text(f"Checked for {_wall(planned, 'America/New_York')}")
    # Until 08:00 the next morning in Miami: in its own zone and in UTC.
    next_allowed = datetime.combine(planned.date() + timedelta(days=1), time(8), tzinfo=EASTERN)
    deferred = answer.get_by_role("table", name="Deferred (1)")
    row = deferred.get_by_role("row").filter(has=page.get_by_role("rowheader", name=FLORIDA))
    expect(row).to_contain_text(_wall(next_allowed, "UTC"))
    reasons = row.get_by_role("list", name=f"Why {FLORIDA} is deferred")
    expect(reasons).to_contain_text(f"Quiet hours: next allowed {_wall(next_allowed, 'America/New_York')}")
    expect(reasons).to_contain_text(f"({_wall(next_allowed, 'UTC')})")
    expect(reasons).to_contain_text(re.compile(r"rule us-fl-\S+"))
    # The opted-out number is suppressed (never beats later), the Californian one sendable at 18:30 its time.
    suppressed = answer.get_by_role("table", name="Suppressed (1)")
    expect(suppressed.get_by_role("list", name=f"Why {OPTED_OUT} is suppressed")).to_contain_text(
        "Consent: the number is opted out"
    )
    expect(answer.get_by_role("list", name="Sendable")).to_have_text(CALIFORNIA)
    expect(answer.locator("dd[data-count='deferred']")).to_have_text("1")

    # What the page showed is the API's answer.
    _, api_answer = api_client.post(
        "/v1/eligibility", json_body={"phones": [FLORIDA, CALIFORNIA, OPTED_OUT], "at": planned.isoformat()}
    )
    [entry] = api_answer["deferred"]
    assert entry["phone"] == FLORIDA
    assert datetime.fromisoformat(entry["sendable_at"]) == next_allowed
    assert api_answer["sendable"] == [CALIFORNIA]


@pytest.mark.usefixtures("restore_send_settings")
def test_the_contact_pane_shows_the_reassigned_number_evidence(admin_page: Page, api_client: ApiClient) -> None:
    page = admin_page
    assert api_client.post("/v1/contacts", json_body={"phone": REASSIGNED, "name": "Rhea Reassigned"}).status in (200, 201)
    consent_day = datetime.now(UTC).date()  # its created_at: the date the reassigned check asks about
    assert api_client.put("/v1/settings", json_body={"lookups": {"reassigned": {"provider": "file"}}}).status == 200
    csv = f"phone,date,answer\n{REASSIGNED},{consent_day.isoformat()},yes\n"
    status, body = api_client.post("/v1/reassigned-results", body=csv, headers={"Content-Type": "text/csv"})
    assert status in (200, 201, 202), body
    at = _tomorrow_eastern(time(12))  # inside every window: the lookup runs
    _, answer = api_client.post("/v1/eligibility", json_body={"phones": [REASSIGNED], "at": at.isoformat()})
    assert [s["phone"] for s in answer["suppressed"]] == [REASSIGNED], answer

    page.get_by_role("navigation", name="Console pages").get_by_role("link", name="Contacts").click()
    page.get_by_label("Phone or name").fill(REASSIGNED)
    page.get_by_role("button", name="Search").click()
    pane = page.get_by_role("region", name=f"Contact {REASSIGNED}")
    send_time = pane.get_by_role("region", name="Send time")
    expect(send_time.get_by_role("heading", name="Reassigned-number check")).to_be_visible()
    evidence = send_time.locator("dl.reassigned-evidence")
    expect(evidence).to_contain_text("Reassigned")
    expect(evidence).to_contain_text(consent_day.isoformat())
    expect(evidence).to_contain_text("uploaded result file")
    expect(send_time.get_by_role("term").filter(has_text="Area code")).to_be_visible()
    expect(send_time).to_contain_text("305")
    # Suppressed now, whatever the hour: the evidence kept on the contact decides before any rule.
    expect(send_time.get_by_role("list", name=f"Why {REASSIGNED} is suppressed")).to_contain_text(
        f"Reassigned number: reported reassigned since {consent_day.isoformat()}"
    )
    # The evidence is an append-only event of the consent history too, with no status change.
    expect(pane.get_by_role("list", name="Consent history")).to_contain_text("reassigned number")
    # The API holds the same evidence.
    _, now = api_client.post("/v1/eligibility", json_body={"phones": [REASSIGNED]})
    [reason] = now["suppressed"][0]["reasons"]
    assert (reason["code"], reason["asked_date"], reason["source"]) == ("reassigned", consent_day.isoformat(), "file")
    events = api_client.get(f"/v1/contacts/{quote(REASSIGNED)}/events").data["events"]
    assert [e["status"] for e in events if e["reason"] == "reassigned_number"] == ["active"]


def test_the_contact_pane_shows_the_deferral_that_applies_now(admin_page: Page, api_client: ApiClient) -> None:
    """Three sends in the last hours: Florida's cap defers the number now, whatever the hour."""
    page = admin_page
    assert api_client.post("/v1/contacts", json_body={"phone": CAPPED, "name": "Cap Florida"}).status in (200, 201)
    # Whole seconds: the send log keeps whole seconds (rounded up) and the pane shows minutes, so a
    # fraction would move the shown minute on at a minute's edge.
    sent = (datetime.now(UTC) - timedelta(hours=1)).replace(microsecond=0)
    sends = [{"phone": CAPPED, "message_id": f"SM-09163-{n}", "sent_at": (sent + timedelta(minutes=n)).isoformat()}
             for n in range(3)]
    status, body = api_client.post("/v1/sends", json_body={"sends": sends})
    assert status == 202, body

    page.get_by_role("navigation", name="Console pages").get_by_role("link", name="Contacts").click()
    page.get_by_label("Phone or name").fill(CAPPED)
    page.get_by_role("button", name="Search").click()
    send_time = page.get_by_role("region", name=f"Contact {CAPPED}").get_by_role("region", name="Send time")
    expect(send_time.locator(".deferral")).to_contain_text("Deferred now; sendable from")
    reasons = send_time.get_by_role("list", name=f"Why {CAPPED} is deferred")
    # The oldest of the three leaves the 24-hour window 23 hours from now: then a slot frees.
    expect(reasons).to_contain_text(f"Frequency cap: 3 of at most 3 messages in 24 h; a slot frees {_wall(sent + timedelta(hours=24), 'UTC')}")
    expect(reasons).to_contain_text("rule us-fl-ftsa-cap")
    # The API answers the same now.
    _, now = api_client.post("/v1/eligibility", json_body={"phones": [CAPPED]})
    [entry] = now["deferred"]
    cap = next(r for r in entry["reasons"] if r["code"] == "frequency_cap")
    assert (cap["count"], cap["limit"]) == (3, 3)


@pytest.mark.parametrize(
    ("wall", "zone"),
    [
        ("2026-12-01T21:30", "America/New_York"),  # EST
        ("2026-03-08T01:30", "America/New_York"),  # the last half hour before the clocks spring forward
        ("2026-03-08T03:30", "America/New_York"),  # just after: EDT
        ("2026-11-01T01:30", "America/New_York"),  # the hour that happens twice: its first time (EDT)
        ("2026-06-15T09:00", "Pacific/Honolulu"),  # no daylight saving at all
        ("2026-07-01T12:00", "UTC"),
    ],
)
def test_a_planned_wall_time_becomes_the_instant_it_is_in_its_zone(page: Page, wall: str, zone: str) -> None:
    """The Eligibility page's conversion of "21:30 in New York" to the `at` it sends, as Chromium runs it."""
    instant = page.evaluate(
        """async ([wall, zone]) => {
          const module = await import("./js/pages/send_time_reasons.js");
          return module.instantOf(wall, zone).toISOString();
        }""",
        [wall, zone],
    )
    expected = datetime.fromisoformat(wall).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
    assert datetime.fromisoformat(instant) == expected
