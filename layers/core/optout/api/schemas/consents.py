"""Request and response bodies of the consent routes: an opt-in with its proof, and each topic's
consent for one contact."""

from __future__ import annotations

import ipaddress
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

from pydantic import AwareDatetime, Field, StringConstraints, field_validator, model_validator

from optout.api.schemas.common import Strict
from optout.models import TOPIC_ID_PATTERN, ConsentEvent, ConsentSource, ContactStatus, DeferredModel
from optout.reply_texts import LANGUAGE_PATTERN

if TYPE_CHECKING:
    from optout.services.consents import ConsentView, TopicView


class ConsentIn(Strict):
    phone: str = Field(max_length=40, description="E.164, or national format in the workspace's region")
    topics: list[Annotated[str, StringConstraints(pattern=TOPIC_ID_PATTERN)]] = Field(
        min_length=1, max_length=20, description="Topic ids, each defined in the workspace"
    )
    source: ConsentSource
    captured_at: AwareDatetime = Field(description="When the person agreed (with a zone); not in the future")
    disclosure: str = Field(min_length=1, max_length=4000, description="The exact consent language shown")
    form_url: str | None = Field(default=None, max_length=2000, description="http(s); required for web_form")
    ip: str | None = Field(default=None, max_length=45, description="The person's IPv4 or IPv6 address")
    user_agent: str | None = Field(default=None, max_length=500)
    captured_by: str | None = Field(default=None, max_length=200, description="Who or what captured it")
    double_opt_in: bool = Field(
        default=False, description="Send a 'Reply YES to confirm' request; nothing is granted until the YES (7 days)"
    )
    inbox: str | None = Field(
        default=None,
        max_length=40,
        description="With double_opt_in: the workspace's business number to send the request from "
        "(default: its first, by number)",
    )
    language: str | None = Field(
        default=None,
        pattern=LANGUAGE_PATTERN,
        description="With double_opt_in: the request's language (ISO 639-1), using the workspace's texts for it",
    )

    @field_validator("captured_at", mode="before")
    @classmethod
    def _a_time_text(cls, value: Any) -> Any:
        if not isinstance(value, str):  # a bare number would be read as epoch seconds
            raise ValueError("captured_at must be an ISO 8601 time with a zone")
        return value

    @field_validator("disclosure")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("disclosure must hold the consent language shown")
        return value

    @field_validator("form_url")
    @classmethod
    def _web_url(cls, value: str | None) -> str | None:
        if value is not None:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValueError("form_url must be an http or https URL")
        return value

    @field_validator("ip")
    @classmethod
    def _ip(cls, value: str | None) -> str | None:
        return str(ipaddress.ip_address(value)) if value is not None else None  # ValueError: not an address

    @model_validator(mode="after")
    def _web_form_has_url(self) -> ConsentIn:
        if self.source is ConsentSource.WEB_FORM and self.form_url is None:
            raise ValueError("a web_form consent needs its form_url")
        if not self.double_opt_in and (self.inbox is not None or self.language is not None):
            raise ValueError("inbox and language choose how a double opt-in request is sent; set double_opt_in")
        return self


class EvidenceOut(DeferredModel):
    source: ConsentSource
    captured_at: datetime
    disclosure: str | None = Field(description="The exact consent language shown")
    disclosure_version: int
    disclosure_hash: str
    form_url: str | None
    ip: str | None
    user_agent: str | None
    captured_by: str | None


class ByEventOut(DeferredModel):
    event_id: str
    kind: str = Field(description="granted, revoke_all (an opt-out), revoked (a topic keyword), ...")
    source: str | None = Field(description="How it was captured (an opt-in) or why (an opt-out)")
    at: datetime = Field(description="When the person acted")
    recorded_at: datetime
    honour_by: datetime | None = Field(default=None, description="A revocation's deadline (10 business days)")
    message_id: str | None = Field(default=None, description="The contact's message behind it (a YES, a STOP...)")
    message_text: str | None = None
    revoke_all_required: bool | None = Field(
        default=None,
        description="An opt-out or block: true if the FCC revoke-all rule required revoking every topic at its "
        "time, false if revoking them all was the workspace's stricter choice (before revoke_all_effective)",
    )
    revoke_all_effective: str | None = Field(default=None, description="The revoke-all date it was compared with")


class TopicConsentOut(DeferredModel):
    topic: str
    name: str
    express_consent: bool
    status: str = Field(description="granted, revoked or never")
    since: datetime | None
    sendable: bool
    suppression: str | None = Field(description="Why not sendable: opted_out, blocked, topic_revoked, no_consent...")
    by: ByEventOut | None
    evidence: EvidenceOut | None

    @classmethod
    def of(cls, view: TopicView) -> TopicConsentOut:
        state, event = view.state, view.event
        by = evidence = None
        if state.by is not None and event is not None:
            by = ByEventOut(
                event_id=event.event_id,
                kind=state.by.kind.value,
                source=state.by.source,
                at=state.by.at,
                recorded_at=event.occurred_at,
                honour_by=event.honour_by,
                message_id=event.message_id,
                message_text=event.message_text,
                revoke_all_required=event.revoke_all_required,
                revoke_all_effective=event.revoke_all_effective,
            )
            proof = event.topic_change.evidence if event.topic_change is not None else None
            if proof is not None:
                text = view.disclosure.text if view.disclosure is not None else None
                evidence = EvidenceOut(**proof.model_dump(), disclosure=text)
        return cls(
            topic=view.topic.id,
            name=view.topic.name,
            express_consent=view.topic.express_consent,
            status=state.status.value,
            since=state.since,
            sendable=view.sendable,
            suppression=view.suppression.value if view.suppression else None,
            by=by,
            evidence=evidence,
        )


class ContactConsentsOut(DeferredModel):
    phone: str
    status: ContactStatus | None = Field(description="The overall status; opted out or blocked: no topic is sendable")
    message: str | None = None
    topics: list[TopicConsentOut]

    @classmethod
    def fields_of(cls, view: ConsentView) -> dict[str, Any]:
        message = None
        if view.status in (ContactStatus.OPTED_OUT, ContactStatus.BLOCKED):
            message = f"this number is {view.status.value}: no topic is sendable, whatever its consent"
        return {
            "phone": view.phone,
            "status": view.status,
            "message": message,
            "topics": [TopicConsentOut.of(topic) for topic in view.topics],
        }

    @classmethod
    def of(cls, view: ConsentView) -> ContactConsentsOut:
        return cls(**cls.fields_of(view))


class ConsentRecorded(ContactConsentsOut):
    event_id: str
    disclosure_hash: str
    disclosure_version: int
    disclosure_new: bool = Field(description="This text was stored now, as a new version")

    @classmethod
    def recorded(cls, view: ConsentView) -> ConsentRecorded:
        event: ConsentEvent | None = view.recorded
        assert event is not None and view.disclosure is not None
        return cls(
            **cls.fields_of(view),
            event_id=event.event_id,
            disclosure_hash=view.disclosure.hash,
            disclosure_version=view.disclosure.version,
            disclosure_new=view.disclosure_new,
        )
