"""The clarification of an opt-out (FCC 64.1200(a)(12)): the one confirmation text may ask a contact
holding several topics which they meant, and a reply within the window narrows the revocation
(docs/consent-topics.md).

- `ask_which_topics` turns an inbound opt-out's decision into the question: the same write and
  event (the event's `topic_change` says the question was asked), every topic's map entry marked
  `awaiting_until`, and the question as the one reply;
- `decide_clarification` reads a reply while the question is open: the topics it names stay
  revoked, the others return to their state before the opt-out (the fold of the history), and the
  contact is active again when some topic is no longer revoked;
- `void_question`: a newer opt-out closes an open question (everything stays revoked).

Also here, as the fold sees stored events: `topic_events` and `materialised`. Pure: no storage,
no clock, no logging.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from optout.consent_policy import RevocationScope
from optout.engine import Action
from optout.models import (
    SUPPRESSED,
    ConsentEvent,
    Contact,
    ContactStatus,
    ContactWrite,
    Inbox,
    Reason,
    TopicChange,
    TopicConsent,
    WorkspaceSettings,
)
from optout.rules import consent, topic_revocation
from optout.rules.business_days import honour_by
from optout.rules.topic_consent import (
    TopicDefinition,
    TopicEvent,
    TopicEventKind,
    TopicState,
    TopicStatus,
    asks_which_topics,
    fold,
)

if TYPE_CHECKING:  # types only: the carriers' parsers are loaded by the webhook edge
    from optout.carriers import InboundMessage
    from optout.rules.inbound import InboundDecision

CLARIFICATION_RULE = "clarification"
# A reply naming every topic: English, Spanish, French.
ALL_WORDS = frozenset({"all", "todo", "todos", "todas", "tout", "tous", "toutes"})
MAX_TEXT = 1600  # as rules/inbound.MAX_TEXT: what an event keeps of a message


# --- stored events as the fold sees them ------------------------------------------------------


def topic_event(event: ConsentEvent) -> TopicEvent | None:
    """A history event as the topic fold sees it: a topic consent, or an opt-out or block (which
    revokes every topic), or None for a change that does not touch topics (an opt-in)."""
    change = event.topic_change
    if change is not None:
        evidence = change.evidence
        return TopicEvent(
            event.event_id,
            TopicEventKind(change.kind),
            change.at,
            change.sequence,
            frozenset(change.topics),
            source=evidence.source.value if evidence else event.reason.value,
            evidence=evidence.disclosure_hash if evidence else event.message_id,
        )
    if event.status in SUPPRESSED:
        # An opt-out or a block stores no topic change: its place is its time (sequence 0).
        return TopicEvent(event.event_id, TopicEventKind.REVOKE_ALL, event.occurred_at, 0, source=event.reason.value)
    return None


def topic_events(event: ConsentEvent) -> list[TopicEvent]:
    """Like `topic_event`, but an opt-out that asked the question is both: the revocation, then
    the question (one stored event, so the opt-out and its question are never written apart)."""
    found = topic_event(event)
    if found is None:
        return []
    if found.kind is TopicEventKind.CLARIFICATION_REQUESTED:
        revoked = TopicEvent(event.event_id, TopicEventKind.REVOKE_ALL, event.occurred_at, 0, source=found.source)
        return [revoked, found]
    return [found]


def materialised(states: Mapping[str, TopicState]) -> dict[str, TopicConsent]:
    """The contact item's `topics` map: every topic a state rests on an event for."""
    return {
        name: TopicConsent(
            status=state.status.value,
            since=state.since,
            event_id=state.by.event_id,
            awaiting_until=state.awaiting_clarification_until,
        )
        for name, state in states.items()
        if state.by is not None
    }


# --- the question -----------------------------------------------------------------------------


def pending_until(current: Contact | None, now: datetime) -> datetime | None:
    """When the open question of the contact's opt-out closes (None: no question is open). An
    admin's or a START's opt-in leaves it open (the topics stay revoked); a block closes it."""
    if current is None or current.status is ContactStatus.BLOCKED:
        return None
    entry = (current.topics or {}).get(topic_revocation.ALL_TOPICS)
    until = entry.awaiting_until if entry is not None else None
    return until if until is not None and now < until else None


def ask_which_topics(
    decided: InboundDecision,
    current: Contact | None,
    topics: Sequence[TopicDefinition],
    texts: WorkspaceSettings,
    now: datetime,
) -> InboundDecision:
    """An inbound opt-out under `clarify`, from a contact holding more than one topic: its one
    confirmation asks which topics were meant. Anything else is returned unchanged; so is an
    opt-out the carrier confirmed itself (no reply of ours: no question was asked)."""
    write = decided.write
    if decided.reason != "changed" or decided.reply is None or write is None or write.event is None:
        return decided
    if write.contact.status is not ContactStatus.OPTED_OUT or current is None:
        return decided
    before = topic_revocation.stored_states(current.topics, [topic.id for topic in topics])
    if not asks_which_topics(RevocationScope(texts.revocation_scope), before):
        return decided
    hours = texts.clarify_window_hours
    until = now + timedelta(hours=hours)
    held = [topic for topic in topics if before[topic.id].status is TopicStatus.GRANTED]
    marked = {
        name: entry.model_copy(update={"awaiting_until": until}) for name, entry in (write.contact.topics or {}).items()
    }
    change = TopicChange(
        kind=TopicEventKind.CLARIFICATION_REQUESTED.value,
        topics=[topic.id for topic in held],
        at=write.event.occurred_at,
        sequence=write.contact.version,
        status_changed=True,
    )
    duty = consent.revoke_all_record(write.event.occurred_at, texts.revoke_all_effective)  # the workspace's date
    event = write.event.model_copy(update={"topic_change": change, **duty})
    contact = write.contact.model_copy(update={"topics": marked})
    names = ", ".join(topic.name for topic in held)
    reply = texts.reply(texts.clarify_reply).replace("{topics}", names).replace("{hours}", str(hours))
    return replace(decided, write=ContactWrite(contact, write.expected_version, event), reply=reply)


