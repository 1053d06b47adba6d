"""DynamoDB stream records as table changes: which table, inserted or not, the old and new rows.

The reports function counts from the events, contacts and delivery-failures streams. A record's
images are in DynamoDB's typed form and its table is named only in its ARN; this module turns them
into plain rows so the counting rules never see a raw item.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from optout.repository.dynamo import contacts_table, delivery_failures_table, deserialize, events_table


@dataclass(frozen=True)
class TableChange:
    source: str  # "events", "contacts" or "failures"
    inserted: bool
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    at: datetime  # when the change was made (the record's approximate creation time)


def _source_table(record: dict[str, Any], image: dict[str, Any]) -> str:
    arn = record.get("eventSourceARN") or ""
    for source, table in (
        ("events", events_table()),
        ("contacts", contacts_table()),
        ("failures", delivery_failures_table()),
    ):
        if f":table/{table}/" in arn:
            return source
    # No ARN to go by (a hand-made record): the row's own attributes tell the tables apart.
    if "event_id" in image:
        return "events"
    return "failures" if "failure_class" in image and "failed_at" in image else "contacts"


def _created_at(value: Any) -> datetime:
    # Lambda's records carry epoch seconds; boto3 (and so moto's stream reads) parses them into a
    # datetime. Missing: the epoch, which dates nothing but never fails the batch.
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    try:
        return datetime.fromtimestamp(float(value or 0), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return datetime.fromtimestamp(0, UTC)


def stream_changes(records: Sequence[dict[str, Any]]) -> list[TableChange]:
    """The changes of a batch of stream records, in order; records without an image are skipped."""
    changes = []
    for record in records:
        data = record.get("dynamodb") or {}
        new = deserialize(data["NewImage"]) if data.get("NewImage") else None
        old = deserialize(data["OldImage"]) if data.get("OldImage") else None
        image = new or old
        if image is None:
            continue
        at = _created_at(data.get("ApproximateCreationDateTime"))
        changes.append(TableChange(_source_table(record, image), record.get("eventName") == "INSERT", old, new, at))
    return changes


def stream_batch_id(records: Sequence[dict[str, Any]]) -> str:
    """The same for a retried batch: built from the records' event ids (or contents)."""
    parts = sorted(str(r.get("eventID") or json.dumps(r, sort_keys=True, default=str)) for r in records)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
