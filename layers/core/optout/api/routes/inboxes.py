"""Inboxes: the business numbers whose carrier webhooks the service accepts."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body

from optout.api.http import path_value, principal_of
from optout.api.openapi import responses
from optout.api.schemas.inboxes import InboxIn, InboxList, InboxOut

router = Router()


@router.put(
    "/v1/inboxes/<number>",
    summary="Register a business number (admin) with its provider and signing secret",
    responses=responses(403, 409),
)
def put_inbox(number: str, body: Annotated[InboxIn, Body()]) -> InboxOut:
    from optout.services import inboxes  # only this resource's routes load it

    inbox = inboxes.register_inbox(
        principal_of(router),
        path_value(number),
        provider=body.provider,
        secret_ref=body.secret_ref,
        topic_arn=body.topic_arn,
        allowed_source_cidrs=body.allowed_source_cidrs,
    )
    return InboxOut.of(inbox)


@router.get("/v1/inboxes", summary="List the workspace's inboxes", responses=responses())
def list_inboxes() -> InboxList:
    from optout.services import inboxes  # only this resource's routes load it

    return InboxList(inboxes=[InboxOut.of(i) for i in inboxes.list_inboxes(principal_of(router))])


@router.delete("/v1/inboxes/<number>", summary="Unregister an inbox (admin)", responses=responses(403, 404))
def delete_inbox(number: str) -> InboxOut:
    from optout.services import inboxes  # only this resource's routes load it

    return InboxOut.of(inboxes.delete_inbox(principal_of(router), path_value(number)))
