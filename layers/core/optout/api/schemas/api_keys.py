"""Bodies of the API key routes; a key's secret appears only in the answer that creates it."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from optout.api.schemas.common import Strict
from optout.models import ApiKey, DeferredModel, Role


class ApiKeyIn(Strict):
    name: str = Field(min_length=1, max_length=80)
    role: Role = Role.MEMBER


class ApiKeyOut(DeferredModel):
    key_id: str
    name: str
    role: Role
    prefix: str
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, key: ApiKey) -> ApiKeyOut:
        return cls.model_validate(key.model_dump(include=set(cls.model_fields)))


class ApiKeyCreated(ApiKeyOut):
    api_key: str = Field(description="The key itself. Shown once; only its hash is stored.")


class ApiKeyList(DeferredModel):
    api_keys: list[ApiKeyOut]
