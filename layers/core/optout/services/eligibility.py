""" "May I send to these numbers?": one BatchGetItem per 100 numbers, retrying only unprocessed keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from optout import repository
from optout.errors import InvalidPhone, PayloadTooLarge
from optout.models import ContactStatus, Principal
from optout.phones import normalize_phone
from optout.services.accounts import get_workspace

MAX_NUMBERS = 10_000
_PROJECTION = ("pk", "status", "status_reason", "status_changed_at")


@dataclass
class Eligibility:
    sendable: list[str] = field(default_factory=list)
    suppressed: list[dict[str, Any]] = field(default_factory=list)
    invalid: list[dict[str, Any]] = field(default_factory=list)


def check_eligibility(principal: Principal, numbers: list[str]) -> Eligibility:
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
