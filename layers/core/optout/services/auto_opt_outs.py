"""The Auto Opt-Out folder: list its intent and typo opt-outs, and dismiss one from it.

Dismissing changes no consent: the contact stays opted out, its history is untouched, and the
entry only leaves the folder's default listing. So any key of the workspace may dismiss (a member
triaging the folder); opting a contact back in stays an admin action (services.contacts).
"""

from __future__ import annotations

from dataclasses import dataclass

from optout import repository
from optout.errors import NotFound
from optout.models import ConsentEvent, ContactStatus, Principal, utc_now
from optout.repository.dismissals import Dismissal
from optout.services.contacts import workspace_phone


@dataclass(frozen=True, slots=True)
class FolderEntry:
    event: ConsentEvent
    dismissal: Dismissal | None


def in_folder(event: ConsentEvent) -> bool:
    return event.reason in repository.AUTO_REASONS and event.status is ContactStatus.OPTED_OUT


def folder(
    principal: Principal, *, limit: int, cursor: str | None, include_dismissed: bool = False
) -> tuple[list[FolderEntry], str | None]:
    """One page of the folder, newest first. Dismissed entries are left out unless asked for, so a
    page may hold fewer than `limit` entries while `next_cursor` still leads on."""
    start_key = repository.page_start(cursor, {}, key_required=False)
    events, last_key = repository.query_auto_opt_outs(principal.workspace_id, limit=limit, start_key=start_key)
    dismissals = repository.get_dismissals(principal.workspace_id, [e.event_id for e in events]) if events else {}
    entries = [FolderEntry(e, dismissals.get(e.event_id)) for e in events]
    if not include_dismissed:
        entries = [entry for entry in entries if entry.dismissal is None]
    return entries, repository.next_page(last_key, {})


def dismiss(principal: Principal, event_id: str, raw_phone: str, note: str | None) -> FolderEntry:
    """Dismiss one entry, once: 404 unless it is this workspace's and in the folder, 409 if it is
    dismissed already (the first dismissal stands)."""
    phone = workspace_phone(principal, raw_phone)
    event = repository.get_contact_event(principal.workspace_id, phone, event_id)
    if event is None or not in_folder(event):
        raise NotFound(
            "no such entry in the Auto Opt-Out folder", code="folder_entry_not_found", details={"event_id": event_id}
        )
    dismissal = Dismissal(
        workspace_id=principal.workspace_id,
        event_id=event.event_id,
        phone=event.phone,
        by=principal.initiator,
        at=utc_now(),
        note=(note or "").strip() or None,
    )
    repository.put_dismissal(dismissal)
    return FolderEntry(event, dismissal)
