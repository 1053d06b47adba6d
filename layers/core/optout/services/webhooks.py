"""Outgoing webhooks: register an endpoint (admin; its signing secret is shown once), list, delete,
queue a signed test ping, and read an endpoint's delivery log (docs/webhooks.md).

Everything is keyed by the caller's workspace: another workspace's webhook id is not found.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime

from optout.config import settings
from optout.errors import Conflict, InvalidInput, NotFound
from optout.models import Principal, iso, utc_now
from optout.outbound import delivery_queue, webhook_secrets
from optout.repository import cursors
from optout.repository import webhooks as store
from optout.rules.consent_publication import ConsentEventType
from optout.rules.webhook_urls import url_problem
from optout.services.accounts import require_admin
from optout.webhook_records import PING_TYPE, DeliveryAttempt, Webhook

MAX_WEBHOOKS = 20  # per workspace: each one is a POST per consent event


def loopback_allowed() -> bool:
    """The local stack delivers to 127.0.0.1 over http; a deployed stack never does."""
    return settings().webhooks_allow_loopback == "true"


def _not_found() -> NotFound:
    return NotFound("webhook not found", code="webhook_not_found")


def get_webhook(principal: Principal, webhook_id: str) -> Webhook:
    well_formed = webhook_id.startswith("wh_") and len(webhook_id) <= 40 and "#" not in webhook_id
    webhook = store.get_webhook(principal.workspace_id, webhook_id) if well_formed else None
    if webhook is None:
        raise _not_found()
    return webhook


def register(
    principal: Principal, url: str, events: Sequence[ConsentEventType], description: str | None
) -> tuple[Webhook, str]:
    """A new webhook and its signing secret (returned once, here; only its name is stored)."""
    require_admin(principal, "register webhooks")
    problem = url_problem(url, allow_loopback=loopback_allowed())
    if problem:
        raise InvalidInput(problem, code="invalid_webhook_url", details={"field": "url"})
    if len(store.list_webhooks(principal.workspace_id)) >= MAX_WEBHOOKS:
        raise Conflict(f"a workspace has at most {MAX_WEBHOOKS} webhooks", code="webhook_limit")
    webhook_id = "wh_" + secrets.token_hex(8)
    secret_ref, secret = webhook_secrets.create_secret(principal.workspace_id, webhook_id)
    webhook = Webhook(
        id=webhook_id,
        workspace_id=principal.workspace_id,
        url=url,
        events=sorted({ConsentEventType(e).value for e in events}),
        description=description,
        created_at=utc_now(),
        created_by=principal.key_id,
        secret_ref=secret_ref,
    )
    try:
        store.put_webhook(webhook)
    except Exception:
        webhook_secrets.delete_secret(secret_ref)  # no secret outlives a webhook that was never stored
        raise
    return webhook, secret


def list_webhooks(principal: Principal) -> list[Webhook]:
    return sorted(store.list_webhooks(principal.workspace_id), key=lambda w: (w.created_at, w.id))


def delete(principal: Principal, webhook_id: str) -> Webhook:
    """Delete a webhook and its secret: nothing is sent to it, or signed for it, again."""
    require_admin(principal, "delete webhooks")
    webhook = get_webhook(principal, webhook_id)
    store.delete_webhook(principal.workspace_id, webhook.id)
    webhook_secrets.delete_secret(webhook.secret_ref)
    return webhook


def ping(principal: Principal, webhook_id: str) -> str:
    """Queue a signed `ping` to one webhook, through the delivery queue; returns its event id."""
    require_admin(principal, "ping webhooks")
    webhook = get_webhook(principal, webhook_id)
    event_id = "ping_" + secrets.token_hex(8)
    now = utc_now()
    detail = {
        "id": event_id,
        "type": PING_TYPE,
        "workspace_id": principal.workspace_id,
        "webhook_id": webhook.id,
        "occurred_at": iso(now),
    }
    # The shape EventBridge gives the rule's messages, so the sender reads both the same way.
    delivery_queue.send({"id": event_id, "source": "optout.webhooks", "detail-type": PING_TYPE,
                         "time": iso(now), "detail": detail})
    return event_id


def deliveries(
    principal: Principal, webhook_id: str, *, limit: int, cursor: str | None
) -> tuple[list[DeliveryAttempt], str | None]:
    """One page of a webhook's delivery log, newest first."""
    webhook = get_webhook(principal, webhook_id)
    scope = {"w": principal.workspace_id, "h": webhook.id}
    attempts, last_key = store.query_attempts(
        principal.workspace_id, webhook.id, limit=limit, start_key=cursors.page_start(cursor, scope)
    )
    return attempts, cursors.next_page(last_key, scope)


def subscribed(webhooks: Sequence[Webhook], event_type: str, occurred_at: datetime | None) -> list[Webhook]:
    """The webhooks an event goes to: subscribed to its type, and registered by the time it happened
    (one registered later never owes an acknowledgement of it)."""
    return [
        w for w in webhooks
        if event_type in w.events and (occurred_at is None or w.created_at <= occurred_at)
    ]
