"""Import jobs through the real handlers on moto: the pre-signed upload, the bucket's notification,
the split and chunk queues (pumped as Lambda's pollers would), the counts and the rejected rows."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import boto3
import pytest
import requests

from tests.integration.import_job_helpers import csv_of, run_queues, upload

A, B, C, D = "+14155550100", "+14155550101", "+14155550102", "+14155550103"


def _create(api: Any, key: str, body: Any = None) -> dict[str, Any]:
    status, created = api.request("POST", "/v1/imports", key=key, json_body=body)
    assert status == 201, created
    return created


def _get(api: Any, key: str, import_id: str) -> dict[str, Any]:
    status, job = api.request("GET", f"/v1/imports/{import_id}", key=key)
    assert status == 200, job
    return job


def _rejected(job: dict[str, Any]) -> list[list[str]]:
    response = requests.get(job["rejected_url"], timeout=30)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def _import(api: Any, key: str, body: bytes) -> dict[str, Any]:
    created = _create(api, key, {"filename": "contacts.csv", "source": "crm"})
    assert upload(created, body) == 204
    assert run_queues().quiet
    return _get(api, key, created["id"])


def test_an_uploaded_file_is_imported_by_the_job_with_the_sync_imports_rules(api: Any, workspace: dict[str, str]) -> None:
    # Ann opted out before: an import never re-subscribes her.
    status, _ = api.request("POST", "/v1/contact/set_status", key=workspace["member"],
                            json_body={"phone": A, "status": "unsubscribed"})
    assert status == 200
    body = csv_of([f"{A},Ann,no", f"{B},Bo,yes", "not-a-number,Cy,no", f"{C},Di,maybe", f"{D},Ed,", f"{B},Bo again,no"])
    job = _import(api, workspace["member"], body)
    assert job["status"] == "done" and job["progress"] == 100
    assert (job["filename"], job["source"]) == ("contacts.csv", "crm")
    assert (job["rows_total"], job["rows_done"], job["chunks_total"], job["chunks_done"]) == (6, 6, 1, 1)
    counts = {k: job[k] for k in ("created", "updated", "opted_out", "kept", "rejected")}
    assert counts == {"created": 1, "updated": 0, "opted_out": 1, "kept": 1, "rejected": 3}
    assert _rejected(job) == [
        ["line", "reason", "phone"],
        ["4", "not a phone number: The string supplied did not seem to be a phone number.", "not-a-number"],
        ["5", "opt_out must be yes/y/true/t/1 or no/n/false/f/0, got 'maybe'", C],
        ["7", "duplicate of line 3", B],
    ]
    statuses = {p: api.request("GET", f"/v1/contacts/{p}", key=workspace["member"])[1]["status"] for p in (A, B, D)}
    assert statuses == {A: "opted_out", B: "opted_out", D: "active"}


def test_the_job_and_the_sync_import_count_the_same_file_alike(
    api: Any, workspace: dict[str, str], other_workspace: dict[str, str]
) -> None:
    body = csv_of([f"{A},Ann,no", f"{B},Bo,yes", "12,Cy,no", f"{A},Ann,yes", "", f"{C},Di,", ",,"])
    job = _import(api, workspace["member"], body)
    status, sync = api.request("POST", "/v1/contacts/import", key=other_workspace["member"], body=body.decode(),
                               headers={"Content-Type": "text/csv"})
    assert status == 200
    names = ("created", "updated", "opted_out", "kept", "rejected")
    assert {k: job[k] for k in names} == {k: sync[k] for k in names} == {
        "created": 2, "updated": 0, "opted_out": 1, "kept": 0, "rejected": 2
    }
    assert job["rows_total"] == job["rows_done"] == sync["rows"] == 5  # blank lines are not rows


def test_start_needs_the_upload_and_starts_once(api: Any, workspace: dict[str, str]) -> None:
    created = _create(api, workspace["member"])
    path = f"/v1/imports/{created['id']}/start"
    status, body = api.request("POST", path, key=workspace["member"])
    assert (status, body["error"]["code"]) == (409, "not_uploaded")
    assert upload(created, csv_of([f"{A},Ann,no"])) == 204
    status, started = api.request("POST", path, key=workspace["member"])
    assert (status, started["status"]) == (202, "running")
    status, again = api.request("POST", path, key=workspace["member"])
    assert (status, again["error"]["code"]) == (409, "import_started")
    assert run_queues().quiet  # the start's split and the upload's notification: one import
    job = _get(api, workspace["member"], created["id"])
    assert (job["status"], job["created"], job["chunks_done"]) == ("done", 1, 1)


def test_a_redelivered_chunk_is_not_applied_twice(
    api: Any, workspace: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from optout.rules import import_chunks
    from optout.services import import_runner

    monkeypatch.setattr(import_chunks, "CHUNK_ROWS", 2)
    created = _create(api, workspace["member"])
    assert upload(created, csv_of([f"{A},Ann,no", f"{B},Bo,yes", f"{C},Cy,yes", "12,Di,no"])) == 204
    assert import_runner.begin(workspace["id"], created["id"]) == 2
    # Every chunk message arrives twice, as SQS may deliver it (at least once).
    sqs = boto3.client("sqs")
    queue = sqs.get_queue_url(QueueName="ImportChunkQueue")["QueueUrl"]
    messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    assert len(messages) == 2
    for message in messages:
        for _ in range(2):
            sqs.send_message(QueueUrl=queue, MessageBody=message["Body"])
        sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
    applied: list[int] = []
    real_apply = import_runner.importer.apply_rows
    monkeypatch.setattr(import_runner.importer, "apply_rows",
                        lambda principal, rows, report: (applied.append(len(rows)), real_apply(principal, rows, report)))
    assert run_queues().quiet
    job = _get(api, workspace["member"], created["id"])
    assert (job["status"], job["chunks_done"], job["rows_done"], job["opted_out"], job["rejected"]) == ("done", 2, 4, 2, 1)
    assert sorted(applied) == [1, 2]  # each chunk's rows applied once
    status, events = api.request("GET", f"/v1/contacts/{B}/events", key=workspace["member"])
    assert status == 200 and len(events["events"]) == 1


def test_rows_that_cannot_be_read_are_rejected_and_the_rest_go_in(api: Any, workspace: dict[str, str]) -> None:
    body = (
        b"phone,name,note\n"
        + f'{A},Ann,"two\nlines"\n'.encode()
        + f"{B},B\xf6,latin-1\n".encode("latin-1")
        + f"{C},Cy,x,extra\n".encode()
        + f"{D},Di,ok\n".encode()
    )
    job = _import(api, workspace["member"], body)
    assert (job["status"], job["rows_total"], job["created"], job["rejected"]) == ("done", 4, 2, 2)
    assert _rejected(job)[1:] == [
        ["4", "not UTF-8 text; save the file as UTF-8", ""],
        ["5", "4 fields but the header names 3", C],
    ]
    status, ann = api.request("GET", f"/v1/contacts/{A}", key=workspace["member"])
    assert status == 200 and ann["attributes"] == {"note": "two\nlines"}


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"name,plan\nAnn,gold\n", "the CSV header must name a 'phone' column"),
        (b"ph\xf6ne,name\n+14155550100,Ann\n", "the header row is not UTF-8 text"),
        (b'phone,note\n+14155550100,"never closed\n' + b"more text\n" * 8_000, "is longer than 65,536 bytes"),
    ],
)
def test_a_file_that_cannot_be_imported_fails_with_its_reason(
    api: Any, workspace: dict[str, str], body: bytes, reason: str
) -> None:
    job = _import(api, workspace["member"], body)
    assert job["status"] == "failed" and job["finished_at"]
    assert job["error"]["code"] == "invalid_file" and reason in job["error"]["message"]


def test_a_chunk_that_keeps_failing_fails_its_import(
    api: Any, workspace: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from optout.errors import StorageError
    from optout.repository import import_files

    def unavailable(*_: Any, **__: Any) -> bytes:
        raise StorageError("file storage is busy; retry shortly")

    monkeypatch.setattr(import_files, "read_range", unavailable)
    job = _import(api, workspace["member"], csv_of([f"{A},Ann,no"]))
    assert (job["status"], job["error"]["code"]) == ("failed", "job_failed")


def test_a_file_uploaded_again_after_the_split_fails_the_import_rather_than_mix_two_files(
    api: Any, workspace: dict[str, str]
) -> None:
    from optout.services import import_runner

    created = _create(api, workspace["member"])
    assert upload(created, csv_of([f"{A},Ann,no", f"{B},Bo,no"])) == 204
    assert import_runner.begin(workspace["id"], created["id"]) == 1
    assert upload(created, csv_of([f"{C},Cy,yes"], header="name,phone,x")) == 204  # the form is still valid
    assert run_queues().quiet
    job = _get(api, workspace["member"], created["id"])
    assert (job["status"], job["error"]["code"], job["created"]) == ("failed", "invalid_file", 0)
    assert "uploaded again" in job["error"]["message"]


def test_another_workspaces_import_is_not_found(
    api: Any, workspace: dict[str, str], other_workspace: dict[str, str]
) -> None:
    created = _create(api, workspace["member"])
    for method, path in (("GET", f"/v1/imports/{created['id']}"), ("POST", f"/v1/imports/{created['id']}/start")):
        status, body = api.request(method, path, key=other_workspace["admin"])
        assert (status, body["error"]["code"]) == (404, "import_not_found")
    status, page = api.request("GET", "/v1/imports", key=other_workspace["admin"])
    assert (status, page["items"]) == (200, [])
    status, body = api.request("GET", "/v1/imports/not-an-import-id", key=workspace["member"])
    assert (status, body["error"]["code"]) == (404, "import_not_found")


def test_imports_are_listed_newest_first_with_a_cursor(api: Any, workspace: dict[str, str]) -> None:
    ids = [_create(api, workspace["member"], {"filename": f"{n}.csv"})["id"] for n in range(3)]
    status, first = api.request("GET", "/v1/imports", key=workspace["member"], query={"limit": 2})
    assert status == 200 and [i["id"] for i in first["items"]] == ids[::-1][:2]
    status, second = api.request("GET", "/v1/imports", key=workspace["member"],
                                 query={"limit": 2, "cursor": first["next_cursor"]})
    assert status == 200 and [i["id"] for i in second["items"]] == ids[:1]


@pytest.mark.parametrize(
    "body",
    # [null, null] was a 201 (schemathesis): a list of nulls read as no labels at all.
    [{"filename": "x" * 256}, {"unknown": 1}, ["not", "an", "object"], [None, None], [], "text", 5],
)
def test_bad_labels_are_refused(api: Any, workspace: dict[str, str], body: Any) -> None:
    status, answer = api.request("POST", "/v1/imports", key=workspace["member"], json_body=body)
    assert status == 400 and answer["error"]["code"] == "invalid_input"


def test_the_sync_import_points_larger_files_to_the_job(api: Any, workspace: dict[str, str]) -> None:
    rows = [f"+1415{2000000 + i:07d}" for i in range(10_001)]
    status, body = api.request("POST", "/v1/contacts/import", key=workspace["member"],
                               body="phone\n" + "\n".join(rows), headers={"Content-Type": "text/csv"})
    assert (status, body["error"]["code"]) == (413, "too_many_rows")
    assert body["error"]["details"] == {"max_rows": 10_000, "import_job": "/v1/imports"}
    assert "/v1/imports" in body["error"]["message"]


def test_fifty_thousand_rows_through_the_job(api: Any, workspace: dict[str, str]) -> None:
    """`make test`'s large import: 10 chunks, with progress read between them."""
    count = 50_000
    rows = [f"+1{212 + i % 3}{200 + (i // 3) % 800}{i // 2400:04d},n{i},{'yes' if i % 7 == 0 else 'no'}" for i in range(count)]
    created = _create(api, workspace["member"])
    assert upload(created, csv_of(rows)) == 204
    seen: list[int] = []
    from local_stack.event_sources import EventSourceDriver

    driver = EventSourceDriver(boto3.Session(), streams=False, retry=0)
    while driver.pump_once() or driver.busy():
        seen.append(_get(api, workspace["member"], created["id"])["rows_done"])
    job = _get(api, workspace["member"], created["id"])
    opted_out = sum(1 for i in range(count) if i % 7 == 0)
    assert (job["status"], job["rows_total"], job["rows_done"], job["chunks_total"]) == ("done", count, count, 10)
    assert (job["created"], job["opted_out"], job["rejected"]) == (count - opted_out, opted_out, 0)
    assert len({n for n in seen if 0 < n < count}) >= 2, seen  # progress was readable while it ran
    assert json.dumps(job)  # the answer is plain JSON
