"""Domain models (pydantic v2): contacts, consent events, workspaces, settings and API keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from optout.consent_policy import ConsentPolicy
from optout.lookup_settings import LookupSettings, ReassignedCheck
from optout.phones import is_supported_region
from optout.reply_texts import LANGUAGE_PATTERN, MAX_LANGUAGES, LanguageReplies, texts_for
from optout.send_policy import SendPolicy


class DeferredModel(BaseModel):
    """The base of the service's models: each builds its validator on first use, not at import.

    A function imports far more models than its requests use (the contacts API's schemas of ten
    resources, every domain model), so a cold start pays only for those its first request
    touches (docs/cold-start.md).
    """

    model_config = ConfigDict(defer_build=True)


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(ts: datetime) -> str:
    """Fixed-width UTC ISO 8601, so stored timestamps sort as strings."""
    return ts.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class ContactStatus(StrEnum):
    ACTIVE = "active"
    OPTED_OUT = "opted_out"
    BLOCKED = "blocked"


SUPPRESSED = frozenset({ContactStatus.OPTED_OUT, ContactStatus.BLOCKED})


class Reason(StrEnum):
    """Why a status changed; stored on every consent event."""

    KEYWORD = "keyword"
    INTENT = "intent"
    FUZZY = "fuzzy"
    CARRIER = "carrier"
    FAILED_DELIVERY = "failed_delivery"
    MANUAL = "manual"
    IMPORT = "import"
    API = "api"
    REVIEW = "review"  # an admin resolved a review-queue message as an opt-out
    CLARIFICATION = "clarification"  # the contact's reply naming which topics an opt-out meant
    REASSIGNED_NUMBER = "reassigned_number"  # evidence only: a lookup said the number changed hands


class InitiatorType(StrEnum):
    CONTACT = "contact"
    API_KEY = "api_key"
    USER = "user"
    SYSTEM = "system"


class Initiator(DeferredModel):
    model_config = ConfigDict(frozen=True)

    type: InitiatorType
    id: str | None = None
    name: str | None = None


class Role(StrEnum):
    ADMIN = "admin"
    MEMBER = "member"


class Principal(DeferredModel):
    """Who is calling the API: one key of one workspace."""

    model_config = ConfigDict(frozen=True)

    workspace_id: str
    key_id: str
    key_name: str
    role: Role

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def initiator(self) -> Initiator:
        return Initiator(type=InitiatorType.API_KEY, id=self.key_id, name=self.key_name)


class DeliveryRecord(DeferredModel):
    """A message's final delivery outcome, as the contact it was sent to keeps it."""

    status: str  # delivered, undelivered or failed
    failure_class: str  # none, transient, permanent or carrier_opt_out
    error_code: str | None = None
    message_id: str | None = None
    at: datetime  # the provider's time of the outcome (ours when it sends none)


class Contact(DeferredModel):
    workspace_id: str
    phone: str
    name: str | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    status: ContactStatus = ContactStatus.ACTIVE
    status_reason: Reason | None = None
    status_changed_at: datetime | None = None
    # What the contact was before a block, so that unblocking never re-subscribes an opt-out.
    status_before_block: ContactStatus | None = None
    last_opt_in_at: datetime | None = None
    # When the contact last re-subscribed by texting an opt-in keyword (the six-month rule).
    last_keyword_opt_in_at: datetime | None = None
    # The provider's timestamp of the message behind the current status, so that an older START
    # delivered late never undoes a newer opt-out.
    status_source_at: datetime | None = None
    # Carrier times of the contact's newest opt-out and opt-in requests (its STOP and START),
    # kept even when a request changes nothing: no message undoes a newer one (rules/consent.py).
    opt_out_requested_at: datetime | None = None
    opt_in_requested_at: datetime | None = None
    created_at: datetime
    updated_at: datetime
    # A deleted contact keeps its status as a suppression record; only the profile goes.
    deleted_at: datetime | None = None
    version: int = 0
    # Delivery: the newest final outcome of a message to this number, when one last reached it,
    # and the failures since (no delivery between), which Auto Opt-Out on Failed Delivery counts.
    last_delivery: DeliveryRecord | None = None
    last_delivered_at: datetime | None = None
    consecutive_failures: int = 0
    failure_streak_since: datetime | None = None  # provider time of the streak's first failure
    # Consent by topic, materialised: the fold of the contact's consent events (rules/topic_consent),
    # written with the event that changed it. None (not stored) until a topic consent is recorded.
    topics: dict[str, TopicConsent] | None = None
    # The evidence chain's head: the chain hash of the contact's newest event and how many are
    # chained (repository/chaining.py). Kept on the item the write already conditions, so two
    # writers cannot both extend the same head. None until the first chained event.
    chain_head: str | None = None
    chain_length: int | None = None
    confirmation_requested_until: datetime | None = None  # a double opt-in awaits the contact's YES until then
    reassigned_check: ReassignedCheck | None = None  # a reassigned-number "yes", kept as evidence (lookups)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_suppressed(self) -> bool:
        return self.status in SUPPRESSED


