"""Inbound rules: what one message does, given the contact on record and the engine's verdict.

The service reads the contact and the message's marker, classifies the text (with
`engine_settings` and the six-month rule, `unstopped_recently`), calls `decide_inbound`, and
commits what it returns: the contact write with its event, the review-queue item and the marker,
in one transaction. Nothing here reads, writes or logs. The order of a contact's own STOP and
START is `consent.contact_request`'s (docs/consent-ordering.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from optout.engine import Action, Decision, EngineSettings, Rule, reason_for
from optout.models import (
    ConsentEvent,
    Contact,
    ContactStatus,
    ContactWrite,
    Inbox,
    Reason,
    TopicChange,
    WorkspaceSettings,
)
from optout.review import ReviewItem, review_id
from optout.rules import clarification, consent, topic_revocation
from optout.rules.business_days import honour_by
from optout.rules.topic_consent import TopicDefinition, TopicEventKind, TopicStatus

if TYPE_CHECKING:  # types only: the carriers' parsers are loaded by the webhook edge
    from optout.carriers import InboundMessage

# An intent opt-out this soon after the contact's own UNSTOP goes to a person (the engine's rule).
SIX_MONTHS = timedelta(days=183)
MAX_TEXT = 1600  # what an event and a review item keep of a message (ten SMS segments)
# Twilio Advanced Opt-Out has matched and answered these already.
TWILIO_OPT_OUT_TYPES = {"STOP": Action.OPT_OUT, "START": Action.OPT_IN, "HELP": Action.HELP}
_CONSENT_ACTIONS = (Action.OPT_OUT, Action.OPT_IN)


def engine_settings(settings: WorkspaceSettings) -> EngineSettings:
    """The workspace's options as the engine takes them."""
    return EngineSettings(
        intent_enabled=settings.intent_opt_out,
        typo_mode=settings.typo_mode.value,
        long_message_mode=settings.long_message_mode.value,
        extra_opt_out_keywords=tuple(settings.opt_out_keywords),
        extra_opt_in_keywords=tuple(settings.opt_in_keywords),
        extra_help_keywords=tuple(settings.help_keywords),
    )


def unstopped_recently(current: Contact | None, now: datetime) -> bool:
    """The contact opted back in by keyword less than six months ago."""
    opted_in = current.last_keyword_opt_in_at if current is not None else None
    return opted_in is not None and now - opted_in < SIX_MONTHS


def requested_action(decision: Decision, carrier_opt_out_type: str | None) -> Action:
    """The engine's action, unless Twilio matched its own keyword and stopped (or restarted)
    sending: then we follow Twilio, whatever the engine read."""
    return TWILIO_OPT_OUT_TYPES.get(carrier_opt_out_type or "", decision.action)


@dataclass(frozen=True)
class Superseded:
    """An older request that arrived after a newer one of the other kind: it changes nothing."""

    request: str  # "opt_out" or "opt_in"
    sent_at: datetime | None
    newer_at: datetime | None

    def log_fields(self) -> dict[str, Any]:
        return {
            "request": self.request,
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
            "newer_at": self.newer_at.isoformat() if self.newer_at else None,
        }


@dataclass(frozen=True)
class InboundDecision:
    """What one message does, decided before anything is written."""

    action: Action
    rule: str  # the engine's rule that decided, or "none", "blocked", "superseded"
    reason: str  # why, in a word: blocked, changed, unchanged, superseded, help, confirm, review, none
    write: ContactWrite | None = None  # the contact (and its consent event), or None
    review: ReviewItem | None = None  # the review-queue item, or None
    reply: str | None = None  # the text to send back, or None
    consent_request: bool = False  # a STOP or START: its marker is kept even when nothing changed
    superseded: Superseded | None = None  # said in the log by the service

    @property
    def changed(self) -> bool:
        return self.write is not None and self.write.event is not None

    @property
    def events(self) -> tuple[ConsentEvent, ...]:
        return (self.write.event,) if self.write is not None and self.write.event is not None else ()

    @property
    def marker_fields(self) -> dict[str, Any]:
        """What the message's marker records: a carrier's retry gets this answer back."""
        return {"action": self.action.value, "rule": self.rule, "reply": self.reply}

    @property
    def keeps_marker(self) -> bool:
        # A consent change's marker never expires; a queued message's lives as long as its item.
        return self.changed or self.action is Action.REVIEW

    @property
    def stores_nothing(self) -> bool:
        # Nothing stored, nothing sent: a retry would do the same.
        return self.write is None and self.reply is None and not self.consent_request and self.review is None


