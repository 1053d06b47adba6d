"""Queueing message bodies on SQS: 10 per SendMessageBatch, and the entries SQS refuses (it answers
them in `Failed`, not with an error) sent again with a short backoff. One piece for the import
job's queues and the report job's.

Errors: throttling and dropped connections are StorageError (the caller retries); entries still
refused after the attempts are QueueingFailed (a StorageError too); any other refusal is a
StorageFault (a bug or a misconfiguration).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import cache
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from optout.errors import StorageError, StorageFault

SEND_BATCH = 10  # SendMessageBatch's limit
SEND_ATTEMPTS = 4
_TRANSIENT = frozenset({"InternalError", "ServiceUnavailable", "RequestThrottled", "ThrottlingException"})


class QueueingFailed(StorageError):
    """Some messages were still refused after every attempt: nothing says they were queued."""


@cache
def sqs_client() -> Any:
    return boto3.client("sqs")


def send_bodies(queue_url: str, bodies: Sequence[str], *, what: str, client: Any = None) -> None:
    """Queue every body, in order of batches; `what` names the messages in the error."""
    sqs = client or sqs_client()
    for start in range(0, len(bodies), SEND_BATCH):
        _send_batch(sqs, queue_url, bodies[start : start + SEND_BATCH], what)


def _send_batch(sqs: Any, queue_url: str, bodies: Sequence[str], what: str) -> None:
    pending = {str(index): body for index, body in enumerate(bodies)}
    failed: list[dict[str, Any]] = []
    for attempt in range(SEND_ATTEMPTS):
        if attempt:
            time.sleep(0.2 * 2 ** (attempt - 1))
        entries = [{"Id": entry_id, "MessageBody": body} for entry_id, body in pending.items()]
        response = call_aws(sqs, "send_message_batch", "the queue", _TRANSIENT, QueueUrl=queue_url, Entries=entries)
        failed = response.get("Failed") or []
        pending = {entry["Id"]: pending[entry["Id"]] for entry in failed}
        if not pending:
            return
    codes = sorted({str(entry.get("Code")) for entry in failed})
    raise QueueingFailed(
        f"{len(pending)} {what} messages were not queued after {SEND_ATTEMPTS} attempts: {codes}; retry shortly"
    )


def call_aws(client: Any, operation: str, service: str, transient: frozenset[str], **kwargs: Any) -> Any:
    """`client.operation(**kwargs)`: a dropped connection or a `transient` error code is a
    StorageError (retry), any other refusal a StorageFault. For SQS here and S3 (import_files)."""
    try:
        return getattr(client, operation)(**kwargs)
    except BotoCoreError as exc:
        raise StorageError(f"{service} is unavailable; retry shortly", details={"cause": type(exc).__name__}) from exc
    except ClientError as exc:
        code = str(exc.response.get("Error", {}).get("Code", ""))
        if code in transient:
            raise StorageError(f"{service} is busy; retry shortly", details={"cause": code}) from exc
        raise StorageFault(f"{service} refused {operation}: {code}") from exc
