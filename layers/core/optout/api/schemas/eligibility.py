"""Bodies of the eligibility check."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from optout.api.schemas.common import Strict
from optout.models import TOPIC_ID_PATTERN, ContactStatus, DeferredModel, Reason
from optout.rules.topic_consent import Suppression


class EligibilityIn(Strict):
    phones: list[str] = Field(description="Up to 10,000 numbers.")
    topic: Annotated[str, StringConstraints(pattern=TOPIC_ID_PATTERN)] | None = Field(
        default=None, description="Sendable for this topic of the workspace (unknown: 422); none: overall status."
    )


class Suppressed(DeferredModel):
    phone: str
    status: ContactStatus | None = Field(description="The contact's status; null: no record (with a topic only).")
    reason: Reason | None
    since: datetime | None
    # Only with a topic, so that the answer without one stays as it was.
    suppression: Suppression | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="With a topic: opted_out, blocked, no_consent, topic_revoked or awaiting_clarification.",
    )


class InvalidNumber(DeferredModel):
    input: Any
    reason: str


class EligibilityOut(DeferredModel):
    sendable: list[str]
    suppressed: list[Suppressed]
    invalid: list[InvalidNumber]
    counts: dict[str, int]
