"""The Auto Opt-Out folder: intent and typo opt-outs, and opting one back in (admin)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from optout.api.http import path_value, principal_of
from optout.api.openapi import responses
from optout.api.schemas.auto_opt_outs import AutoOptOutPage, OptInIn
from optout.api.schemas.contacts import EventOut
from optout.api.schemas.status import SetStatusOut
from optout.rules.consent import StatusCommand
from optout.services import contacts

router = Router()


@router.get(
    "/v1/auto-opt-outs",
    summary="The Auto Opt-Out folder: intent and typo opt-outs with their messages",
    responses=responses(),
)
def list_auto_opt_outs(
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> AutoOptOutPage:
    events, next_cursor = contacts.auto_opt_outs(principal_of(router), limit=limit, cursor=cursor)
    return AutoOptOutPage(opt_outs=[EventOut.of(e) for e in events], next_cursor=next_cursor)


@router.post(
    "/v1/auto-opt-outs/<phone>/opt-in",
    summary="Opt an auto-opted-out contact back in (admin, with a note)",
    responses=responses(403, 404, 409),
)
def opt_in_from_folder(phone: str, body: Annotated[OptInIn, Body()]) -> SetStatusOut:
    principal = principal_of(router)
    return SetStatusOut.of(contacts.set_status(principal, path_value(phone), StatusCommand.SUBSCRIBED, body.note))