# --- the answer -------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """Lowercase words without accents or punctuation: "Marketing!" and "marketing" are one."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", plain)


def _contains(words: Sequence[str], phrase: Sequence[str]) -> bool:
    size = len(phrase)
    return size > 0 and any(list(words[i : i + size]) == list(phrase) for i in range(len(words) - size + 1))


def named_topics(text: str, topics: Sequence[TopicDefinition]) -> frozenset[str]:
    """The topics a reply names, by name or id, in any order (ALL/TODO/TOUT: every topic)."""
    words = _words(text)
    if ALL_WORDS.intersection(words):
        return frozenset(topic.id for topic in topics)
    return frozenset(
        topic.id for topic in topics if _contains(words, _words(topic.name)) or _contains(words, _words(topic.id))
    )


def decide_clarification(
    current: Contact | None,
    message: InboundMessage,
    topics: Sequence[TopicDefinition],
    history: Iterable[TopicEvent],
    inbox: Inbox,
    settings: WorkspaceSettings,
    now: datetime,
    *,
    phone: str,
) -> InboundDecision | None:
    """A reply while the question is open that names topics (None: no open question, or the reply
    names none; it is then handled as any message and everything stays revoked)."""
    from optout.rules.inbound import InboundDecision

    if current is None or pending_until(current, now) is None:
        return None
    named = named_topics(message.text, topics)
    if not named:
        return None
    window = timedelta(hours=settings.clarify_window_hours)
    reply_event = TopicEvent(consent.new_event_id(), TopicEventKind.CLARIFIED, now, current.version + 1, named)
    states = fold([*history, reply_event], topics, now, window)
    kept = any(states[topic.id].status is not TopicStatus.REVOKED for topic in topics)
    context = consent.StatusContext(
        reason=Reason.CLARIFICATION,
        initiator=consent.contact_initiator(phone),
        at=now,
        inbox=inbox.number,
        message_id=message.message_id or None,
        message_text=message.text[:MAX_TEXT],
        source_at=message.sent_at,
    )
    write = _narrowed_write(current, context, states, named, reply_event, kept, inbox.workspace_id)
    action = Action.OPT_IN if kept else Action.NONE
    return InboundDecision(action, CLARIFICATION_RULE, "changed", write, consent_request=True)


def _narrowed_write(
    current: Contact,
    context: consent.StatusContext,
    states: Mapping[str, TopicState],
    named: frozenset[str],
    reply: TopicEvent,
    kept: bool,
    workspace_id: str,
) -> ContactWrite:
    """The reply's write: the narrowed map, and the status back to active when a topic is kept."""
    change = TopicChange(
        kind=TopicEventKind.CLARIFIED.value, topics=sorted(named), at=reply.at, sequence=reply.sequence
    )
    back = (
        consent.status_change(current, ContactStatus.ACTIVE, context, workspace_id=workspace_id, phone=current.phone)
        if kept
        else None
    )
    if back is not None and back.event is not None:  # opted out, and a topic is given back
        change = change.model_copy(update={"status_changed": True})
        contact, event = back.contact, back.event
    else:  # everything stays revoked, or the contact is active already
        contact = current.model_copy(update={"version": current.version + 1, "updated_at": context.at})
        event = _event(current, context, workspace_id)
    event = event.model_copy(update={"event_id": reply.event_id, "topic_change": change})
    topics_map = materialised(states)
    if not kept:  # everything stays revoked, topics defined later too
        topics_map = topic_revocation.keep_wildcard(topics_map, _unmarked(current.topics))
    contact = contact.model_copy(update={"topics": topics_map})
    return ContactWrite(contact, current.version, event)


def _event(current: Contact, context: consent.StatusContext, workspace_id: str) -> ConsentEvent:
    """A consent event that changes no status (the contact stays opted out)."""
    return ConsentEvent(
        event_id=consent.new_event_id(),
        workspace_id=workspace_id,
        phone=current.phone,
        status=current.status,
        previous_status=current.status,
        reason=context.reason,
        initiator=context.initiator,
        occurred_at=context.at,
        inbox=context.inbox,
        message_id=context.message_id,
        message_text=context.message_text,
    )


def _unmarked(topics: Mapping[str, TopicConsent] | None) -> dict[str, TopicConsent]:
    return {name: entry.model_copy(update={"awaiting_until": None}) for name, entry in (topics or {}).items()}


def void_question(
    decided: InboundDecision, current: Contact | None, context: consent.StatusContext, now: datetime
) -> InboundDecision:
    """A newer opt-out from a contact with an open question closes it: a `revoke_all` event, and
    every topic revoked by it without `awaiting_until`. Anything else is returned unchanged."""
    if decided.action is not Action.OPT_OUT or decided.changed or current is None:
        return decided
    if pending_until(current, now) is None:
        return decided
    base = decided.write.contact if decided.write is not None else current
    event = _event(current, context, current.workspace_id)
    change = TopicChange(kind=TopicEventKind.REVOKE_ALL.value, at=now, sequence=current.version + 1)
    duty = consent.revoke_all_record(now, context.revoke_all_effective)
    event = event.model_copy(update={"topic_change": change, "honour_by": honour_by(now), **duty})
    topics_map = topic_revocation.revoke_all(current.topics, now, event.event_id)
    contact = base.model_copy(update={"version": current.version + 1, "topics": topics_map, "updated_at": now})
    return replace(decided, write=ContactWrite(contact, current.version, event))
