"""The send-time rules as GET /v1/send-rules shows them: the table (its rows as the table file
writes them) and the workspace's choice of them."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from optout.models import DeferredModel
from optout.send_rule_settings import SendRuleSettings
from optout.send_rule_table import DAY_NAMES, SendRule


class SendRuleRow(DeferredModel):
    id: str
    rule_set: str
    jurisdiction: str
    kind: str = Field(description="quiet_hours or frequency_cap.")
    windows: dict[str, list[str]] | None = Field(
        description='quiet_hours: allowed local hours by day, {"mon": ["08:00", "20:00"], ...}; a day left out '
        "allows no sending."
    )
    cap_limit: int | None
    cap_window_hours: float | None
    cap_scope: str | None = Field(description="frequency_cap: topic (same subject) or all.")
    effective_from: date
    effective_to: date | None = Field(description="Exclusive; null: open.")
    source: str
    note: str

    @classmethod
    def of(cls, rule: SendRule) -> SendRuleRow:
        quiet = rule.kind == "quiet_hours"
        windows = {
            DAY_NAMES[day]: [start.strftime("%H:%M"), end.strftime("%H:%M")]
            for day, (start, end) in rule.windows.items()
        }
        return cls(
            id=rule.id,
            rule_set=rule.rule_set,
            jurisdiction=rule.jurisdiction,
            kind=rule.kind,
            windows=windows if quiet else None,
            cap_limit=rule.cap_limit,
            cap_window_hours=rule.cap_window.total_seconds() / 3600 if rule.cap_window else None,
            cap_scope=rule.cap_scope,
            effective_from=rule.effective_from,
            effective_to=rule.effective_to,
            source=rule.source,
            note=rule.note,
        )


class SendRulesOut(DeferredModel):
    version: str = Field(description="The rule table's version (a date): eligibility answers name it too.")
    available_rule_sets: list[str] = Field(description="The table's rule sets, any of which a workspace may apply.")
    rules: list[SendRuleRow]
    settings: SendRuleSettings = Field(
        description="The workspace's send_rules setting (PUT /v1/settings changes it, admin only)."
    )
