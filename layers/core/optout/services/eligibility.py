""" "May I send to these numbers?": one BatchGetItem per 100 numbers, retrying only unprocessed keys.

With a `topic`, the same read also takes each contact's `topics` map (the fold of its consent
events, kept on the item) and rules/topic_consent.sendable decides, naming why a number is not
sendable. The workspace's topics come from the topics cache: a warm check reads nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from optout import repository
from optout.errors import InvalidPhone, PayloadTooLarge
from optout.models import ContactStatus, Principal, TopicConsent, utc_now
from optout.phones import normalize_phone
from optout.rules.topic_consent import TopicDefinition, sendable
from optout.rules.topic_revocation import stored_states
from optout.services.accounts import get_workspace
from optout.services.topic_cache import workspace_topics
from optout.services.topics import definitions, require_topics

MAX_NUMBERS = 10_000
_PROJECTION = ("pk", "status", "status_reason", "status_changed_at")
_TOPIC_PROJECTION = (*_PROJECTION, "topics")


@dataclass
class Eligibility:
    sendable: list[str] = field(default_factory=list)
    suppressed: list[dict[str, Any]] = field(default_factory=list)
    invalid: list[dict[str, Any]] = field(default_factory=list)


def topic_definition(workspace_id: str, topic: str) -> TopicDefinition:
    """The workspace's topic `topic` (an unknown one is a 422 naming it)."""
    known = workspace_topics(workspace_id)
    require_topics(known, [topic])
    return next(d for d in definitions(known) if d.id == topic)


def check_eligibility(principal: Principal, numbers: list[str], topic: str | None = None) -> Eligibility:
    if len(numbers) > MAX_NUMBERS:
        raise PayloadTooLarge(f"at most {MAX_NUMBERS} numbers per request", code="too_many_numbers")
    region = get_workspace(principal.workspace_id).settings.default_region
    result = Eligibility()
    phones: list[str] = []
    seen: set[str] = set()
    for raw in numbers:
        try:
            phone = normalize_phone(raw, region)
        except InvalidPhone as exc:
            result.invalid.append({"input": raw, "reason": exc.message})
            continue
        if phone not in seen:
            seen.add(phone)
            phones.append(phone)
    if topic is not None:
        definition = topic_definition(principal.workspace_id, topic)
        found = repository.batch_get_contacts(principal.workspace_id, phones, projection=_TOPIC_PROJECTION)
        _by_topic(result, phones, found, definition)
        return result
    found = repository.batch_get_contacts(principal.workspace_id, phones, projection=_PROJECTION)
    for phone in phones:
        record = found.get(phone)
        # A number with no record has never opted out here, so it is sendable.
        if record is None or record.get("status") == ContactStatus.ACTIVE.value:
            result.sendable.append(phone)
        else:
            result.suppressed.append(
                {
                    "phone": phone,
                    "status": record.get("status"),
                    "reason": record.get("status_reason"),
                    "since": record.get("status_changed_at"),
                }
            )
    return result


def _by_topic(
    result: Eligibility, phones: list[str], found: dict[str, dict[str, Any]], definition: TopicDefinition
) -> None:
    """Sendable for the topic, or suppressed with the reason (a number with no record has no
    consent: sendable unless the topic needs express consent)."""
    now = utc_now()
    for phone in phones:
        record = found.get(phone) or {}
        status = ContactStatus(record["status"]) if record.get("status") else None
        topics = {name: TopicConsent.model_validate(raw) for name, raw in (record.get("topics") or {}).items()}
        states = stored_states(topics, [definition.id])
        ok, why = sendable(status, states, definition, now)
        if ok:
            result.sendable.append(phone)
            continue
        entry = states[definition.id]
        by_status = status is not None and status.value == (why.value if why else None)
        result.suppressed.append(
            {
                "phone": phone,
                "status": status.value if status else None,
                "reason": record.get("status_reason"),
                "since": record.get("status_changed_at") if by_status else entry.since,
                "suppression": why.value if why else None,
            }
        )
