"""The review queue store (ReviewQueueTable in template.yaml).

`pk = {workspace}`, `sk = {item id}`, so reading or resolving one item is one keyed request that
can never reach another workspace's item. The ByState index is keyed `state_pk = {workspace}#{state}`
and sorted by `state_sk = {received_at}#{id}`: one workspace's open (or resolved) items, newest
first, are one Query. Items come from people's replies that a person must read, so one partition
per workspace and state is far below a partition's limits.
"""

from __future__ import annotations

from typing import Any

from optout.errors import Conflict
from optout.repository import keys
from optout.repository.dynamo import call, query_page, review_table, serialize, strip
from optout.review import ReviewItem, ReviewResolution, ReviewState

INDEX = "ByState"


class AlreadyResolved(Conflict):
    code = "already_resolved"

    def __init__(self, item_id: str) -> None:
        super().__init__("this review item is resolved already", details={"id": item_id})


def state_partition(workspace_id: str, state: ReviewState) -> str:
    return keys.review_state_partition(workspace_id, state.value)


def _key(workspace_id: str, item_id: str) -> dict[str, Any]:
    return keys.dynamo_key(pk=workspace_id, sk=item_id)


def item_put(item: ReviewItem) -> dict[str, Any]:
    """The transaction item queueing a message, written with its idempotency marker."""
    record = item.model_dump(mode="python", exclude_none=True)
    record.update(
        pk=item.workspace_id,
        sk=item.id,
        state_pk=state_partition(item.workspace_id, item.state),
        state_sk=keys.review_state_sort_key(item.received_at, item.id),
    )
    # The marker already stops a retry; this stops anything from reopening a resolved item.
    return {
        "Put": {
            "TableName": review_table(),
            "Item": serialize(record),
            "ConditionExpression": "attribute_not_exists(pk)",
        }
    }


def _item_from(raw: dict[str, Any]) -> ReviewItem:
    return ReviewItem.model_validate(strip(raw, "pk", "sk", "state_pk", "state_sk"))


def get_item(workspace_id: str, item_id: str) -> ReviewItem | None:
    response = call("get_item", TableName=review_table(), Key=_key(workspace_id, item_id), ConsistentRead=True)
    raw = response.get("Item")
    return _item_from(raw) if raw else None


def query_items(
    workspace_id: str, state: ReviewState, *, limit: int, start_key: dict[str, Any] | None = None
) -> tuple[list[ReviewItem], dict[str, Any] | None]:
    """One page of a workspace's items in one state, newest first."""
    raws, last_key = query_page(
        review_table(),
        "state_pk",
        state_partition(workspace_id, state),
        limit=limit,
        start_key=start_key,
        key_names=frozenset({"state_pk", "state_sk", "pk", "sk"}),
        index=INDEX,
        newest_first=True,
    )
    return [_item_from(raw) for raw in raws], last_key


def resolution_update(item: ReviewItem, resolution: ReviewResolution) -> dict[str, Any]:
    """The transaction item resolving an open item; it fails (a conflict) if the item is resolved."""
    values = serialize(
        {
            ":resolved": ReviewState.RESOLVED.value,
            ":open": ReviewState.OPEN.value,
            ":partition": state_partition(item.workspace_id, ReviewState.RESOLVED),
            ":resolution": resolution.model_dump(mode="python", exclude_none=True),
        }
    )
    return {
        "Update": {
            "TableName": review_table(),
            "Key": _key(item.workspace_id, item.id),
            "UpdateExpression": "SET #state = :resolved, state_pk = :partition, resolution = :resolution",
            "ConditionExpression": "#state = :open",
            "ExpressionAttributeNames": {"#state": "state"},
            "ExpressionAttributeValues": values,
        }
    }


def resolve(item: ReviewItem, resolution: ReviewResolution) -> None:
    """Resolve an item whose resolution changes no contact (one UpdateItem)."""
    try:
        call("update_item", **resolution_update(item, resolution)["Update"])
    except Conflict:
        raise AlreadyResolved(item.id) from None
