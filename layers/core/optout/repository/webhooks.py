"""The webhooks store (WebhooksTable): registered endpoints, per-endpoint delivered markers and the
delivery log. Key formats (the revocation ledger's are in revocation_acks.py):

- a webhook: `pk = WS#{workspace}`, `sk = WEBHOOK#{id}` (a workspace's list is one Query);
- delivered: `pk = DELIVERED#{workspace}#{event id}`, `sk = {webhook id}`, written once when an
  endpoint answered 2xx, so a retried message re-sends only to the endpoints that failed; it
  expires long after the queue's retention;
- an attempt: `pk = LOG#{workspace}#{webhook id}`, `sk = {attempted_at}#{event id}#{attempt}`, read
  newest first, expiring after 30 days.
"""

from __future__ import annotations

import time
from contextlib import suppress
from typing import Any

from optout.config import settings
from optout.errors import Conflict
from optout.models import iso
from optout.repository.dynamo import call, query_all, query_page, serialize, strip
from optout.repository.keys import dynamo_key
from optout.webhook_records import DeliveryAttempt, Webhook

LOG_TTL_SECONDS = 30 * 86_400
DELIVERED_TTL_SECONDS = 30 * 86_400  # the queue keeps a message 4 days at most
_KEY_NAMES = frozenset({"pk", "sk"})


def webhooks_table() -> str:
    return settings().require("webhooks_table")


def _workspace_pk(workspace_id: str) -> str:
    return f"WS#{workspace_id}"


def _log_pk(workspace_id: str, webhook_id: str) -> str:
    return f"LOG#{workspace_id}#{webhook_id}"


def put_webhook(webhook: Webhook) -> None:
    item = {"pk": _workspace_pk(webhook.workspace_id), "sk": f"WEBHOOK#{webhook.id}", **webhook.model_dump()}
    call("put_item", TableName=webhooks_table(), Item=serialize(item), ConditionExpression="attribute_not_exists(pk)")


def get_webhook(workspace_id: str, webhook_id: str) -> Webhook | None:
    response = call(
        "get_item",
        TableName=webhooks_table(),
        Key=dynamo_key(pk=_workspace_pk(workspace_id), sk=f"WEBHOOK#{webhook_id}"),
        ConsistentRead=True,
    )
    item = response.get("Item")
    return Webhook.model_validate(strip(item, "pk", "sk")) if item else None


def list_webhooks(workspace_id: str) -> list[Webhook]:
    items = query_all(
        TableName=webhooks_table(),
        KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
        ExpressionAttributeValues={":p": {"S": _workspace_pk(workspace_id)}, ":s": {"S": "WEBHOOK#"}},
        ConsistentRead=True,
    )
    return [Webhook.model_validate(strip(item, "pk", "sk")) for item in items]


def delete_webhook(workspace_id: str, webhook_id: str) -> None:
    call("delete_item", TableName=webhooks_table(), Key=dynamo_key(pk=_workspace_pk(workspace_id), sk=f"WEBHOOK#{webhook_id}"))


def delivered_to(workspace_id: str, event_id: str) -> set[str]:
    """The webhooks that took this event already (answered 2xx)."""
    items = query_all(
        TableName=webhooks_table(),
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": f"DELIVERED#{workspace_id}#{event_id}"}},
        ProjectionExpression="sk",
        ConsistentRead=True,
    )
    return {item["sk"]["S"] for item in items}


def put_delivered(workspace_id: str, event_id: str, webhook_id: str) -> None:
    item = {
        "pk": f"DELIVERED#{workspace_id}#{event_id}",
        "sk": webhook_id,
        "expiration": int(time.time()) + DELIVERED_TTL_SECONDS,
    }
    with suppress(Conflict):  # delivered twice (a concurrent redelivery): the first marker stands
        call("put_item", TableName=webhooks_table(), Item=serialize(item), ConditionExpression="attribute_not_exists(pk)")


def put_attempt(workspace_id: str, attempt: DeliveryAttempt) -> None:
    sort_key = f"{iso(attempt.attempted_at)}#{attempt.event_id}#{attempt.attempt:03d}"
    item = {
        "pk": _log_pk(workspace_id, attempt.webhook_id),
        "sk": sort_key,
        "expiration": int(time.time()) + LOG_TTL_SECONDS,
        **attempt.model_dump(),
    }
    call("put_item", TableName=webhooks_table(), Item=serialize(item))


def query_attempts(
    workspace_id: str, webhook_id: str, *, limit: int, start_key: dict[str, Any] | None
) -> tuple[list[DeliveryAttempt], dict[str, Any] | None]:
    """One page of a webhook's delivery log, newest first."""
    items, last_key = query_page(
        webhooks_table(),
        "pk",
        _log_pk(workspace_id, webhook_id),
        limit=limit,
        start_key=start_key,
        key_names=_KEY_NAMES,
        newest_first=True,
    )
    return [DeliveryAttempt.model_validate(strip(item, "pk", "sk", "expiration")) for item in items], last_key
