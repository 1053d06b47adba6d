"""What a consent event tells subscribers: the events published on the consent bus for it.

A consent event (models.ConsentEvent) becomes zero or more published events
(docs/consent-events.md):

- a status change is one contact-level event: ContactOptedOut, ContactOptedIn, ContactBlocked or
  ContactUnblocked (leaving `blocked`, whatever the status it returns to);
- a topic change is one event per topic it names: TopicConsentGranted for a grant or a confirmed
  double opt-in, TopicConsentRevoked for a topic keyword, the topics an opt-out's clarification
  question covers, and the topics a clarification reply keeps revoked;
- a double opt-in request grants nothing, and the opt-out that closes an open question changes
  nothing a subscriber has not been told: neither is published.

Each published event has an id built from the consent event's id, its type and its topic, so a
re-delivered stream record publishes the same ids and subscribers deduplicate on them.

Pure: no storage, no clock, no logging.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from optout.models import ConsentEvent, ContactStatus, iso
from optout.rules.business_days import honour_by
from optout.rules.topic_consent import TopicEventKind

SOURCE = "optout.consent"


class ConsentEventType(StrEnum):
    CONTACT_OPTED_OUT = "ContactOptedOut"
    CONTACT_OPTED_IN = "ContactOptedIn"
    CONTACT_BLOCKED = "ContactBlocked"
    CONTACT_UNBLOCKED = "ContactUnblocked"
    TOPIC_CONSENT_GRANTED = "TopicConsentGranted"
    TOPIC_CONSENT_REVOKED = "TopicConsentRevoked"


# Types that withdraw consent: they carry the deadline to honour them by.
REVOCATIONS = frozenset(
    {ConsentEventType.CONTACT_OPTED_OUT, ConsentEventType.CONTACT_BLOCKED, ConsentEventType.TOPIC_CONSENT_REVOKED}
)

# Topic change kind -> the type published for each topic it names (kinds not here publish none).
TOPIC_TYPES = {
    TopicEventKind.GRANTED.value: ConsentEventType.TOPIC_CONSENT_GRANTED,
    TopicEventKind.CONFIRMED.value: ConsentEventType.TOPIC_CONSENT_GRANTED,
    TopicEventKind.REVOKED.value: ConsentEventType.TOPIC_CONSENT_REVOKED,
    TopicEventKind.CLARIFICATION_REQUESTED.value: ConsentEventType.TOPIC_CONSENT_REVOKED,
    TopicEventKind.CLARIFIED.value: ConsentEventType.TOPIC_CONSENT_REVOKED,
}


@dataclass(frozen=True, slots=True)
class Publication:
    """One event for the consent bus: its type (the DetailType), time and `detail`."""

    id: str
    type: ConsentEventType
    occurred_at: datetime
    detail: dict[str, Any]


def publication_id(event_id: str, event_type: ConsentEventType, topic: str | None = None) -> str:
    """Stable per consent event, type and topic (event ids are hex, topic ids slugs: no ":")."""
    return ":".join(part for part in (event_id, event_type.value, topic) if part)


def status_type(event: ConsentEvent) -> ConsentEventType | None:
    """The contact-level type of an event, None when it changes no status."""
    if not event.changes_status or event.previous_status is event.status:
        return None
    if event.status is ContactStatus.BLOCKED:
        return ConsentEventType.CONTACT_BLOCKED
    if event.previous_status is ContactStatus.BLOCKED:
        return ConsentEventType.CONTACT_UNBLOCKED
    if event.status is ContactStatus.OPTED_OUT:
        return ConsentEventType.CONTACT_OPTED_OUT
    return ConsentEventType.CONTACT_OPTED_IN


def _deadline(event: ConsentEvent, event_type: ConsentEventType) -> str | None:
    """A revocation's `honour_by`. Events stored before deadlines were kept get one from the same
    rule, as the revocations report does; a clarification reply starts no new deadline (the
    opt-out it narrows carried one), so it has only what it stored."""
    if event_type not in REVOCATIONS:
        return None
    if event.honour_by is not None:
        return iso(event.honour_by)
    clarified = event.topic_change is not None and event.topic_change.kind == TopicEventKind.CLARIFIED.value
    return None if clarified else iso(honour_by(event.occurred_at))


def _detail(event: ConsentEvent, event_type: ConsentEventType, topic: str | None) -> dict[str, Any]:
    return {
        "id": publication_id(event.event_id, event_type, topic),
        "event_id": event.event_id,
        "type": event_type.value,
        "workspace_id": event.workspace_id,
        "phone": event.phone,
        "topic": topic,
        "status": event.status.value,
        "previous_status": event.previous_status.value if event.previous_status else None,
        "reason": event.reason.value,
        "initiator": event.initiator.model_dump(mode="json"),
        "inbox": event.inbox,
        "message_id": event.message_id,
        "occurred_at": iso(event.occurred_at),
        # When the person acted, which orders consent (a grant's proof may predate its recording).
        "acted_at": iso(event.topic_change.at if event.topic_change else event.occurred_at),
        "honour_by": _deadline(event, event_type),
        "topic_change": event.topic_change.kind if event.topic_change else None,
    }


def _publication(event: ConsentEvent, event_type: ConsentEventType, topic: str | None = None) -> Publication:
    detail = _detail(event, event_type, topic)
    return Publication(detail["id"], event_type, event.occurred_at, detail)


def publications(event: ConsentEvent) -> list[Publication]:
    """The events to publish for one consent event: its status change first, then its topics."""
    found = []
    contact_type = status_type(event)
    if contact_type is not None:
        found.append(_publication(event, contact_type))
    change = event.topic_change
    topic_type = TOPIC_TYPES.get(change.kind) if change is not None else None
    if change is not None and topic_type is not None:
        found.extend(_publication(event, topic_type, topic) for topic in sorted(set(change.topics)))
    return found
