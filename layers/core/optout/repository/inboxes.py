"""The inboxes store: each inbox number by number (who owns it) and by workspace (its list)."""

from __future__ import annotations

from typing import Any

from optout.models import Inbox
from optout.repository import keys
from optout.repository.accounts import workspace_items
from optout.repository.dynamo import accounts_table, call, serialize, strip
from optout.repository.unit_of_work import transact_or_conflict


def _inbox_items(inbox: Inbox) -> tuple[dict[str, Any], dict[str, Any]]:
    data = inbox.model_dump(mode="python", exclude_none=True)
    return (
        {**data, **keys.inbox_by_number(inbox.number)},
        {**data, **keys.inbox_by_workspace(inbox.workspace_id, inbox.number)},
    )


def _item_to_inbox(item: dict[str, Any]) -> Inbox:
    return Inbox.model_validate(strip(item, "pk", "sk"))


def get_inbox(number: str) -> Inbox | None:
    response = call("get_item", TableName=accounts_table(), Key=keys.dynamo_key(**keys.inbox_by_number(number)))
    item = response.get("Item")
    return _item_to_inbox(item) if item else None


def put_inbox(inbox: Inbox) -> None:
    """Register or update an inbox; refused if the number belongs to another workspace."""
    by_number, by_workspace = _inbox_items(inbox)
    table = accounts_table()
    owned = {
        "ConditionExpression": "attribute_not_exists(pk) OR workspace_id = :ws",
        "ExpressionAttributeValues": {":ws": {"S": inbox.workspace_id}},
    }
    transact_or_conflict(
        [
            {"Put": {"TableName": table, "Item": serialize(by_number), **owned}},
            {"Put": {"TableName": table, "Item": serialize(by_workspace)}},
        ]
    )


def delete_inbox(inbox: Inbox) -> None:
    table = accounts_table()
    owned = {
        "ConditionExpression": "workspace_id = :ws",
        "ExpressionAttributeValues": {":ws": {"S": inbox.workspace_id}},
    }
    by_workspace = keys.inbox_by_workspace(inbox.workspace_id, inbox.number)
    transact_or_conflict(
        [
            {"Delete": {"TableName": table, "Key": keys.dynamo_key(**keys.inbox_by_number(inbox.number)), **owned}},
            {"Delete": {"TableName": table, "Key": keys.dynamo_key(**by_workspace)}},
        ]
    )


def list_inboxes(workspace_id: str) -> list[Inbox]:
    return [_item_to_inbox(item) for item in workspace_items(workspace_id, "INBOX#")]
