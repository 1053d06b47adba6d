"""Import rules: what one CSV row does to its contact. An import never re-subscribes anyone.

The importer parses the CSV and reads the contacts; these rules decide each row, and it writes
what they return.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from optout.consent_policy import REVOKE_ALL_EFFECTIVE
from optout.models import Contact, ContactStatus, ContactWrite, Initiator, Reason
from optout.rules.consent import StatusContext, new_contact, profile_write, status_change

_TRUE = frozenset({"yes", "y", "true", "t", "1"})
_FALSE = frozenset({"no", "n", "false", "f", "0"})


class ImportOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    OPTED_OUT = "opted_out"
    KEPT = "kept"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class ImportRow:
    line: int
    phone: str
    name: str | None
    attributes: dict[str, Any]
    opt_out: bool | None


@dataclass(frozen=True, slots=True)
class RowDecision:
    row: ImportRow
    outcome: ImportOutcome
    write: ContactWrite | None  # None: nothing would change


def parse_opt_out(value: str) -> bool | None:
    """An `opt_out` cell: empty says nothing, so the contact's status stays as it is."""
    text = value.strip().lower()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"opt_out must be yes/y/true/t/1 or no/n/false/f/0, got {value[:20]!r}")


def import_row_write(
    current: Contact | None,
    *,
    workspace_id: str,
    phone: str,
    name: str | None,
    attributes: dict[str, Any],
    opt_out: bool | None,
    context: StatusContext,
) -> tuple[ImportOutcome, ContactWrite | None]:
    """Decide one import row. An import never re-subscribes: a suppressed contact stays so.

    Returns the row's outcome and the write to make (None when nothing would change).
    """
    if current is None:
        fresh = new_contact(workspace_id, phone, context.at).model_copy(update={"name": name, "attributes": attributes})
        if opt_out:
            change = status_change(None, ContactStatus.OPTED_OUT, context, workspace_id=workspace_id, phone=phone)
            assert change is not None
            return ImportOutcome.OPTED_OUT, ContactWrite(
                contact=change.contact.model_copy(update={"name": name, "attributes": attributes}),
                expected_version=None,
                event=change.event,
            )
        return ImportOutcome.CREATED, ContactWrite(contact=fresh, expected_version=None)

    merged_attributes = {**({} if current.is_deleted else current.attributes), **attributes}
    profile: dict[str, Any] = {"attributes": merged_attributes, "deleted_at": None}
    if name:
        profile["name"] = name
    elif current.is_deleted:
        profile["name"] = None
    profile_changed = current.is_deleted or any(getattr(current, k) != v for k, v in profile.items())
    updated = current.model_copy(update={**profile, "updated_at": context.at}) if profile_changed else current

    if opt_out and current.status is ContactStatus.ACTIVE:
        change = status_change(updated, ContactStatus.OPTED_OUT, context, workspace_id=workspace_id, phone=phone)
        return ImportOutcome.OPTED_OUT, change
    outcome = (
        ImportOutcome.KEPT
        if (current.status is ContactStatus.BLOCKED or (current.status is ContactStatus.OPTED_OUT and not opt_out))
        else ImportOutcome.UPDATED
    )
    return outcome, profile_write(current, updated) if profile_changed else None


def decide_rows(
    rows: Sequence[ImportRow],
    existing: Mapping[str, Contact],
    *,
    workspace_id: str,
    initiator: Initiator,
    now: datetime,
    revoke_all_effective: date = REVOKE_ALL_EFFECTIVE,
) -> list[RowDecision]:
    """Each row's outcome and write, given the contacts on record (by phone; absent: new)."""
    context = StatusContext(
        reason=Reason.IMPORT, initiator=initiator, at=now, revoke_all_effective=revoke_all_effective
    )
    decided = []
    for row in rows:
        outcome, write = import_row_write(
            existing.get(row.phone),
            workspace_id=workspace_id,
            phone=row.phone,
            name=row.name,
            attributes=row.attributes,
            opt_out=row.opt_out,
            context=context,
        )
        decided.append(RowDecision(row, outcome, write))
    return decided
