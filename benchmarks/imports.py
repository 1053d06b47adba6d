"""`make bench`: a 1,000,000-row import through the import job, driven in process on moto.

The file is uploaded with the pre-signed POST the API hands out, the bucket's notification and the
chunk messages are pumped into the job's real handler as Lambda's pollers would
(local_stack.event_sources), and progress is read with the API's own service while it runs. At the
end the job's counts are checked against a count of the file made here with the csv module alone.
Figures: rows per second of wall time, rows per second of this service's own CPU (the process's
CPU less the part moto spends emulating AWS), and requests per row (DynamoDB, then S3 and SQS).
`BENCH_IMPORT_ROWS` sets the size (1,000,000 by default).
"""

from __future__ import annotations

import csv
import io
import os
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from benchmarks.common import count_requests, moto_stack, phone, table

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "1000000"))
BAD_EVERY = 9_973  # a row that is not a phone number, now and then
OPTED_OUT_EVERY = 10
PROGRESS_SECONDS = 30.0


def _csv(rows: int) -> bytes:
    lines = ["phone,name,opt_out,plan"]
    for i in range(rows):
        number = "not-a-number" if i % BAD_EVERY == BAD_EVERY - 1 else phone(i)
        lines.append(f"{number},Contact {i},{'yes' if i % OPTED_OUT_EVERY == 0 else 'no'},gold")
    return ("\n".join(lines) + "\n").encode()


def independent_count(body: bytes) -> dict[str, int]:
    """What the file holds, counted without the service's code: rows, opt-outs, rejects."""
    counts: Counter[str] = Counter()
    reader = csv.reader(io.StringIO(body.decode()))
    next(reader)
    for number, _, opt_out, _ in reader:
        counts["rows"] += 1
        if not number.startswith("+1"):
            counts["rejected"] += 1
        elif opt_out == "yes":
            counts["opted_out"] += 1
        else:
            counts["created"] += 1
    return dict(counts)


@contextmanager
def moto_cpu() -> Iterator[list[float]]:
    """CPU seconds spent inside moto's request handling (summed over threads)."""
    from moto.core import botocore_stubber

    spent = [0.0]
    lock = threading.Lock()
    original = botocore_stubber.BotocoreStubber.__call__

    def timed(self: Any, event_name: str, request: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return original(self, event_name, request, **kwargs)
        finally:
            with lock:
                spent[0] += time.thread_time() - start

    botocore_stubber.BotocoreStubber.__call__ = timed  # type: ignore[method-assign]
    try:
        yield spent
    finally:
        botocore_stubber.BotocoreStubber.__call__ = original  # type: ignore[method-assign]


@contextmanager
def count_other_requests() -> Iterator[Counter[str]]:
    """The import's own S3 and SQS requests (the pollers' receives and deletes are Lambda's)."""
    from optout.repository import import_files

    counts: Counter[str] = Counter()

    def record(model: Any, **_: Any) -> None:
        counts[model.name] += 1

    clients = (import_files.s3_client(), import_files.sqs_client())
    for client in clients:
        client.meta.events.register("before-call", record)
    try:
        yield counts
    finally:
        for client in clients:
            client.meta.events.unregister("before-call", record)


def _run_job(principal: Any, body: bytes) -> tuple[Any, list[tuple[float, int, int]]]:
    import boto3
    import requests

    from local_stack.event_sources import EventSourceDriver
    from optout.services import import_jobs

    job, form = import_jobs.create_import(principal, filename="bench.csv", source="bench")
    response = requests.post(form.url, data=form.fields, files={"file": ("bench.csv", body)}, timeout=600)
    assert response.status_code == 204, response.text
    driver = EventSourceDriver(boto3.Session(), streams=False, retry=0)
    start, last, progress = time.perf_counter(), 0.0, []
    while driver.pump_once() or driver.busy():
        now = time.perf_counter() - start
        if now - last >= PROGRESS_SECONDS:
            view = import_jobs.get_import(principal, job.id)
            progress.append((now, view.job.rows_done, view.progress))
            print(f"  {now:6.0f} s  {view.job.rows_done:>9,} of {view.job.rows_total or 0:,} rows  {view.progress}%", flush=True)
            last = now
    return import_jobs.get_import(principal, job.id), progress


def run() -> None:
    from benchmarks.contacts import _principal

    body = _csv(ROWS)
    expected = independent_count(body)
    print(f"\nImport job: {ROWS:,} rows ({len(body) / 1e6:.0f} MB) through the job, progress every {PROGRESS_SECONDS:.0f} s")
    with moto_stack():
        principal = _principal()
        with count_requests() as dynamo, count_other_requests() as others, moto_cpu() as moto:
            wall, cpu = time.perf_counter(), time.process_time()
            view, progress = _run_job(principal, body)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    job = view.job
    got = {"rows": job.rows_done, "created": job.created, "opted_out": job.opted_out, "rejected": job.rejected}
    ours = max(cpu - moto[0], 1e-9)
    dynamo_total, other_total = sum(dynamo.values()), sum(others.values())
    print(table(
        [(f"{ROWS:,}", job.status, f"{wall:.0f}", f"{ROWS / wall:,.0f}", f"{ROWS / ours:,.0f}",
          f"{moto[0] / cpu:.0%}", f"{dynamo_total / ROWS:.4f}", f"{other_total / ROWS:.5f}", len(progress))],
        ("rows", "status", "seconds", "rows/s", "rows/s of our CPU", "moto's CPU share",
         "DynamoDB requests/row (<0.06)", "S3+SQS requests/row", "progress reads"),
    ))
    print("  DynamoDB by operation:", ", ".join(f"{k}={v}" for k, v in sorted(dynamo.items())))
    print("  S3 and SQS by operation:", ", ".join(f"{k}={v}" for k, v in sorted(others.items())))
    print(f"  counts {'match' if got == expected else 'DIFFER from'} the file's own count: job {got}, file {expected}")
    assert job.status == "done" and got == expected, (job.status, got, expected)
    assert dynamo_total / ROWS <= 0.06
