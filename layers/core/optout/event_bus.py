"""Publishing to an EventBridge bus: the port the services publish through, and its adapter.

PutEvents takes at most 10 entries a call and answers per entry: an entry can fail (throttled,
an internal error) while the others of its call went through, so `publish` reports each event's
outcome and leaves retrying to the caller. Tests use an in-memory publisher (tests/fakes).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Protocol

import boto3
from botocore.exceptions import BotoCoreError, ClientError

PUT_EVENTS_LIMIT = 10


@dataclass(frozen=True, slots=True)
class BusEvent:
    source: str
    detail_type: str
    detail: dict[str, Any]
    time: datetime | None = None  # when it happened (EventBridge's `time`); None: when published


class EventPublisher(Protocol):
    """Publishes events in order; returns one entry per event: None when it was published, else
    why not (an error code). Never raises for a failed entry or call."""

    def publish(self, events: Sequence[BusEvent]) -> list[str | None]: ...


@cache
def _events_client() -> Any:
    return boto3.client("events")


def _entry(bus_name: str, event: BusEvent) -> dict[str, Any]:
    entry = {
        "Source": event.source,
        "DetailType": event.detail_type,
        "Detail": json.dumps(event.detail, separators=(",", ":")),
        "EventBusName": bus_name,
    }
    return {**entry, "Time": event.time} if event.time is not None else entry


def _outcome(answer: dict[str, Any]) -> str | None:
    if answer.get("EventId") and not answer.get("ErrorCode"):
        return None
    return str(answer.get("ErrorCode") or "NoEventId")


@dataclass(frozen=True)
class EventBridgePublisher:
    """PutEvents to one bus, in calls of 10; a failed call fails its entries with the error's name."""

    bus_name: str

    def publish(self, events: Sequence[BusEvent]) -> list[str | None]:
        outcomes: list[str | None] = []
        for start in range(0, len(events), PUT_EVENTS_LIMIT):
            chunk = [_entry(self.bus_name, event) for event in events[start : start + PUT_EVENTS_LIMIT]]
            try:
                answered = _events_client().put_events(Entries=chunk).get("Entries") or []
            except ClientError as exc:
                outcomes.extend([str(exc.response.get("Error", {}).get("Code") or "ClientError")] * len(chunk))
                continue
            except BotoCoreError as exc:
                outcomes.extend([type(exc).__name__] * len(chunk))
                continue
            # Entries answer the request's entries in order; a missing answer counts as a failure.
            answered = answered + [{"ErrorCode": "NoAnswer"}] * (len(chunk) - len(answered))
            outcomes.extend(_outcome(entry) for entry in answered)
        return outcomes
