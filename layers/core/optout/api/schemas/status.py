"""Bodies of the Heymarket-compatible status change, also the answer of every opt-in or opt-out route."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from optout.api.schemas.common import Strict
from optout.api.schemas.contacts import ContactOut, EventOut
from optout.models import DeferredModel
from optout.rules.consent import StatusCommand

if TYPE_CHECKING:
    from optout.services.contacts import StatusResult


class SetStatusIn(Strict):
    phone: str = Field(max_length=40)
    status: StatusCommand
    note: str | None = Field(default=None, max_length=1000)


class SetStatusOut(DeferredModel):
    contact: ContactOut
    changed: bool
    event: EventOut | None

    @classmethod
    def of(cls, result: StatusResult) -> SetStatusOut:
        return cls(
            contact=ContactOut.of(result.contact),
            changed=result.changed,
            event=EventOut.of(result.event) if result.event else None,
        )
