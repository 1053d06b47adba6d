"""The send-time rules a workspace's eligibility checks apply: the shipped table and its choice."""

from __future__ import annotations

from dataclasses import dataclass

from optout.models import Principal
from optout.send_rule_settings import SendRuleSettings
from optout.send_rule_table import RuleTable, load_rule_table
from optout.services.accounts import get_workspace


@dataclass(frozen=True)
class SendRules:
    table: RuleTable
    settings: SendRuleSettings


def send_rules(principal: Principal) -> SendRules:
    """The table and the workspace's send_rules setting; any key may read them."""
    return SendRules(load_rule_table(), get_workspace(principal.workspace_id).settings.send_rules)
