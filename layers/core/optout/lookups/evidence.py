"""A reassigned "yes" kept on the contact: the contact's `reassigned_check` and an append-only
consent event (reason `reassigned_number`) saying what was asked and who answered. The status does
not change: eligibility suppresses on the answer, and the event is in no status report. Pure."""

from __future__ import annotations

from datetime import datetime

from optout.lookup_settings import ReassignedCheck
from optout.lookups.ports import ReassignedAnswer
from optout.models import ConsentEvent, Contact, ContactWrite, Initiator, InitiatorType, Reason
from optout.rules.consent import new_event_id


def reassigned_evidence(contact: Contact, answer: ReassignedAnswer, at: datetime) -> ContactWrite | None:
    """The write that keeps a "yes" on the contact; None when it keeps this one already."""
    if answer.answer != "yes":
        return None
    kept = contact.reassigned_check
    if kept is not None and kept.answer == "yes" and kept.asked_date == answer.asked_date:
        return None
    check = ReassignedCheck(
        answer="yes", asked_date=answer.asked_date, source=answer.source, checked_at=answer.checked_at
    )
    event = ConsentEvent(
        event_id=new_event_id(),
        workspace_id=contact.workspace_id,
        phone=contact.phone,
        status=contact.status,
        previous_status=contact.status,
        reason=Reason.REASSIGNED_NUMBER,
        initiator=Initiator(type=InitiatorType.SYSTEM, id=answer.source, name="reassigned-number lookup"),
        occurred_at=at,
        note=(
            f"{answer.source} answered yes: the number was permanently disconnected on or after "
            f"{answer.asked_date.isoformat()} (asked {answer.checked_at.isoformat()})"
        ),
    )
    updated = contact.model_copy(update={"reassigned_check": check, "updated_at": at, "version": contact.version + 1})
    return ContactWrite(contact=updated, expected_version=contact.version, event=event)
