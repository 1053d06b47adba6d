"""All DynamoDB access. Maps botocore's ClientError to domain errors; nothing here calls Scan.

Key design (see template.yaml):
- Contacts: `pk = {workspace}#{phone}`. A busy workspace's writes spread over one partition key
  per contact. The ByStatus index is keyed `{workspace}#{status}#{shard}` with 16 shards, so one
  status of one workspace is never a single hot index partition either.
- Consent events: `pk = {workspace}#{phone}`, `sk = {occurred_at}#{event_id}`: a contact's
  history is one Query, newest first.
- Accounts: workspaces (`WS#{id}` / `WORKSPACE`), API keys by hash (`APIKEY#{sha256}` /
  `APIKEY`) and by workspace (`WS#{id}` / `APIKEY#{key_id}`).
- Message delivery state: an idempotency marker
  `delivery#{workspace}#{inbox}#{provider}#{message id}#{recipient}` holding the message's final
  outcome, read with the contact in one BatchGetItem (keys and lifetimes: optout/idempotency.py).
- Delivery failures: `pk = {workspace}#{broadcast}`, `sk = {phone}`: a broadcast's failures are
  one paginated Query, and "did this number fail in this broadcast" one GetItem.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from optout import storage_errors
from optout.errors import Conflict, InvalidInput, NotFound, StorageError
from optout.models import (
    ApiKey,
    BroadcastFailure,
    ConsentEvent,
    Contact,
    ContactStatus,
    ContactWrite,
    Inbox,
    Reason,
    Workspace,
    iso,
)

STATUS_SHARDS = 16
AUTO_REASONS = frozenset({Reason.INTENT, Reason.FUZZY})
BATCH_GET_LIMIT = 100
TRANSACTION_LIMIT = 100
_MAX_BATCH_RETRIES = 8

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


@cache
def dynamodb_client() -> Any:
    """One client per process, shared by threads (botocore clients are thread-safe)."""
    config = Config(retries={"mode": "standard", "max_attempts": 5}, max_pool_connections=32)
    return boto3.client("dynamodb", config=config)


def contacts_table() -> str:
    return os.environ["CONTACTS_TABLE"]


def events_table() -> str:
    return os.environ["EVENTS_TABLE"]


def accounts_table() -> str:
    return os.environ["ACCOUNTS_TABLE"]


def idempotency_table() -> str:
    return os.environ["IDEMPOTENCY_TABLE"]


def delivery_failures_table() -> str:
    return os.environ["DELIVERY_FAILURES_TABLE"]


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


def encode_cursor(state: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(state, separators=(",", ":")).encode()).decode()


def _invalid_cursor() -> InvalidInput:
    return InvalidInput("cursor is not valid", code="invalid_cursor")


class _CursorState(dict[str, Any]):
    """A decoded cursor: a field it lacks makes the cursor invalid (a 400), not a KeyError."""

    def __missing__(self, key: str) -> Any:
        raise _invalid_cursor()


def decode_cursor(cursor: str) -> dict[str, Any]:
    try:
        state = json.loads(base64.urlsafe_b64decode(cursor.encode() + b"=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise _invalid_cursor() from None
    if not isinstance(state, dict) or not state:  # every cursor issued holds something
        raise _invalid_cursor()
    return _CursorState(state)


def _check_start_key(start_key: Any, key_names: frozenset[str], key_name: str, partition: str) -> None:
    """A cursor's DynamoDB key must be a whole key of this partition: every key attribute, each a
    string (all key attributes are). A partial or foreign key is refused rather than sent."""
    if not (
        isinstance(start_key, dict)
        and start_key.keys() == key_names
        and all(isinstance(v, dict) and v.keys() == {"S"} and isinstance(v["S"], str) for v in start_key.values())
        and start_key[key_name]["S"] == partition
    ):
        raise _invalid_cursor()


def _storage_error(exc: Exception) -> Exception:
    return storage_errors.classify(exc)


def _call(operation: str, **kwargs: Any) -> dict[str, Any]:
    """One DynamoDB request, with AWS errors mapped to domain errors."""
    try:
        return getattr(dynamodb_client(), operation)(**kwargs)  # type: ignore[no-any-return]
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if code == "ConditionalCheckFailedException":
            raise Conflict("the record changed meanwhile; retry") from None
        if code == "ValidationException" and "ExclusiveStartKey" in kwargs:
            raise _invalid_cursor() from None
        raise _storage_error(exc) from exc
    except BotoCoreError as exc:
        raise _storage_error(exc) from exc


# --- contacts --------------------------------------------------------------------------------


def contact_key(workspace_id: str, phone: str) -> str:
    return f"{workspace_id}#{phone}"


def status_shard(phone: str) -> int:
    return zlib.crc32(phone.encode()) % STATUS_SHARDS


def status_partition(workspace_id: str, status: ContactStatus, shard: int) -> str:
    return f"{workspace_id}#{status.value}#{shard:02d}"


def contact_to_item(contact: Contact) -> dict[str, Any]:
    item = contact.model_dump(mode="python", exclude_none=True)
    item["pk"] = contact_key(contact.workspace_id, contact.phone)
    if not contact.attributes:
        item.pop("attributes", None)
    if not contact.is_deleted:
        # Deleted profiles leave the index, so lists and bulk deletes never see them again.
        item["status_pk"] = status_partition(contact.workspace_id, contact.status, status_shard(contact.phone))
        item["status_sk"] = contact.phone
    return item


def contact_from_data(data: dict[str, Any]) -> Contact:
    """A contact from a deserialised item (key attributes are dropped)."""
    return Contact.model_validate({k: v for k, v in data.items() if k not in ("pk", "status_pk", "status_sk")})


def item_to_contact(item: dict[str, Any]) -> Contact:
    return contact_from_data(deserialize(item))


def get_contact(workspace_id: str, phone: str) -> Contact | None:
    response = _call(
        "get_item",
        TableName=contacts_table(),
        Key={"pk": {"S": contact_key(workspace_id, phone)}},
        ConsistentRead=True,
    )
    item = response.get("Item")
    return item_to_contact(item) if item else None


def batch_get_contacts(
    workspace_id: str, phones: Sequence[str], *, projection: Sequence[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Read many contacts, 100 keys per BatchGetItem, retrying only the unprocessed keys.

    Returns plain attribute dicts keyed by phone (callers that need a model build one).
    """
    found: dict[str, dict[str, Any]] = {}
    table = contacts_table()
    for start in range(0, len(phones), BATCH_GET_LIMIT):
        keys = [{"pk": {"S": contact_key(workspace_id, p)}} for p in phones[start : start + BATCH_GET_LIMIT]]
        request: dict[str, Any] = {"Keys": keys, "ConsistentRead": True}
        if projection:
            names = {f"#a{i}": name for i, name in enumerate(projection)}
            request["ProjectionExpression"] = ", ".join(names)
            request["ExpressionAttributeNames"] = names
        pending: dict[str, Any] = {table: request}
        for attempt in range(_MAX_BATCH_RETRIES):
            response = _call("batch_get_item", RequestItems=pending)
            for item in response.get("Responses", {}).get(table, []):
                data = deserialize(item)
                found[data["pk"].split("#", 1)[1]] = data
            pending = response.get("UnprocessedKeys") or {}
            if not pending:
                break
            time.sleep(min(0.05 * 2**attempt, 1.0))
        else:
            raise StorageError("the database is throttling reads; retry shortly")
    return found


