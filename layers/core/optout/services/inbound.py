"""What an inbound message does: read, classify with the engine, decide (`rules.inbound`), commit.

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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from optout import repository
from optout.carriers import InboundMessage
from optout.engine import Action, classify
from optout.errors import InvalidPhone
from optout.models import Contact, Inbox, WorkspaceSettings, utc_now
from optout.observability import logger
from optout.phones import normalize_phone
from optout.repository import review_queue as review_items
from optout.repository.consents import consent_history
from optout.rules import clarification, double_opt_in
from optout.rules import inbound as rules
from optout.rules.clarification import topic_events
from optout.rules.inbound import InboundDecision
from optout.rules.topic_consent import TopicDefinition

MARKER_TTL_SECONDS = 7 * 24 * 3600  # longer than any carrier's retry window


@dataclass(frozen=True)
class InboundResult:
    """The answer to one message; a retried message gets the same one."""

    action: str
    rule: str
    reply: str | None
    changed: bool = False
    duplicate: bool = False
    phone: str | None = None

    @classmethod
    def of(cls, decided: InboundDecision, phone: str) -> InboundResult:
        fields = decided.marker_fields
        return cls(action=fields["action"], rule=fields["rule"], reply=fields["reply"], changed=decided.changed, phone=phone)

    @classmethod
    def from_marker(cls, marker: dict[str, Any], phone: str) -> InboundResult:
        return cls(action=marker["action"], rule=marker["rule"], reply=marker.get("reply"), duplicate=True, phone=phone)


def marker_id(message: InboundMessage, inbox: Inbox) -> str:
    """Scoped to the inbox's workspace and number: carriers' message ids are not unique across them."""
    message_id = message.message_id
    if not message_id:
        # No id from the carrier: the same sender, inbox, text and time is the same message.
        digest = hashlib.sha256(
            "|".join([message.from_number, message.to_number, message.text, str(message.sent_at)]).encode()
        ).hexdigest()
        message_id = f"sha256:{digest}"
    return repository.marker_id("inbound", inbox.workspace_id, inbox.number, message.provider, message_id)


def handle_inbound(
    message: InboundMessage,
    inbox: Inbox,
    settings: WorkspaceSettings,
    *,
    attempts: int = 3,
    topics: Sequence[TopicDefinition] = (),
) -> InboundResult:
    try:
        phone = normalize_phone(message.from_number, settings.default_region)
    except InvalidPhone:
        # A short code or alphanumeric sender cannot opt out of anything: acknowledge only.
        return InboundResult(action="none", rule="none", reply=None)
    key = marker_id(message, inbox)
    # The contact changed meanwhile (another message, an API call): read and decide again.
    return repository.retry_on_conflict(
        lambda: _handle_once(message, inbox, settings, phone, key, topics), attempts=attempts
    )


def _decide(
    current: Contact | None,
    message: InboundMessage,
    inbox: Inbox,
    settings: WorkspaceSettings,
    topics: Sequence[TopicDefinition],
    *,
    phone: str,
    key: str,
) -> InboundDecision:
    """An answer to an open clarification question, a topic keyword (no topics: nothing to match),
    then the engine's reading; an opt-out's confirmation may ask which topics were meant."""
    now = utc_now()
    decided = _clarification(current, message, inbox, settings, topics, phone=phone, now=now)
    decided = decided or rules.decide_topic_keyword(current, message, topics, inbox, settings, now, phone=phone)
    if decided is not None:
        return decided
    verdict = classify(
        message.text, rules.engine_settings(settings), unstopped_within_six_months=rules.unstopped_recently(current, now)
    )
    decided = rules.decide_inbound(current, message, verdict, inbox, settings, now, phone=phone, marker_key=key)
    action = rules.requested_action(verdict, message.carrier_opt_out_type)
    confirmed = _confirmation(current, message, action, inbox, topics, phone=phone, now=now)
    if confirmed is not None:
        return confirmed
    return clarification.ask_which_topics(decided, current, topics, settings.for_language(verdict.language), now)


def _confirmation(
    current: Contact | None,
    message: InboundMessage,
    action: Action,
    inbox: Inbox,
    topics: Sequence[TopicDefinition],
    *,
    phone: str,
    now: datetime,
) -> InboundDecision | None:
    """A YES answering an open double opt-in request; only then is the history read."""
    if action is not Action.OPT_IN or not double_opt_in.awaits_yes(current, now):
        return None
    history = consent_history(inbox.workspace_id, phone)
    events = [found for event in history for found in topic_events(event)]
    return double_opt_in.decide_confirmation(current, message, action, topics, history, events, inbox, now, phone=phone)


def _clarification(
    current: Contact | None,
    message: InboundMessage,
    inbox: Inbox,
    settings: WorkspaceSettings,
    topics: Sequence[TopicDefinition],
    *,
    phone: str,
    now: datetime,
) -> InboundDecision | None:
    """Only a contact with an open question costs the extra read of its history."""
    if clarification.pending_until(current, now) is None:
        return None
    history = [found for event in consent_history(inbox.workspace_id, phone) for found in topic_events(event)]
    return clarification.decide_clarification(current, message, topics, history, inbox, settings, now, phone=phone)


def _handle_once(
    message: InboundMessage,
    inbox: Inbox,
    settings: WorkspaceSettings,
    phone: str,
    key: str,
    topics: Sequence[TopicDefinition] = (),
) -> InboundResult:
    """Read (contact and marker), decide, commit."""
    workspace_id = inbox.workspace_id
    current, marker = repository.get_contact_and_marker(workspace_id, phone, key)
    if marker is not None:
        return InboundResult.from_marker(marker, phone)
    decided = _decide(current, message, inbox, settings, topics, phone=phone, key=key)
    if decided.superseded is not None:
        logger.warning(
            "consent request older than a newer one on record: superseded",
            extra={"inbox": inbox.number, **decided.superseded.log_fields()},
        )
    if decided.stores_nothing:
        return InboundResult.of(decided, phone)
    try:
        _commit(decided, key, workspace_id)
    except repository.DuplicateMessage:
        _, marker = repository.get_contact_and_marker(workspace_id, phone, key)
        return InboundResult.from_marker(marker or {"action": "none", "rule": "none"}, phone)
    return InboundResult.of(decided, phone)


def _commit(decided: InboundDecision, key: str, workspace_id: str) -> None:
    """Every STOP and START leaves a marker, even one that changed nothing: without carrier times,
    a retry arriving after a newer request must not act again."""
    marker = repository.marker_item(
        key, workspace_id, decided.marker_fields, changed_consent=decided.keeps_marker, ttl_seconds=MARKER_TTL_SECONDS
    )
    if decided.write is None and decided.review is None:
        repository.put_marker(marker)
        return
    # The queue item lands with the marker, so a carrier's retry never queues it twice.
    extra = [review_items.item_put(decided.review)] if decided.review is not None else []
    repository.write_contacts([decided.write] if decided.write is not None else [], markers=[marker], extra_items=extra)


def record_metrics(result: InboundResult) -> None:
    if not result.changed and result.action != Action.HELP.value:
        return
    from optout.observability import MetricUnit, single_metric

    name = {"opt_out": "OptOuts", "opt_in": "OptIns", "help": "HelpRequests"}.get(result.action)
    if name is None:
        return
    with single_metric(name=name, unit=MetricUnit.Count, value=1, namespace="OptOut") as metric:
        metric.add_dimension(name="reason", value=result.rule)


def handle_batch(inbox: Inbox, messages: Sequence[InboundMessage]) -> list[InboundResult]:
    """A verified webhook's messages, each decided and stored once, with metrics for the new ones."""
    from optout.services.accounts import get_workspace
    from optout.services.topic_cache import workspace_topics
    from optout.services.topics import definitions

    settings = get_workspace(inbox.workspace_id).settings
    topics = definitions(workspace_topics(inbox.workspace_id))  # cached with the settings, once a batch
    results = [handle_inbound(message, inbox, settings, topics=topics) for message in messages]
    for result in results:
        if not result.duplicate:
            record_metrics(result)
    logger.info(
        "inbound processed",
        extra={
            "provider": inbox.provider,
            "inbox": inbox.number,
            "results": [(r.action, r.rule, r.duplicate) for r in results],
        },
    )
    return results
