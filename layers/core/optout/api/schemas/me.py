"""The body of GET /v1/me: who the calling key is (the console signs in with it)."""

from __future__ import annotations

from pydantic import Field

from optout.models import DeferredModel, Role


class MeOut(DeferredModel):
    workspace_id: str
    workspace_name: str
    key_id: str
    key_name: str
    role: Role = Field(description="admin or member: what this key may do")
