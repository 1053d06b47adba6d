"""The path every carrier webhook takes before anything is stored: parse, find the inbox, verify.

Shared by inbound messages and delivery-status callbacks. A request whose inbox is unknown is
answered 404, one from outside the inbox's allowed networks or failing its signature check 403,
and none of them stores or changes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from optout import secret_store
from optout.carriers import (
    CarrierError,
    ConfigurationError,
    DeliveryOutcome,
    InboundMessage,
    PayloadError,
    SignatureError,
    WebhookRequest,
    parse_inbound_all,
    parse_status_all,
    verify_request,
)
from optout.config import VARIABLES, settings
from optout.errors import DomainError, InvalidPhone, NotFound
from optout.models import Inbox
from optout.observability import logger
from optout.phones import normalize_phone
from optout.services.inboxes import find_inbox
from optout.source_networks import source_allowed, source_ip

MAX_WEBHOOK_BODY = 256_000
SECRET_MAX_AGE_SECONDS = 300

# Tests and the local stack may replace how SNS signing certificates are fetched (None: default).
sns_cert_loader: Callable[[str], bytes] | None = None
# The stack's own SNS topics (template.yaml): an AWS inbox naming no topic accepts only these.
SNS_TOPIC_SETTINGS = {"inbound": "inbound_sns_topic_arn", "status": "delivery_sns_topic_arn"}


class WebhookRefused(DomainError):
    """A webhook answered with a 4xx (or 5xx for our own misconfiguration) and no side effects."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message, code=code)
        self.http_status = status


@dataclass(frozen=True)
class VerifiedWebhook:
    inbox: Inbox
    records: Sequence[InboundMessage | DeliveryOutcome]


def _sns_topics(inbox: Inbox, kind: str) -> dict[str, Any]:
    name = SNS_TOPIC_SETTINGS[kind]
    topics = inbox.topic_arn or getattr(settings(), name)
    if not topics.strip():
        logger.error("no SNS topic to accept", extra={"inbox": inbox.number, "variable": VARIABLES[name]})
        raise WebhookRefused(500, "inbox_misconfigured", "no SNS topic is configured for this inbox")
    return {"topic_arn": topics}


def _signing_secret(inbox: Inbox, kind: str) -> dict[str, Any]:
    if inbox.provider == "aws":
        return _sns_topics(inbox, kind)
    try:
        return secret_store.read_json_secret(inbox.secret_ref or "", max_age=SECRET_MAX_AGE_SECONDS)
    except secret_store.SecretUnreadable as exc:
        logger.error("signing secret unavailable", extra={"inbox": inbox.number, "cause": exc.cause})
        raise WebhookRefused(500, "inbox_misconfigured", f"the inbox's signing secret {exc.problem}") from None


def _request_of(event: Mapping[str, Any]) -> WebhookRequest:
    base = settings().webhook_base_url
    public_url = f"{base}{event.get('path') or ''}" if base else None
    return WebhookRequest.from_api_gateway(event, public_url=public_url)


def _inbox_number(record: InboundMessage | DeliveryOutcome) -> str:
    return record.to_number if isinstance(record, InboundMessage) else record.inbox


def verified_webhook(provider: str, kind: str, source: Mapping[str, Any]) -> VerifiedWebhook:
    """Parse, find the inbox, and verify the signature with that inbox's secret.

    `source` is an API Gateway event, or for AWS an SNS record. `kind` is inbound or status.
    """
    try:
        if provider == "aws":
            sns_source: Any = source
            records = parse_inbound_all("aws", sns_source) if kind == "inbound" else parse_status_all("aws", sns_source)
            verify_target: Any = sns_source
        else:
            body = source.get("body") or ""
            if len(body) > MAX_WEBHOOK_BODY:
                raise WebhookRefused(413, "payload_too_large", f"the body is larger than {MAX_WEBHOOK_BODY} bytes")
            request = _request_of(source)
            records = parse_inbound_all(provider, request) if kind == "inbound" else parse_status_all(provider, request)
            verify_target = request
    except PayloadError as exc:
        raise WebhookRefused(400, "invalid_payload", str(exc)) from None
    if not records:
        raise WebhookRefused(400, "invalid_payload", "the webhook carries no message")
    try:
        numbers = {normalize_phone(_inbox_number(r), "US") for r in records}
    except InvalidPhone:
        raise WebhookRefused(
            404, "inbox_not_found", "the number the message was sent to is not a registered inbox"
        ) from None
    if len(numbers) != 1:
        raise WebhookRefused(400, "invalid_payload", "one webhook must concern one inbox")
    inbox = find_inbox(numbers.pop())
    if inbox is None or inbox.provider != provider:
        raise WebhookRefused(404, "inbox_not_found", "the number the message was sent to is not a registered inbox")
    if provider != "aws":
        _check_source(inbox, source)
    try:
        verify_request(provider, verify_target, _signing_secret(inbox, kind), cert_loader=sns_cert_loader)
    except SignatureError as exc:
        logger.warning(
            "webhook signature refused", extra={"provider": provider, "inbox": inbox.number, "reason": str(exc)}
        )
        raise WebhookRefused(403, "invalid_signature", "the webhook's signature does not verify") from None
    except ConfigurationError as exc:
        logger.error("inbox signing secret is malformed", extra={"inbox": inbox.number, "reason": str(exc)})
        raise WebhookRefused(500, "inbox_misconfigured", "the inbox's signing secret is malformed") from None
    except CarrierError as exc:
        raise WebhookRefused(400, "invalid_payload", str(exc)) from None
    return VerifiedWebhook(inbox=inbox, records=records)


def _check_source(inbox: Inbox, event: Mapping[str, Any]) -> None:
    """Refuse a webhook from outside the inbox's allowed networks, if it names any."""
    if inbox.allowed_source_cidrs is None:
        return
    address = source_ip(event)
    if not source_allowed(address, inbox.allowed_source_cidrs):
        logger.warning("webhook source refused", extra={"inbox": inbox.number, "source_ip": address})
        raise WebhookRefused(403, "source_not_allowed", "the webhook does not come from the inbox's allowed networks")


__all__ = ["NotFound", "VerifiedWebhook", "WebhookRefused", "verified_webhook"]