def _event_to_item(event: ConsentEvent) -> dict[str, Any]:
    item = event.model_dump(mode="python", exclude_none=True)
    item["pk"] = contact_key(event.workspace_id, event.phone)
    item["sk"] = f"{iso(event.occurred_at)}#{event.event_id}"
    if event.reason in AUTO_REASONS and event.status is ContactStatus.OPTED_OUT:
        # Sparse index of automatic (intent and typo) opt-outs: the Auto Opt-Out folder.
        item["auto_pk"] = f"{event.workspace_id}#auto"
    item.update(report_index_keys(event))
    return item


def _transact_items(write: ContactWrite) -> list[dict[str, Any]]:
    key = {"pk": {"S": contact_key(write.contact.workspace_id, write.contact.phone)}}
    items: list[dict[str, Any]] = []
    if write.expected_version is None:
        condition: dict[str, Any] = {"ConditionExpression": "attribute_not_exists(pk)"}
    else:
        condition = {
            "ConditionExpression": "version = :expected",
            "ExpressionAttributeValues": {":expected": {"N": str(write.expected_version)}},
        }
    if write.delete:
        items.append({"Delete": {"TableName": contacts_table(), "Key": key, **condition}})
    else:
        item = serialize(contact_to_item(write.contact))
        items.append({"Put": {"TableName": contacts_table(), "Item": item, **condition}})
    if write.event is not None:
        items.append(
            {
                "Put": {
                    "TableName": events_table(),
                    "Item": serialize(_event_to_item(write.event)),
                    # Events are append-only: never overwrite one.
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            }
        )
    return items


class TransactionConflict(Conflict):
    """Some writes of a transaction lost a race; `failed` holds their indexes in the input."""

    def __init__(self, failed: list[int]) -> None:
        super().__init__("the record changed meanwhile; retry", details={"failed": failed})
        self.failed = failed


def write_contacts(
    writes: Sequence[ContactWrite],
    *,
    markers: Sequence[dict[str, Any]] = (),
    extra_items: Sequence[dict[str, Any]] = (),
) -> None:
    """Apply writes in one TransactWriteItems call: all succeed or none does.

    `markers` are idempotency records written in the same transaction; one that exists already
    cancels the transaction with `DuplicateMessage`. `extra_items` are unconditional transaction
    items of other records that must land with the contact (a broadcast's failure record).
    """
    if not writes and not markers:
        return
    items: list[dict[str, Any]] = []
    owners: list[int] = []
    for marker in markers:
        items.append(_marker_put(marker))
        owners.append(-1)
    for extra in extra_items:
        items.append(extra)
        owners.append(-2)
    for index, write in enumerate(writes):
        for transact_item in _transact_items(write):
            items.append(transact_item)
            owners.append(index)
    if len(items) > TRANSACTION_LIMIT:
        raise ValueError(f"a transaction holds at most {TRANSACTION_LIMIT} items, got {len(items)}")
    try:
        dynamodb_client().transact_write_items(TransactItems=items)
    except ClientError as exc:
        error = exc.response.get("Error", {})
        if error.get("Code") == "TransactionCanceledException":
            reasons = exc.response.get("CancellationReasons") or []
            failed = sorted({owners[i] for i, reason in enumerate(reasons) if reason.get("Code") not in (None, "None")})
            if -1 in failed:
                raise DuplicateMessage() from None
            if failed and all(
                reasons[i].get("Code") == "ConditionalCheckFailed"
                for i in range(len(reasons))
                if reasons[i].get("Code") not in (None, "None")
            ):
                raise TransactionConflict(failed) from None
            if not reasons or "ConditionalCheckFailed" in str(exc):
                raise TransactionConflict(failed or list(range(len(writes)))) from None
        raise _storage_error(exc) from exc
    except BotoCoreError as exc:
        raise _storage_error(exc) from exc


class DuplicateMessage(Conflict):
    """The message was processed already: its idempotency marker exists."""

    code = "duplicate_message"

    def __init__(self) -> None:
        super().__init__("this message was processed already")


def _marker_put(marker: dict[str, Any]) -> dict[str, Any]:
    return {
        "Put": {
            "TableName": idempotency_table(),
            "Item": serialize(marker),
            "ConditionExpression": "attribute_not_exists(id)",
        }
    }


def put_marker(marker: dict[str, Any]) -> None:
    """Record a processed message that changed no contact; raises DuplicateMessage if seen."""
    try:
        dynamodb_client().put_item(**_marker_put(marker)["Put"])
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
            raise DuplicateMessage() from None
        raise _storage_error(exc) from exc
    except BotoCoreError as exc:
        raise _storage_error(exc) from exc


def get_contact_and_marker(
    workspace_id: str, phone: str, marker_id: str
) -> tuple[Contact | None, dict[str, Any] | None]:
    """A contact and a message's idempotency marker in one BatchGetItem."""
    request = {
        contacts_table(): {"Keys": [{"pk": {"S": contact_key(workspace_id, phone)}}], "ConsistentRead": True},
        idempotency_table(): {"Keys": [{"id": {"S": marker_id}}], "ConsistentRead": True},
    }
    contact = marker = None
    for attempt in range(_MAX_BATCH_RETRIES):
        response = _call("batch_get_item", RequestItems=request)
        for item in response.get("Responses", {}).get(contacts_table(), []):
            contact = item_to_contact(item)
        for item in response.get("Responses", {}).get(idempotency_table(), []):
            marker = deserialize(item)
        request = response.get("UnprocessedKeys") or {}
        if not request:
            return contact, marker
        time.sleep(min(0.05 * 2**attempt, 1.0))
    raise StorageError("the database is throttling reads; retry shortly")


def chunk_writes(writes: Sequence[ContactWrite]) -> Iterator[list[ContactWrite]]:
    """Group writes into transactions of at most 100 items, never splitting a contact's pair."""
    chunk: list[ContactWrite] = []
    size = 0
    for write in writes:
        if size + write.item_count > TRANSACTION_LIMIT:
            yield chunk
            chunk, size = [], 0
        chunk.append(write)
        size += write.item_count
    if chunk:
        yield chunk


def _partition_page(
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
        _check_start_key(start_key, key_names, key_name, partition)
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
    response = _call("query", **kwargs)
    return response.get("Items", []), response.get("LastEvaluatedKey")


def query_contacts_by_status(
    workspace_id: str,
    status: ContactStatus,
    shard: int,
    *,
    limit: int,
    start_key: dict[str, Any] | None = None,
) -> tuple[list[Contact], dict[str, Any] | None]:
    items, last_key = _partition_page(
        contacts_table(),
        "status_pk",
        status_partition(workspace_id, status, shard),
        limit=limit,
        start_key=start_key,
        key_names=frozenset({"status_pk", "status_sk", "pk"}),
        index="ByStatus",
    )
    return [item_to_contact(item) for item in items], last_key


# --- consent events --------------------------------------------------------------------------


def query_contact_events(
    workspace_id: str, phone: str, *, limit: int, start_key: dict[str, Any] | None = None
) -> tuple[list[ConsentEvent], dict[str, Any] | None]:
    items, last_key = _partition_page(
        events_table(),
        "pk",
        contact_key(workspace_id, phone),
        limit=limit,
        start_key=start_key,
        key_names=frozenset({"pk", "sk"}),
        newest_first=True,
    )
    return [_item_to_event(item) for item in items], last_key


def _item_to_event(item: dict[str, Any]) -> ConsentEvent:
    data = deserialize(item)
    for key in ("pk", "sk", "auto_pk"):
        data.pop(key, None)
    return ConsentEvent.model_validate(data)


# --- workspaces and API keys -----------------------------------------------------------------


def _workspace_key(workspace_id: str) -> dict[str, Any]:
    return {"pk": {"S": f"WS#{workspace_id}"}, "sk": {"S": "WORKSPACE"}}


def _api_key_items(key: ApiKey) -> tuple[dict[str, Any], dict[str, Any]]:
    data = key.model_dump(mode="python", exclude_none=True)
    by_hash = {**data, "pk": f"APIKEY#{key.key_hash}", "sk": "APIKEY"}
    by_workspace = {**data, "pk": f"WS#{key.workspace_id}", "sk": f"APIKEY#{key.key_id}"}
    return by_hash, by_workspace


def _transact(items: list[dict[str, Any]]) -> None:
    try:
        dynamodb_client().transact_write_items(TransactItems=items)
    except ClientError as exc:
        reasons = {r.get("Code") for r in storage_errors.cancellation_reasons(exc)}
        # Only a failed condition is a conflict; an item over 400 KB or throttling is classified.
        if storage_errors.error_code(exc) == "TransactionCanceledException" and (
            "ConditionalCheckFailed" in reasons or not reasons
        ):
            raise Conflict("the record changed meanwhile; retry") from None
        raise _storage_error(exc) from exc
    except BotoCoreError as exc:
        raise _storage_error(exc) from exc


def _put_new(table: str, item: dict[str, Any]) -> dict[str, Any]:
    """A transaction Put that never overwrites an existing item."""
    return {"Put": {"TableName": table, "Item": serialize(item), "ConditionExpression": "attribute_not_exists(pk)"}}


def _workspace_item(workspace: Workspace) -> dict[str, Any]:
    return {"pk": f"WS#{workspace.id}", "sk": "WORKSPACE", **workspace.model_dump(mode="python", exclude_none=True)}


def create_workspace(workspace: Workspace, first_key: ApiKey, *, extra_items: Sequence[dict[str, Any]] = ()) -> None:
    """Create a workspace and its first admin key together (with `extra_items`, such as its admin count)."""
    ws_item = _workspace_item(workspace)
    by_hash, by_workspace = _api_key_items(first_key)
    table = accounts_table()
    _transact(
        [
            _put_new(table, ws_item),
            _put_new(table, by_hash),
            _put_new(table, by_workspace),
            _put_new(table, workspace_index_item(workspace)),
            *extra_items,
        ]
    )


def get_workspace(workspace_id: str) -> Workspace:
    response = _call("get_item", TableName=accounts_table(), Key=_workspace_key(workspace_id))
    item = response.get("Item")
    if not item:
        raise NotFound("workspace not found", code="workspace_not_found")
    data = deserialize(item)
    data.pop("pk", None)
    data.pop("sk", None)
    return Workspace.model_validate(data)


def save_workspace(workspace: Workspace, *, expected_version: int) -> None:
    _call(
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
    _transact(
        [
            _put_new(table, by_hash),
            _put_new(table, by_workspace),
            # The workspace must exist: keys are never created for a missing one.
            {
                "ConditionCheck": {
                    "TableName": table,
                    "Key": _workspace_key(key.workspace_id),
                    "ConditionExpression": "attribute_exists(pk)",
                }
            },
            *extra_items,
        ]
    )


def _item_to_api_key(item: dict[str, Any]) -> ApiKey:
    data = deserialize(item)
    data.pop("pk", None)
    data.pop("sk", None)
    return ApiKey.model_validate(data)


def get_api_key_by_hash(key_hash: str) -> ApiKey | None:
    response = _call(
        "get_item",
        TableName=accounts_table(),
        Key={"pk": {"S": f"APIKEY#{key_hash}"}, "sk": {"S": "APIKEY"}},
    )
    item = response.get("Item")
    return _item_to_api_key(item) if item else None


def _workspace_items(workspace_id: str, prefix: str) -> list[dict[str, Any]]:
    """Every accounts item of a workspace whose sort key starts with `prefix` (a few, by design)."""
    items: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {
        "TableName": accounts_table(),
        "KeyConditionExpression": "pk = :p AND begins_with(sk, :s)",
        "ExpressionAttributeValues": {":p": {"S": f"WS#{workspace_id}"}, ":s": {"S": prefix}},
    }
    while True:
        response = _call("query", **kwargs)
        items.extend(response.get("Items", []))
        if not response.get("LastEvaluatedKey"):
            return items
        kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]


def list_api_keys(workspace_id: str) -> list[ApiKey]:
    return [_item_to_api_key(item) for item in _workspace_items(workspace_id, "APIKEY#")]


def api_key_revocation(key: ApiKey, revoked_at: datetime) -> list[dict[str, Any]]:
    """The transaction items revoking a key (both of its items, each only if still live);
    admin_keys.revoke writes them with the workspace's admin count."""
    table = accounts_table()
    update = {
        "UpdateExpression": "SET revoked_at = :t",
        "ConditionExpression": "attribute_exists(pk) AND attribute_not_exists(revoked_at)",
        "ExpressionAttributeValues": {":t": {"S": iso(revoked_at)}},
    }
    return [
        {
            "Update": {
                "TableName": table,
                "Key": {"pk": {"S": f"APIKEY#{key.key_hash}"}, "sk": {"S": "APIKEY"}},
                **update,
            }
        },
        {
            "Update": {
                "TableName": table,
                "Key": {"pk": {"S": f"WS#{key.workspace_id}"}, "sk": {"S": f"APIKEY#{key.key_id}"}},
                **update,
            }
        },
    ]


def iter_chunks(values: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# --- inboxes ---------------------------------------------------------------------------------


def _inbox_items(inbox: Inbox) -> tuple[dict[str, Any], dict[str, Any]]:
    data = inbox.model_dump(mode="python", exclude_none=True)
    return (
        {**data, "pk": f"INBOX#{inbox.number}", "sk": "INBOX"},
        {**data, "pk": f"WS#{inbox.workspace_id}", "sk": f"INBOX#{inbox.number}"},
    )


def _item_to_inbox(item: dict[str, Any]) -> Inbox:
    data = deserialize(item)
    data.pop("pk", None)
    data.pop("sk", None)
    return Inbox.model_validate(data)


def get_inbox(number: str) -> Inbox | None:
    response = _call("get_item", TableName=accounts_table(), Key={"pk": {"S": f"INBOX#{number}"}, "sk": {"S": "INBOX"}})
    item = response.get("Item")
    return _item_to_inbox(item) if item else None


def put_inbox(inbox: Inbox) -> None:
    """Register or update an inbox; refused if the number belongs to another workspace."""
    by_number, by_workspace = _inbox_items(inbox)
    table = accounts_table()
    _transact(
        [
            {
                "Put": {
                    "TableName": table,
                    "Item": serialize(by_number),
                    "ConditionExpression": "attribute_not_exists(pk) OR workspace_id = :ws",
                    "ExpressionAttributeValues": {":ws": {"S": inbox.workspace_id}},
                }
            },
            {"Put": {"TableName": table, "Item": serialize(by_workspace)}},
        ]
    )


def delete_inbox(inbox: Inbox) -> None:
    table = accounts_table()
    _transact(
        [
            {
                "Delete": {
                    "TableName": table,
                    "Key": {"pk": {"S": f"INBOX#{inbox.number}"}, "sk": {"S": "INBOX"}},
                    "ConditionExpression": "workspace_id = :ws",
                    "ExpressionAttributeValues": {":ws": {"S": inbox.workspace_id}},
                }
            },
            {
                "Delete": {
                    "TableName": table,
                    "Key": {"pk": {"S": f"WS#{inbox.workspace_id}"}, "sk": {"S": f"INBOX#{inbox.number}"}},
                }
            },
        ]
    )


def list_inboxes(workspace_id: str) -> list[Inbox]:
    return [_item_to_inbox(item) for item in _workspace_items(workspace_id, "INBOX#")]


def query_auto_opt_outs(
    workspace_id: str, *, limit: int, start_key: dict[str, Any] | None = None
) -> tuple[list[ConsentEvent], dict[str, Any] | None]:
    """Intent and typo opt-outs of a workspace, newest first (the Auto Opt-Out folder)."""
    items, last_key = _partition_page(
        events_table(),
        "auto_pk",
        f"{workspace_id}#auto",
        limit=limit,
        start_key=start_key,
        key_names=frozenset({"auto_pk", "pk", "sk"}),
        index="AutoOptOuts",
        newest_first=True,
    )
    return [_item_to_event(item) for item in items], last_key


# --- delivery status -------------------------------------------------------------------------

MAX_BROADCAST_ID = 200
FAILURE_TTL_SECONDS = 400 * 24 * 3600  # a year of reports, and a margin


def broadcast_partition(workspace_id: str, broadcast_id: str | None) -> str:
    # Workspace ids hold no "#", so any broadcast id after the first one is unambiguous. Failures
    # outside any broadcast share `{workspace}#`, which no broadcast id (1-200 characters) names.
    return f"{workspace_id}#{broadcast_id or ''}"


def valid_broadcast_id(broadcast_id: str | None) -> bool:
    return bool(broadcast_id) and len(broadcast_id or "") <= MAX_BROADCAST_ID


def failure_put(failure: BroadcastFailure) -> dict[str, Any]:
    """The transaction item recording a failure; a later failure of the same number replaces it."""
    item = failure.model_dump(mode="python", exclude_none=True)
    item["pk"] = broadcast_partition(failure.workspace_id, failure.broadcast_id)
    item["sk"] = failure.phone
    item["expiration"] = int(time.time()) + FAILURE_TTL_SECONDS
    return {"Put": {"TableName": delivery_failures_table(), "Item": serialize(item)}}


def _item_to_failure(item: dict[str, Any]) -> BroadcastFailure:
    data = deserialize(item)
    for key in ("pk", "sk", "expiration"):
        data.pop(key, None)
    return BroadcastFailure.model_validate(data)


def get_broadcast_failure(workspace_id: str, broadcast_id: str, phone: str) -> BroadcastFailure | None:
    response = _call(
        "get_item",
        TableName=delivery_failures_table(),
        Key={"pk": {"S": broadcast_partition(workspace_id, broadcast_id)}, "sk": {"S": phone}},
        ConsistentRead=True,
    )
    item = response.get("Item")
    return _item_to_failure(item) if item else None


def query_broadcast_failures(
    workspace_id: str, broadcast_id: str, *, limit: int, start_key: dict[str, Any] | None = None
) -> tuple[list[BroadcastFailure], dict[str, Any] | None]:
    """One broadcast's failures, by number."""
    items, last_key = _partition_page(
        delivery_failures_table(),
        "pk",
        broadcast_partition(workspace_id, broadcast_id),
        limit=limit,
        start_key=start_key,
        key_names=frozenset({"pk", "sk"}),
    )
    return [_item_to_failure(item) for item in items], last_key


# --- reports ---------------------------------------------------------------------------------
# The opt-out and opt-in reports read the events table's Report* indexes, keyed
# `{workspace}#{status}#{month}[#reason={r}][#inbox={i}][#initiator={t}]#{shard}` and sorted by
# `sk`. There is one index for every combination of filters, so a Query's key serves all of a
# report's filters and nothing read is filtered out. Month buckets bound a 366-day range to 13
# buckets, and 4 shards by event id keep a busy workspace's writes off one partition key; readers
# merge the shards by `sk`. Summary counters live in the report counters table (`pk = {workspace}`,
# `sk = DAY#{date}`, `TOTAL#{date}` and the like).

REPORT_SHARDS = 4
WORKSPACES_PK = "WORKSPACES"
# The report filters, in the order they appear in a partition key.
REPORT_DIMENSIONS = ("reason", "inbox", "initiator")


def _report_index(dimensions: Sequence[str]) -> tuple[str, str]:
    """(index name, partition attribute) of one filter combination: ReportByReasonInbox,
    rpt_reason_inbox_pk; the index without filters is ReportByStatus, rpt_pk."""
    if not dimensions:
        return "ReportByStatus", "rpt_pk"
    return "ReportBy" + "".join(d.capitalize() for d in dimensions), "rpt_" + "_".join(dimensions) + "_pk"


# Filter combination -> (index, partition attribute), for all 8 combinations.
REPORT_INDEXES: dict[frozenset[str], tuple[str, str]] = {
    frozenset(combo): _report_index(combo)
    for size in range(len(REPORT_DIMENSIONS) + 1)
    for combo in itertools.combinations(REPORT_DIMENSIONS, size)
}


def report_counters_table() -> str:
    return os.environ["REPORT_COUNTERS_TABLE"]


def report_shard(event_id: str) -> int:
    return zlib.crc32(event_id.encode()) % REPORT_SHARDS


def report_partition(
    workspace_id: str, status: str, month: str, shard: int, filters: Mapping[str, str] | None = None
) -> str:
    filtered = "".join(f"#{name}={filters[name]}" for name in REPORT_DIMENSIONS if filters and name in filters)
    return f"{workspace_id}#{status}#{month}{filtered}#{shard}"


def report_dimensions(event: ConsentEvent) -> dict[str, str]:
    """The values an event can be filtered on (no inbox when it came to none)."""
    values = {"reason": event.reason.value, "inbox": event.inbox, "initiator": event.initiator.type.value}
    return {name: value for name, value in values.items() if value}


def report_index_keys(event: ConsentEvent) -> dict[str, str]:
    """The Report* index keys of a consent event: one per filter combination it has values for."""
    month = iso(event.occurred_at)[:7]
    shard = report_shard(event.event_id)
    values = report_dimensions(event)
    keys = {}
    for dimensions, (_, attribute) in REPORT_INDEXES.items():
        if dimensions <= values.keys():
            chosen = {name: values[name] for name in dimensions}
            keys[attribute] = report_partition(event.workspace_id, event.status.value, month, shard, chosen)
    return keys


def workspace_index_item(workspace: Workspace) -> dict[str, Any]:
    """The workspace's entry in the WORKSPACES partition, which the report job Queries."""
    return {"pk": WORKSPACES_PK, "sk": workspace.id, "name": workspace.name, "created_at": workspace.created_at}


def _query_all(**kwargs: Any) -> Iterator[dict[str, Any]]:
    """Every item a Query matches, page by page."""
    while True:
        response = _call("query", **kwargs)
        yield from response.get("Items", [])
        if not response.get("LastEvaluatedKey"):
            return
        kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]


def iter_workspace_ids() -> Iterator[str]:
    for item in _query_all(
        TableName=accounts_table(),
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": WORKSPACES_PK}},
        ProjectionExpression="sk",
    ):
        yield item["sk"]["S"]


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
    index, attribute = REPORT_INDEXES[dimensions]
    kwargs: dict[str, Any] = {
        "TableName": events_table(),
        "IndexName": index,
        "KeyConditionExpression": f"{attribute} = :p AND sk BETWEEN :lo AND :hi",
        "ExpressionAttributeValues": {":p": {"S": partition}, ":lo": {"S": lower}, ":hi": {"S": upper}},
        "Limit": limit,
    }
    if start_key:
        kwargs["ExclusiveStartKey"] = start_key
    response = _call("query", **kwargs)
    events = [_item_to_event(item) for item in response.get("Items", [])]
    return events, response.get("LastEvaluatedKey"), int(response.get("ScannedCount", len(events)))


def query_counters(workspace_id: str, lower: str, upper: str) -> list[dict[str, Any]]:
    """Counter items of a workspace with `lower <= sk <= upper`, in order."""
    items = _query_all(
        TableName=report_counters_table(),
        KeyConditionExpression="pk = :p AND sk BETWEEN :lo AND :hi",
        ExpressionAttributeValues={":p": {"S": workspace_id}, ":lo": {"S": lower}, ":hi": {"S": upper}},
    )
    return [deserialize(item) for item in items]


COUNTER_MARKER_TTL_SECONDS = 2 * 24 * 3600  # longer than a stream record lives (24 hours)


def _counter_add(workspace_id: str, sk: str, counts: dict[str, int]) -> dict[str, Any]:
    names = {f"#c{i}": name for i, name in enumerate(counts)}
    values = {f":c{i}": {"N": str(n)} for i, n in enumerate(counts.values())}
    return {
        "Update": {
            "TableName": report_counters_table(),
            "Key": {"pk": {"S": workspace_id}, "sk": {"S": sk}},
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
    items = [_marker_put({"id": marker_id, "expiration": int(time.time()) + COUNTER_MARKER_TTL_SECONDS})]
    items += [_counter_add(workspace_id, sk, counts) for (workspace_id, sk), counts in increments if counts]
    if len(items) > TRANSACTION_LIMIT:
        raise ValueError(f"at most {TRANSACTION_LIMIT - 1} counter items per transaction")
    try:
        dynamodb_client().transact_write_items(TransactItems=items)
    except ClientError as exc:
        reasons = exc.response.get("CancellationReasons") or []
        if reasons and reasons[0].get("Code") == "ConditionalCheckFailed":
            return False
        raise _storage_error(exc) from exc
    except BotoCoreError as exc:
        raise _storage_error(exc) from exc
    return True


def event_item(event: ConsentEvent) -> dict[str, Any]:
    """A consent event's item with every index key (bulk loaders such as `make bench` use it)."""
    return _event_to_item(event)
