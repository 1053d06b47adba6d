"""Inboxes: business numbers registered to a workspace with their provider and signing secret.

A workspace's signing secrets live under its own Secrets Manager namespace,
``optout/{workspace_id}/…``, so no inbox can borrow another tenant's credentials.
"""

from __future__ import annotations

from collections.abc import Sequence

from optout import repository, secret_store
from optout.errors import Conflict, InvalidInput, NotFound
from optout.models import PROVIDERS, Inbox, Principal, utc_now
from optout.phones import normalize_phone
from optout.services.accounts import require_admin
from optout.source_networks import canonical_networks
from optout.ttl_cache import TtlCache

_CACHE_SECONDS = 60.0
_cache: TtlCache[str, Inbox | None] = TtlCache("inboxes", _CACHE_SECONDS)


def _taken() -> Conflict:
    return Conflict("this number is registered to another workspace", code="inbox_taken")


def _source_networks(values: Sequence[str] | None) -> list[str] | None:
    if values is None:
        return None
    if not values:
        raise InvalidInput("allowed_source_cidrs needs at least one network, or null for any source",
                           details={"field": "allowed_source_cidrs"})
    try:
        return canonical_networks(values)
    except ValueError as exc:
        raise InvalidInput(f"allowed_source_cidrs: {exc}", details={"field": "allowed_source_cidrs"}) from None


def register_inbox(
    principal: Principal,
    raw_number: str,
    *,
    provider: str,
    secret_ref: str | None,
    topic_arn: str | None,
    allowed_source_cidrs: Sequence[str] | None = None,
) -> Inbox:
    require_admin(principal, "register inboxes")
    number = normalize_phone(raw_number, "US")
    if provider not in PROVIDERS:
        raise InvalidInput(f"provider must be one of {', '.join(PROVIDERS)}", details={"field": "provider"})
    existing = repository.get_inbox(number)
    if existing is not None and existing.workspace_id != principal.workspace_id:
        raise _taken()
    if provider != "aws" and not secret_ref:
        raise InvalidInput(
            "secret_ref is required: the Secrets Manager name or ARN of this inbox's signing secret",
            details={"field": "secret_ref"},
        )
    if secret_ref:
        secret_store.require_workspace_secret(principal.workspace_id, secret_ref)
    inbox = Inbox(
        number=number,
        workspace_id=principal.workspace_id,
        provider=provider,
        secret_ref=secret_ref,
        topic_arn=topic_arn,
        allowed_source_cidrs=_source_networks(allowed_source_cidrs),
        created_at=utc_now(),
    )
    try:
        repository.put_inbox(inbox)
    except Conflict:
        raise _taken() from None
    _cache.invalidate(number)
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
    _cache.invalidate(number)
    return inbox


def find_inbox(number: str) -> Inbox | None:
    """The inbox a carrier message was sent to, cached briefly: it is read on every webhook."""
    return _cache.get_or_load(number, lambda: repository.get_inbox(number))
