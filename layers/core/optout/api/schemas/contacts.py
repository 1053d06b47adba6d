"""Request and response bodies of the contact routes, and the consent events they show."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field, model_validator

from optout.api.schemas.common import StorableAttributes, Strict
from optout.lookup_settings import ReassignedCheck
from optout.models import (
    ConsentEvent,
    Contact,
    ContactStatus,
    DeferredModel,
    DeliveryRecord,
    Initiator,
    Reason,
    TopicChange,
)


class ContactIn(Strict):
    phone: str = Field(max_length=40, description="E.164, or national format in the workspace's region")
    name: str | None = Field(default=None, max_length=200)
    status: ContactStatus = ContactStatus.ACTIVE
    attributes: StorableAttributes = Field(default_factory=dict)
    note: str | None = Field(default=None, max_length=1000)


class ContactPatch(Strict):
    name: str | None = Field(default=None, max_length=200)
    attributes: StorableAttributes | None = Field(
        default=None, description="Merged into the contact's attributes; a null value removes one."
    )

    @model_validator(mode="before")
    @classmethod
    def _profile_only(cls, data: Any) -> Any:
        if isinstance(data, dict) and "status" in data:
            raise ValueError("PATCH changes profile fields only; change status with POST /v1/contact/set_status")
        return data


class ContactOut(DeferredModel):
    phone: str
    name: str | None
    attributes: dict[str, Any]
    status: ContactStatus
    status_reason: Reason | None
    status_changed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    last_delivery: DeliveryRecord | None = Field(default=None, description="The last final delivery outcome.")
    last_delivered_at: datetime | None = None
    consecutive_failures: int = Field(default=0, description="Failures in a row with no delivery between.")
    reassigned_check: ReassignedCheck | None = Field(
        default=None, description="A reassigned-numbers \"yes\" kept as evidence (docs/lookups.md)."
    )

    @classmethod
    def of(cls, contact: Contact) -> ContactOut:
        return cls.model_validate(contact.model_dump(include=set(cls.model_fields)))


class ContactCreated(ContactOut):
    kept: bool = Field(description="True when the number was already opted out or blocked and stays so.")
    message: str | None = None


class ContactPage(DeferredModel):
    contacts: list[ContactOut]
    next_cursor: str | None


class DeletedContact(DeferredModel):
    phone: str
    deleted: bool
    suppression_kept: bool = Field(description="True when the opt-out or block was kept as a suppression record.")
    status: ContactStatus


class BulkDeleteOut(DeferredModel):
    deleted: int
    has_more: bool = Field(description="More contacts match; call again to continue.")


class EventOut(DeferredModel):
    event_id: str
    phone: str
    status: ContactStatus
    previous_status: ContactStatus | None
    reason: Reason
    initiator: Initiator
    occurred_at: datetime
    inbox: str | None = None
    message_id: str | None = None
    message_text: str | None = None
    note: str | None = None
    decision: dict[str, Any] | None = None
    topic_change: TopicChange | None = Field(default=None, description="A consent by topic, with its evidence")
    honour_by: datetime | None = Field(
        default=None, description="A revocation's deadline: 10 business days after receipt (FCC, CASL)"
    )
    revoke_all_required: bool | None = Field(
        default=None,
        description="For an opt-out that revoked the topics the contact held: true if the FCC revoke-all rule "
        "required it at the time, false if it was the workspace's stricter choice",
    )
    revoke_all_effective: str | None = Field(default=None, description="The revoke-all date it was compared with")

    @classmethod
    def of(cls, event: ConsentEvent) -> EventOut:
        return cls.model_validate(event.model_dump(exclude={"workspace_id"}))


class EventPage(DeferredModel):
    events: list[EventOut]
    next_cursor: str | None
