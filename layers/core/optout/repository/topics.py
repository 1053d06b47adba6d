"""The consent topics store (AccountsTable in template.yaml): a workspace's topics, their count and
the append-only log of every change to them.

- `WS#{id}` / `TOPIC#{topic}`: the topic's definition as it is now, with who changed it last and a
  version that makes each change conditional on the one read;
- `WS#{id}` / `TOPICS`: how many topics the workspace has. Creating a topic adds one on condition
  that the count is below the limit, in the same transaction, so two creators racing for the last
  place cannot both win;
- `WS#{id}` / `TOPICLOG#{at}#{change id}`: one item per change (who, when, before and after),
  written once in the same transaction as the change. The log sits beside the topics rather than
  in the events table: a topic is a workspace setting, not a contact's consent, and the events
  table's partitions are contacts and its stream feeds the reports.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from pydantic import Field

from optout.errors import Conflict
from optout.models import DeferredModel, Initiator
from optout.repository import keys
from optout.repository.dynamo import Cancelled, accounts_table, query_all, serialize, strip
from optout.repository.unit_of_work import TransactionConflict, transact


class Topic(DeferredModel):
    """A workspace's consent topic (rules.topic_consent.TopicDefinition is how the rules see it)."""

    workspace_id: str
    id: str
    name: str
    express_consent: bool = False
    keywords: list[str] = Field(default_factory=list)
    created_at: datetime
    updated_at: datetime
    updated_by: Initiator
    version: int = 0

    def definition(self) -> dict[str, Any]:
        """What a change of the topic changes (the log keeps it before and after)."""
        return {"name": self.name, "express_consent": self.express_consent, "keywords": list(self.keywords)}


class TopicLimitReached(Conflict):
    code = "topic_limit"

    def __init__(self, limit: int) -> None:
        super().__init__(f"a workspace has at most {limit} topics", details={"limit": limit})


def _from_item(raw: dict[str, Any]) -> Topic:
    return Topic.model_validate(strip(raw, "pk", "sk"))


def list_topics(workspace_id: str) -> list[Topic]:
    """The workspace's topics, by id (strongly consistent: a PUT is seen by the next request)."""
    items = query_all(
        TableName=accounts_table(),
        KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
        ExpressionAttributeValues={":p": {"S": keys.workspace_pk(workspace_id)}, ":s": {"S": keys.TOPIC_PREFIX}},
        ConsistentRead=True,
    )
    return sorted((_from_item(raw) for raw in items), key=lambda topic: topic.id)


def _topic_put(topic: Topic, previous: Topic | None) -> dict[str, Any]:
    item = {**topic.model_dump(mode="python", exclude_none=True), **keys.topic_key(topic.workspace_id, topic.id)}
    put: dict[str, Any] = {"TableName": accounts_table(), "Item": serialize(item)}
    if previous is None:
        put["ConditionExpression"] = "attribute_not_exists(pk)"
    else:
        put["ConditionExpression"] = "version = :v"
        put["ExpressionAttributeValues"] = {":v": {"N": str(previous.version)}}
    return {"Put": put}


def _count_up(workspace_id: str, limit: int) -> dict[str, Any]:
    return {
        "Update": {
            "TableName": accounts_table(),
            "Key": keys.dynamo_key(**keys.topic_count_key(workspace_id)),
            "UpdateExpression": "SET topics = if_not_exists(topics, :zero) + :one",
            "ConditionExpression": "attribute_not_exists(topics) OR topics < :limit",
            "ExpressionAttributeValues": {":zero": {"N": "0"}, ":one": {"N": "1"}, ":limit": {"N": str(limit)}},
        }
    }


def _log_put(topic: Topic, previous: Topic | None) -> dict[str, Any]:
    change_id = secrets.token_hex(8)
    item = {
        **keys.topic_log_key(topic.workspace_id, topic.updated_at, change_id),
        "change_id": change_id,
        "topic": topic.id,
        "at": topic.updated_at,
        "by": topic.updated_by.model_dump(mode="python", exclude_none=True),
        "after": topic.definition(),
    }
    if previous is not None:
        item["before"] = previous.definition()
    return {
        "Put": {
            "TableName": accounts_table(),
            "Item": serialize(item),
            "ConditionExpression": "attribute_not_exists(pk)",
        }
    }


def save_topic(topic: Topic, *, previous: Topic | None, limit: int) -> None:
    """Create (`previous` None) or change a topic, with its log item, in one transaction.

    A topic created or changed meanwhile raises TransactionConflict (read again and decide); a
    creation beyond `limit` topics raises TopicLimitReached.
    """
    items = [_topic_put(topic, previous), _log_put(topic, previous)]
    if previous is None:
        items.append(_count_up(topic.workspace_id, limit))
    try:
        transact(items)
    except Cancelled as cancelled:
        reasons = cancelled.reasons
        if len(reasons) == 3 and reasons[2] == "ConditionalCheckFailed" and reasons[0] != "ConditionalCheckFailed":
            raise TopicLimitReached(limit) from None
        if "ConditionalCheckFailed" in reasons or not reasons:
            raise TransactionConflict([0]) from None
        raise cancelled.classified() from cancelled.cause


def list_topic_log(workspace_id: str) -> list[dict[str, Any]]:
    """Every change to the workspace's topics, oldest first."""
    items = query_all(
        TableName=accounts_table(),
        KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
        ExpressionAttributeValues={":p": {"S": keys.workspace_pk(workspace_id)}, ":s": {"S": keys.TOPIC_LOG_PREFIX}},
        ConsistentRead=True,
    )
    return [strip(raw, "pk", "sk") for raw in items]
