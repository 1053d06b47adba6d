"""Request and response models of the contacts API; Powertools builds the OpenAPI document from them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model, model_validator
from pydantic.fields import FieldInfo

from optout import storable
from optout.consent import StatusCommand
from optout.models import (
    ApiKey,
    BroadcastFailure,
    ConsentEvent,
    Contact,
    ContactStatus,
    DeliveryRecord,
    Inbox,
    Initiator,
    Reason,
    Role,
    WorkspaceSettings,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _storable(value: Any) -> Any:
    # NaN, 1e130 or 40 levels of nesting can never be written: refuse them here, not at the write.
    problem = storable.value_problem(value)
    if problem:
        raise ValueError(problem)
    return value


StorableAttributes = Annotated[dict[str, Any], AfterValidator(_storable)]


class ContactIn(_Strict):
    phone: str = Field(max_length=40, description="E.164, or national format in the workspace's region")
    name: str | None = Field(default=None, max_length=200)
    status: ContactStatus = ContactStatus.ACTIVE
    attributes: StorableAttributes = Field(default_factory=dict)
    note: str | None = Field(default=None, max_length=1000)


class ContactPatch(_Strict):
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


class ContactOut(BaseModel):
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

    @classmethod
    def of(cls, contact: Contact) -> ContactOut:
        return cls.model_validate(contact.model_dump(include=set(cls.model_fields)))


class ContactCreated(ContactOut):
    kept: bool = Field(description="True when the number was already opted out or blocked and stays so.")
    message: str | None = None


class ContactPage(BaseModel):
    contacts: list[ContactOut]
    next_cursor: str | None


class DeletedContact(BaseModel):
    phone: str
    deleted: bool
    suppression_kept: bool = Field(description="True when the opt-out or block was kept as a suppression record.")
    status: ContactStatus


class BulkDeleteOut(BaseModel):
    deleted: int
    has_more: bool = Field(description="More contacts match; call again to continue.")


class EventOut(BaseModel):
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

    @classmethod
    def of(cls, event: ConsentEvent) -> EventOut:
        return cls.model_validate(event.model_dump(exclude={"workspace_id"}))


class EventPage(BaseModel):
    events: list[EventOut]
    next_cursor: str | None


class SetStatusIn(_Strict):
    phone: str = Field(max_length=40)
    status: StatusCommand
    note: str | None = Field(default=None, max_length=1000)


class SetStatusOut(BaseModel):
    contact: ContactOut
    changed: bool
    event: EventOut | None


class Rejection(BaseModel):
    line: int
    reason: str
    phone: str | None = None


class ImportOut(BaseModel):
    rows: int
    created: int
    updated: int
    opted_out: int
    kept: int
    rejected: int
    rejections: list[Rejection]


class EligibilityIn(_Strict):
    phones: list[str] = Field(description="Up to 10,000 numbers.")


class Suppressed(BaseModel):
    phone: str
    status: ContactStatus
    reason: Reason | None
    since: datetime | None


class InvalidNumber(BaseModel):
    input: Any
    reason: str


class EligibilityOut(BaseModel):
    sendable: list[str]
    suppressed: list[Suppressed]
    invalid: list[InvalidNumber]
    counts: dict[str, int]


class ApiKeyIn(_Strict):
    name: str = Field(min_length=1, max_length=80)
    role: Role = Role.MEMBER


class ApiKeyOut(BaseModel):
    key_id: str
    name: str
    role: Role
    prefix: str
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, key: ApiKey) -> ApiKeyOut:
        return cls.model_validate(key.model_dump(include=set(cls.model_fields)))


class ApiKeyCreated(ApiKeyOut):
    api_key: str = Field(description="The key itself. Shown once; only its hash is stored.")


class ApiKeyList(BaseModel):
    api_keys: list[ApiKeyOut]


class InboxIn(_Strict):
    provider: str = Field(description="twilio, telnyx, bandwidth, vonage or aws")
    secret_ref: str | None = Field(
        default=None, max_length=512, description="Secrets Manager name or ARN of the signing secret (JSON)."
    )
    topic_arn: str | None = Field(default=None, max_length=512, description="AWS: the SNS topic messages come from.")
    allowed_source_cidrs: list[str] | None = Field(
        default=None,
        max_length=50,
        description="Networks (CIDRs) the inbox's webhooks may come from, e.g. the carrier's callback ranges; "
        "null accepts any source. Checked against API Gateway's source IP.",
    )


class InboxOut(BaseModel):
    number: str
    provider: str
    secret_ref: str | None
    topic_arn: str | None
    allowed_source_cidrs: list[str] | None = None
    created_at: datetime

    @classmethod
    def of(cls, inbox: Inbox) -> InboxOut:
        return cls.model_validate(inbox.model_dump(include=set(cls.model_fields)))


class InboxList(BaseModel):
    inboxes: list[InboxOut]


class AutoOptOutPage(BaseModel):
    opt_outs: list[EventOut] = Field(description="Intent and typo opt-outs, newest first, with the triggering message.")
    next_cursor: str | None


class OptInIn(_Strict):
    note: str = Field(min_length=1, max_length=1000, description="Why the contact may be texted again.")


class BroadcastFailureOut(BaseModel):
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


class BroadcastFailurePage(BaseModel):
    broadcast_id: str
    failures: list[BroadcastFailureOut] = Field(description="Numbers whose message of this broadcast failed.")
    next_cursor: str | None


def _settings_change_model() -> type[BaseModel]:
    """Every WorkspaceSettings field, each optional with the same type and limits: one source for both."""
    fields: dict[str, Any] = {}
    for name, info in WorkspaceSettings.model_fields.items():
        field = FieldInfo.merge_field_infos(info, default=None)
        field.default_factory = None
        fields[name] = (info.annotation, field)
    doc = "The settings to change; fields left out keep their value. At least one field."
    config = ConfigDict(extra="forbid", json_schema_extra=_no_defaults)
    return create_model("SettingsChange", __config__=config, __doc__=doc, **fields)


def _no_defaults(schema: dict[str, Any]) -> None:
    # A field left out is unchanged; null is not a value a client may send.
    for prop in schema.get("properties", {}).values():
        prop.pop("default", None)
    schema["minProperties"] = 1


SettingsChange = _settings_change_model()
