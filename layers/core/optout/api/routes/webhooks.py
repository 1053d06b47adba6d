"""Outgoing webhooks (docs/webhooks.md): register (admin; the secret is shown once), list, delete
(admin), a signed test ping (admin), and each webhook's delivery log."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from optout.api.http import principal_of
from optout.api.openapi import responses
from optout.api.schemas.webhooks import (
    DeliveryOut,
    DeliveryPage,
    PingOut,
    WebhookCreated,
    WebhookIn,
    WebhookList,
    WebhookOut,
)
from optout.services import webhooks

router = Router()


@router.post(
    "/v1/webhooks",
    summary="Register a webhook endpoint (admin); its signing secret is shown once",
    responses=responses(403, 409, ok=201, description="Created"),
)
def create_webhook(body: Annotated[WebhookIn, Body()]) -> Response[WebhookCreated]:
    webhook, secret = webhooks.register(principal_of(router), body.url, body.events, body.description)
    out = WebhookCreated(**WebhookOut.of(webhook).model_dump(), secret=secret)
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=out)


@router.get("/v1/webhooks", summary="List the workspace's webhooks, without their secrets", responses=responses())
def list_webhooks() -> WebhookList:
    return WebhookList(webhooks=[WebhookOut.of(w) for w in webhooks.list_webhooks(principal_of(router))])


@router.delete(
    "/v1/webhooks/<webhook_id>",
    summary="Delete a webhook and its secret (admin)",
    responses=responses(403, 404),
)
def delete_webhook(webhook_id: str) -> WebhookOut:
    return WebhookOut.of(webhooks.delete(principal_of(router), webhook_id))


@router.post(
    "/v1/webhooks/<webhook_id>/ping",
    summary="Queue a signed test delivery (type ping) to one webhook (admin)",
    responses=responses(403, 404, ok=202, description="Queued"),
)
def ping_webhook(webhook_id: str) -> Response[PingOut]:
    out = PingOut(event_id=webhooks.ping(principal_of(router), webhook_id))
    return Response(status_code=202, content_type=content_types.APPLICATION_JSON, body=out)


@router.get(
    "/v1/webhooks/<webhook_id>/deliveries",
    summary="A webhook's delivery log: every attempt, newest first",
    responses=responses(404),
)
def list_deliveries(
    webhook_id: str,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> DeliveryPage:
    attempts, next_cursor = webhooks.deliveries(principal_of(router), webhook_id, limit=limit, cursor=cursor)
    return DeliveryPage(deliveries=[DeliveryOut.of(a) for a in attempts], next_cursor=next_cursor)
