"""Who is calling: any key may ask for its workspace and role (the console's sign-in)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Router

from optout.api.http import principal_of
from optout.api.openapi import responses
from optout.api.schemas.me import MeOut
from optout.services import accounts

router = Router()


@router.get(
    "/v1/me", summary="The calling key: its workspace's name and its role (any key)", responses=responses()
)
def get_me() -> MeOut:
    principal = principal_of(router)
    workspace = accounts.get_workspace(principal.workspace_id)
    return MeOut(
        workspace_id=principal.workspace_id,
        workspace_name=workspace.name,
        key_id=principal.key_id,
        key_name=principal.key_name,
        role=principal.role,
    )
