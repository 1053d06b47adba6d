"""A workspace's send-time settings (docs/send-time-rules.md): which rule sets of the table apply, its
own stricter rules, and the window for numbers with no known time zone.

A custom rule can only add a restriction: evaluation ANDs every applicable rule, so no rule of a
workspace can lift one of the table's. Custom rules have the table rows' shape and checks
(send_rule_table.SendRuleFields) and evaluate like them (`to_send_rules`).
"""

from __future__ import annotations

from datetime import time

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from optout.send_rule_table import ClockTime, SendRule, SendRuleFields, known_rule_sets, load_rule_table, repeated
from optout.time_zones import zone_named

CUSTOM_RULE_SET = "custom"
MAX_CUSTOM_RULES = 50
DEFAULT_RULE_SETS = ("us_federal", "us_states", "us_texas_registered_seller")  # all on: the strictest


def valid_time_zone(name: str) -> bool:
    """Whether `name` is an IANA zone name of the tzdata the layer ships (optout.time_zones)."""
    return zone_named(name) is not None


class DefaultWindow(BaseModel):
    """The hours, every day, for a number whose time zone is unknown (outside North America, or unmatched)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)

    # json_schema_extra: the schema shows the defaults as the API writes them, not as "08:00:00".
    start: ClockTime = Field(
        default=time(8, 0), description="HH:MM, local to time_zone.", json_schema_extra={"default": "08:00"}
    )
    end: ClockTime = Field(
        default=time(21, 0), description="HH:MM, exclusive; after start.", json_schema_extra={"default": "21:00"}
    )
    time_zone: str = Field(default="America/New_York", max_length=64, description="An IANA zone name.")

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if not valid_time_zone(value):
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as America/New_York")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> DefaultWindow:
        if self.start >= self.end:
            raise ValueError(f"start {self.start:%H:%M} must be before end {self.end:%H:%M}")
        return self


class CustomSendRule(SendRuleFields):
    """A workspace's own rule: quiet hours or a cap, ANDed with the table's rules (only ever stricter)."""

    @field_validator("id")
    @classmethod
    def _not_a_table_id(cls, value: str) -> str:
        if any(rule.id == value for rule in load_rule_table().rules):
            raise ValueError(f"{value!r} is the id of a rule of the shipped table; choose another id")
        return value


def to_send_rules(custom: CustomSendRule) -> SendRule:
    """A custom rule as a SendRule of rule set "custom", evaluated exactly like a table row."""
    return custom.to_send_rule(CUSTOM_RULE_SET)


class SendRuleSettings(BaseModel):
    """Send-time checks of eligibility: on by default, with every rule set of the table."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)

    enabled: bool = Field(default=True, description="False: eligibility checks consent only.")
    rule_sets: list[str] = Field(
        default_factory=lambda: list(DEFAULT_RULE_SETS),
        max_length=20,
        description="The table's rule sets that apply (us_federal, us_states, us_texas_registered_seller).",
    )
    custom_rules: list[CustomSendRule] = Field(default_factory=list, max_length=MAX_CUSTOM_RULES)
    default_window: DefaultWindow = Field(default_factory=DefaultWindow)

    @field_validator("rule_sets")
    @classmethod
    def _known_sets(cls, value: list[str]) -> list[str]:
        known = known_rule_sets()
        if unknown := [name for name in value if name not in known]:
            raise ValueError(f"unknown rule set(s) {', '.join(map(repr, unknown))}; known: {', '.join(known)}")
        if twice := repeated(value):
            raise ValueError(f"each rule set may be listed once; listed more than once: {', '.join(twice)}")
        return value

    @field_validator("custom_rules")
    @classmethod
    def _unique_ids(cls, value: list[CustomSendRule]) -> list[CustomSendRule]:
        if twice := repeated(rule.id for rule in value):
            raise ValueError(f"custom rule ids must be unique; listed more than once: {', '.join(twice)}")
        return value
