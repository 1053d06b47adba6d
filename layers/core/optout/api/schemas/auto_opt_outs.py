"""Bodies of the Auto Opt-Out folder routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from optout.api.schemas.common import Strict
from optout.api.schemas.contacts import EventOut
from optout.models import DeferredModel, Initiator


class DismissalOut(DeferredModel):
    by: Initiator = Field(description="The API key that dismissed the entry.")
    at: datetime
    note: str | None = None


class FolderEntryOut(EventOut):
    dismissal: DismissalOut | None = Field(
        default=None, description="Who dismissed the entry from the folder, and when (listed with include_dismissed)."
    )


class AutoOptOutPage(DeferredModel):
    opt_outs: list[FolderEntryOut] = Field(
        description="Intent and typo opt-outs, newest first, with the triggering message. Dismissed entries are "
        "left out unless include_dismissed is true, so a page may hold fewer than `limit`."
    )
    next_cursor: str | None


class OptInIn(Strict):
    note: str = Field(min_length=1, max_length=1000, description="Why the contact may be texted again.")


class DismissIn(Strict):
    note: str | None = Field(default=None, max_length=1000, description="Why the entry needs no more attention.")
