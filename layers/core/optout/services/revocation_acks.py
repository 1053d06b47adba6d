"""Acknowledgements of revocations: a subscriber says it applied an opt-out, a block or a topic
revocation (`POST /v1/revocations/{event_id}/ack`), and the report of the revocations some
subscribed webhook has not acknowledged yet, earliest deadline (`honour_by`) first.

The event id is the consent bus event's `id`, the one the delivery carried. A revocation is known
once the sender has seen it, which is before any subscriber can have it. The report reads the
sparse Unacknowledged index (repository/revocation_acks.py); a webhook deleted since no longer owes
anything, so a row whose remaining webhooks are all deleted is left out of the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from optout.errors import Conflict, NotFound
from optout.models import Principal, utc_now
from optout.repository import cursors, revocation_acks
from optout.repository import webhooks as webhook_store
from optout.services.webhooks import get_webhook
from optout.webhook_records import Acknowledgement, Revocation


@dataclass
class AckResult:
    acknowledgement: Acknowledgement
    already_acknowledged: bool
    pending: list[str]  # the live webhooks that still owe an acknowledgement


@dataclass
class UnacknowledgedRow:
    revocation: Revocation
    pending: list[str]
    overdue: bool


def _not_found() -> NotFound:
    return NotFound("no revocation with this event id in this workspace", code="revocation_not_found")


def _revocation(workspace_id: str, event_id: str) -> Revocation:
    found = revocation_acks.get_revocation(workspace_id, event_id) if 0 < len(event_id) <= 200 else None
    if found is None:
        raise _not_found()
    return found


def _live_pending(workspace_id: str, pending: list[str]) -> list[str]:
    live = {w.id for w in webhook_store.list_webhooks(workspace_id)}
    return [webhook_id for webhook_id in pending if webhook_id in live]


def acknowledge(principal: Principal, event_id: str, webhook_id: str) -> AckResult:
    """Idempotent: the first acknowledgement of this webhook is kept (who, when); a repeat changes
    nothing and says so."""
    webhook = get_webhook(principal, webhook_id)
    revocation = _revocation(principal.workspace_id, event_id)
    ack = Acknowledgement(event_id=event_id, webhook_id=webhook.id, acknowledged_at=utc_now(),
                          acknowledged_by=principal.key_id)
    try:
        first = revocation_acks.acknowledge(principal.workspace_id, ack, owed=webhook.id in revocation.pending)
    except Conflict:
        raise _not_found() from None
    if not first:
        ack = next(a for a in revocation_acks.get_acknowledgements(principal.workspace_id, event_id)
                   if a.webhook_id == webhook.id)
    pending = _live_pending(principal.workspace_id, _revocation(principal.workspace_id, event_id).pending)
    return AckResult(ack, not first, pending)


def unacknowledged(
    principal: Principal, *, limit: int, cursor: str | None, now: datetime | None = None
) -> tuple[list[UnacknowledgedRow], str | None]:
    """One page of revocations not yet acknowledged by every webhook they were sent to, earliest
    `honour_by` first. A page can hold fewer rows than `limit` (rows owed only by deleted webhooks
    are left out); follow `next_cursor` until it is null."""
    scope = {"w": principal.workspace_id, "r": "unacknowledged"}
    revocations, last_key = revocation_acks.query_unacknowledged(
        principal.workspace_id, limit=limit, start_key=cursors.page_start(cursor, scope)
    )
    live = {w.id for w in webhook_store.list_webhooks(principal.workspace_id)}
    moment = now or utc_now()
    rows = []
    for revocation in revocations:
        pending = [webhook_id for webhook_id in revocation.pending if webhook_id in live]
        if pending:
            deadline = revocation.honour_by
            rows.append(UnacknowledgedRow(revocation, pending, deadline is not None and deadline < moment))
    return rows, cursors.next_page(last_key, scope)