class ConsentSource(StrEnum):
    """How an opt-in was captured (its proof is an event's `topic_change.evidence`)."""

    WEB_FORM = "web_form"
    KEYWORD = "keyword"
    PAPER = "paper"
    IMPORT = "import"
    API = "api"
    VERBAL = "verbal"


# A consent topic's id: a lowercase slug of 1 to 40 characters (services/topics.py checks it).
TOPIC_ID_PATTERN = r"^[a-z0-9](?:[a-z0-9_-]{0,38}[a-z0-9])?$"


class TopicConsent(DeferredModel):
    """One topic's state on a contact item: its status since the event it rests on."""

    status: Literal["granted", "revoked", "never"]  # rules.topic_consent.TopicStatus values
    since: datetime | None = None
    event_id: str | None = None
    awaiting_until: datetime | None = None  # an opt-out's clarification question is open until then


class ConsentEvidence(DeferredModel):
    """The proof of an opt-in; the disclosure text itself is stored once, by its SHA-256."""

    source: ConsentSource
    captured_at: datetime
    disclosure_hash: str
    disclosure_version: int
    form_url: str | None = None
    ip: str | None = None
    user_agent: str | None = None
    captured_by: str | None = None


class TopicChange(DeferredModel):
    """What a consent event does to the contact's topics (docs/consent-topics.md)."""

    kind: str  # a rules.topic_consent.TopicEventKind value
    topics: list[str] = Field(default_factory=list)
    at: datetime  # when the person acted (a form's capture time), which orders the fold
    sequence: int  # the event's place in the contact's record: the contact's version it wrote
    status_changed: bool = False  # True only when the same event also changed the contact's status
    evidence: ConsentEvidence | None = None


class ConsentEvent(DeferredModel):
    """One status change, or a topic consent (`topic_change`). Written once, never updated or deleted."""

    event_id: str
    workspace_id: str
    phone: str
    status: ContactStatus
    previous_status: ContactStatus | None = None
    reason: Reason
    initiator: Initiator
    occurred_at: datetime
    inbox: str | None = None
    message_id: str | None = None
    message_text: str | None = None
    note: str | None = None
    decision: dict[str, Any] | None = None
    topic_change: TopicChange | None = None
    honour_by: datetime | None = None  # a revocation's deadline (rules/business_days.honour_by of its receipt)
    revoke_all_required: bool | None = None  # revoking every topic was the FCC rule's duty (else a choice)
    revoke_all_effective: str | None = None  # the rule's date (ISO) that revoke_all_required compared with

    @property
    def changes_status(self) -> bool:
        """Whether the reports count it: a topic consent alone, or lookup evidence, changes no status."""
        evidence = self.reason is Reason.REASSIGNED_NUMBER
        return not evidence and (self.topic_change is None or self.topic_change.status_changed)


DEFAULT_OPT_OUT_REPLY = (
    "You have been unsubscribed from {program} and will receive no more messages. Reply START to resubscribe."
)
DEFAULT_OPT_IN_REPLY = (
    "You are resubscribed to {program}. Reply HELP for help, STOP to unsubscribe. Msg&data rates may apply."
)
DEFAULT_HELP_REPLY = (
    "{program}: for help contact {help_contact}. Msg frequency varies. "
    "Msg&data rates may apply. Reply STOP to unsubscribe."
)
DEFAULT_CONFIRM_REPLY = "Did you mean to unsubscribe from {program}? Reply STOP to stop receiving messages."
# A topic keyword (STOP PROMO) stops one topic: the reply names it ({topic}) and only confirms.
DEFAULT_TOPIC_OPT_OUT_REPLY = "{program}: you will receive no more {topic} messages."


class TypoMode(StrEnum):
    OPT_OUT = "opt_out"
    CONFIRM = "confirm"
    IGNORE = "ignore"


class LongMessageMode(StrEnum):
    REVIEW = "review"
    IGNORE = "ignore"
    OPT_OUT = "opt_out"


