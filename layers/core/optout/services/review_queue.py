"""The review queue: messages with a clear request that must not be automatic, and their resolution.

The engine answers `review` (a long message, an intent opt-out soon after an UNSTOP, a low
confidence, a language it has no rules for). Inbound queues the message (the item is built by
`rules.inbound.review_item`) with its idempotency marker and changes no status; an admin then opts the contact out (a consent event with reason
`review`) or dismisses it, with a note that stays on the item.
"""

from __future__ import annotations

from dataclasses import dataclass

from optout import repository
from optout.errors import InvalidInput, NotFound
from optout.models import ConsentEvent, Contact, ContactStatus, Principal, Reason, utc_now
from optout.repository import review_queue as review_items
from optout.review import ResolveAction, ReviewItem, ReviewResolution, ReviewState, valid_review_id
from optout.rules import consent
from optout.services.accounts import get_workspace, require_admin


def list_items(
    principal: Principal, *, state: ReviewState, limit: int, cursor: str | None
) -> tuple[list[ReviewItem], str | None]:
    """One page of the workspace's items in `state`, newest first. The cursor names the workspace
    and state it was issued for and works for them only."""
    workspace_id = principal.workspace_id
    scope = {"w": workspace_id, "s": state.value}
    start_key = repository.page_start(cursor, scope)
    items, last_key = review_items.query_items(workspace_id, state, limit=limit, start_key=start_key)
    return items, repository.next_page(last_key, scope)


@dataclass(frozen=True)
class ResolveResult:
    item: ReviewItem
    contact: Contact | None
    event: ConsentEvent | None


def _open_item(principal: Principal, item_id: str) -> ReviewItem:
    item = review_items.get_item(principal.workspace_id, item_id) if valid_review_id(item_id) else None
    if item is None:
        raise NotFound("review item not found", code="review_item_not_found", details={"id": item_id})
    if item.state is ReviewState.RESOLVED:
        raise review_items.AlreadyResolved(item_id)
    return item


def _check_note(note: str) -> str:
    text = note.strip()
    if not text:
        raise InvalidInput(
            "a note is required to resolve a review item", code="note_required", details={"field": "note"}
        )
    if len(text) > consent.MAX_NOTE_LENGTH:
        raise InvalidInput(f"note is longer than {consent.MAX_NOTE_LENGTH} characters", details={"field": "note"})
    return text


def resolve(principal: Principal, item_id: str, action: ResolveAction, note: str) -> ResolveResult:
    """Resolve an open item (admin). An opt-out of a contact opted out or blocked already records
    the resolution and changes nothing: a blocked contact stays blocked."""
    require_admin(principal, "resolve review items")
    text = _check_note(note)
    return repository.retry_on_conflict(lambda: _resolve_once(principal, _open_item(principal, item_id), action, text))


def _resolve_once(principal: Principal, item: ReviewItem, action: ResolveAction, note: str) -> ResolveResult:
    now = utc_now()
    current = repository.get_contact(item.workspace_id, item.phone)
    change = None
    if action is ResolveAction.OPT_OUT and (current is None or current.status is ContactStatus.ACTIVE):
        context = consent.StatusContext(
            reason=Reason.REVIEW,
            initiator=principal.initiator,
            at=now,
            note=note,
            inbox=item.inbox,
            message_id=item.message_id,
            message_text=item.text,
            decision=item.decision,
            revoke_all_effective=get_workspace(item.workspace_id).settings.revoke_all_effective,
            source_at=item.sent_at,  # the contact's message: an older START never undoes this opt-out
        )
        change = consent.status_change(
            current, ContactStatus.OPTED_OUT, context, workspace_id=item.workspace_id, phone=item.phone
        )
    contact = change.contact if change is not None else current
    resolution = ReviewResolution(
        action=action,
        note=note,
        by=principal.initiator,
        at=now,
        changed=change is not None,
        contact_status=contact.status if contact is not None else None,
        event_id=change.event.event_id if change is not None and change.event is not None else None,
    )
    if change is not None:
        # The consent change and the resolution land together, or neither does.
        repository.write_contacts([change], extra_items=[review_items.resolution_update(item, resolution)])
    else:
        review_items.resolve(item, resolution)
    resolved = item.model_copy(update={"state": ReviewState.RESOLVED, "resolution": resolution})
    return ResolveResult(resolved, contact, change.event if change is not None else None)
