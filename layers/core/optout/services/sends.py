"""Counting sends for the frequency caps (docs/send-counting.md): messages a number was sent, from
the delivery-status callbacks (`sent`, `delivered`) and from `POST /v1/sends`.

Both record into the send log (repository/send_log.py), idempotent by message id, so a callback
and the API reporting the same message count it once; the API's topic is the one kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from optout.errors import InvalidInput, InvalidPhone
from optout.models import Inbox, Principal, utc_now
from optout.observability import logger
from optout.phones import normalize_phone
from optout.repository import send_log
from optout.repository.send_log import SendEntry
from optout.services.accounts import get_workspace
from optout.services.topic_cache import workspace_topics
from optout.services.topics import require_topics

if TYPE_CHECKING:
    from optout.carriers import DeliveryOutcome

# A carrier's word that the message left for the handset: it counts whether or not it arrives.
COUNTED_STATUSES = frozenset({"sent", "delivered"})


@dataclass(frozen=True)
class ReportedSend:
    """One message of `POST /v1/sends`, as the sender gave it (the schema checked the ranges)."""

    phone: str
    message_id: str
    sent_at: datetime | None
    topic: str | None


def record_reported_sends(principal: Principal, sends: Sequence[ReportedSend]) -> int:
    """Record a sender's messages; every number and topic is checked before anything is written.
    Returns how many distinct messages (number and message id) the request held."""
    workspace_id = principal.workspace_id
    region = get_workspace(workspace_id).settings.default_region
    now = utc_now()
    entries: list[SendEntry] = []
    invalid: list[dict[str, object]] = []
    for index, send in enumerate(sends):
        try:
            phone = normalize_phone(send.phone, region)
        except InvalidPhone as exc:
            invalid.append({"index": index, "input": send.phone, "reason": exc.message})
            continue
        entries.append(SendEntry(phone, send.message_id, send.sent_at or now, send.topic, "api"))
    if invalid:
        raise InvalidInput("some phone numbers are not valid", code="invalid_phone", details={"invalid": invalid})
    _refuse_contradictions(sends, entries)
    topics = sorted({send.topic for send in sends if send.topic is not None})
    if topics:
        require_topics(workspace_topics(workspace_id), topics)  # 422 naming the unknown ones
    send_log.record_sends(workspace_id, entries)
    recorded = len({(entry.phone, entry.message_id) for entry in entries})
    logger.info("sends recorded", extra={"recorded": recorded, "topics": topics})
    return recorded


def _refuse_contradictions(sends: Sequence[ReportedSend], entries: Sequence[SendEntry]) -> None:
    """One message (number and message id) listed twice must say the same: which topic or time
    would count is otherwise a guess. A field left out says nothing."""
    given: dict[tuple[str, str, str], tuple[int, object]] = {}  # (number, id, field) -> first index, value
    clashes: list[dict[str, object]] = []
    for index, entry in enumerate(entries):
        for name in ("topic", "sent_at"):
            value = getattr(sends[index], name)
            if value is None:
                continue
            first, said = given.setdefault((entry.phone, entry.message_id, name), (index, value))
            if said != value:
                clashes.append({"index": index, "same_as": first, "field": name})
    if clashes:
        raise InvalidInput(
            "a message is listed twice with a different topic or sent_at",
            code="conflicting_sends",
            details={"conflicts": clashes},
        )


def record_callback_sends(inbox: Inbox, outcomes: Sequence[DeliveryOutcome], default_region: str) -> None:
    """Count each `sent` or `delivered` outcome of a verified callback among its number's sends,
    at the provider's time (ours when it gives none, and never later than now). Queued and failed
    messages are not counted. The topic is unknown here: such a send counts against every topic
    until the sender reports it through the API."""
    now = utc_now()
    entries: list[SendEntry] = []
    for outcome in outcomes:
        if outcome.status not in COUNTED_STATUSES:
            continue
        try:
            phone = normalize_phone(outcome.recipient, default_region)
        except InvalidPhone:
            continue  # a short code or alphanumeric id: no number to count against
        at = min(outcome.occurred_at or now, now)
        entries.append(SendEntry(phone, outcome.message_id, at, None, "delivery_callback"))
    if entries:
        send_log.record_sends(inbox.workspace_id, entries)
