""" "May I send to these numbers?": consent first, one BatchGetItem per 100 numbers, retrying only
unprocessed keys; then, when the workspace's send rules are on, the send-time checks
(services/send_time_checks.py) for the numbers consent allows.

With a `topic`, the same read also takes each contact's `topics` map (the fold of its consent
events, kept on the item) and rules/topic_consent.sendable decides, naming why a number is not
sendable. The workspace's topics come from the topics cache: a warm check reads nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from optout import repository
from optout.errors import InvalidPhone, PayloadTooLarge
from optout.models import ContactStatus, Principal, TopicConsent, utc_now
from optout.phones import normalize_phone
from optout.rules.topic_consent import TopicDefinition, sendable
from optout.rules.topic_revocation import stored_states
from optout.services import send_time_checks
from optout.services.accounts import get_workspace
from optout.services.topic_cache import workspace_topics
from optout.services.topics import definitions, require_topics

MAX_NUMBERS = 10_000
_PROJECTION = ("pk", "status", "status_reason", "status_changed_at")
_TOPIC_PROJECTION = (*_PROJECTION, "topics")


@dataclass
class Eligibility:
    sendable: list[str] = field(default_factory=list)
    deferred: list[dict[str, Any]] = field(default_factory=list)
    suppressed: list[dict[str, Any]] = field(default_factory=list)
    invalid: list[dict[str, Any]] = field(default_factory=list)
    not_checked: list[str] = field(default_factory=list)
    rules_version: str | None = None  # the rule table's, when the send rules were applied


def topic_definition(workspace_id: str, topic: str) -> TopicDefinition:
    """The workspace's topic `topic` (an unknown one is a 422 naming it)."""
    known = workspace_topics(workspace_id)
    require_topics(known, [topic])
    return next(d for d in definitions(known) if d.id == topic)


def check_eligibility(
    principal: Principal,
    numbers: list[str],
    topic: str | None = None,
    at: datetime | None = None,
    *,
    lookups: bool = True,
) -> Eligibility:
    """Which numbers may be texted at `at` (default now): sendable, deferred, suppressed or invalid."""
    if len(numbers) > MAX_NUMBERS:
        raise PayloadTooLarge(f"at most {MAX_NUMBERS} numbers per request", code="too_many_numbers")
    send_at = send_time_checks.planned_send_time(at)
    settings = get_workspace(principal.workspace_id).settings
    result = Eligibility()
    phones = _normalized(numbers, settings.default_region, result)
    definition = topic_definition(principal.workspace_id, topic) if topic is not None else None
    projection = _TOPIC_PROJECTION if definition else _PROJECTION
    found = repository.batch_get_contacts(
        principal.workspace_id, phones, projection=(*projection, *send_time_checks.PROJECTION)
    )
    candidates = [(phone, found.get(phone)) for phone in _by_consent(result, phones, found, definition)]
    if settings.send_rules.enabled:
        outcome = send_time_checks.check_send_time(
            principal.workspace_id, settings, candidates, topic, send_at, lookups=lookups
        )
        result.sendable, result.deferred, result.not_checked = outcome.sendable, outcome.deferred, outcome.not_checked
        result.rules_version, suppressed = outcome.rules_version, outcome.suppressed
    else:  # consent only, and a reassigned number stays out whatever the rules
        result.sendable, suppressed = send_time_checks.unreassigned(candidates)
    order = {phone: i for i, phone in enumerate(phones)}  # suppressed in the order asked, whichever check
    result.suppressed = sorted([*result.suppressed, *suppressed], key=lambda row: order[row["phone"]])
    return result


def _normalized(numbers: list[str], region: str, result: Eligibility) -> list[str]:
    """The numbers in E.164, each once, in the order given; the others go to `result.invalid`."""
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
    return phones


def _by_consent(
    result: Eligibility, phones: list[str], found: dict[str, dict[str, Any]], definition: TopicDefinition | None
) -> list[str]:
    """The numbers consent allows; the others go to `result.suppressed`, each with its reason."""
    if definition is not None:
        return _by_topic(result, phones, found, definition)
    allowed: list[str] = []
    for phone in phones:
        record = found.get(phone)
        # A number with no record has never opted out here, so it is sendable.
        if record is None or record.get("status") == ContactStatus.ACTIVE.value:
            allowed.append(phone)
            continue
        since = record.get("status_changed_at")
        result.suppressed.append(
            {
                "phone": phone,
                "status": record.get("status"),
                "reason": record.get("status_reason"),
                "since": since,
                "reasons": [_consent_reason(record.get("status"), since)],
            }
        )
    return allowed


def _by_topic(
    result: Eligibility, phones: list[str], found: dict[str, dict[str, Any]], definition: TopicDefinition
) -> list[str]:
    """Sendable for the topic, or suppressed with the reason (a number with no record has no
    consent: sendable unless the topic needs express consent)."""
    now = utc_now()
    allowed: list[str] = []
    for phone in phones:
        record = found.get(phone) or {}
        status = ContactStatus(record["status"]) if record.get("status") else None
        topics = {name: TopicConsent.model_validate(raw) for name, raw in (record.get("topics") or {}).items()}
        states = stored_states(topics, [definition.id])
        ok, why = sendable(status, states, definition, now)
        if ok:
            allowed.append(phone)
            continue
        entry = states[definition.id]
        by_status = status is not None and status.value == (why.value if why else None)
        since = record.get("status_changed_at") if by_status else entry.since
        result.suppressed.append(
            {
                "phone": phone,
                "status": status.value if status else None,
                "reason": record.get("status_reason"),
                "since": since,
                "suppression": why.value if why else None,
                "reasons": [_consent_reason(why.value if why else None, since)],
            }
        )
    return allowed


def _consent_reason(code: str | None, since: Any) -> dict[str, Any]:
    return {"code": code, "rule": "consent", "since": since}
