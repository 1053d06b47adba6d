"""The accounts store: workspaces, API keys (by hash and by workspace) and the list of workspaces."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from optout.errors import NotFound
from optout.models import ApiKey, Workspace, iso
from optout.repository import keys
from optout.repository.dynamo import accounts_table, call, query_all, serialize, strip
from optout.repository.unit_of_work import transact_or_conflict


def put_new(table: str, item: dict[str, Any]) -> dict[str, Any]:
    """A transaction Put that never overwrites an existing item."""
    return {"Put": {"TableName": table, "Item": serialize(item), "ConditionExpression": "attribute_not_exists(pk)"}}


def _workspace_item(workspace: Workspace) -> dict[str, Any]:
    data = workspace.model_dump(mode="python", exclude_none=True)
    return {"pk": keys.workspace_pk(workspace.id), "sk": "WORKSPACE", **data}


def workspace_index_item(workspace: Workspace) -> dict[str, Any]:
    """The workspace's entry in the WORKSPACES partition, which the report job Queries."""
    return {"pk": keys.WORKSPACES_PK, "sk": workspace.id, "name": workspace.name, "created_at": workspace.created_at}


def _api_key_items(key: ApiKey) -> tuple[dict[str, Any], dict[str, Any]]:
    data = key.model_dump(mode="python", exclude_none=True)
    by_hash = {**data, **keys.api_key_by_hash(key.key_hash)}
    by_workspace = {**data, **keys.api_key_by_workspace(key.workspace_id, key.key_id)}
    return by_hash, by_workspace


def workspace_exists(workspace_id: str) -> dict[str, Any]:
    """A transaction check that the workspace exists."""
    return {
        "ConditionCheck": {
            "TableName": accounts_table(),
            "Key": keys.workspace_key(workspace_id),
            "ConditionExpression": "attribute_exists(pk)",
        }
    }


def create_workspace(workspace: Workspace, first_key: ApiKey, *, extra_items: Sequence[dict[str, Any]] = ()) -> None:
    """Create a workspace and its first admin key together (with `extra_items`, such as its admin count)."""
    by_hash, by_workspace = _api_key_items(first_key)
    table = accounts_table()
    items = [_workspace_item(workspace), by_hash, by_workspace, workspace_index_item(workspace)]
    transact_or_conflict([*(put_new(table, item) for item in items), *extra_items])


def get_workspace(workspace_id: str) -> Workspace:
    response = call("get_item", TableName=accounts_table(), Key=keys.workspace_key(workspace_id))
    item = response.get("Item")
    if not item:
        raise NotFound("workspace not found", code="workspace_not_found")
    return Workspace.model_validate(strip(item, "pk", "sk"))


def save_workspace(workspace: Workspace, *, expected_version: int) -> None:
    call(
        "put_item",
        TableName=accounts_table(),
        Item=serialize(_workspace_item(workspace)),
        ConditionExpression="version = :v",
        ExpressionAttributeValues={":v": {"N": str(expected_version)}},
    )


def put_api_key(key: ApiKey, *, extra_items: Sequence[dict[str, Any]] = ()) -> None:
    """Store a new key; `extra_items` land in the same transaction (an admin key's count)."""
    by_hash, by_workspace = _api_key_items(key)
    table = accounts_table()
    # The workspace must exist: keys are never created for a missing one.
    transact_or_conflict(
        [put_new(table, by_hash), put_new(table, by_workspace), workspace_exists(key.workspace_id), *extra_items]
    )


def _item_to_api_key(item: dict[str, Any]) -> ApiKey:
    return ApiKey.model_validate(strip(item, "pk", "sk"))


def get_api_key_by_hash(key_hash: str) -> ApiKey | None:
    item = call("get_item", TableName=accounts_table(), Key=keys.dynamo_key(**keys.api_key_by_hash(key_hash))).get(
        "Item"
    )
    return _item_to_api_key(item) if item else None


def workspace_items(workspace_id: str, prefix: str) -> list[dict[str, Any]]:
    """Every accounts item of a workspace whose sort key starts with `prefix` (a few, by design)."""
    return list(
        query_all(
            TableName=accounts_table(),
            KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
            ExpressionAttributeValues={":p": {"S": keys.workspace_pk(workspace_id)}, ":s": {"S": prefix}},
        )
    )


def list_api_keys(workspace_id: str) -> list[ApiKey]:
    return [_item_to_api_key(item) for item in workspace_items(workspace_id, "APIKEY#")]


def api_key_revocation(key: ApiKey, revoked_at: datetime) -> list[dict[str, Any]]:
    """The transaction items revoking a key (both of its items, each only if still live);
    admin_count.revoke writes them with the workspace's admin count."""
    update = {
        "UpdateExpression": "SET revoked_at = :t",
        "ConditionExpression": "attribute_exists(pk) AND attribute_not_exists(revoked_at)",
        "ExpressionAttributeValues": {":t": {"S": iso(revoked_at)}},
    }
    records = (keys.api_key_by_hash(key.key_hash), keys.api_key_by_workspace(key.workspace_id, key.key_id))
    return [{"Update": {"TableName": accounts_table(), "Key": keys.dynamo_key(**r), **update}} for r in records]


def iter_workspace_ids() -> Iterator[str]:
    for item in query_all(
        TableName=accounts_table(),
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": keys.WORKSPACES_PK}},
        ProjectionExpression="sk",
    ):
        yield item["sk"]["S"]
