"""Acknowledgements of revocations by subscribers, and the report of those still owed."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from optout.api.http import principal_of
from optout.api.openapi import responses
from optout.api.schemas.webhooks import AckIn, AckOut, UnacknowledgedOut, UnacknowledgedPage
from optout.rules.consent_publication import ConsentEventType
from optout.services import revocation_acks

router = Router()


@router.post(
    "/v1/revocations/<event_id>/ack",
    summary="Acknowledge that a webhook's system applied a revocation (idempotent)",
    responses=responses(404),
)
def acknowledge_revocation(event_id: str, body: Annotated[AckIn, Body()]) -> AckOut:
    result = revocation_acks.acknowledge(principal_of(router), event_id, body.webhook_id)
    ack = result.acknowledgement
    return AckOut(
        event_id=ack.event_id,
        webhook_id=ack.webhook_id,
        acknowledged_at=ack.acknowledged_at,
        acknowledged_by=ack.acknowledged_by,
        already_acknowledged=result.already_acknowledged,
        pending_webhooks=result.pending,
    )


@router.get(
    "/v1/revocations/unacknowledged",
    summary="Revocations some subscribed webhook has not acknowledged, earliest honour_by first",
    responses=responses(),
)
def list_unacknowledged(
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> UnacknowledgedPage:
    rows, next_cursor = revocation_acks.unacknowledged(principal_of(router), limit=limit, cursor=cursor)
    return UnacknowledgedPage(
        revocations=[
            UnacknowledgedOut(
                event_id=row.revocation.event_id,
                type=ConsentEventType(row.revocation.type),
                phone=row.revocation.phone,
                topic=row.revocation.topic,
                occurred_at=row.revocation.occurred_at,
                honour_by=row.revocation.honour_by,
                overdue=row.overdue,
                pending_webhooks=row.pending,
            )
            for row in rows
        ],
        next_cursor=next_cursor,
    )
