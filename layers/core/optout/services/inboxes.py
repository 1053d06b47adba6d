"""Inboxes: business numbers registered to a workspace with their provider and signing secret."""

from __future__ import annotations

import time

from optout import repository
from optout.errors import Conflict, InvalidInput, NotFound
from optout.models import PROVIDERS, Inbox, Principal, utc_now
from optout.phones import normalize_phone
from optout.services.accounts import require_admin

_CACHE_SECONDS = 60.0
_cache: dict[str, tuple[float, Inbox | None]] = {}


def register_inbox(
    principal: Principal, raw_number: str, *, provider: str, secret_ref: str | None, topic_arn: str | None
) -> Inbox:
    require_admin(principal, "register inboxes")
    number = normalize_phone(raw_number, "US")
    if provider not in PROVIDERS:
        raise InvalidInput(f"provider must be one of {', '.join(PROVIDERS)}", details={"field": "provider"})
    if provider != "aws" and not secret_ref:
        raise InvalidInput(
            "secret_ref is required: the Secrets Manager name or ARN of this inbox's signing secret",
            details={"field": "secret_ref"},
        )
    inbox = Inbox(
        number=number,
        workspace_id=principal.workspace_id,
        provider=provider,
        secret_ref=secret_ref,
        topic_arn=topic_arn,
        created_at=utc_now(),
    )
    try:
        repository.put_inbox(inbox)
    except Conflict:
        raise Conflict("this number is registered to another workspace", code="inbox_taken") from None
    _cache.pop(number, None)
    return inbox


def list_inboxes(principal: Principal) -> list[Inbox]:
    return sorted(repository.list_inboxes(principal.workspace_id), key=lambda i: i.number)


def delete_inbox(principal: Principal, raw_number: str) -> Inbox:
    require_admin(principal, "delete inboxes")
    number = normalize_phone(raw_number, "US")
    inbox = repository.get_inbox(number)
    if inbox is None or inbox.workspace_id != principal.workspace_id:
        raise NotFound("inbox not found", code="inbox_not_found")
    repository.delete_inbox(inbox)
    _cache.pop(number, None)
    return inbox


def find_inbox(number: str) -> Inbox | None:
    """The inbox a carrier message was sent to, cached briefly: it is read on every webhook."""
    now = time.monotonic()
    cached = _cache.get(number)
    if cached and now - cached[0] < _CACHE_SECONDS:
        return cached[1]
    inbox = repository.get_inbox(number)
    _cache[number] = (now, inbox)
    return inbox
