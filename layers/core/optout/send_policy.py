"""A workspace's sending policy: what its sends may do and what their outcomes do. Its settings
fields, kept apart from models.WorkspaceSettings, which takes them by inheritance (as it takes
consent_policy's).

- `auto_opt_out_on_failed_delivery`, `failed_delivery_threshold`: Auto Opt-Out on Failed Delivery
  (README, "Delivery status and Auto Opt-Out on Failed Delivery");
- `send_rules`: the send-time rules eligibility applies (docs/send-time-rules.md).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from optout.send_rule_settings import SendRuleSettings


class SendPolicy(BaseModel):
    model_config = ConfigDict(defer_build=True)  # built with the settings model that mixes it in

    auto_opt_out_on_failed_delivery: bool = Field(
        default=False,
        description="Auto Opt-Out on Failed Delivery: opt a contact out on a permanent delivery failure, "
        "or after failed_delivery_threshold failures in a row. Carrier opt-outs apply whatever this says.",
    )
    failed_delivery_threshold: int = Field(
        default=3, ge=1, le=20, description="Failures in a row, with no delivery between, that opt a contact out."
    )
    send_rules: SendRuleSettings = Field(
        default_factory=SendRuleSettings,
        description="Send-time rules of eligibility: quiet hours and frequency caps (GET /v1/send-rules lists the "
        "table). A change replaces the whole object: a field left out takes its default.",
    )
