"""Bodies of the broadcast failure routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from optout.models import BroadcastFailure, ContactStatus, DeferredModel


class BroadcastFailureOut(DeferredModel):
    phone: str
    message_id: str
    provider: str
    inbox: str
    status: str = Field(description="undelivered or failed")
    error_code: str | None
    error_text: str | None
    failure_class: str = Field(description="transient, permanent or carrier_opt_out")
    failed_at: datetime
    contact_status: ContactStatus | None = Field(description="The contact's status now; null if no longer a contact.")

    @classmethod
    def of(cls, failure: BroadcastFailure, contact_status: ContactStatus | None) -> BroadcastFailureOut:
        data = failure.model_dump(include=set(cls.model_fields))
        return cls.model_validate({**data, "contact_status": contact_status})


class BroadcastFailurePage(DeferredModel):
    broadcast_id: str
    failures: list[BroadcastFailureOut] = Field(description="Numbers whose message of this broadcast failed.")
    next_cursor: str | None
