"""The Heymarket-compatible status change: opt a contact out, back in, or block it."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body

from optout.api.http import principal_of
from optout.api.openapi import responses
from optout.api.schemas.status import SetStatusIn, SetStatusOut
from optout.services import contacts

router = Router()


@router.post("/v1/contact/set_status", summary="Heymarket-compatible status change", responses=responses(403, 404, 409))
def set_status(body: Annotated[SetStatusIn, Body()]) -> SetStatusOut:
    return SetStatusOut.of(contacts.set_status(principal_of(router), body.phone, body.status, body.note))