def decide_inbound(
    current: Contact | None,
    message: InboundMessage,
    decision: Decision,
    inbox: Inbox,
    settings: WorkspaceSettings,
    now: datetime,
    *,
    phone: str,
    marker_key: str,
) -> InboundDecision:
    """What `message` from `phone` (normalised) does, given the contact on record (None: unknown)
    and the engine's `decision`. `marker_key` names the message; its review item follows from it."""
    if current is not None and current.status is ContactStatus.BLOCKED:
        # A blocked contact's messages change nothing, send nothing and leave no marker.
        return InboundDecision(action=Action.NONE, rule="blocked", reason="blocked")
    action = requested_action(decision, message.carrier_opt_out_type)
    texts = settings.for_language(decision.language)  # replies in the contact's language
    if action in _CONSENT_ACTIONS:
        context = _status_context(decision, message, inbox, phone, now, settings)
        decided = _consent_request(current, action, decision, message, texts, context, inbox.workspace_id, phone)
        decided = clarification.void_question(decided, current, context, now)  # a newer opt-out closes a question
    elif action is Action.HELP:
        decided = InboundDecision(action, _rule(action, decision), "help", reply=texts.reply(texts.help_reply))
    elif action is Action.CONFIRM:
        decided = InboundDecision(action, _rule(action, decision), "confirm", reply=texts.reply(texts.confirm_reply))
    elif action is Action.REVIEW:
        # A person decides: the status stays, and only a holding reply the workspace set goes out.
        item = review_item(message, inbox, phone, decision, marker_key, now)
        reply = texts.reply(texts.review_reply) if texts.review_reply else None
        decided = InboundDecision(action, _rule(action, decision), "review", review=item, reply=reply)
    else:
        decided = InboundDecision(action, _rule(action, decision), "none")
    if message.carrier_opt_out_type is not None:
        decided = replace(decided, reply=None)  # the carrier has sent its own confirmation: never a second one
    return decided


TOPIC_KEYWORD_RULE = "topic_keyword"


def decide_topic_keyword(
    current: Contact | None,
    message: InboundMessage,
    topics: Sequence[TopicDefinition],
    inbox: Inbox,
    settings: WorkspaceSettings,
    now: datetime,
    *,
    phone: str,
) -> InboundDecision | None:
    """A message that is exactly a topic keyword (STOP PROMO) revokes that topic only, before the
    engine reads it. None: not a topic keyword, or the contact is suppressed already (every topic
    is revoked then, and the engine's reading applies), or the carrier acted on it itself."""
    if (current is not None and current.is_suppressed) or message.carrier_opt_out_type is not None:
        return None
    topic = topic_revocation.topic_for_keyword(message.text, topics)
    if topic is None:
        return None
    entry = topic_revocation.entry_for(current.topics if current else None, topic.id)
    if entry is not None and entry.status == TopicStatus.REVOKED.value:
        # Revoked already: a retry of the same request, so the one confirmation is not sent again.
        return InboundDecision(Action.OPT_OUT, TOPIC_KEYWORD_RULE, "unchanged", consent_request=True)
    base = current.model_copy(update={"version": current.version + 1}) if current else None
    base = base or consent.new_contact(inbox.workspace_id, phone, now)
    event = ConsentEvent(
        event_id=consent.new_event_id(),
        workspace_id=inbox.workspace_id,
        phone=phone,
        status=base.status,
        previous_status=current.status if current else None,
        reason=Reason.KEYWORD,
        initiator=consent.contact_initiator(phone),
        occurred_at=now,
        inbox=inbox.number,
        message_id=message.message_id or None,
        message_text=message.text[:MAX_TEXT],
        topic_change=TopicChange(kind=TopicEventKind.REVOKED.value, topics=[topic.id], at=now, sequence=base.version),
        honour_by=honour_by(now),
    )
    topics_map = topic_revocation.revoke_topics(base.topics, [topic.id], now, event.event_id)
    contact = base.model_copy(update={"topics": topics_map, "updated_at": now})
    write = ContactWrite(contact, current.version if current else None, event)
    reply = settings.reply(settings.topic_opt_out_reply).replace("{topic}", topic.name)
    return InboundDecision(Action.OPT_OUT, TOPIC_KEYWORD_RULE, "changed", write, reply=reply, consent_request=True)


