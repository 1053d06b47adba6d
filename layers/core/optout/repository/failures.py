"""The delivery failures store: a broadcast's failures are one paginated Query, and "did this
number fail in this broadcast" one GetItem."""

from __future__ import annotations

import time
from typing import Any

from optout.models import BroadcastFailure
from optout.repository import keys
from optout.repository.dynamo import call, delivery_failures_table, query_page, serialize, strip

FAILURE_TTL_SECONDS = 400 * 24 * 3600  # a year of reports, and a margin


def failure_put(failure: BroadcastFailure) -> dict[str, Any]:
    """The transaction item recording a failure; a later failure of the same number replaces it."""
    item = failure.model_dump(mode="python", exclude_none=True)
    item["pk"] = keys.broadcast_partition(failure.workspace_id, failure.broadcast_id)
    item["sk"] = failure.phone
    item["expiration"] = int(time.time()) + FAILURE_TTL_SECONDS
    return {"Put": {"TableName": delivery_failures_table(), "Item": serialize(item)}}


def _item_to_failure(item: dict[str, Any]) -> BroadcastFailure:
    return BroadcastFailure.model_validate(strip(item, "pk", "sk", "expiration"))


def get_broadcast_failure(workspace_id: str, broadcast_id: str, phone: str) -> BroadcastFailure | None:
    response = call(
        "get_item",
        TableName=delivery_failures_table(),
        Key=keys.dynamo_key(pk=keys.broadcast_partition(workspace_id, broadcast_id), sk=phone),
        ConsistentRead=True,
    )
    item = response.get("Item")
    return _item_to_failure(item) if item else None


def query_broadcast_failures(
    workspace_id: str, broadcast_id: str, *, limit: int, start_key: dict[str, Any] | None = None
) -> tuple[list[BroadcastFailure], dict[str, Any] | None]:
    """One broadcast's failures, by number."""
    items, last_key = query_page(
        delivery_failures_table(),
        "pk",
        keys.broadcast_partition(workspace_id, broadcast_id),
        limit=limit,
        start_key=start_key,
        key_names=frozenset({"pk", "sk"}),
    )
    return [_item_to_failure(item) for item in items], last_key
