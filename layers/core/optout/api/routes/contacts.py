"""Contacts: create, list, read, change the profile, delete, and a contact's consent history."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from optout.api.http import path_value, principal_of
from optout.api.openapi import responses
from optout.api.schemas.contacts import (
    BulkDeleteOut,
    ContactCreated,
    ContactIn,
    ContactOut,
    ContactPage,
    ContactPatch,
    DeletedContact,
    EventOut,
    EventPage,
)
from optout.models import ContactStatus
from optout.services import contacts

router = Router()


@router.post("/v1/contacts", summary="Create a contact", responses=responses(409, ok=201, description="Created"))
def create_contact(body: Annotated[ContactIn, Body()]) -> Response[ContactCreated]:
    result = contacts.create_contact(
        principal_of(router),
        body.phone,
        name=body.name,
        attributes=body.attributes,
        status=body.status,
        note=body.note,
    )
    message = None
    if result.kept:
        message = f"this number is {result.contact.status.value}; its status was kept and not re-subscribed"
    out = ContactCreated(**ContactOut.of(result.contact).model_dump(), kept=result.kept, message=message)
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=out)


@router.get(
    "/v1/contacts",
    summary="List contacts, optionally by status, or search them by name, number or attribute",
    description=(
        "With `q` or `attribute`, each page holds the matches among at most 1,000 contacts read: "
        "a page may be short or empty and still have a `next_cursor`; only a null cursor means "
        "every contact was searched."
    ),
    responses=responses(),
)
def list_contacts(
    status: Annotated[ContactStatus | None, Query()] = None,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Text in the name (any case) or, when it looks like one, in the number"),
    ] = None,
    attribute: Annotated[
        str | None, Query(max_length=200, description="`key:value`: an attribute with exactly this value")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> ContactPage:
    found, next_cursor = contacts.list_contacts(
        principal_of(router), status=status, limit=limit, cursor=cursor, q=q, attribute=attribute
    )
    return ContactPage(contacts=[ContactOut.of(c) for c in found], next_cursor=next_cursor)


@router.delete(
    "/v1/contacts",
    summary="Delete contacts of one status (admin), keeping suppression records",
    responses=responses(403),
)
def delete_contacts(
    status: Annotated[ContactStatus, Query()],
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> BulkDeleteOut:
    deleted, has_more = contacts.delete_contacts_by_status(principal_of(router), status, limit=limit)
    return BulkDeleteOut(deleted=deleted, has_more=has_more)


@router.get("/v1/contacts/<phone>", summary="Get a contact", responses=responses(404))
def get_contact(phone: str) -> ContactOut:
    return ContactOut.of(contacts.get_contact(principal_of(router), path_value(phone)))


@router.patch("/v1/contacts/<phone>", summary="Change a contact's name or attributes", responses=responses(404, 409))
def update_contact(phone: str, body: Annotated[ContactPatch, Body()]) -> ContactOut:
    changes: dict[str, Any] = {"attributes": body.attributes}
    if "name" in body.model_fields_set:
        changes["name"] = body.name
    return ContactOut.of(contacts.update_profile(principal_of(router), path_value(phone), **changes))


@router.delete(
    "/v1/contacts/<phone>",
    summary="Delete a contact's profile, keeping any opt-out or block",
    responses=responses(404, 409),
)
def delete_contact(phone: str) -> DeletedContact:
    record = contacts.delete_contact(principal_of(router), path_value(phone))
    return DeletedContact(phone=record.phone, deleted=True, suppression_kept=record.is_suppressed, status=record.status)


@router.get("/v1/contacts/<phone>/events", summary="A contact's consent history, newest first", responses=responses(404))
def contact_events(
    phone: str,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> EventPage:
    events, next_cursor = contacts.contact_events(principal_of(router), path_value(phone), limit=limit, cursor=cursor)
    return EventPage(events=[EventOut.of(e) for e in events], next_cursor=next_cursor)
