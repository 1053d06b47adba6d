"""The consent events table's stream as the consent bus reads it: which records are new events.

The table is append-only (repository/events.py), so only an INSERT is a consent change; a MODIFY
or REMOVE (a repair by hand, say) publishes nothing, and neither does an item that is not an event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from optout.models import ConsentEvent
from optout.repository.events import item_to_event


@dataclass(frozen=True, slots=True)
class StreamedEvent:
    item_id: str  # the record's sequence number: what Lambda's batch item failures name
    event: ConsentEvent | None  # None: not a new consent event


def record_id(record: dict[str, Any]) -> str:
    return str((record.get("dynamodb") or {}).get("SequenceNumber") or record.get("eventID") or "")


def streamed_event(record: dict[str, Any]) -> StreamedEvent:
    """A stream record's new consent event, if it holds one; a consent event item that does not
    read as one raises ValueError (pydantic's ValidationError is one)."""
    data = record.get("dynamodb") or {}
    image = data.get("NewImage")
    if record.get("eventName") != "INSERT" or not image or "event_id" not in image:
        return StreamedEvent(record_id(record), None)
    return StreamedEvent(record_id(record), item_to_event(image))
