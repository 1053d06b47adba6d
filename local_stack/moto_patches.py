"""Make moto's TransactWriteItems cost what DynamoDB's does: proportional to the items written,
and its stream GetRecords answer as fast as the table calls do.

moto 5 backs up the whole table before every item of a transaction (a deep copy per item), so
a transaction's cost grows with the table and a 100,000-row import would take hours locally. This
patch backs up only the items the transaction touches and restores them if it is cancelled. It
also serialises transactions, which moto does not make thread-safe. Only the local stack, the
tests and the benchmarks apply it; nothing deployed uses moto.

moto's generic response serializer walks every attribute of every stream record against the
whole AttributeValue shape, about 10 ms a record: feeding a few thousand events to the reports
function took minutes. GetRecords is answered with plain JSON instead, as moto's DynamoDB
handler answers its own calls.
"""

from __future__ import annotations

import copy
import json
import threading
import types
from datetime import UTC, datetime
from typing import Any

_lock = threading.Lock()
_applied = False


def _key_of(table: Any, op_name: str, op: dict[str, Any]) -> tuple[Any, Any]:
    from moto.dynamodb.models.dynamo_type import DynamoType

    source = op["Item"] if op_name == "Put" else op["Key"]
    hash_key = DynamoType(source[table.hash_key_attr])
    range_key = DynamoType(source[table.range_key_attr]) if table.range_key_attr else None
    return hash_key, range_key


def _current(table: Any, hash_key: Any, range_key: Any) -> Any:
    if table.range_key_attr:
        return table.items.get(hash_key, {}).get(range_key)
    return table.items.get(hash_key)


def _restore(table: Any, hash_key: Any, range_key: Any, before: Any) -> None:
    if table.range_key_attr:
        partition = table.items[hash_key]
        if before is None:
            partition.pop(range_key, None)
            if not partition:
                table.items.pop(hash_key, None)
        else:
            partition[range_key] = before
    elif before is None:
        table.items.pop(hash_key, None)
    else:
        table.items[hash_key] = before


def apply() -> None:
    global _applied
    if _applied:
        return
    from moto.dynamodb import models

    original = models.DynamoDBBackend.transact_write_items
    no_table_copy = types.SimpleNamespace(deepcopy=lambda value, *a, **k: value)

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        with _lock:
            before: list[tuple[Any, Any, Any, Any]] = []
            for entry in transact_items:
                op_name, op = next(iter(entry.items()))
                table = self.tables.get(op.get("TableName"))
                if table is None:
                    continue
                try:
                    hash_key, range_key = _key_of(table, op_name, op)
                except KeyError:
                    continue  # malformed: moto's own validation reports it
                before.append((table, hash_key, range_key, copy.deepcopy(_current(table, hash_key, range_key))))
            saved_copy = models.copy
            models.copy = no_table_copy  # type: ignore[assignment]
            try:
                original(self, transact_items)
            except BaseException:
                for table, hash_key, range_key, item in reversed(before):
                    _restore(table, hash_key, range_key, item)
                raise
            finally:
                models.copy = saved_copy

    models.DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
    _patch_stream_records()
    _applied = True


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):  # moto keeps a naive UTC time; the wire format is epoch seconds
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _patch_stream_records() -> None:
    from moto.dynamodbstreams.responses import DynamoDBStreamsHandler

    def get_records(self: Any) -> str:
        limit = self._get_param("Limit")
        result = self.backend.get_records(self._get_param("ShardIterator"), 1000 if limit is None else limit)
        return json.dumps(result, default=_json_default)

    DynamoDBStreamsHandler.get_records = get_records  # type: ignore[method-assign,assignment]
