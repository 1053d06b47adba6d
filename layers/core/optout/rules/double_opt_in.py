"""Double opt-in (docs/consent-topics.md): an opt-in recorded with `double_opt_in` grants nothing;
the contact gets "Reply YES to confirm", and the YES (any of the engine's opt-in words) from that
number within `CONFIRM_WINDOW` grants the requested topics, with the YES message as the proof.

Pure: no storage, no clock, no logging.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from optout.engine import Action
from optout.models import ConsentEvent, Contact, ContactWrite, Inbox, Reason, TopicChange, WorkspaceSettings
from optout.rules import consent, topic_revocation
from optout.rules.clarification import MAX_TEXT, materialised
from optout.rules.topic_consent import TopicDefinition, TopicEvent, TopicEventKind, fold

if TYPE_CHECKING:  # types only: the carriers' parsers are loaded by the webhook edge
    from optout.carriers import InboundMessage
    from optout.rules.inbound import InboundDecision

CONFIRM_WINDOW = timedelta(days=7)  # a YES later than this is an ordinary message
CONFIRM_RULE = "double_opt_in"


def request_text(settings: WorkspaceSettings, topics: Sequence[TopicDefinition]) -> str:
    """The "Reply YES to confirm" text, naming the program and the topics."""
    return settings.reply(settings.double_opt_in_reply).replace("{topics}", ", ".join(t.name for t in topics))


def awaits_yes(current: Contact | None, now: datetime) -> bool:
    """Whether the contact's double opt-in request is open (a suppressed contact's never is)."""
    until = current.confirmation_requested_until if current is not None else None
    return current is not None and not current.is_suppressed and until is not None and now < until


def decide_confirmation(
    current: Contact | None,
    message: InboundMessage,
    action: Action,
    topics: Sequence[TopicDefinition],
    history: Iterable[ConsentEvent],
    history_events: Iterable[TopicEvent],
    inbox: Inbox,
    now: datetime,
    *,
    phone: str,
) -> InboundDecision | None:
    """The YES that answers an open request: a `confirmed` event granting what was asked, with the
    request's evidence and the YES message. None: no open request, or not an opt-in word."""
    from optout.rules.inbound import InboundDecision

    if current is None or action is not Action.OPT_IN or not awaits_yes(current, now):
        return None
    request = _newest_request(history)
    if request is None or request.topic_change is None:
        return None
    yes = TopicEvent(consent.new_event_id(), TopicEventKind.CONFIRMED, now, current.version + 1)
    states = fold([*history_events, yes], topics, now)
    if not any(state.by is yes for state in states.values()):
        return None  # an opt-out since cancelled the request: the YES is an ordinary message
    change = TopicChange(
        kind=TopicEventKind.CONFIRMED.value,
        topics=request.topic_change.topics,
        at=now,
        sequence=yes.sequence,
        evidence=request.topic_change.evidence,
    )
    event = ConsentEvent(
        event_id=yes.event_id,
        workspace_id=current.workspace_id,
        phone=phone,
        status=current.status,
        previous_status=current.status,
        reason=Reason.KEYWORD,
        initiator=consent.contact_initiator(phone),
        occurred_at=now,
        inbox=inbox.number,
        message_id=message.message_id or None,
        message_text=message.text[:MAX_TEXT],
        topic_change=change,
    )
    topics_map = topic_revocation.keep_wildcard(materialised(states), current.topics)
    update = {"version": yes.sequence, "topics": topics_map, "updated_at": now, "confirmation_requested_until": None}
    write = ContactWrite(current.model_copy(update=update), current.version, event)
    return InboundDecision(Action.OPT_IN, CONFIRM_RULE, "changed", write, consent_request=True)


def _newest_request(history: Iterable[ConsentEvent]) -> ConsentEvent | None:
    requests = [
        event
        for event in history
        if event.topic_change is not None and event.topic_change.kind == TopicEventKind.DOUBLE_OPT_IN_REQUESTED.value
    ]
    return max(requests, key=lambda event: event.occurred_at, default=None)
