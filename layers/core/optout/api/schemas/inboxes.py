"""Bodies of the inbox routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from optout.api.schemas.common import Strict
from optout.models import DeferredModel, Inbox


class InboxIn(Strict):
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


class InboxOut(DeferredModel):
    number: str
    provider: str
    secret_ref: str | None
    topic_arn: str | None
    allowed_source_cidrs: list[str] | None = None
    created_at: datetime

    @classmethod
    def of(cls, inbox: Inbox) -> InboxOut:
        return cls.model_validate(inbox.model_dump(include=set(cls.model_fields)))


class InboxList(DeferredModel):
    inboxes: list[InboxOut]
