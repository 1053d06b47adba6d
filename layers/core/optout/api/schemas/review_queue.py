"""Request and response bodies of the review-queue routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import ConfigDict, Field

from optout.api.schemas.contacts import ContactOut, EventOut
from optout.models import DeferredModel
from optout.review import ResolveAction, ReviewItem, ReviewResolution, ReviewState
from optout.rules.consent import MAX_NOTE_LENGTH


class DecisionOut(DeferredModel):
    """Why the engine would not act alone."""

    action: str
    rule: str
    match: str | None = None
    keyword: str | None = None
    detail: str | None = None
    confidence: float | None = None
    review_reason: str | None = Field(default=None, description="Why a person must decide.")
    language: str | None = Field(default=None, description="The message's language (ISO 639-1), when known.")


class ReviewItemOut(DeferredModel):
    id: str
    state: ReviewState
    phone: str
    inbox: str
    provider: str
    message_id: str | None
    text: str
    received_at: datetime
    sent_at: datetime | None = Field(default=None, description="The carrier's time of the message, when it gives one.")
    decision: DecisionOut
    resolution: ReviewResolution | None = Field(default=None, description="Who resolved it, how, when and why.")

    @classmethod
    def of(cls, item: ReviewItem) -> ReviewItemOut:
        return cls.model_validate(item.model_dump(exclude={"workspace_id"}))


class ReviewPage(DeferredModel):
    items: list[ReviewItemOut] = Field(description="Newest first.")
    next_cursor: str | None


class ResolveIn(DeferredModel):
    model_config = ConfigDict(extra="forbid")

    action: ResolveAction = Field(description="opt_out opts the contact out (reason review); dismiss changes nothing.")
    note: str = Field(min_length=1, max_length=MAX_NOTE_LENGTH, description="Why: kept with the item.")


class ResolveOut(DeferredModel):
    item: ReviewItemOut
    changed: bool = Field(description="The contact's status changed (False when opted out or blocked already).")
    contact: ContactOut | None = None
    event: EventOut | None = Field(default=None, description="The consent event an opt-out wrote.")
