"""Import page through the import job: the file goes to the pre-signed S3 upload with its
progress, a bar follows rows done / rows total to the end, then the counts, the rejected rows'
download and the recent imports; a file with no phone column ends in a clear error.

Numbers +1332558xxxx are this module's (the tests share one stack).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from playwright.sync_api import Page, expect

from tests.browser.helpers import ApiClient

GOOD_ROWS = 300
BAD_LINE = 152  # the file's line of the bad row (the header is line 1)


def phone(n: int) -> str:
    return f"+1332558{n:04d}"


def big_csv() -> str:
    """GOOD_ROWS contacts, every tenth opted out, and one bad phone on line BAD_LINE."""
    lines = ["phone,name,opt_out,plan"]
    for n in range(GOOD_ROWS):
        if len(lines) + 1 == BAD_LINE:
            lines.append("not-a-number,Bad Row,no,")
        lines.append(f"{phone(n)},Job Contact {n},{'yes' if n % 10 == 0 else 'no'},{'gold' if n % 2 else ''}")
    return "\n".join(lines) + "\n"


def choose(page: Page, name: str, text: str) -> None:
    page.get_by_role("navigation", name="Console pages").get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", name="Import contacts", level=1)).to_be_visible()
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}]
    )


def count(page: Page, label: str) -> Any:
    counts = page.get_by_role("region", name="Import results").locator("dl.counts")
    return counts.locator("dt", has_text=re.compile(f"^{re.escape(label)}")).locator("xpath=following-sibling::dd[1]")


def import_reads(page: Page) -> list[dict[str, Any]]:
    """Every GET /v1/imports/{id} answer the page reads, as it reads them."""
    seen: list[dict[str, Any]] = []

    def keep(response: Any) -> None:
        if re.search(r"/v1/imports/[^/?]+$", response.url) and response.request.method == "GET" and response.ok:
            seen.append(response.json())

    page.on("response", keep)
    return seen


def test_a_few_hundred_rows_run_through_the_job_to_done(admin_page: Page, api_client: ApiClient) -> None:
    page = admin_page
    text = big_csv()
    choose(page, "job-contacts.csv", text)
    kb = len(text.encode()) / 1024
    size_kb = f"{kb:.1f} KB" if kb < 10 else f"{kb:.0f} KB"  # as the page rounds it
    expect(page.locator(".file-summary")).to_have_text(f"job-contacts.csv: {size_kb}, {GOOD_ROWS + 1} rows.")
    reads = import_reads(page)
    with page.expect_response(lambda r: r.url.endswith("/v1/imports") and r.request.method == "POST") as created:
        page.get_by_role("button", name="Import").click()
    job_id = created.value.json()["id"]
    upload_url = created.value.json()["upload_url"]

    rows_bar = page.get_by_role("progressbar", name="Import progress")
    expect(page.get_by_role("status").filter(has_text="Done.")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("progressbar", name="Upload progress")).to_have_attribute("aria-valuetext", "100% uploaded")
    total = GOOD_ROWS + 1
    expect(rows_bar).to_have_attribute("aria-valuetext", f"{total} of {total} rows (100%)")
    assert rows_bar.evaluate("(bar) => [bar.value, bar.max]") == [total, total]
    assert reads and reads[-1]["status"] == "done"
    assert all(r["rows_done"] <= (r["rows_total"] or r["rows_done"]) for r in reads)
    done = [r["rows_done"] for r in reads]
    assert done == sorted(done)  # the bar never goes back

    for label, value in [("Rows read", total), ("Created", 270), ("Updated", 0), ("Opted out", 30),
                         ("Kept opted out", 0), ("Rejected", 1)]:
        expect(count(page, label)).to_have_text(str(value))
    expect(page.locator("#notice")).to_have_text(
        "Imported job-contacts.csv: 301 rows, 270 created, 0 updated, 30 opted out, 0 kept opted out, 1 rejected"
    )
    download = page.get_by_role("link", name="Download rejected rows (1)")
    href = download.get_attribute("href")
    assert href and href.split("/")[2] == upload_url.split("/")[2]  # the imports bucket's endpoint
    with page.expect_download() as saved:
        download.click()
    assert saved.value.suggested_filename == f"{job_id}-rejected.csv"
    rejected = Path(saved.value.path()).read_text(encoding="utf-8").splitlines()
    assert rejected[0] == "line,reason,phone"
    assert len(rejected) == 2 and rejected[1].startswith(f"{BAD_LINE},") and rejected[1].endswith(",not-a-number")
    shown = page.get_by_role("table", name="Rejected rows (1)").get_by_role("row").filter(has_text="not-a-number")
    expect(shown.get_by_role("rowheader")).to_have_text(str(BAD_LINE))
    expect(shown).to_contain_text("not a phone number")

    recent = page.get_by_role("table", name="Recent imports")
    row = recent.get_by_role("row").filter(has=page.get_by_role("rowheader", name="job-contacts.csv"))
    expect(row.first).to_contain_text("Done")

    status, job = api_client.get(f"/v1/imports/{job_id}")
    assert status == 200 and job["status"] == "done" and job["rows_done"] == job["rows_total"] == total
    _, first = api_client.get(f"/v1/contacts/{quote(phone(0))}")
    assert (first["status"], first["status_reason"]) == ("opted_out", "import")
    _, second = api_client.get(f"/v1/contacts/{quote(phone(1))}")
    assert (second["name"], second["status"], second["attributes"]) == ("Job Contact 1", "active", {"plan": "gold"})
    last = api_client.get(f"/v1/contacts/{quote(phone(GOOD_ROWS - 1))}")
    assert last.status == 200


def test_a_file_with_no_phone_column_ends_in_a_clear_error(admin_page: Page, api_client: ApiClient) -> None:
    page = admin_page
    choose(page, "no-phone.csv", "name,email\nNed No-Phone,ned@example.com\n")
    expect(page.locator(".file-summary")).to_have_text(re.compile(r"^no-phone\.csv: \d+ B, 1 row\.$"))
    with page.expect_response(lambda r: r.url.endswith("/v1/imports") and r.request.method == "POST") as created:
        page.get_by_role("button", name="Import").click()
    job_id = created.value.json()["id"]

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("The import of no-phone.csv failed:", timeout=60_000)
    expect(alert).to_contain_text("phone")
    expect(page.locator("#notice")).to_have_text(re.compile(r"^Import failed: .*phone"))
    expect(page.get_by_role("status").filter(has_text="The import failed.")).to_be_visible()
    rows_bar = page.get_by_role("progressbar", name="Import progress")
    expect(rows_bar).to_have_attribute("aria-valuetext", "Stopped after 0 rows")
    expect(rows_bar).to_have_attribute("value", "0")  # stopped, not spinning as if still at work
    expect(page.get_by_role("link", name=re.compile("^Download rejected rows"))).to_have_count(0)
    expect(page.get_by_role("button", name="Import")).to_be_enabled()
    row = page.get_by_role("table", name="Recent imports").get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="no-phone.csv"))
    expect(row.first).to_contain_text("Failed")

    status, job = api_client.get(f"/v1/imports/{job_id}")
    assert status == 200 and job["status"] == "failed"


def test_a_large_file_shows_its_size_and_an_estimate_of_its_rows(admin_page: Page) -> None:
    """Above 2 MB the page reads only the file's first bytes: the row count is an estimate."""
    rows = 80_000  # about 2.5 MB
    text = "phone,name\n" + "".join(f"+1332558{n % 10_000:04d},Estimate Row {n:05d}\n" for n in range(rows))
    choose(admin_page, "large.csv", text)
    summary = admin_page.locator(".file-summary")
    expect(summary).to_have_text(re.compile(r"^large\.csv: \d\.\d MB, about [\d,]+ rows\.$"))
    estimate = int(re.search(r"about ([\d,]+) rows", summary.inner_text()).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert abs(estimate - rows) / rows < 0.02
    expect(admin_page.get_by_role("region", name="Import job")).to_be_hidden()  # nothing sent yet
