"""Bodies of the eligibility check."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from optout.api.schemas.common import IsoTime, Strict
from optout.models import TOPIC_ID_PATTERN, ContactStatus, DeferredModel, Reason
from optout.rules.topic_consent import Suppression


class EligibilityIn(Strict):
    phones: list[str] = Field(description="Up to 10,000 numbers.")
    topic: Annotated[str, StringConstraints(pattern=TOPIC_ID_PATTERN)] | None = Field(
        default=None, description="Sendable for this topic of the workspace (unknown: 422); none: overall status."
    )
    at: IsoTime | None = Field(
        default=None,
        description="The planned send time, ISO 8601 with its UTC offset (default now); at most 30 days ahead "
        "and 5 minutes behind (else 422). Quiet hours and caps are judged at this time.",
    )
    lookups: bool = Field(
        default=True,
        strict=True,  # "no" or 0 would otherwise be read as false, and "yes" as true
        description="false: skip the workspace's paid lookups (a number they would ask about is listed in "
        "not_checked); kept reassigned evidence still applies.",
    )


class QuietHours(DeferredModel):
    code: Literal["quiet_hours"]
    rule: str
    next_allowed_at: datetime = Field(description="UTC.")
    next_allowed_local: datetime = Field(description="The same instant in the recipient's zone (time_zone).")
    time_zone: str


class FrequencyCap(DeferredModel):
    code: Literal["frequency_cap"]
    rule: str
    count: int = Field(description="Sends counted in the window.")
    limit: int
    window_hours: float
    frees_at: datetime = Field(description="UTC: when the oldest counted send leaves the window.")


class Reassigned(DeferredModel):
    code: Literal["reassigned"]
    rule: Literal["fcc-reassigned-numbers"]
    asked_date: date = Field(description="The date asked about: the contact's consent date.")
    source: str
    checked_at: datetime


class Landline(DeferredModel):
    code: Literal["landline"]
    rule: Literal["line-type"]
    source: str
    checked_at: datetime


class ConsentReason(DeferredModel):
    code: Literal[
        Suppression.OPTED_OUT,
        Suppression.BLOCKED,
        Suppression.NO_CONSENT,
        Suppression.TOPIC_REVOKED,
        Suppression.AWAITING_CLARIFICATION,
    ]
    rule: Literal["consent"]
    since: datetime | None


SendTimeReason = Annotated[QuietHours | FrequencyCap, Field(discriminator="code")]
SuppressionReason = Annotated[ConsentReason | Reassigned | Landline, Field(discriminator="code")]


class Deferred(DeferredModel):
    phone: str
    # None only when the workspace's custom rules contradict each other: no instant within 15 days.
    sendable_at: datetime | None = Field(
        description="UTC: the earliest time every rule allows; null: none within 15 days (contradictory custom rules)."
    )
    reasons: list[SendTimeReason]


class Suppressed(DeferredModel):
    phone: str
    status: ContactStatus | None = Field(description="The contact's status; null: no record.")
    reason: Reason | None
    since: datetime | None
    # Only with a topic, so that the answer without one stays as it was.
    suppression: Suppression | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="With a topic: opted_out, blocked, no_consent, topic_revoked or awaiting_clarification.",
    )
    reasons: list[SuppressionReason] = Field(description="Why: consent, or a lookup (reassigned, landline).")


class InvalidNumber(DeferredModel):
    input: Any
    reason: str


class EligibilityOut(DeferredModel):
    sendable: list[str]
    deferred: list[Deferred] = Field(
        description="Sendable later (quiet hours, frequency caps): never with send rules off."
    )
    suppressed: list[Suppressed]
    invalid: list[InvalidNumber]
    not_checked: list[str] = Field(
        description="Sendable numbers the workspace's lookups could not check this time (budget or provider fault)."
    )
    counts: dict[str, int]
    rules_version: str | None = Field(description="The send-time rule table's version; null: send rules off.")
