"""The report reads (the events table's Report* indexes) and the report counters store."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from optout.models import ConsentEvent
from optout.repository import keys
from optout.repository.dynamo import call, deserialize, events_table, query_all, report_counters_table
from optout.repository.events import item_to_event
from optout.repository.markers import marker_put
from optout.repository.unit_of_work import TRANSACTION_LIMIT, Cancelled, transact

COUNTER_MARKER_TTL_SECONDS = 2 * 24 * 3600  # longer than a stream record lives (24 hours)


def query_report_events(
    dimensions: frozenset[str],
    partition: str,
    lower: str,
    upper: str,
    *,
    limit: int,
    start_key: dict[str, Any] | None = None,
) -> tuple[list[ConsentEvent], dict[str, Any] | None, int]:
    """One Query of one report partition of the index for `dimensions`, `lower <= sk <= upper`,
    oldest first. Returns the events, the LastEvaluatedKey and the items read (ScannedCount)."""
    index, attribute = keys.REPORT_INDEXES[dimensions]
    kwargs: dict[str, Any] = {
        "TableName": events_table(),
        "IndexName": index,
        "KeyConditionExpression": f"{attribute} = :p AND sk BETWEEN :lo AND :hi",
        "ExpressionAttributeValues": {":p": {"S": partition}, ":lo": {"S": lower}, ":hi": {"S": upper}},
        "Limit": limit,
    }
    if start_key:
        kwargs["ExclusiveStartKey"] = start_key
    response = call("query", **kwargs)
    events = [item_to_event(item) for item in response.get("Items", [])]
    return events, response.get("LastEvaluatedKey"), int(response.get("ScannedCount", len(events)))


def query_counters(workspace_id: str, lower: str, upper: str) -> list[dict[str, Any]]:
    """Counter items of a workspace with `lower <= sk <= upper`, in order."""
    items = query_all(
        TableName=report_counters_table(),
        KeyConditionExpression="pk = :p AND sk BETWEEN :lo AND :hi",
        ExpressionAttributeValues={":p": {"S": workspace_id}, ":lo": {"S": lower}, ":hi": {"S": upper}},
    )
    return [deserialize(item) for item in items]


def _counter_add(workspace_id: str, sk: str, counts: dict[str, int]) -> dict[str, Any]:
    names = {f"#c{i}": name for i, name in enumerate(counts)}
    values = {f":c{i}": {"N": str(n)} for i, n in enumerate(counts.values())}
    return {
        "Update": {
            "TableName": report_counters_table(),
            "Key": keys.dynamo_key(pk=workspace_id, sk=sk),
            "UpdateExpression": "ADD " + ", ".join(f"#c{i} :c{i}" for i in range(len(counts))),
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": values,
        }
    }


def add_counters_once(marker_id: str, increments: Sequence[tuple[tuple[str, str], dict[str, int]]]) -> bool:
    """ADD increments to counter items (at most 99) together with a marker, in one transaction.

    Stream delivery is at least once: a retried batch finds its marker and adds nothing. Returns
    False when the marker existed. A conflict with a concurrent batch raises, so Lambda retries.
    """
    items = [marker_put({"id": marker_id, "expiration": int(time.time()) + COUNTER_MARKER_TTL_SECONDS})]
    items += [_counter_add(workspace_id, sk, counts) for (workspace_id, sk), counts in increments if counts]
    if len(items) > TRANSACTION_LIMIT:
        raise ValueError(f"at most {TRANSACTION_LIMIT - 1} counter items per transaction")
    try:
        transact(items)
    except Cancelled as cancelled:
        if cancelled.reasons[:1] == ["ConditionalCheckFailed"]:
            return False
        raise cancelled.classified() from cancelled.cause
    return True


def add_counter_batch(batch_key: str, increments: Sequence[tuple[tuple[str, str], dict[str, int]]]) -> int:
    """Fold a stream batch's increments into the counters, one transaction per 99 counter items,
    each with a marker named after the batch and chunk, so a retried batch skips what it applied.
    Returns the counter items updated."""
    size = TRANSACTION_LIMIT - 1
    updated = 0
    for index in range(0, len(increments), size):
        chunk = increments[index : index + size]
        if add_counters_once(f"report-batch#{batch_key}#{index // size}", chunk):
            updated += len(chunk)
    return updated
