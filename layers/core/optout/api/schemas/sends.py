"""Bodies of `POST /v1/sends`: messages a sender sent, counted for the frequency caps."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from optout.api.schemas.common import IsoTime, Strict
from optout.models import TOPIC_ID_PATTERN, DeferredModel, utc_now

MAX_SENDS = 100
MAX_AHEAD = timedelta(minutes=5)  # clocks differ a little; a send planned for later is not a send
MAX_AGE = timedelta(hours=24)  # older sends are past every cap's window


class SendIn(Strict):
    phone: str = Field(min_length=1, max_length=40, description="E.164, or national format in the workspace's region")
    message_id: str = Field(min_length=1, max_length=128, description="The carrier's or sender's id of the message")
    sent_at: IsoTime | None = Field(
        default=None, description="When it was sent, with a zone (default now): at most 24 h ago, 5 min ahead"
    )
    topic: Annotated[str, StringConstraints(pattern=TOPIC_ID_PATTERN)] | None = Field(
        default=None,
        description="Its subject: a topic of the workspace (unknown: 422); none counts against every topic",
    )

    @field_validator("sent_at")
    @classmethod
    def _recent(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        now = utc_now()
        if value > now + MAX_AHEAD:
            raise ValueError("sent_at is more than 5 minutes in the future")
        if value < now - MAX_AGE:
            raise ValueError("sent_at is more than 24 hours ago")
        return value


class SendsIn(Strict):
    sends: list[SendIn] = Field(min_length=1, max_length=MAX_SENDS, description="1 to 100 sent messages.")


class SendsOut(DeferredModel):
    recorded: int = Field(description="Messages recorded (each message id once per number)")
