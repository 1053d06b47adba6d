"""Contacts: create, read, profile edits, deletion that keeps suppression, lists and history."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from optout import repository
from optout.errors import Conflict, InvalidInput, NotFound
from optout.models import (
    ConsentEvent,
    Contact,
    ContactStatus,
    ContactWrite,
    Principal,
    utc_now,
)
from optout.phones import normalize_phone
from optout.rules import consent
from optout.services.accounts import get_workspace, require_admin

MAX_ATTRIBUTES = 50
MAX_ATTRIBUTES_BYTES = 8_000
MAX_NAME_LENGTH = 200
_WRITE_ATTEMPTS = 3

T = TypeVar("T")


def staff_context(principal: Principal, at: datetime, note: str | None) -> consent.StatusContext:
    """A change by an API key, with the workspace's revoke-all date for the record."""
    effective = get_workspace(principal.workspace_id).settings.revoke_all_effective
    return consent.staff_context(principal, at, note, revoke_all_effective=effective)


def workspace_phone(principal: Principal, raw: str) -> str:
    """Normalise a number with the workspace's default region."""
    region = get_workspace(principal.workspace_id).settings.default_region
    return normalize_phone(raw, region)


def check_attributes(attributes: dict[str, Any]) -> dict[str, Any]:
    if len(attributes) > MAX_ATTRIBUTES:
        raise InvalidInput(f"at most {MAX_ATTRIBUTES} attributes", details={"field": "attributes"})
    if len(json.dumps(attributes, default=str)) > MAX_ATTRIBUTES_BYTES:
        raise InvalidInput(f"attributes exceed {MAX_ATTRIBUTES_BYTES} bytes", details={"field": "attributes"})
    for key in attributes:
        if not key or len(key) > 64:
            raise InvalidInput("attribute names must be 1 to 64 characters", details={"field": "attributes"})
    return attributes


def with_retry(attempt: Callable[[], T]) -> T:
    """Re-run a read-decide-write step when another writer changed the contact meanwhile."""
    return repository.retry_on_conflict(attempt, attempts=_WRITE_ATTEMPTS)


def _live_contact(principal: Principal, phone: str) -> Contact:
    contact = repository.get_contact(principal.workspace_id, phone)
    if contact is None or contact.is_deleted:
        raise NotFound("contact not found", code="contact_not_found", details={"phone": phone})
    return contact


@dataclass(frozen=True)
class CreateResult:
    contact: Contact
    kept: bool  # the number was suppressed already and stays so, whatever the request asked


def create_contact(
    principal: Principal,
    raw_phone: str,
    *,
    name: str | None,
    attributes: dict[str, Any],
    status: ContactStatus,
    note: str | None = None,
) -> CreateResult:
    """Create a contact. Never re-subscribes: a suppression record keeps its status."""
    phone = workspace_phone(principal, raw_phone)
    check_attributes(attributes)

    def attempt() -> CreateResult:
        now = utc_now()
        current = repository.get_contact(principal.workspace_id, phone)
        if current is not None and not current.is_deleted:
            raise Conflict("a contact with this phone already exists", code="contact_exists", details={"phone": phone})
        profile = {"name": name, "attributes": attributes, "updated_at": now, "deleted_at": None}
        if current is not None:
            # A deleted contact's suppression record: restore the profile, keep the status,
            # unless the request is for a block, which is always allowed.
            restored = current.model_copy(update={**profile, "created_at": now})
            write: ContactWrite | None = None
            if status is ContactStatus.BLOCKED:
                write = consent.status_change(
                    restored,
                    status,
                    staff_context(principal, now, note),
                    workspace_id=principal.workspace_id,
                    phone=phone,
                )
            kept = write is None and status is not current.status
            write = write or consent.profile_write(current, restored)
            repository.write_contacts([write])
            return CreateResult(write.contact, kept)
        fresh = consent.new_contact(principal.workspace_id, phone, now).model_copy(
            update={"name": name, "attributes": attributes}
        )
        if status is ContactStatus.ACTIVE:
            write = ContactWrite(contact=fresh, expected_version=None)
        else:
            change = consent.status_change(
                None,
                status,
                staff_context(principal, now, note),
                workspace_id=principal.workspace_id,
                phone=phone,
            )
            assert change is not None
            write = ContactWrite(
                contact=change.contact.model_copy(update={"name": name, "attributes": attributes}),
                expected_version=None,
                event=change.event,
            )
        repository.write_contacts([write])
        return CreateResult(write.contact, False)

    return with_retry(attempt)


def get_contact(principal: Principal, raw_phone: str) -> Contact:
    return _live_contact(principal, workspace_phone(principal, raw_phone))


_UNSET: Any = object()


def update_profile(
    principal: Principal, raw_phone: str, *, name: Any = _UNSET, attributes: dict[str, Any] | None = None
) -> Contact:
    """Change name and attributes only. Attributes merge; a null value removes that attribute."""
    phone = workspace_phone(principal, raw_phone)

    def attempt() -> Contact:
        current = _live_contact(principal, phone)
        merged = dict(current.attributes)
        for key, value in (attributes or {}).items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        check_attributes(merged)
        update: dict[str, Any] = {"attributes": merged, "updated_at": utc_now()}
        if name is not _UNSET:
            update["name"] = name
        write = consent.profile_write(current, current.model_copy(update=update))
        repository.write_contacts([write])
        return write.contact

    return with_retry(attempt)


