"""The revocation ledger and its acknowledgements, in WebhooksTable.

- a revocation, as the sender first saw it: `pk = REV#{workspace}#{event id}`, `sk = REVOCATION`,
  with `pending`, the string set of the webhooks that still owe an acknowledgement. While it is not
  empty the item carries the sparse Unacknowledged index's keys, `unacked_pk = {workspace}` and
  `unacked_sk = {honour_by}#{event id}`, so the report reads only unacknowledged revocations, by
  deadline, and never filters;
- an acknowledgement: the same `pk`, `sk = ACK#{webhook id}`, written once (who and when) and never
  changed. It is written in one transaction with the removal of the webhook from `pending`.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from optout.errors import Conflict
from optout.models import iso
from optout.repository.dynamo import Cancelled, call, query_all, query_page, serialize, strip
from optout.repository.keys import dynamo_key
from optout.repository.unit_of_work import transact
from optout.repository.webhooks import webhooks_table
from optout.webhook_records import Acknowledgement, Revocation

UNACKED_INDEX = "Unacknowledged"
_LEDGER_SK = "REVOCATION"
_INDEX_KEY_NAMES = frozenset({"unacked_pk", "unacked_sk", "pk", "sk"})


def _pk(workspace_id: str, event_id: str) -> str:
    return f"REV#{workspace_id}#{event_id}"


def _item_to_revocation(item: dict[str, Any]) -> Revocation:
    data = strip(item, "pk", "sk", "unacked_pk", "unacked_sk")
    data["pending"] = sorted(data.get("pending") or ())
    return Revocation.model_validate(data)


def put_revocation_once(revocation: Revocation) -> bool:
    """Record a revocation the first time the sender sees it; False if it is recorded already
    (a retried message keeps the subscribers of its first attempt)."""
    item = {"pk": _pk(revocation.workspace_id, revocation.event_id), "sk": _LEDGER_SK,
            **revocation.model_dump(exclude={"pending"})}
    typed = serialize(item)
    if revocation.pending:
        deadline = revocation.honour_by or revocation.occurred_at
        typed["pending"] = {"SS": sorted(revocation.pending)}
        typed["unacked_pk"] = {"S": revocation.workspace_id}
        typed["unacked_sk"] = {"S": f"{iso(deadline)}#{revocation.event_id}"}
    try:
        call("put_item", TableName=webhooks_table(), Item=typed, ConditionExpression="attribute_not_exists(pk)")
    except Conflict:
        return False
    return True


def get_revocation(workspace_id: str, event_id: str) -> Revocation | None:
    response = call(
        "get_item",
        TableName=webhooks_table(),
        Key=dynamo_key(pk=_pk(workspace_id, event_id), sk=_LEDGER_SK),
        ConsistentRead=True,
    )
    item = response.get("Item")
    return _item_to_revocation(item) if item else None


def acknowledge(workspace_id: str, ack: Acknowledgement, *, owed: bool) -> bool:
    """Write the acknowledgement and, if the webhook `owed` it (was in `pending`; the set only
    shrinks), take it off `pending`, together; False if this webhook acknowledged the event already
    (nothing changes then). The revocation must exist."""
    pk = _pk(workspace_id, ack.event_id)
    ack_item = {"pk": pk, "sk": f"ACK#{ack.webhook_id}", **ack.model_dump()}
    ledger: dict[str, Any] = {"TableName": webhooks_table(), "Key": dynamo_key(pk=pk, sk=_LEDGER_SK),
                              "ConditionExpression": "attribute_exists(pk)"}
    if owed:
        ledger.update(UpdateExpression="DELETE pending :w", ExpressionAttributeValues={":w": {"SS": [ack.webhook_id]}})
    try:
        transact([
            {"Put": {"TableName": webhooks_table(), "Item": serialize(ack_item),
                     "ConditionExpression": "attribute_not_exists(pk)"}},
            {"Update" if owed else "ConditionCheck": ledger},
        ])
    except Cancelled as cancelled:
        if cancelled.reasons[:1] == ["ConditionalCheckFailed"]:
            return False
        if "ConditionalCheckFailed" in cancelled.reasons:
            raise Conflict("the revocation is not recorded") from None
        raise cancelled.classified() from cancelled.cause
    if owed:
        _leave_index_when_settled(pk)
    return True


def _leave_index_when_settled(pk: str) -> None:
    # The last acknowledgement empties `pending` (DynamoDB removes an empty set): the item then
    # leaves the Unacknowledged index. A crash before this leaves it listed; readers skip it.
    with suppress(Conflict):  # others still owe an acknowledgement
        call(
            "update_item",
            TableName=webhooks_table(),
            Key=dynamo_key(pk=pk, sk=_LEDGER_SK),
            UpdateExpression="REMOVE unacked_pk, unacked_sk",
            ConditionExpression="attribute_exists(pk) AND attribute_not_exists(pending)",
        )


def get_acknowledgements(workspace_id: str, event_id: str) -> list[Acknowledgement]:
    items = query_all(
        TableName=webhooks_table(),
        KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
        ExpressionAttributeValues={":p": {"S": _pk(workspace_id, event_id)}, ":s": {"S": "ACK#"}},
        ConsistentRead=True,
    )
    return [Acknowledgement.model_validate(strip(item, "pk", "sk")) for item in items]


def query_unacknowledged(
    workspace_id: str, *, limit: int, start_key: dict[str, Any] | None
) -> tuple[list[Revocation], dict[str, Any] | None]:
    """One page of the workspace's revocations some subscriber has not acknowledged, earliest
    deadline first (an eventually consistent index read)."""
    items, last_key = query_page(
        webhooks_table(),
        "unacked_pk",
        workspace_id,
        limit=limit,
        start_key=start_key,
        key_names=_INDEX_KEY_NAMES,
        index=UNACKED_INDEX,
    )
    return [_item_to_revocation(item) for item in items], last_key
