"""A broadcast's failed deliveries, read back through the contacts API: list them with each
contact's current status, and opt out a number whose message failed.

The failure records themselves are written by services.delivery, with the outcome that failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from optout import repository
from optout.errors import InvalidInput, NotFound
from optout.models import BroadcastFailure, ContactStatus, Principal, Reason, utc_now
from optout.rules import consent
from optout.rules.delivery import failure_decision

if TYPE_CHECKING:
    from optout.services.contacts import StatusResult


@dataclass(frozen=True)
class FailureEntry:
    failure: BroadcastFailure
    contact_status: ContactStatus | None  # None: the number is no longer a contact


def _check_broadcast(broadcast_id: str) -> str:
    if not repository.valid_broadcast_id(broadcast_id):
        raise InvalidInput(
            f"broadcast id must be 1 to {repository.MAX_BROADCAST_ID} characters", details={"field": "broadcast_id"}
        )
    return broadcast_id


def list_failures(
    principal: Principal, broadcast_id: str, *, limit: int, cursor: str | None
) -> tuple[list[FailureEntry], str | None]:
    """A broadcast's failed numbers with each contact's current status (one BatchGetItem a page).

    The cursor names the workspace and broadcast it was issued for, and works for them only.
    """
    _check_broadcast(broadcast_id)
    workspace_id = principal.workspace_id
    scope = {"w": workspace_id, "b": broadcast_id}
    start_key = repository.page_start(cursor, scope)
    failures, last_key = repository.query_broadcast_failures(
        workspace_id, broadcast_id, limit=limit, start_key=start_key
    )
    contacts = repository.batch_get_contacts(workspace_id, [f.phone for f in failures], projection=["pk", "status"])
    entries = [
        FailureEntry(f, ContactStatus(contacts[f.phone]["status"]) if f.phone in contacts else None) for f in failures
    ]
    return entries, repository.next_page(last_key, scope)


def opt_out_failure(principal: Principal, broadcast_id: str, raw_phone: str) -> StatusResult:
    """Opt out a number whose message of this broadcast failed, as the calling key (any role).

    A blocked contact stays blocked: unblocking is for admins, through set_status.
    """
    # Imported here: listing failures never needs the contacts service.
    from optout.services.accounts import get_workspace
    from optout.services.contacts import StatusResult, with_retry, workspace_phone

    _check_broadcast(broadcast_id)
    workspace_id = principal.workspace_id
    phone = workspace_phone(principal, raw_phone)
    failure = repository.get_broadcast_failure(workspace_id, broadcast_id, phone)
    if failure is None:
        raise NotFound(
            "this number has no failed delivery in this broadcast",
            code="failure_not_found",
            details={"broadcast_id": broadcast_id, "phone": phone},
        )

    def attempt() -> StatusResult:
        current = repository.get_contact(workspace_id, phone)
        if current is not None and current.status is not ContactStatus.ACTIVE:
            return StatusResult(current, False, None)  # opted out already, or blocked (which stays)
        context = consent.StatusContext(
            reason=Reason.FAILED_DELIVERY,
            initiator=principal.initiator,
            at=utc_now(),
            inbox=failure.inbox,
            message_id=failure.message_id,
            decision=failure_decision(failure, "manual"),
            revoke_all_effective=get_workspace(workspace_id).settings.revoke_all_effective,
        )
        change = consent.status_change(
            current, ContactStatus.OPTED_OUT, context, workspace_id=workspace_id, phone=phone
        )
        assert change is not None  # active or new: opting out is a change
        repository.write_contacts([change])
        return StatusResult(change.contact, True, change.event)

    return with_retry(attempt)
