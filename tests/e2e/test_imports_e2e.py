"""An import job over HTTP against the local stack: the pre-signed upload goes to the stack's own
S3, whose notification starts the job, which the stack's queue pollers run to completion."""

from __future__ import annotations

import csv
import io
import time
from typing import Any

import pytest
import requests

from tests.e2e.conftest import http

pytestmark = pytest.mark.e2e

# Numbers no other end-to-end test uses.
PHONES = [f"+1332557{n:04d}" for n in range(100, 130)]


def _wait_until_finished(base: str, key: str, import_id: str, timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        status, job = http("GET", f"{base}/v1/imports/{import_id}", key=key)
        assert status == 200, job
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            return job  # type: ignore[no-any-return]
        time.sleep(0.3)


def test_an_upload_to_the_local_stack_is_imported_with_progress_and_rejected_rows(local_stack: dict[str, Any]) -> None:
    base, key = local_stack["base_url"], local_stack["workspaces"][0]["member_key"]
    status, opted = http("POST", f"{base}/v1/contact/set_status", key=key,
                         json_body={"phone": PHONES[0], "status": "unsubscribed"})
    assert status == 200, opted
    rows = [f"{p},E2E {i},{'yes' if i % 5 == 1 else 'no'}" for i, p in enumerate(PHONES)] + ["not-a-number,Bad,no"]
    body = ("phone,name,opt_out\n" + "\n".join(rows) + "\n").encode()

    status, created = http("POST", f"{base}/v1/imports", key=key, json_body={"filename": "e2e.csv"})
    assert status == 201, created
    assert created["status"] == "waiting_for_upload" and created["upload_url"].startswith("http://127.0.0.1:")
    upload = requests.post(created["upload_url"], data=created["fields"], files={"file": ("e2e.csv", body)}, timeout=30)
    assert upload.status_code == 204, upload.text

    job = _wait_until_finished(base, key, created["id"])
    assert job["status"] == "done", job
    assert (job["rows_total"], job["rows_done"], job["progress"]) == (31, 31, 100)
    # The first number had opted out: the import keeps it so (it asks for no opt-out).
    assert {k: job[k] for k in ("created", "updated", "opted_out", "kept", "rejected")} == {
        "created": 23, "updated": 0, "opted_out": 6, "kept": 1, "rejected": 1
    }
    download = requests.get(job["rejected_url"], timeout=30)
    assert download.status_code == 200
    assert list(csv.reader(io.StringIO(download.text))) == [
        ["line", "reason", "phone"],
        ["32", "not a phone number: The string supplied did not seem to be a phone number.", "not-a-number"],
    ]
    status, contact = http("GET", f"{base}/v1/contacts/{PHONES[0]}", key=key)
    assert (status, contact["status"]) == (200, "opted_out")
    status, listed = http("GET", f"{base}/v1/imports", key=key)
    assert status == 200 and created["id"] in [i["id"] for i in listed["items"]]
    other = local_stack["workspaces"][1]["member_key"]
    status, refused = http("GET", f"{base}/v1/imports/{created['id']}", key=other)
    assert (status, refused["error"]["code"]) == (404, "import_not_found")