class WorkspaceSettings(ConsentPolicy, SendPolicy, DeferredModel):
    """A workspace's options (with consent_policy's and send_policy's). `PUT /v1/settings` changes only
    the fields it names."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    program_name: str = Field(default="Our messages", min_length=1, max_length=80)
    default_region: str = Field(default="US", min_length=2, max_length=2)
    help_contact: str = Field(default="support", min_length=1, max_length=120)
    opt_out_reply: str = Field(default=DEFAULT_OPT_OUT_REPLY, min_length=1, max_length=320)
    opt_in_reply: str = Field(default=DEFAULT_OPT_IN_REPLY, min_length=1, max_length=320)
    help_reply: str = Field(default=DEFAULT_HELP_REPLY, min_length=1, max_length=320)
    confirm_reply: str = Field(default=DEFAULT_CONFIRM_REPLY, min_length=1, max_length=320)
    topic_opt_out_reply: str = Field(
        default=DEFAULT_TOPIC_OPT_OUT_REPLY,
        min_length=1,
        max_length=320,
        description="Reply to a topic keyword (STOP PROMO); {topic} is the topic's name.",
    )
    intent_opt_out: bool = Field(default=True, description="Opt out natural-language requests automatically.")
    typo_mode: TypoMode = Field(default=TypoMode.CONFIRM, description="What a one-letter keyword typo does.")
    long_message_mode: LongMessageMode = Field(
        default=LongMessageMode.REVIEW,
        description="A clear opt-out request in a message over 200 characters: queue it for review, ignore it, "
        "or opt out.",
    )
    review_reply: str | None = Field(
        default=None, min_length=1, max_length=320, description="Holding reply to a queued message; none by default, null clears it."
    )
    replies: dict[Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)], LanguageReplies] = Field(
        default_factory=dict,
        max_length=MAX_LANGUAGES,
        description="Reply texts by the contact's language (ISO 639-1); es and fr have built-in texts. "
        "A change replaces the whole map: leave a language out to remove it; a text left out or null uses "
        "the built-in text, then the default.",
    )
    opt_out_keywords: list[str] = Field(default_factory=list, max_length=50)
    opt_in_keywords: list[str] = Field(default_factory=list, max_length=50)
    help_keywords: list[str] = Field(default_factory=list, max_length=50)
    lookups: LookupSettings = Field(default_factory=LookupSettings, description="Reassigned-number and line-type lookups.")

    def reply(self, template: str) -> str:
        return template.replace("{program}", self.program_name).replace("{help_contact}", self.help_contact)

    def for_language(self, language: str | None) -> WorkspaceSettings:
        """These settings with the reply texts of `language` (the defaults when it has none)."""
        texts = texts_for(language, self.replies)
        return self.model_copy(update=texts) if texts else self

    @field_validator("default_region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        region = value.upper()
        if not is_supported_region(region):
            raise ValueError(f"unknown region {value!r}; use an ISO 3166 code such as US or CA")
        return region


PROVIDERS = ("twilio", "telnyx", "bandwidth", "vonage", "aws")


class Inbox(DeferredModel):
    """A business number registered to a workspace, with where its signing secret lives."""

    number: str
    workspace_id: str
    provider: str
    secret_ref: str | None = None  # Secrets Manager name or ARN; AWS (SNS) needs none
    topic_arn: str | None = None  # AWS: the SNS topic its messages must come from
    # Networks its webhooks may come from (CIDRs); None accepts any source. Bandwidth's Basic
    # auth proves who calls, not what they send, so this narrows who can call at all.
    allowed_source_cidrs: list[str] | None = None
    created_at: datetime


class Workspace(DeferredModel):
    id: str
    name: str
    created_at: datetime
    settings: WorkspaceSettings = Field(default_factory=WorkspaceSettings)
    version: int = 0


class ApiKey(DeferredModel):
    """An API key as stored: its SHA-256 hash, never the key itself."""

    key_id: str
    workspace_id: str
    name: str
    role: Role
    key_hash: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class BroadcastFailure(DeferredModel):
    """A number whose message of one broadcast failed (the latest failure if several did). A
    message sent outside any broadcast has no broadcast id: it is counted in the failure reports
    but listed under no broadcast."""

    workspace_id: str
    broadcast_id: str | None = None
    phone: str
    message_id: str
    provider: str
    inbox: str
    status: str
    failure_class: str
    error_code: str | None = None
    error_text: str | None = None
    failed_at: datetime


@dataclass(frozen=True, slots=True)
class ContactWrite:
    """A contact's new state and, for a status change, its consent event, written atomically.

    `expected_version` None means the contact must not exist yet; `delete` removes the item.
    """

    contact: Contact
    expected_version: int | None
    event: ConsentEvent | None = None
    delete: bool = False

    @property
    def item_count(self) -> int:
        return 2 if self.event else 1
