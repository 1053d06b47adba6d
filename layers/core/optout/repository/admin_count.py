"""Storage of the workspace's count of live admin keys, which keeps its last admin key unrevocable.

Only an admin key can change settings or create keys, so a workspace whose last admin key is
revoked is locked out of itself. The count is one accounts item (`WS#{id}` / `ADMINS`, attribute
`live`). Creating an admin key adds one in the key's own transaction; revoking one subtracts one in
the revocation's transaction, on condition that more than one is left. DynamoDB checks the
condition and applies the change atomically, so two admins revoking each other's keys at once
cannot both succeed: one transaction sees a count of 1 and is cancelled. A read-then-write check
("are there other admins?") could not give that guarantee.

Workspaces created before the count existed get it on first use: counted from their keys and
written only if still absent, so a concurrent first use never doubles it. Keys cannot be created
or revoked without the count, so nothing changes between the counting and the writing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from optout.errors import Conflict
from optout.models import ApiKey, Role, Workspace
from optout.observability import logger
from optout.repository import accounts, keys
from optout.repository.dynamo import Cancelled, accounts_table, call
from optout.repository.unit_of_work import TransactionConflict, retry_on_conflict, transact

COUNT_SK = keys.ADMIN_COUNT_SK


class LastAdminKey(Conflict):
    code = "last_admin_key"

    def __init__(self) -> None:
        super().__init__("this is the workspace's last admin key; create another admin key before revoking this one")


def _count_key(workspace_id: str) -> dict[str, Any]:
    return keys.admin_count_key(workspace_id)


def _new_count(workspace_id: str, live: int) -> dict[str, Any]:
    item = {**_count_key(workspace_id), "live": {"N": str(live)}}
    return {
        "Put": {
            "TableName": accounts_table(),
            "Item": item,
            "ConditionExpression": "attribute_not_exists(pk)",
        }
    }


def _change_count(workspace_id: str, delta: int) -> dict[str, Any]:
    # Adding needs the count to exist (see ensure_count); taking one away needs two or more.
    condition = "attribute_exists(live)" if delta > 0 else "live > :one"
    return {
        "Update": {
            "TableName": accounts_table(),
            "Key": _count_key(workspace_id),
            "UpdateExpression": "SET live = live + :delta",
            "ConditionExpression": condition,
            "ExpressionAttributeValues": {":delta": {"N": str(delta)}, **({":one": {"N": "1"}} if delta < 0 else {})},
        }
    }


def create_workspace(workspace: Workspace, first_key: ApiKey) -> None:
    """The workspace, its first admin key and a count of 1, in one transaction."""
    accounts.create_workspace(workspace, first_key, extra_items=[_new_count(workspace.id, 1)])


def _has_count(workspace_id: str) -> bool:
    found = call(
        "get_item", TableName=accounts_table(), Key=_count_key(workspace_id), ConsistentRead=True
    )
    return "Item" in found


def ensure_count(workspace_id: str) -> None:
    """Write the count of a workspace that has none yet (created before it existed)."""
    if _has_count(workspace_id):
        return
    live = sum(1 for k in accounts.list_api_keys(workspace_id) if k.role is Role.ADMIN and not k.is_revoked)
    try:
        _write([_new_count(workspace_id, live), accounts.workspace_exists(workspace_id)])
    except Cancelled as cancelled:
        if cancelled.reasons[:1] != ["ConditionalCheckFailed"]:
            raise Conflict("the workspace's keys are changing; retry") from None
        return  # written meanwhile by another request: that count is as good as this one
    logger.info("admin key count initialised", extra={"workspace_id": workspace_id, "admin_keys": live})


def add_key(key: ApiKey) -> None:
    """Store a new key; an admin key adds one to the count in the same transaction."""
    if key.role is not Role.ADMIN:
        accounts.put_api_key(key)
        return
    ensure_count(key.workspace_id)
    accounts.put_api_key(key, extra_items=[_change_count(key.workspace_id, +1)])


def _write(items: list[dict[str, Any]]) -> None:
    """One transaction; raises `Cancelled` for a failed condition or a lost race, which the
    callers tell apart by the reasons' positions."""
    try:
        transact(items)
    except Cancelled as cancelled:
        if {"ConditionalCheckFailed", "TransactionConflict"} & set(cancelled.reasons):
            raise
        raise cancelled.classified() from cancelled.cause


def _revoke_once(items: list[dict[str, Any]]) -> None:
    """One try at the revocation: a failed condition says why it cannot be done; a race lost to
    another transaction is a TransactionConflict, which retry_on_conflict tries again."""
    try:
        _write(items)
    except Cancelled as cancelled:
        if "ConditionalCheckFailed" in cancelled.reasons[:2]:
            raise Conflict("the key was revoked meanwhile", code="api_key_revoked") from None
        if "ConditionalCheckFailed" in cancelled.reasons[2:]:  # the count: this is the last admin key
            raise LastAdminKey() from None
        raise TransactionConflict(list(range(len(items)))) from None


def revoke(key: ApiKey, revoked_at: datetime) -> None:
    """Revoke a key; an admin key only while another live admin key remains (else LastAdminKey)."""
    items = accounts.api_key_revocation(key, revoked_at)
    if key.role is Role.ADMIN:
        ensure_count(key.workspace_id)
        items.append(_change_count(key.workspace_id, -1))
    try:
        retry_on_conflict(lambda: _revoke_once(items), attempts=4)
    except TransactionConflict:
        raise Conflict("the workspace's keys are changing; retry") from None
