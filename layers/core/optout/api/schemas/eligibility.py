"""Bodies of the eligibility check."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from optout.api.schemas.common import Strict
from optout.models import ContactStatus, Reason


class EligibilityIn(Strict):
    phones: list[str] = Field(description="Up to 10,000 numbers.")


class Suppressed(BaseModel):
    phone: str
    status: ContactStatus
    reason: Reason | None
    since: datetime | None


class InvalidNumber(BaseModel):
    input: Any
    reason: str


class EligibilityOut(BaseModel):
    sendable: list[str]
    suppressed: list[Suppressed]
    invalid: list[InvalidNumber]
    counts: dict[str, int]
