"""The Auto Opt-Out folder: intent and typo opt-outs, dismissing one (any key: it changes no
consent), and opting one back in (admin)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from optout.api.http import path_value, principal_of
from optout.api.openapi import responses
from optout.api.schemas.auto_opt_outs import AutoOptOutPage, DismissalOut, DismissIn, FolderEntryOut, OptInIn
from optout.api.schemas.status import SetStatusOut
from optout.rules.consent import StatusCommand
from optout.services import auto_opt_outs, contacts
from optout.services.auto_opt_outs import FolderEntry

router = Router()


@router.get(
    "/v1/auto-opt-outs",
    summary="The Auto Opt-Out folder: intent and typo opt-outs with their messages",
    responses=responses(),
)
def list_auto_opt_outs(
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
    include_dismissed: Annotated[bool, Query()] = False,
) -> AutoOptOutPage:
    entries, next_cursor = auto_opt_outs.folder(
        principal_of(router), limit=limit, cursor=cursor, include_dismissed=include_dismissed
    )
    return AutoOptOutPage(opt_outs=[_entry_out(e) for e in entries], next_cursor=next_cursor)


def _entry_out(entry: FolderEntry) -> FolderEntryOut:
    out = FolderEntryOut.model_validate(entry.event.model_dump(exclude={"workspace_id"}))
    if entry.dismissal is not None:
        out.dismissal = DismissalOut.model_validate(entry.dismissal.model_dump(include={"by", "at", "note"}))
    return out


@router.post(
    "/v1/auto-opt-outs/<phone>/<event_id>/dismiss",
    summary="Dismiss an entry from the Auto Opt-Out folder (any key; consent is unchanged; once)",
    responses=responses(404, 409),
)
def dismiss_from_folder(phone: str, event_id: str, body: Annotated[DismissIn, Body()]) -> FolderEntryOut:
    # The contact's number comes first, as in .../{phone}/opt-in: API Gateway allows one variable
    # name per path level, and the number finds the event with one Query of its own history.
    entry = auto_opt_outs.dismiss(principal_of(router), path_value(event_id), path_value(phone), body.note)
    return _entry_out(entry)


@router.post(
    "/v1/auto-opt-outs/<phone>/opt-in",
    summary="Opt an auto-opted-out contact back in (admin, with a note)",
    responses=responses(403, 404, 409),
)
def opt_in_from_folder(phone: str, body: Annotated[OptInIn, Body()]) -> SetStatusOut:
    principal = principal_of(router)
    return SetStatusOut.of(contacts.set_status(principal, path_value(phone), StatusCommand.SUBSCRIBED, body.note))
