"""Reports page: filter the opt-outs report, see its chart, download its CSV."""

from __future__ import annotations

import csv
import io
import sys
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Page, expect

from tests.browser.helpers import ROOT, ApiClient

sys.path.insert(0, str(ROOT / "scripts"))
import carrier_signing

# Numbers no other test uses (tests share one stack).
TEXTED_STOP = "+14155550761"  # keyword, by the contact, through the Twilio inbox
OPTED_OUT_BY_KEY = "+14155550762"  # through the API: not a keyword opt-out


def twilio_inbound(api: ApiClient, sender: str, text: str, sid: str) -> str:
    """A signed inbound SMS to workspace 0's Twilio inbox; returns the inbox's number."""
    inbox = next(i for i in api.demo["workspaces"][0]["inboxes"] if i["provider"] == "twilio")
    url = f"{api.base_url}/webhooks/twilio/inbound"
    body = carrier_signing.inbound_body("twilio", sender, inbox["number"], text, sid)
    headers = carrier_signing.sign("twilio", url, body, {"auth_token": inbox["auth_token"]})
    headers["Content-Type"] = carrier_signing.FORM
    with urllib.request.urlopen(
        urllib.request.Request(url, data=body, method="POST", headers=headers), timeout=30
    ) as r:
        assert r.status == 200
    return str(inbox["number"])


def csv_rows(text: str) -> list[dict[str, str]]:
    """The CSV's rows, each cell without the spreadsheet-safety `'` the service puts before + = - @."""
    return [{k: v[1:] if v.startswith("'") else v for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def test_filter_a_report_and_download_its_csv(admin_page: Page, api_client: ApiClient) -> None:
    page = admin_page
    inbox = twilio_inbound(api_client, TEXTED_STOP, "STOP", "SM-console-report-0761")
    status, _ = api_client.post(
        "/v1/contact/set_status", json_body={"phone": OPTED_OUT_BY_KEY, "status": "unsubscribed", "note": "by phone"}
    )
    assert status == 200
    now = datetime.now(UTC)
    start, end = (now - timedelta(days=1)).date().isoformat(), (now + timedelta(days=1)).date().isoformat()

    page.get_by_role("link", name="Reports").click()
    page.get_by_label("From (UTC)").fill(start)
    page.get_by_label("To (UTC, included)").fill(end)
    page.get_by_label("Inbox", exact=True).select_option(inbox)
    page.get_by_label("Reason", exact=True).select_option("keyword")
    page.get_by_label("Initiator", exact=True).select_option("contact")
    page.get_by_role("button", name="Show report").click()

    expect(page.locator("#notice")).to_have_text(f"Report for {start} to {end} loaded")
    opt_outs = page.get_by_role("table", name="Opt-outs")
    expect(opt_outs.get_by_role("row").filter(has_text=TEXTED_STOP)).to_contain_text("keyword")
    expect(opt_outs).not_to_contain_text(OPTED_OUT_BY_KEY)
    chart = page.get_by_role("img", name="Opt-outs per day by reason")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.reason-keyword")).not_to_have_count(0)
    expect(page.get_by_role("list", name="Reasons")).to_contain_text("keyword")
    expect(page.get_by_role("region", name="Summary totals")).to_contain_text("Opt-outs:")
    expect(page.get_by_role("region", name="Failures report")).to_contain_text("failed deliveries in the range")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download opt-outs CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"opt-outs_{start}_{end}.csv"
    downloaded = csv_rows(Path(download.path()).read_text(encoding="utf-8"))
    expect(page.locator("#notice")).to_have_text(f"Downloaded opt-outs_{start}_{end}.csv")

    phones = {row["phone"] for row in downloaded}
    assert TEXTED_STOP in phones and OPTED_OUT_BY_KEY not in phones
    assert {(row["reason"], row["initiator_type"], row["inbox"]) for row in downloaded} == {
        ("keyword", "contact", inbox)
    }
    # The file holds exactly the rows the API reports for these filters.
    query = urlencode({"from": start, "to": end, "inbox": inbox, "reason": "keyword", "initiator": "contact"})
    status, body = api_client.get(f"/v1/reports/opt-outs?{query}&limit=1000")
    assert status == 200
    assert sorted(r["event_id"] for r in body["rows"]) == sorted(row["event_id"] for row in downloaded)
    status, unfiltered = api_client.get(f"/v1/reports/opt-outs?from={start}&to={end}&limit=1000")
    assert OPTED_OUT_BY_KEY in {r["phone"] for r in unfiltered["rows"]}


def test_a_range_the_api_refuses_is_explained_in_words(member_page: Page, api_client: ApiClient) -> None:
    page = member_page
    page.get_by_role("link", name="Reports").click()
    page.get_by_label("From (UTC)").fill("2024-01-01")
    page.get_by_label("To (UTC, included)").fill("2025-12-31")
    page.get_by_role("button", name="Show report").click()

    status, body = api_client.get("/v1/reports/opt-outs?from=2024-01-01&to=2025-12-31", role="member")
    assert status == 400
    expect(page.locator("#notice")).to_have_text(
        f"Report refused: Opt-outs: {body['error']['message']} (field: {body['error']['details']['field']})"
    )
    expect(page.get_by_role("region", name="Opt-outs")).to_contain_text(body["error"]["message"])


def test_a_notice_stays_with_the_page_that_made_it(member_page: Page) -> None:
    page = member_page
    page.get_by_role("link", name="Reports").click()
    page.get_by_label("From (UTC)").fill("2024-01-01")
    page.get_by_label("To (UTC, included)").fill("2025-12-31")
    page.get_by_role("button", name="Show report").click()
    expect(page.locator("#notice")).to_contain_text("Report refused")

    page.get_by_role("link", name="Contacts").click()
    expect(page.get_by_role("heading", name="Contacts", level=1)).to_be_visible()
    expect(page.locator("#notice")).to_have_text("")
