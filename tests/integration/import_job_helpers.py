"""Helpers of the import job tests: upload with the pre-signed form, and run the job's queues."""

from __future__ import annotations

from typing import Any

import boto3
import requests


def upload(created: dict[str, Any], body: bytes) -> int:
    """POST the file with the form the API returned (as a browser or curl would); the status."""
    response = requests.post(
        created["upload_url"], data=created["fields"], files={"file": ("contacts.csv", body)}, timeout=30
    )
    return response.status_code


def run_queues(timeout: float = 120.0) -> Any:
    """Pump the template's queues (the uploads and chunk queues among them) into their functions
    until they are empty, as Lambda's pollers would; the table streams are left alone."""
    from local_stack.event_sources import EventSourceDriver

    return EventSourceDriver(boto3.Session(), streams=False, retry=0).drain(timeout)


def csv_of(rows: list[str], header: str = "phone,name,opt_out") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()
