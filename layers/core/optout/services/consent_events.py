"""Consent events out to the consent bus, from the consent events table's stream.

Publishing from the stream, not from the request that wrote the event, means nothing committed is
missed (a stream record exists for every committed write) and nothing uncommitted is published (a
cancelled transaction makes none). Delivery is at least once: a retried record publishes the same
ids again, which subscribers deduplicate on (docs/consent-events.md).

A record whose events were not all published is reported as a batch item failure, so Lambda
retries the shard from it and no later record is lost; a record that cannot be read as a consent
event fails the same way, and after the bounded retries it goes to the stream's dead-letter queue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from optout.config import settings
from optout.event_bus import BusEvent, EventBridgePublisher, EventPublisher
from optout.observability import logger
from optout.repository import consent_stream
from optout.rules import consent_publication


@dataclass(frozen=True)
class BatchOutcome:
    records: int
    published: int
    failed: list[str]  # the failed records' item ids, in stream order

    def response(self) -> dict[str, Any]:
        """Lambda's partial batch response (FunctionResponseTypes: ReportBatchItemFailures)."""
        return {"batchItemFailures": [{"itemIdentifier": item_id} for item_id in self.failed]}


@cache
def default_publisher() -> EventPublisher:
    return EventBridgePublisher(settings().require("consent_events_bus"))


def _bus_event(publication: consent_publication.Publication) -> BusEvent:
    return BusEvent(consent_publication.SOURCE, publication.type.value, publication.detail, publication.occurred_at)


def _planned(records: Sequence[dict[str, Any]]) -> tuple[list[str], list[BusEvent], list[str], set[str]]:
    """Each record's events: (record ids in order, events, the record id of each event, unreadable)."""
    order: list[str] = []
    events: list[BusEvent] = []
    owners: list[str] = []
    unreadable: set[str] = set()
    for record in records:
        item_id = consent_stream.record_id(record)
        order.append(item_id)
        try:
            streamed = consent_stream.streamed_event(record)
        except ValueError as exc:
            logger.error("a consent event record does not read", extra={"item_id": item_id, "cause": type(exc).__name__})
            unreadable.add(item_id)
            continue
        if streamed.event is None:
            continue
        for publication in consent_publication.publications(streamed.event):
            events.append(_bus_event(publication))
            owners.append(item_id)
    return order, events, owners, unreadable


def publish_stream_records(records: Sequence[dict[str, Any]], publisher: EventPublisher | None = None) -> BatchOutcome:
    """Publish the consent events of a stream batch; the records not fully published are failed."""
    order, events, owners, failed = _planned(records)
    outcomes = (publisher or default_publisher()).publish(events) if events else []
    causes: set[str] = set()
    for owner, outcome in zip(owners, outcomes, strict=True):
        if outcome is not None:
            failed.add(owner)
            causes.add(outcome)
    if causes:
        logger.warning("consent events not published; their records are retried", extra={"causes": sorted(causes)})
    published = sum(1 for outcome in outcomes if outcome is None)
    return BatchOutcome(len(records), published, [item_id for item_id in order if item_id in failed])
