"""The lookups a workspace uses (its `lookups` setting) and the evidence a reassigned "yes" leaves
on a contact (`Contact.reassigned_check`): models only, so the settings and contact models can
embed them. The adapters and the runner are optout.lookups (docs/lookups.md).

A `secret_ref` names a Secrets Manager secret under the workspace's own namespace
`optout/{workspace}/`; a model does not know its workspace, so the settings service checks that
(optout.lookups.credentials) when the setting changes, and the runner checks it again before a read.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_validator


def _secret_ref() -> Any:
    return Field(default=None, min_length=1, max_length=2048, description="A Secrets Manager name or ARN.")


class _Setting(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")


class _ProviderSetting(_Setting):
    """One lookup's provider and secret: Twilio's needs a secret holding its account's credentials."""

    provider: str | None = None
    secret_ref: str | None = _secret_ref()

    @model_validator(mode="after")
    def _credentials(self) -> _ProviderSetting:
        if self.provider == "twilio" and not self.secret_ref:
            raise ValueError("the twilio provider needs a secret_ref holding account_sid and auth_token")
        return self


class ReassignedLookupSettings(_ProviderSetting):
    """Where reassigned-number answers come from: Twilio Lookup (secret {"account_sid",
    "auth_token"}) or the results files the workspace uploads (no secret); None: no check."""

    provider: Literal["twilio", "file"] | None = None


class LineTypeLookupSettings(_ProviderSetting):
    """Where line types come from: Twilio Lookup (a secret as above) or AWS End User Messaging's
    CarrierLookup (the function's own credentials; an optional secret may name a {"region"})."""

    provider: Literal["twilio", "aws"] | None = None


class LookupSettings(_Setting):
    """Reassigned-number and line-type lookups for eligibility; both off by default (they cost money)."""

    reassigned: ReassignedLookupSettings = Field(default_factory=ReassignedLookupSettings)
    line_type: LineTypeLookupSettings = Field(default_factory=LineTypeLookupSettings)

    def secret_refs(self) -> dict[str, str]:
        """Each secret named, by the field that names it."""
        refs = {"lookups.reassigned.secret_ref": self.reassigned.secret_ref}
        refs["lookups.line_type.secret_ref"] = self.line_type.secret_ref
        return {name: ref for name, ref in refs.items() if ref}


class ReassignedCheck(BaseModel):
    """A reassigned-numbers answer kept on the contact as evidence: what was asked, who answered."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    answer: Literal["yes", "no", "no_data"]
    asked_date: date  # "reassigned on or after this date?": the consent date
    source: str  # "twilio" or "file"
    checked_at: datetime

    @field_serializer("asked_date")
    def _iso_date(self, value: date) -> str:
        return value.isoformat()  # stored as a string: DynamoDB has no date type
