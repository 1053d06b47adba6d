"""Import page: a small CSV with a bad row goes through the import job as a big one does; the
counts and the rejected row with its line are shown."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from playwright.sync_api import Page, expect

from tests.browser.helpers import ApiClient

# Numbers no other test uses (tests share one stack). Line 4 is the bad row.
CSV = (
    "phone,name,opt_out,plan\n"
    "+14155550770,Ivy Import,no,gold\n"
    "415-555-0771,Jon Import,yes,\n"
    "not-a-number,Kim Bad,no,\n"
    "(415) 555-0772,Lee Import,no,silver\n"
)


def test_import_a_csv_with_a_bad_row(admin_page: Page, api_client: ApiClient) -> None:
    page = admin_page
    page.get_by_role("link", name="Import").click()
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "console-contacts.csv", "mimeType": "text/csv", "buffer": CSV.encode()}]
    )
    held: list[Any] = []  # the file's upload to S3, held until the page has shown its progress
    moto_url = str(api_client.demo["moto_url"])

    def to_s3(url: str) -> bool:
        return url.startswith(moto_url)

    def hold(route: Any) -> None:
        held.append(route)
        # The handler runs on Playwright's side after the request left: it marks the page, so the
        # test can wait for the handler itself rather than guess when it has run.
        page.evaluate("() => { document.body.dataset.importHeld = 'yes'; }")

    page.route(to_s3, hold)
    page.get_by_role("button", name="Import").click()

    expect(page.get_by_role("progressbar", name="Upload progress")).to_be_visible()
    expect(page.locator(".import-step")).to_have_text("Uploading console-contacts.csv…")
    expect(page.get_by_role("button", name="Import")).to_be_disabled()
    expect(page.locator("body")).to_have_attribute("data-import-held", "yes")
    assert len(held) == 1 and held[0].request.method == "POST"
    held[0].continue_()
    page.unroute(to_s3)  # the rejected rows' download goes through

    expect(page.locator("#notice")).to_have_text(
        "Imported console-contacts.csv: 4 rows, 2 created, 0 updated, 1 opted out, 0 kept opted out, 1 rejected",
        timeout=30_000,  # the job's queues run in the stack's background
    )
    results = page.get_by_role("region", name="Import results")
    counts = results.locator("dl.counts")
    expect(counts.locator("dt", has_text="Created").locator("xpath=following-sibling::dd[1]")).to_have_text("2")
    expect(counts.locator("dt", has_text="Rejected").locator("xpath=following-sibling::dd[1]")).to_have_text("1")
    rejected = page.get_by_role("table", name="Rejected rows (1)")
    bad = rejected.get_by_role("row").filter(has_text="not-a-number")
    expect(bad.get_by_role("rowheader")).to_have_text("4")
    expect(bad).to_contain_text("not a phone number")
    expect(page.get_by_role("progressbar", name="Import progress")).to_have_attribute("aria-valuetext", "4 of 4 rows (100%)")
    expect(page.get_by_role("button", name="Import")).to_be_enabled()

    _, ivy = api_client.get(f"/v1/contacts/{quote('+14155550770')}")
    assert (ivy["name"], ivy["status"], ivy["attributes"]) == ("Ivy Import", "active", {"plan": "gold"})
    _, jon = api_client.get(f"/v1/contacts/{quote('+14155550771')}")
    assert (jon["status"], jon["status_reason"]) == ("opted_out", "import")
    _, lee = api_client.get(f"/v1/contacts/{quote('+14155550772')}")
    assert lee["name"] == "Lee Import"
