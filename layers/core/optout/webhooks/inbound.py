"""The inbound-message entry: a carrier's webhook at `/webhooks/{provider}/inbound`, or AWS End
User Messaging two-way SMS through SNS.

Each message is verified, decided and stored once (services.inbound). Twilio gets its reply in
band, as TwiML; every other carrier gets JSON, and its replies go out as reply events.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from optout.carriers import InboundMessage
from optout.models import Inbox
from optout.services import inbound
from optout.services.inbound import InboundResult
from optout.webhooks import entry
from optout.webhooks.responses import json_response, twiml_response
from optout.webhooks.verification import verified_webhook


def handle(event: Mapping[str, Any]) -> dict[str, Any]:
    return entry.handle(event, http=_http, sns_record=_sns_record)


def _http(provider: str, event: Mapping[str, Any]) -> dict[str, Any]:
    inbox, messages, results = _verified(provider, event)
    if provider == "twilio":
        return twiml_response(next((r.reply for r in results if r.reply), None))
    _publish_replies(results, inbox, messages)
    summary = [{"action": r.action, "rule": r.rule, "duplicate": r.duplicate} for r in results]
    return json_response(200, {"received": len(results), "results": summary})


def _sns_record(record: Mapping[str, Any]) -> int:
    inbox, messages, results = _verified("aws", record)
    _publish_replies(results, inbox, messages)
    return len(results)


def _verified(provider: str, source: Mapping[str, Any]) -> tuple[Inbox, list[InboundMessage], list[InboundResult]]:
    webhook = verified_webhook(provider, "inbound", source)
    messages = [m for m in webhook.records if isinstance(m, InboundMessage)]
    return webhook.inbox, messages, inbound.handle_batch(webhook.inbox, messages)


def _publish_replies(results: Sequence[InboundResult], inbox: Inbox, messages: Sequence[InboundMessage]) -> None:
    """One reply event per new message that has a reply: a carrier's retry sends nothing again."""
    from optout import reply_events

    replies = [
        reply_events.Reply(
            workspace_id=inbox.workspace_id,
            provider=inbox.provider,
            inbox=inbox.number,
            to=result.phone,
            text=result.reply,
            in_reply_to=message.message_id or None,
            action=result.action,
        )
        for result, message in zip(results, messages, strict=True)
        if result.reply and result.phone and not result.duplicate
    ]
    reply_events.publish(replies)
