"""Import jobs' records (AccountsTable in template.yaml), beside the workspace that owns them.

- The job: `WS#{id}` / `IMPORT#{import id}`; import ids sort by creation time, so a workspace's
  imports are one Query, newest first (the chunk markers' prefix, `IMPORTCHUNK#`, never matches).
- A chunk's done marker: `WS#{id}` / `IMPORTCHUNK#{import id}#{chunk:05d}`, written once, in the
  same transaction that adds the chunk's counts to the job: a re-delivered chunk finds its marker
  and adds nothing, so every counter moves once per chunk.
Every state change is conditional on the state it leaves (waiting -> running -> done or failed).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from optout.errors import Conflict
from optout.models import DeferredModel, Initiator, Role, iso
from optout.repository import keys
from optout.repository.cursors import check_start_key
from optout.repository.dynamo import Cancelled, accounts_table, call, serialize, strip
from optout.repository.unit_of_work import transact

ImportState = Literal["waiting_for_upload", "running", "done", "failed"]
COUNTS = ("created", "updated", "opted_out", "kept", "rejected")
_PREFIX = "IMPORT#"
_KEY_NAMES = frozenset({"pk", "sk"})


class ImportJob(DeferredModel):
    """One import job: who asked, the file, the plan, and the counters its chunks add up."""

    workspace_id: str
    id: str
    status: ImportState = "waiting_for_upload"
    filename: str | None = None
    source: str | None = None
    created_by: Initiator
    role: Role
    region: str
    upload_key: str
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    header_columns: list[str] | None = None
    etag: str | None = None  # the uploaded object's version the plan was made on
    rows_total: int | None = None
    chunks_total: int | None = None
    queued: bool = False  # every chunk's message is sent
    chunks_done: int = 0
    rows_done: int = 0
    created: int = 0
    updated: int = 0
    opted_out: int = 0
    kept: int = 0
    rejected: int = 0
    rejected_key: str | None = None
    error_code: str | None = None
    error_message: str | None = Field(default=None, max_length=2000)


def _key(workspace_id: str, import_id: str) -> dict[str, Any]:
    return keys.dynamo_key(pk=keys.workspace_pk(workspace_id), sk=_PREFIX + import_id)


def _item(job: ImportJob) -> dict[str, Any]:
    record = job.model_dump(mode="python", exclude_none=True)
    record.update(pk=keys.workspace_pk(job.workspace_id), sk=_PREFIX + job.id)
    return serialize(record)


def put_import(job: ImportJob) -> None:
    call("put_item", TableName=accounts_table(), Item=_item(job), ConditionExpression="attribute_not_exists(pk)")


def get_import(workspace_id: str, import_id: str) -> ImportJob | None:
    """A workspace's import (strongly consistent); None if it has none by this id."""
    found = call("get_item", TableName=accounts_table(), Key=_key(workspace_id, import_id), ConsistentRead=True)
    return ImportJob.model_validate(strip(found["Item"], "pk", "sk")) if found.get("Item") else None


def list_imports(
    workspace_id: str, *, limit: int, start_key: dict[str, Any] | None
) -> tuple[list[ImportJob], dict[str, Any] | None]:
    """One page of a workspace's imports, newest first."""
    partition = keys.workspace_pk(workspace_id)
    kwargs: dict[str, Any] = {
        "TableName": accounts_table(),
        "KeyConditionExpression": "pk = :p AND begins_with(sk, :s)",
        "ExpressionAttributeValues": {":p": {"S": partition}, ":s": {"S": _PREFIX}},
        "ScanIndexForward": False,
        "Limit": limit,
    }
    if start_key is not None:
        check_start_key(start_key, _KEY_NAMES, "pk", partition)
        kwargs["ExclusiveStartKey"] = start_key
    response = call("query", **kwargs)
    jobs = [ImportJob.model_validate(strip(item, "pk", "sk")) for item in response.get("Items", [])]
    return jobs, response.get("LastEvaluatedKey")


def _update(workspace_id: str, import_id: str, expression: str, condition: str, values: dict[str, Any]) -> bool:
    """One conditional UpdateItem; False when the condition failed (the job is elsewhere)."""
    try:
        call(
            "update_item",
            TableName=accounts_table(),
            Key=_key(workspace_id, import_id),
            UpdateExpression=expression,
            ConditionExpression=condition,
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues=serialize(values),
        )
    except Conflict:
        return False
    return True