def _deletion(current: Contact, at: Any) -> ContactWrite:
    if current.is_suppressed or current.chain_head is not None:
        # Keep the number and its status: a later create or import must find the suppression,
        # and the evidence chain's head must survive the profile (repository/chaining.py).
        record = current.model_copy(update={"name": None, "attributes": {}, "deleted_at": at, "updated_at": at})
        return consent.profile_write(current, record)
    return ContactWrite(contact=current, expected_version=current.version, delete=True)


def delete_contact(principal: Principal, raw_phone: str) -> Contact:
    phone = workspace_phone(principal, raw_phone)

    def attempt() -> Contact:
        current = _live_contact(principal, phone)
        write = _deletion(current, utc_now())
        repository.write_contacts([write])
        return write.contact

    return with_retry(attempt)


def list_contacts(
    principal: Principal,
    *,
    status: ContactStatus | None,
    limit: int,
    cursor: str | None,
    q: str | None = None,
    attribute: str | None = None,
) -> tuple[list[Contact], str | None]:
    """Page through contacts by status (all statuses when none is given), with an opaque cursor.

    With `q` (in the name, case-insensitively, or in the number) or `attribute` (`key:value`,
    exact), the pages hold the matches of a bounded read each (docs/contacts-search.md): a page
    may be short, even empty, and still carry a cursor; only a null cursor means the end.
    """
    match = search_filter(q, attribute)
    if match is None:
        return repository.list_contacts_page(principal.workspace_id, status, limit=limit, cursor=cursor)
    return repository.search_contacts_page(principal.workspace_id, status, match, limit=limit, cursor=cursor)


MAX_QUERY_LENGTH = 100


def search_filter(q: str | None, attribute: str | None) -> repository.ContactFilter | None:
    """The search `q` and `attribute` ask for (None: no search), or InvalidInput saying why not."""
    if q is None and attribute is None:
        return None
    text = None
    if q is not None:
        text = q.strip()
        if not text:
            raise InvalidInput("q must not be empty", details={"field": "q"})
        if len(text) > MAX_QUERY_LENGTH:
            raise InvalidInput(f"q must be at most {MAX_QUERY_LENGTH} characters", details={"field": "q"})
    pair = None
    if attribute is not None:
        key, colon, value = attribute.partition(":")
        if not colon or not key or len(key) > 64 or not value or len(value) > MAX_QUERY_LENGTH:
            raise InvalidInput(
                "attribute must be key:value (a name of 1 to 64 characters, a value of 1 to "
                f"{MAX_QUERY_LENGTH})",
                details={"field": "attribute"},
            )
        pair = (key, value)
    return repository.ContactFilter(text=text, attribute=pair)


def delete_contacts_by_status(principal: Principal, status: ContactStatus, *, limit: int) -> tuple[int, bool]:
    """Delete up to `limit` contacts of one status, keeping suppression records.

    Returns how many were deleted and whether more remain (call again to continue). Each
    deletion is conditional on the version read, so an opt-out arriving meanwhile is never lost.
    """
    require_admin(principal, "delete contacts in bulk")
    deleted = 0

    def remaining() -> int:
        return limit - deleted

    for page in repository.status_pages(principal.workspace_id, status, remaining):
        now = utc_now()
        writes = [_deletion(contact, now) for contact in page]
        for chunk in repository.chunk_writes(writes):
            try:
                repository.write_contacts(chunk)
                deleted += len(chunk)
            except repository.TransactionConflict as conflict:
                # Changed meanwhile: delete the others; the changed ones are judged next call.
                survivors = [w for i, w in enumerate(chunk) if i not in conflict.failed]
                if survivors:
                    try:
                        repository.write_contacts(survivors)
                        deleted += len(survivors)
                    except repository.TransactionConflict:
                        pass
    return deleted, deleted >= limit


def contact_events(
    principal: Principal, raw_phone: str, *, limit: int, cursor: str | None
) -> tuple[list[ConsentEvent], str | None]:
    """A contact's consent history, newest first. Kept after the profile is deleted."""
    phone = workspace_phone(principal, raw_phone)
    start_key = repository.page_start(cursor, {}, key_required=False)
    events, last_key = repository.query_contact_events(principal.workspace_id, phone, limit=limit, start_key=start_key)
    if not events and start_key is None and repository.get_contact(principal.workspace_id, phone) is None:
        raise NotFound("contact not found", code="contact_not_found", details={"phone": phone})
    return events, repository.next_page(last_key, {})


@dataclass(frozen=True)
class StatusResult:
    contact: Contact
    changed: bool
    event: ConsentEvent | None


def set_status(principal: Principal, raw_phone: str, command: consent.StatusCommand, note: str | None) -> StatusResult:
    """Heymarket-compatible status change by staff, with the rules in `consent.staff_target`."""
    phone = workspace_phone(principal, raw_phone)

    def attempt() -> StatusResult:
        current = repository.get_contact(principal.workspace_id, phone)
        if current is None and command in (
            consent.StatusCommand.SUBSCRIBED,
            consent.StatusCommand.ACTIVE,
            consent.StatusCommand.UNBLOCKED,
        ):
            raise NotFound("contact not found", code="contact_not_found", details={"phone": phone})
        target = consent.staff_target(command, current, principal, note)
        change = consent.status_change(
            current,
            target,
            staff_context(principal, utc_now(), note),
            workspace_id=principal.workspace_id,
            phone=phone,
        )
        if change is None:
            assert current is not None
            return StatusResult(current, False, None)
        repository.write_contacts([change])
        return StatusResult(change.contact, True, change.event)

    return with_retry(attempt)
