"""A broadcast's failed deliveries (Auto Opt-Out on Failed Delivery), keyed by the caller's workspace."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from optout.api.http import path_value, principal_of
from optout.api.openapi import responses
from optout.api.schemas.broadcasts import BroadcastFailureOut, BroadcastFailurePage
from optout.api.schemas.status import SetStatusOut

router = Router()


@router.get(
    "/v1/broadcasts/<broadcast_id>/failures",
    summary="Numbers whose message of this broadcast failed",
    responses=responses(),
)
def list_broadcast_failures(
    broadcast_id: str,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> BroadcastFailurePage:
    from optout.services import broadcast_failures  # only this resource's routes load it

    name = path_value(broadcast_id)
    entries, next_cursor = broadcast_failures.list_failures(principal_of(router), name, limit=limit, cursor=cursor)
    return BroadcastFailurePage(
        broadcast_id=name,
        failures=[BroadcastFailureOut.of(e.failure, e.contact_status) for e in entries],
        next_cursor=next_cursor,
    )


@router.post(
    "/v1/broadcasts/<broadcast_id>/failures/<phone>/opt-out",
    summary="Opt out a number whose message of this broadcast failed (any role; reason failed_delivery)",
    responses=responses(404, 409),
)
def opt_out_broadcast_failure(broadcast_id: str, phone: str) -> SetStatusOut:
    from optout.services import broadcast_failures  # only this resource's routes load it

    result = broadcast_failures.opt_out_failure(principal_of(router), path_value(broadcast_id), path_value(phone))
    return SetStatusOut.of(result)
