"""What an inbound message does: decide with the engine, apply the consent change, reply once.

Steady state costs two DynamoDB requests for a STOP: one BatchGetItem for the contact and the
message's idempotency marker, and one TransactWriteItems for the contact, its consent event and
the marker. A carrier's retry finds the marker and gets the first answer back, writing nothing.
A redundant STOP (the contact is opted out already) whose carrier time is newer than the one on
record costs the same two: the TransactWriteItems then keeps the newer request time and the marker.
Markers are scoped to the workspace and inbox, and those of consent changes never expire
(optout.idempotency); docs/consent-ordering.md says which times are compared.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from optout import consent, idempotency, repository, review_store
from optout.carriers import InboundMessage
from optout.engine import Action, EngineSettings, Rule, classify, reason_for
from optout.errors import InvalidPhone
from optout.models import Contact, ContactStatus, ContactWrite, Inbox, Reason, WorkspaceSettings, utc_now
from optout.observability import logger
from optout.phones import normalize_phone
from optout.services import review_queue

SIX_MONTHS = timedelta(days=183)
MARKER_TTL_SECONDS = 7 * 24 * 3600  # longer than any carrier's retry window
# Twilio Advanced Opt-Out has matched and answered these already.
_TWILIO_TYPES = {"STOP": Action.OPT_OUT, "START": Action.OPT_IN, "HELP": Action.HELP}


@dataclass(frozen=True)
class InboundResult:
    """The answer to one message; a retried message gets the same one."""

    action: str
    rule: str
    reply: str | None
    changed: bool = False
    duplicate: bool = False
    phone: str | None = None

    def marker(self, marker_id: str, workspace_id: str) -> dict[str, Any]:
        fields = {"action": self.action, "rule": self.rule, "reply": self.reply}
        # A queued message's marker lives as long as its queue item: a late retry finds it.
        keep = self.changed or self.action == Action.REVIEW.value
        return idempotency.marker_item(marker_id, workspace_id, fields, changed_consent=keep, ttl_seconds=MARKER_TTL_SECONDS)

    @classmethod
    def from_marker(cls, marker: dict[str, Any], phone: str) -> InboundResult:
        return cls(action=marker["action"], rule=marker["rule"], reply=marker.get("reply"), duplicate=True, phone=phone)


def engine_settings(settings: WorkspaceSettings) -> EngineSettings:
    return EngineSettings(
        intent_enabled=settings.intent_opt_out,
        typo_mode=settings.typo_mode.value,
        long_message_mode=settings.long_message_mode.value,
        extra_opt_out_keywords=tuple(settings.opt_out_keywords),
        extra_opt_in_keywords=tuple(settings.opt_in_keywords),
        extra_help_keywords=tuple(settings.help_keywords),
    )


def marker_id(message: InboundMessage, inbox: Inbox) -> str:
    """Scoped to the inbox's workspace and number: carriers' message ids are not unique across them."""
    message_id = message.message_id
    if not message_id:
        # No id from the carrier: the same sender, inbox, text and time is the same message.
        digest = hashlib.sha256(
            "|".join([message.from_number, message.to_number, message.text, str(message.sent_at)]).encode()
        ).hexdigest()
        message_id = f"sha256:{digest}"
    return idempotency.marker_id("inbound", inbox.workspace_id, inbox.number, message.provider, message_id)


def _log_superseded(current: Contact | None, message: InboundMessage, inbox: Inbox, *, opt_out: bool) -> None:
    """An older request that arrived after a newer one of the other kind: kept in its marker, and said."""
    newer = consent.newer_request_at(current, opt_out=opt_out, sent_at=message.sent_at)
    logger.warning(
        "consent request older than a newer one on record: superseded",
        extra={
            "inbox": inbox.number,
            "request": "opt_out" if opt_out else "opt_in",
            "sent_at": message.sent_at.isoformat() if message.sent_at else None,
            "newer_at": newer.isoformat() if newer else None,
        },
    )


def _consent_request(
    current: Contact | None,
    action: Action,
    message: InboundMessage,
    inbox: Inbox,
    settings: WorkspaceSettings,
    context: consent.StatusContext,
    phone: str,
) -> tuple[Action, ContactWrite | None, str | None, bool]:
    """A STOP or START: (action, write, reply, superseded). The order rules live in consent.py."""
    opt_out = action is Action.OPT_OUT
    outcome, write = consent.contact_request(
        current, opt_out=opt_out, sent_at=message.sent_at, context=context, workspace_id=inbox.workspace_id, phone=phone
    )
    if outcome is consent.RequestOutcome.CHANGED:
        return action, write, settings.reply(settings.opt_out_reply if opt_out else settings.opt_in_reply), False
    if outcome is consent.RequestOutcome.SUPERSEDED:
        _log_superseded(current, message, inbox, opt_out=opt_out)
        return Action.NONE, write, None, True
    # Already so. A YES or START from a contact who never opted out is an ordinary message.
    return (action if opt_out else Action.NONE), write, None, False


@dataclass(frozen=True)
class _Plan:
    """What one message does, decided before anything is written."""

    result: InboundResult
    write: ContactWrite | None
    review: Any  # a review-queue item, or None
    consent_request: bool

    @property
    def stores_nothing(self) -> bool:
        # Nothing stored, nothing sent: a retry would do the same.
        return self.write is None and self.result.reply is None and not self.consent_request and self.review is None


def handle_inbound(
    message: InboundMessage, inbox: Inbox, settings: WorkspaceSettings, *, attempts: int = 3
) -> InboundResult:
    try:
        phone = normalize_phone(message.from_number, settings.default_region)
    except InvalidPhone:
        # A short code or alphanumeric sender cannot opt out of anything: acknowledge only.
        return InboundResult(action="none", rule="none", reply=None)
    workspace_id = inbox.workspace_id
    key = marker_id(message, inbox)
    current, marker = repository.get_contact_and_marker(workspace_id, phone, key)
    if marker is not None:
        return InboundResult.from_marker(marker, phone)
    if current is not None and current.status is ContactStatus.BLOCKED:
        return InboundResult(action="none", rule="blocked", reply=None, phone=phone)
    plan = _plan(current, message, inbox, settings, phone, key)
    if plan.stores_nothing:
        return plan.result
    try:
        _store(plan, key, workspace_id)
    except repository.DuplicateMessage:
        _, marker = repository.get_contact_and_marker(workspace_id, phone, key)
        return InboundResult.from_marker(marker or {"action": "none", "rule": "none"}, phone)
    except repository.TransactionConflict:
        if attempts <= 1:
            raise
        # The contact changed meanwhile (another message, an API call): decide again on fresh data.
        return handle_inbound(message, inbox, settings, attempts=attempts - 1)
    return plan.result


def _plan(
    current: Contact | None, message: InboundMessage, inbox: Inbox, settings: WorkspaceSettings, phone: str, key: str
) -> _Plan:
    now = utc_now()
    unstopped = bool(current and current.last_keyword_opt_in_at and now - current.last_keyword_opt_in_at < SIX_MONTHS)
    decision = classify(message.text, engine_settings(settings), unstopped_within_six_months=unstopped)
    action = decision.action
    carrier_answered = message.carrier_opt_out_type is not None
    if carrier_answered and message.carrier_opt_out_type in _TWILIO_TYPES:
        # Twilio matched its own keyword and stopped (or restarted) sending: follow it.
        action = _TWILIO_TYPES[message.carrier_opt_out_type]
    reason = Reason(reason_for(decision) or "keyword") if action in (Action.OPT_OUT, Action.OPT_IN) else None
    context = consent.StatusContext(
        reason=reason or Reason.KEYWORD,
        initiator=consent.contact_initiator(phone),
        at=now,
        inbox=inbox.number,
        message_id=message.message_id or None,
        message_text=message.text[:1600],
        decision=decision.to_dict(),
        source_at=message.sent_at,
    )
    write = review = None
    reply: str | None = None
    superseded = False
    texts = settings.for_language(decision.language)  # replies in the contact's language
    consent_request = action in (Action.OPT_OUT, Action.OPT_IN)
    if consent_request:
        action, write, reply, superseded = _consent_request(current, action, message, inbox, texts, context, phone)
    elif action is Action.HELP:
        reply = texts.reply(texts.help_reply)
    elif action is Action.CONFIRM:
        reply = texts.reply(texts.confirm_reply)
    elif action is Action.REVIEW:
        # A person decides: the status stays, and only a holding reply the workspace set goes out.
        review = review_queue.new_item(message, inbox, phone, decision.to_dict(), key, now)
        reply = texts.reply(texts.review_reply) if texts.review_reply else None
    if carrier_answered:
        reply = None  # the carrier has sent its own confirmation: never a second one
    rule = decision.rule.value if action is not Action.NONE or decision.rule is Rule.EXCLUSION else "none"
    changed = write is not None and write.event is not None
    result = InboundResult(
        action=action.value, rule="superseded" if superseded else rule, reply=reply, changed=changed, phone=phone
    )
    return _Plan(result, write, review, consent_request)


def _store(plan: _Plan, key: str, workspace_id: str) -> None:
    """Every STOP and START leaves a marker, even one that changed nothing: without carrier times,
    a retry arriving after a newer request must not act again."""
    marker = plan.result.marker(key, workspace_id)
    if plan.write is None and plan.review is None:
        repository.put_marker(marker)
        return
    # The queue item lands with the marker, so a carrier's retry never queues it twice.
    extra = [review_store.item_put(plan.review)] if plan.review is not None else []
    repository.write_contacts([plan.write] if plan.write is not None else [], markers=[marker], extra_items=extra)


def record_metrics(result: InboundResult) -> None:
    if not result.changed and result.action != Action.HELP.value:
        return
    from optout.observability import MetricUnit, single_metric

    name = {"opt_out": "OptOuts", "opt_in": "OptIns", "help": "HelpRequests"}.get(result.action)
    if name is None:
        return
    with single_metric(name=name, unit=MetricUnit.Count, value=1, namespace="OptOut") as metric:
        metric.add_dimension(name="reason", value=result.rule)


def _replies_for(results: list[InboundResult], inbox: Inbox, messages: list[InboundMessage]) -> list[Any]:
    from optout.reply_events import Reply

    return [
        Reply(
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


def _process(provider: str, source: Mapping[str, Any]) -> tuple[Inbox, list[InboundMessage], list[InboundResult]]:
    from optout.services.accounts import get_workspace
    from optout.webhooks.verification import verified_webhook

    webhook = verified_webhook(provider, "inbound", source)
    messages = [m for m in webhook.records if isinstance(m, InboundMessage)]
    settings = get_workspace(webhook.inbox.workspace_id).settings
    results = [handle_inbound(message, webhook.inbox, settings) for message in messages]
    for result in results:
        if not result.duplicate:
            record_metrics(result)
    logger.info(
        "inbound processed",
        extra={
            "provider": provider,
            "inbox": webhook.inbox.number,
            "results": [(r.action, r.rule, r.duplicate) for r in results],
        },
    )
    return webhook.inbox, messages, results


def receive(provider: str, event: Mapping[str, Any]) -> dict[str, Any]:
    """An API Gateway webhook: Twilio gets TwiML with the reply, the others JSON (replies go out by EventBridge)."""
    from optout.carriers import TWIML_CONTENT_TYPE, twiml_message
    from optout.webhooks.responses import json_response, refusal_response
    from optout.webhooks.verification import WebhookRefused

    try:
        inbox, messages, results = _process(provider, event)
    except WebhookRefused as exc:
        return refusal_response(exc)
    if provider == "twilio":
        reply = next((r.reply for r in results if r.reply), None)
        return {
            "statusCode": 200,
            "headers": {"Content-Type": TWIML_CONTENT_TYPE},
            "body": twiml_message(reply),
            "isBase64Encoded": False,
        }
    from optout import reply_events as replies

    replies.publish(_replies_for(results, inbox, messages))
    summary = [{"action": r.action, "rule": r.rule, "duplicate": r.duplicate} for r in results]
    return json_response(200, {"received": len(results), "results": summary})


def receive_sns(event: Mapping[str, Any]) -> dict[str, Any]:
    """AWS End User Messaging two-way SMS through SNS. A refused record is logged and dropped:
    raising would make SNS retry a message that can never verify."""
    from optout import reply_events as replies
    from optout.webhooks.verification import WebhookRefused

    processed = refused = 0
    for record in event.get("Records") or []:
        try:
            inbox, messages, results = _process("aws", record)
        except WebhookRefused as exc:
            refused += 1
            logger.warning("SNS record refused", extra={"code": exc.code, "reason": exc.message})
            continue
        replies.publish(_replies_for(results, inbox, messages))
        processed += len(results)
    return {"processed": processed, "refused": refused}
