"""Contacts API: contacts, consent status, CSV import, eligibility, API keys and settings.

Each route parses its input, calls one domain function and shapes the response.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import unquote

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body, Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from optout.api.http import body_text, build_app, handle_api, principal_of
from optout.api.openapi import responses
from optout.api.schemas import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyList,
    ApiKeyOut,
    AutoOptOutPage,
    BulkDeleteOut,
    ContactCreated,
    ContactIn,
    ContactOut,
    ContactPage,
    ContactPatch,
    DeletedContact,
    EligibilityIn,
    EligibilityOut,
    EventOut,
    EventPage,
    ImportOut,
    InboxIn,
    InboxList,
    InboxOut,
    OptInIn,
    SetStatusIn,
    SetStatusOut,
    SettingsChange,
)
from optout.consent import StatusCommand
from optout.errors import UnsupportedMediaType
from optout.models import ContactStatus, WorkspaceSettings
from optout.observability import logger, metrics, tracer
from optout.services import accounts, contacts, eligibility, importer, inboxes

app = build_app("Opt-out service: contacts API")
IMPORT_PATH = "/v1/contacts/import"
CSV_BODY = {
    "required": True,
    "description": "A header row naming a `phone` column (optionally `name`, `opt_out` and attributes), then rows.",
    "content": {"text/csv": {"schema": {"type": "string"}}},
}


def _phone(raw: str) -> str:
    return unquote(raw)


@app.post("/v1/contacts", summary="Create a contact", responses=responses(409, ok=201, description="Created"))
def create_contact(body: Annotated[ContactIn, Body()]) -> Response[ContactCreated]:
    result = contacts.create_contact(
        principal_of(app),
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


@app.get("/v1/contacts", summary="List contacts, optionally by status", responses=responses())
def list_contacts(
    status: Annotated[ContactStatus | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> ContactPage:
    found, next_cursor = contacts.list_contacts(principal_of(app), status=status, limit=limit, cursor=cursor)
    return ContactPage(contacts=[ContactOut.of(c) for c in found], next_cursor=next_cursor)


@app.delete(
    "/v1/contacts",
    summary="Delete contacts of one status (admin), keeping suppression records",
    responses=responses(403),
)
def delete_contacts(
    status: Annotated[ContactStatus, Query()],
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> BulkDeleteOut:
    deleted, has_more = contacts.delete_contacts_by_status(principal_of(app), status, limit=limit)
    return BulkDeleteOut(deleted=deleted, has_more=has_more)


@app.get("/v1/contacts/<phone>", summary="Get a contact", responses=responses(404))
def get_contact(phone: str) -> ContactOut:
    return ContactOut.of(contacts.get_contact(principal_of(app), _phone(phone)))


@app.patch("/v1/contacts/<phone>", summary="Change a contact's name or attributes", responses=responses(404, 409))
def update_contact(phone: str, body: Annotated[ContactPatch, Body()]) -> ContactOut:
    changes: dict[str, Any] = {"attributes": body.attributes}
    if "name" in body.model_fields_set:
        changes["name"] = body.name
    return ContactOut.of(contacts.update_profile(principal_of(app), _phone(phone), **changes))


@app.delete(
    "/v1/contacts/<phone>",
    summary="Delete a contact's profile, keeping any opt-out or block",
    responses=responses(404, 409),
)
def delete_contact(phone: str) -> DeletedContact:
    record = contacts.delete_contact(principal_of(app), _phone(phone))
    return DeletedContact(phone=record.phone, deleted=True, suppression_kept=record.is_suppressed, status=record.status)


@app.get("/v1/contacts/<phone>/events", summary="A contact's consent history, newest first", responses=responses(404))
def contact_events(
    phone: str,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> EventPage:
    events, next_cursor = contacts.contact_events(principal_of(app), _phone(phone), limit=limit, cursor=cursor)
    return EventPage(events=[EventOut.of(e) for e in events], next_cursor=next_cursor)


@app.post("/v1/contact/set_status", summary="Heymarket-compatible status change", responses=responses(403, 404, 409))
def set_status(body: Annotated[SetStatusIn, Body()]) -> SetStatusOut:
    result = contacts.set_status(principal_of(app), body.phone, body.status, body.note)
    return SetStatusOut(
        contact=ContactOut.of(result.contact),
        changed=result.changed,
        event=EventOut.of(result.event) if result.event else None,
    )


@app.post(
    IMPORT_PATH,
    summary="Import contacts from CSV (text/csv, up to 100,000 rows)",
    responses=responses(409, 415),
    openapi_extensions={"requestBody": CSV_BODY},
)
def import_contacts() -> ImportOut:
    content_type = (app.current_event.headers.get("content-type") or "").split(";")[0].strip().lower()
    if content_type not in ("text/csv", "application/csv", "text/plain"):
        raise UnsupportedMediaType("send the CSV with Content-Type: text/csv")
    report = importer.import_contacts(principal_of(app), body_text(app))
    metrics.add_metric(name="ContactsImported", unit="Count", value=report.rows - report.rejected)
    return ImportOut.model_validate(report, from_attributes=True)


@app.post("/v1/eligibility", summary="Which of these numbers may I send to?", responses=responses())
def check_eligibility(body: Annotated[EligibilityIn, Body()]) -> EligibilityOut:
    result = eligibility.check_eligibility(principal_of(app), body.phones)
    counts = {"sendable": len(result.sendable), "suppressed": len(result.suppressed), "invalid": len(result.invalid)}
    return EligibilityOut.model_validate({**result.__dict__, "counts": counts})


@app.get("/v1/settings", summary="Workspace settings (admin)", responses=responses(403))
def get_settings() -> WorkspaceSettings:
    return accounts.get_settings(principal_of(app))


@app.put(
    "/v1/settings",
    summary="Change workspace settings (admin); only the fields sent change",
    responses=responses(403, 409),
)
def put_settings(body: Annotated[SettingsChange, Body()]) -> WorkspaceSettings:
    return accounts.update_settings(principal_of(app), body.model_dump(exclude_unset=True))


@app.post(
    "/v1/api-keys",
    summary="Create an API key (admin); the key is shown once",
    responses=responses(403, ok=201, description="Created"),
)
def create_api_key(body: Annotated[ApiKeyIn, Body()]) -> Response[ApiKeyCreated]:
    key, plain = accounts.create_api_key(principal_of(app), body.name, body.role)
    out = ApiKeyCreated(**ApiKeyOut.of(key).model_dump(), api_key=plain)
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=out)


@app.get("/v1/api-keys", summary="List API keys without their secrets (admin)", responses=responses(403))
def list_api_keys() -> ApiKeyList:
    return ApiKeyList(api_keys=[ApiKeyOut.of(k) for k in accounts.list_api_keys(principal_of(app))])


@app.delete(
    "/v1/api-keys/<key_id>",
    summary="Revoke an API key (admin); the last live admin key is refused (409)",
    responses=responses(403, 404, 409),
)
def revoke_api_key(key_id: str) -> ApiKeyOut:
    return ApiKeyOut.of(accounts.revoke_api_key(principal_of(app), key_id))


@app.put(
    "/v1/inboxes/<number>",
    summary="Register a business number (admin) with its provider and signing secret",
    responses=responses(403, 409),
)
def put_inbox(number: str, body: Annotated[InboxIn, Body()]) -> InboxOut:
    inbox = inboxes.register_inbox(
        principal_of(app),
        _phone(number),
        provider=body.provider,
        secret_ref=body.secret_ref,
        topic_arn=body.topic_arn,
        allowed_source_cidrs=body.allowed_source_cidrs,
    )
    return InboxOut.of(inbox)


@app.get("/v1/inboxes", summary="List the workspace's inboxes", responses=responses())
def list_inboxes() -> InboxList:
    return InboxList(inboxes=[InboxOut.of(i) for i in inboxes.list_inboxes(principal_of(app))])


@app.delete("/v1/inboxes/<number>", summary="Unregister an inbox (admin)", responses=responses(403, 404))
def delete_inbox(number: str) -> InboxOut:
    return InboxOut.of(inboxes.delete_inbox(principal_of(app), _phone(number)))


@app.get(
    "/v1/auto-opt-outs",
    summary="The Auto Opt-Out folder: intent and typo opt-outs with their messages",
    responses=responses(),
)
def list_auto_opt_outs(
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> AutoOptOutPage:
    events, next_cursor = contacts.auto_opt_outs(principal_of(app), limit=limit, cursor=cursor)
    return AutoOptOutPage(opt_outs=[EventOut.of(e) for e in events], next_cursor=next_cursor)


@app.post(
    "/v1/auto-opt-outs/<phone>/opt-in",
    summary="Opt an auto-opted-out contact back in (admin, with a note)",
    responses=responses(403, 404, 409),
)
def opt_in_from_folder(phone: str, body: Annotated[OptInIn, Body()]) -> SetStatusOut:
    result = contacts.set_status(principal_of(app), _phone(phone), StatusCommand.SUBSCRIBED, body.note)
    return SetStatusOut(
        contact=ContactOut.of(result.contact),
        changed=result.changed,
        event=EventOut.of(result.event) if result.event else None,
    )


# --- broadcasts: failed deliveries (Auto Opt-Out on Failed Delivery) --------------------------
# Same auth and tenancy as contacts: every read and write is keyed by the caller's workspace.

from optout.api.schemas import BroadcastFailureOut, BroadcastFailurePage  # noqa: E402
from optout.services import delivery  # noqa: E402


@app.get(
    "/v1/broadcasts/<broadcast_id>/failures",
    summary="Numbers whose message of this broadcast failed",
    responses=responses(),
)
def list_broadcast_failures(
    broadcast_id: str,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> BroadcastFailurePage:
    name = unquote(broadcast_id)
    entries, next_cursor = delivery.list_failures(principal_of(app), name, limit=limit, cursor=cursor)
    return BroadcastFailurePage(
        broadcast_id=name,
        failures=[BroadcastFailureOut.of(e.failure, e.contact_status) for e in entries],
        next_cursor=next_cursor,
    )


@app.post(
    "/v1/broadcasts/<broadcast_id>/failures/<phone>/opt-out",
    summary="Opt out a number whose message of this broadcast failed (any role; reason failed_delivery)",
    responses=responses(404, 409),
)
def opt_out_broadcast_failure(broadcast_id: str, phone: str) -> SetStatusOut:
    result = delivery.opt_out_failure(principal_of(app), unquote(broadcast_id), _phone(phone))
    return SetStatusOut(
        contact=ContactOut.of(result.contact),
        changed=result.changed,
        event=EventOut.of(result.event) if result.event else None,
    )


# --- the review queue: messages a person must decide on ---------------------------------------

from optout.api.review_schemas import ResolveIn, ResolveOut, ReviewItemOut, ReviewPage  # noqa: E402
from optout.review import ReviewState  # noqa: E402
from optout.services import review_queue  # noqa: E402


@app.get(
    "/v1/review-queue",
    summary="Messages with a request that must not be automatic, newest first, by state",
    responses=responses(),
)
def list_review_queue(
    state: Annotated[ReviewState, Query()] = ReviewState.OPEN,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> ReviewPage:
    items, next_cursor = review_queue.list_items(principal_of(app), state=state, limit=limit, cursor=cursor)
    return ReviewPage(items=[ReviewItemOut.of(i) for i in items], next_cursor=next_cursor)


@app.post(
    "/v1/review-queue/<item_id>/resolve",
    summary="Resolve a review item (admin, with a note): opt the contact out (reason review) or dismiss",
    responses=responses(403, 404, 409),
)
def resolve_review_item(item_id: str, body: Annotated[ResolveIn, Body()]) -> ResolveOut:
    result = review_queue.resolve(principal_of(app), item_id, body.action, body.note)
    return ResolveOut(
        item=ReviewItemOut.of(result.item),
        changed=result.event is not None,
        contact=ContactOut.of(result.contact) if result.contact else None,
        event=EventOut.of(result.event) if result.event else None,
    )


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return handle_api(app, event, context, large_body_paths=frozenset({IMPORT_PATH}))
