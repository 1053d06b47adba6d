"""API keys (admin only): create (the key is shown once), list without secrets, revoke."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body

from optout.api.http import principal_of
from optout.api.openapi import responses
from optout.api.schemas.api_keys import ApiKeyCreated, ApiKeyIn, ApiKeyList, ApiKeyOut
from optout.services import accounts

router = Router()


@router.post(
    "/v1/api-keys",
    summary="Create an API key (admin); the key is shown once",
    responses=responses(403, ok=201, description="Created"),
)
def create_api_key(body: Annotated[ApiKeyIn, Body()]) -> Response[ApiKeyCreated]:
    key, plain = accounts.create_api_key(principal_of(router), body.name, body.role)
    out = ApiKeyCreated(**ApiKeyOut.of(key).model_dump(), api_key=plain)
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=out)


@router.get("/v1/api-keys", summary="List API keys without their secrets (admin)", responses=responses(403))
def list_api_keys() -> ApiKeyList:
    return ApiKeyList(api_keys=[ApiKeyOut.of(k) for k in accounts.list_api_keys(principal_of(router))])


@router.delete(
    "/v1/api-keys/<key_id>",
    summary="Revoke an API key (admin); the last live admin key is refused (409)",
    responses=responses(403, 404, 409),
)
def revoke_api_key(key_id: str) -> ApiKeyOut:
    return ApiKeyOut.of(accounts.revoke_api_key(principal_of(router), key_id))
