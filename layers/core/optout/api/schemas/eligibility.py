"""Bodies of the eligibility check."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from optout.api.schemas.common import Strict
from optout.models import ContactStatus, DeferredModel, Reason


class EligibilityIn(Strict):
    phones: list[str] = Field(description="Up to 10,000 numbers.")


class Suppressed(DeferredModel):
    phone: str
    status: ContactStatus
    reason: Reason | None
    since: datetime | None


class InvalidNumber(DeferredModel):
    input: Any
    reason: str


class EligibilityOut(DeferredModel):
    sendable: list[str]
    suppressed: list[Suppressed]
    invalid: list[InvalidNumber]
    counts: dict[str, int]
