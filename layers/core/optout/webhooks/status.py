"""The delivery-status entry: a carrier's callback at `/webhooks/{provider}/status`, or AWS End
User Messaging delivery events through SNS.

Each outcome is verified and recorded once (services.delivery); the answer says what each did.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from optout.carriers import DeliveryOutcome
from optout.services import delivery
from optout.services.delivery import DeliveryResult
from optout.webhooks import entry
from optout.webhooks.responses import json_response
from optout.webhooks.verification import verified_webhook


def handle(event: Mapping[str, Any]) -> dict[str, Any]:
    return entry.handle(event, http=_http, sns_record=lambda record: len(_recorded("aws", record)))


def _http(provider: str, event: Mapping[str, Any]) -> dict[str, Any]:
    results = _recorded(provider, event)
    return json_response(200, {"received": len(results), "results": [r.summary() for r in results]})


def _recorded(provider: str, source: Mapping[str, Any]) -> list[DeliveryResult]:
    webhook = verified_webhook(provider, "status", source)
    outcomes = [o for o in webhook.records if isinstance(o, DeliveryOutcome)]
    return delivery.record_batch(webhook.inbox, outcomes)
