"""Cached lookup answers (SendChecksTable, `sk = LOOKUP#...`): what a reassigned-number or
line-type lookup answered for a number of a workspace, and when (docs/lookups.md).

- `LOOKUP#reassigned#{YYYYMMDD}`: the answer for "reassigned on or after that date?" (the date
  asked is part of the key: another consent date is another question);
- `LOOKUP#line_type`: the number's line type.

Each item holds the answer's fields as given and, unless the answer is kept, `expires_at` (epoch
seconds) for the table's TTL. How long an answer stays good is the lookups' rule
(optout.lookups.cached): this module stores and reads, it does not decide. Reads are one
BatchGetItem per 100 keys; writes one BatchWriteItem per 25 items, retrying only what was left.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date
from typing import Any

from optout.errors import StorageError
from optout.repository.dynamo import batch_get_keys, call, deserialize, send_checks_table, serialize
from optout.repository.keys import contact_key, send_checks_key

LOOKUP_PREFIX = "LOOKUP#"
LINE_TYPE_SK = "LOOKUP#line_type"
BATCH_WRITE_LIMIT = 25
_MAX_WRITE_RETRIES = 8

LookupKey = tuple[str, str]  # (phone, sort key)


def reassigned_sk(asked_date: date) -> str:
    return f"{LOOKUP_PREFIX}reassigned#{asked_date:%Y%m%d}"


def batch_get_lookups(workspace_id: str, wanted: Sequence[LookupKey]) -> dict[LookupKey, dict[str, Any]]:
    """The cached items of these (phone, sort key) pairs, without their key attributes; a pair
    with nothing cached is absent."""
    unique = list(dict.fromkeys(wanted))  # BatchGetItem refuses a key twice
    keys = [send_checks_key(workspace_id, phone, sk) for phone, sk in unique]
    prefix = len(contact_key(workspace_id, ""))
    found: dict[LookupKey, dict[str, Any]] = {}
    for item in batch_get_keys(send_checks_table(), keys):
        data = deserialize(item)
        found[(data.pop("pk")[prefix:], data.pop("sk"))] = data
    return found


def put_lookups(workspace_id: str, records: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
    """Store (phone, sort key, attributes) records, replacing what was cached; the last of two
    records of one key wins."""
    by_key = {(phone, sk): attributes for phone, sk, attributes in records}
    table = send_checks_table()
    requests = [
        {"PutRequest": {"Item": serialize({**attributes, "pk": contact_key(workspace_id, phone), "sk": sk})}}
        for (phone, sk), attributes in by_key.items()
    ]
    for start in range(0, len(requests), BATCH_WRITE_LIMIT):
        _batch_write(table, requests[start : start + BATCH_WRITE_LIMIT])


def _batch_write(table: str, requests: list[dict[str, Any]]) -> None:
    pending: dict[str, Any] = {table: requests}
    for attempt in range(_MAX_WRITE_RETRIES):
        pending = call("batch_write_item", RequestItems=pending).get("UnprocessedItems") or {}
        if not pending:
            return
        time.sleep(min(0.05 * 2**attempt, 1.0))
    raise StorageError("the database is throttling writes; retry shortly")
