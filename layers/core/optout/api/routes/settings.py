"""Workspace settings (admin only)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body

from optout.api.http import principal_of
from optout.api.openapi import responses
from optout.api.schemas.settings import SettingsChange
from optout.models import WorkspaceSettings
from optout.services import accounts

router = Router()


@router.get("/v1/settings", summary="Workspace settings (admin)", responses=responses(403))
def get_settings() -> WorkspaceSettings:
    return accounts.get_settings(principal_of(router))


@router.put(
    "/v1/settings",
    summary="Change workspace settings (admin); only the fields sent change",
    responses=responses(403, 409, 422),
)
def put_settings(body: Annotated[SettingsChange, Body()]) -> WorkspaceSettings:
    return accounts.update_settings(principal_of(router), body.model_dump(exclude_unset=True))
