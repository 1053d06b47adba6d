"""DynamoDB mechanics shared by every store: the client, table names, (de)serialisation, the one
ClientError mapper, the BatchGetItem retry and the Query pager. Nothing here calls Scan."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from optout import storage_errors
from optout.config import settings
from optout.errors import Conflict, StorageError
from optout.models import iso
from optout.repository.cursors import check_start_key, invalid_cursor

BATCH_GET_LIMIT = 100
_MAX_BATCH_RETRIES = 8

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


@cache
def dynamodb_client() -> Any:
    """One client per process, shared by threads (botocore clients are thread-safe)."""
    config = Config(retries={"mode": "standard", "max_attempts": 5}, max_pool_connections=32)
    return boto3.client("dynamodb", config=config)


def contacts_table() -> str:
    return settings().require("contacts_table")


def events_table() -> str:
    return settings().require("events_table")


def accounts_table() -> str:
    return settings().require("accounts_table")


def idempotency_table() -> str:
    return settings().require("idempotency_table")


def delivery_failures_table() -> str:
    return settings().require("delivery_failures_table")


def report_counters_table() -> str:
    return settings().require("report_counters_table")


def review_table() -> str:
    return settings().require("review_queue_table")


def send_checks_table() -> str:
    return settings().require("send_checks_table")


# --- serialisation -------------------------------------------------------------------------


def _to_dynamo_value(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, dict):
        return {k: _to_dynamo_value(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_to_dynamo_value(v) for v in value]
    return value


def _from_dynamo_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _from_dynamo_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_dynamo_value(v) for v in value]
    return value


def serialize(item: dict[str, Any]) -> dict[str, Any]:
    plain = _to_dynamo_value(item)
    return {k: _serializer.serialize(v) for k, v in plain.items()}


def deserialize(item: dict[str, Any]) -> dict[str, Any]:
    return {k: _from_dynamo_value(_deserializer.deserialize(v)) for k, v in item.items()}


def strip(item: dict[str, Any], *names: str) -> dict[str, Any]:
    """A deserialised item without its key attributes (`names`), ready for a model."""
    data = deserialize(item)
    for name in names:
        data.pop(name, None)
    return data


# --- errors ----------------------------------------------------------------------------------


class Cancelled(Conflict):
    """A cancelled TransactWriteItems. `reasons` holds each item's cancellation code, in order
    ("None" for an item that was fine); each caller decides what a cancellation means to it and
    hands anything else to `classified()`."""

    def __init__(self, reasons: list[str], cause: ClientError) -> None:
        super().__init__("the record changed meanwhile; retry")
        self.reasons = reasons
        self.cause = cause

    def classified(self) -> Exception:
        return storage_errors.classify(self.cause)


def map_error(exc: Exception, *, cursor: bool = False) -> Exception:
    """The one mapping of a failed request to a domain error: a failed condition is a Conflict, a
    refused start key an invalid cursor, a cancelled transaction `Cancelled`; storage_errors
    classifies everything else (transient 503, refused 4xx, fault 500)."""
    if isinstance(exc, ClientError):
        code = storage_errors.error_code(exc)
        if code == "ConditionalCheckFailedException":
            return Conflict("the record changed meanwhile; retry")
        if code == "ValidationException" and cursor:
            return invalid_cursor()
        if code == "TransactionCanceledException":
            return Cancelled([str(r.get("Code")) for r in storage_errors.cancellation_reasons(exc)], exc)
    return storage_errors.classify(exc)


def error_cause(mapped: Exception, exc: Exception) -> Exception | None:
    # A conflict or a bad cursor is the caller's; only storage faults keep botocore's trace.
    return None if isinstance(mapped, Conflict) or getattr(mapped, "code", "") == "invalid_cursor" else exc


def call(operation: str, **kwargs: Any) -> dict[str, Any]:
    """One DynamoDB request, with AWS errors mapped to domain errors."""
    try:
        return getattr(dynamodb_client(), operation)(**kwargs)  # type: ignore[no-any-return]
    except (ClientError, BotoCoreError) as exc:
        mapped = map_error(exc, cursor="ExclusiveStartKey" in kwargs)
        raise mapped from error_cause(mapped, exc)


# --- reads -----------------------------------------------------------------------------------


def batch_get(request: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """One BatchGetItem (at most 100 keys), retrying only the unprocessed keys with backoff.
    Returns the raw items by table."""
    found: dict[str, list[dict[str, Any]]] = {table: [] for table in request}
    pending = request
    for attempt in range(_MAX_BATCH_RETRIES):
        response = call("batch_get_item", RequestItems=pending)
        for table, items in response.get("Responses", {}).items():
            found.setdefault(table, []).extend(items)
        pending = response.get("UnprocessedKeys") or {}
        if not pending:
            return found
        time.sleep(min(0.05 * 2**attempt, 1.0))
    raise StorageError("the database is throttling reads; retry shortly")


def batch_get_keys(
    table: str, keys: Sequence[dict[str, Any]], *, projection: Sequence[str] | None = None
) -> Iterator[dict[str, Any]]:
    """Strongly consistent reads of many keys of one table: one `batch_get` per 100 keys. Yields
    the raw items found, in no particular order."""
    for start in range(0, len(keys), BATCH_GET_LIMIT):
        request: dict[str, Any] = {"Keys": list(keys[start : start + BATCH_GET_LIMIT]), "ConsistentRead": True}
        if projection:
            names = {f"#a{i}": name for i, name in enumerate(projection)}
            request["ProjectionExpression"] = ", ".join(names)
            request["ExpressionAttributeNames"] = names
        yield from batch_get({table: request})[table]


def query_all(**kwargs: Any) -> Iterator[dict[str, Any]]:
    """Every item a Query matches, page by page."""
    while True:
        response = call("query", **kwargs)
        yield from response.get("Items", [])
        if not response.get("LastEvaluatedKey"):
            return
        kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]


def query_page(
    table: str,
    key_name: str,
    partition: str,
    *,
    limit: int,
    start_key: dict[str, Any] | None,
    key_names: frozenset[str],
    index: str | None = None,
    newest_first: bool = False,
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """One page of one partition (of a table or an index). `key_names` are the attributes of a
    start key (the index's and the table's keys). A start key from another partition, such as a
    cursor of another workspace, is refused rather than followed."""
    if start_key is not None:
        check_start_key(start_key, key_names, key_name, partition)
    kwargs: dict[str, Any] = {
        "TableName": table,
        "KeyConditionExpression": f"{key_name} = :p",
        "ExpressionAttributeValues": {":p": {"S": partition}},
        "Limit": limit,
    }
    if index:
        kwargs["IndexName"] = index
    if newest_first:
        kwargs["ScanIndexForward"] = False
    if start_key:
        kwargs["ExclusiveStartKey"] = start_key
    response = call("query", **kwargs)
    return response.get("Items", []), response.get("LastEvaluatedKey")