def claim_import(workspace_id: str, import_id: str, now: datetime) -> bool:
    """waiting_for_upload -> running; False if it was started already (or is not waiting)."""
    return _update(
        workspace_id, import_id, "SET #s = :running, started_at = :now", "#s = :waiting",
        {":running": "running", ":waiting": "waiting_for_upload", ":now": iso(now)},
    )


def set_plan(
    workspace_id: str, import_id: str, *, columns: list[str], rows_total: int, chunks_total: int, etag: str
) -> bool:
    """Record the split, once: a second splitter of the same file made the same plan."""
    return _update(
        workspace_id, import_id,
        "SET header_columns = :columns, rows_total = :rows, chunks_total = :chunks, etag = :etag",
        "#s = :running AND attribute_not_exists(chunks_total)",
        {":columns": columns, ":rows": rows_total, ":chunks": chunks_total, ":etag": etag, ":running": "running"},
    )


def mark_queued(workspace_id: str, import_id: str) -> bool:
    return _update(workspace_id, import_id, "SET queued = :yes", "#s = :running", {":yes": True, ":running": "running"})


def _chunk_sk(import_id: str, index: int) -> str:
    return f"IMPORTCHUNK#{import_id}#{index:05d}"


def chunk_recorded(workspace_id: str, import_id: str, index: int) -> bool:
    """Whether a chunk's done marker exists (strongly consistent)."""
    key = keys.dynamo_key(pk=keys.workspace_pk(workspace_id), sk=_chunk_sk(import_id, index))
    found = call("get_item", TableName=accounts_table(), Key=key, ConsistentRead=True, ProjectionExpression="pk")
    return bool(found.get("Item"))


def record_chunk(workspace_id: str, import_id: str, index: int, counts: dict[str, int], now: datetime) -> bool:
    """Add one chunk's counts to its job, with the chunk's done marker, in one transaction.
    False if the chunk was recorded already (a re-delivery) or the job is no longer running."""
    marker = {
        "pk": keys.workspace_pk(workspace_id),
        "sk": _chunk_sk(import_id, index),
        "recorded_at": iso(now),
        **counts,
    }
    adds = ", ".join(f"{name} :{name}" for name in ("rows_done", *COUNTS))
    values = {f":{name}": counts.get(name, 0) for name in ("rows_done", *COUNTS)}
    update = {
        "TableName": accounts_table(),
        "Key": _key(workspace_id, import_id),
        "UpdateExpression": f"ADD chunks_done :one, {adds}",
        "ConditionExpression": "#s = :running",
        "ExpressionAttributeNames": {"#s": "status"},
        "ExpressionAttributeValues": serialize({**values, ":one": 1, ":running": "running"}),
    }
    put = {"TableName": accounts_table(), "Item": serialize(marker), "ConditionExpression": "attribute_not_exists(pk)"}
    try:
        transact([{"Put": put}, {"Update": update}])
    except Cancelled as cancelled:
        if "ConditionalCheckFailed" in cancelled.reasons:
            return False
        raise cancelled.classified() from cancelled.cause
    return True


def finish_import(workspace_id: str, import_id: str, now: datetime, rejected_key: str | None) -> bool:
    """running -> done, with the joined rejected rows' object (None when none were rejected)."""
    values: dict[str, Any] = {":done": "done", ":running": "running", ":now": iso(now)}
    expression = "SET #s = :done, finished_at = :now"
    if rejected_key:
        expression += ", rejected_key = :rejected"
        values[":rejected"] = rejected_key
    return _update(workspace_id, import_id, expression, "#s = :running", values)


def fail_import(workspace_id: str, import_id: str, code: str, message: str, now: datetime) -> bool:
    """waiting or running -> failed, saying why; a finished job stays as it is."""
    return _update(
        workspace_id, import_id, "SET #s = :failed, finished_at = :now, error_code = :code, error_message = :message",
        "#s IN (:waiting, :running)",
        {
            ":failed": "failed", ":waiting": "waiting_for_upload", ":running": "running", ":now": iso(now),
            ":code": code, ":message": message[:2000],
        },
    )
