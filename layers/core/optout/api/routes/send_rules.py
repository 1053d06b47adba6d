"""The send-time rule table and the workspace's choice of it (read by any key)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Router

from optout.api.http import principal_of
from optout.api.openapi import responses
from optout.api.schemas.send_rules import SendRuleRow, SendRulesOut
from optout.services import send_rules

router = Router()


@router.get("/v1/send-rules", summary="The send-time rules eligibility applies", responses=responses())
def get_send_rules() -> SendRulesOut:
    rules = send_rules.send_rules(principal_of(router))
    return SendRulesOut(
        version=rules.table.version,
        available_rule_sets=list(rules.table.rule_sets),
        rules=[SendRuleRow.of(rule) for rule in rules.table.rules],
        settings=rules.settings,
    )