def _rule(action: Action, decision: Decision) -> str:
    # An exclusion ("don't stop") is worth recording even though it does nothing.
    return decision.rule.value if action is not Action.NONE or decision.rule is Rule.EXCLUSION else "none"


def _status_context(
    decision: Decision, message: InboundMessage, inbox: Inbox, phone: str, now: datetime, settings: WorkspaceSettings
) -> consent.StatusContext:
    return consent.StatusContext(
        reason=Reason(reason_for(decision) or "keyword"),
        initiator=consent.contact_initiator(phone),
        at=now,
        inbox=inbox.number,
        message_id=message.message_id or None,
        message_text=message.text[:MAX_TEXT],
        decision=decision.to_dict(),
        source_at=message.sent_at,
        revoke_all_effective=settings.revoke_all_effective,
    )


def _consent_request(
    current: Contact | None,
    action: Action,
    decision: Decision,
    message: InboundMessage,
    texts: WorkspaceSettings,
    context: consent.StatusContext,
    workspace_id: str,
    phone: str,
) -> InboundDecision:
    """A STOP or START. Which request wins when they arrive out of order is consent's rule."""
    opt_out = action is Action.OPT_OUT
    outcome, write = consent.contact_request(
        current, opt_out=opt_out, sent_at=message.sent_at, context=context, workspace_id=workspace_id, phone=phone
    )
    if outcome is consent.RequestOutcome.CHANGED:
        reply = texts.reply(texts.opt_out_reply if opt_out else texts.opt_in_reply)
        return InboundDecision(action, _rule(action, decision), "changed", write, reply=reply, consent_request=True)
    if outcome is consent.RequestOutcome.SUPERSEDED:
        newer = consent.newer_request_at(current, opt_out=opt_out, sent_at=message.sent_at)
        superseded = Superseded("opt_out" if opt_out else "opt_in", message.sent_at, newer)
        return InboundDecision(
            Action.NONE, "superseded", "superseded", write, consent_request=True, superseded=superseded
        )
    # Already so. A YES or START from a contact who never opted out is an ordinary message.
    kept = action if opt_out else Action.NONE
    return InboundDecision(kept, _rule(kept, decision), "unchanged", write, consent_request=True)


def review_item(
    message: InboundMessage, inbox: Inbox, phone: str, decision: Decision, marker_key: str, at: datetime
) -> ReviewItem:
    """The queue item of one inbound message (its id follows from the message's marker, so a
    carrier's retry never queues it twice)."""
    return ReviewItem(
        id=review_id(marker_key),
        workspace_id=inbox.workspace_id,
        phone=phone,
        inbox=inbox.number,
        provider=inbox.provider,
        message_id=message.message_id or None,
        text=message.text[:MAX_TEXT],
        received_at=at,
        sent_at=message.sent_at,
        decision=decision.to_dict(),
    )
