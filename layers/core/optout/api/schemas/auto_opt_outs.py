"""Bodies of the Auto Opt-Out folder routes."""

from __future__ import annotations

from pydantic import Field

from optout.api.schemas.common import Strict
from optout.api.schemas.contacts import EventOut
from optout.models import DeferredModel


class AutoOptOutPage(DeferredModel):
    opt_outs: list[EventOut] = Field(description="Intent and typo opt-outs, newest first, with the triggering message.")
    next_cursor: str | None


class OptInIn(Strict):
    note: str = Field(min_length=1, max_length=1000, description="Why the contact may be texted again.")
