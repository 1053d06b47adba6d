"""Opt-in with proof, and each topic's consent for one contact (docs/consent-topics.md).

A recorded opt-in is an event of the contact's history carrying its evidence (how it was
captured, when, where, by whom, and the hash and version of the exact consent language), written
in one transaction with the contact item's `topics` map. The map is the fold of the contact's
events (rules/topic_consent.fold) computed from the same events, so the two cannot disagree.
Recording a form never undoes a revocation: an opted-out or blocked contact is refused (409); an
admin's opt-in with a note is the way back. Any opt-out in the history revokes every topic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from optout.errors import Conflict, NotFound
from optout.models import (
    ConsentEvent,
    ConsentEvidence,
    ConsentSource,
    Contact,
    ContactStatus,
    ContactWrite,
    Principal,
    Reason,
    TopicChange,
    utc_now,
)
from optout.repository import consents as store
from optout.repository import topics as topic_store
from optout.repository.consents import Disclosure
from optout.repository.contacts import get_contact
from optout.repository.topics import Topic
from optout.repository.unit_of_work import retry_on_conflict, write_contacts
from optout.rules.clarification import materialised, topic_events
from optout.rules.clarification import topic_event as topic_event  # re-exported: its old home
from optout.rules.consent import new_contact, new_event_id
from optout.rules.double_opt_in import CONFIRM_WINDOW
from optout.rules.topic_consent import (
    DEFAULT_CLARIFY_WINDOW,
    Suppression,
    TopicEventKind,
    TopicState,
    TopicStatus,
    fold,
    sendable,
)
from optout.rules.topic_revocation import keep_wildcard
from optout.services.contacts import workspace_phone
from optout.services.double_opt_ins import send_request, sending_inbox
from optout.services.topics import Unprocessable, definitions, require_topics

MAX_CAPTURE_AGE = timedelta(days=5 * 366)  # older is almost surely a mistyped year
CLOCK_SKEW = timedelta(minutes=5)  # a capture clock a little ahead of ours is not "the future"


@dataclass(frozen=True)
class OptIn:
    """An opt-in to record, as the API received it (validated in form by its schema)."""

    phone: str
    topics: Sequence[str]
    source: ConsentSource
    captured_at: datetime
    disclosure: str
    form_url: str | None = None
    ip: str | None = None
    user_agent: str | None = None
    captured_by: str | None = None
    double_opt_in: bool = False  # grant nothing until the contact's YES (rules/double_opt_in.py)
    inbox: str | None = None  # the double opt-in request's sender (default: the first business number)
    language: str | None = None  # the request's language (default: the workspace's default texts)


@dataclass(frozen=True)
class TopicView:
    topic: Topic
    state: TopicState
    sendable: bool
    suppression: Suppression | None
    event: ConsentEvent | None  # the event the state rests on
    disclosure: Disclosure | None  # its consent language, when it was an opt-in with proof


@dataclass(frozen=True)
class ConsentView:
    phone: str
    status: ContactStatus | None  # None: no contact item (only its history)
    topics: list[TopicView]
    recorded: ConsentEvent | None = None  # the opt-in just recorded
    disclosure: Disclosure | None = None  # its disclosure
    disclosure_new: bool = False  # first used by this opt-in


def disclosure_hash(text: str) -> str:
    """A disclosure's identity: the SHA-256 of its exact text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def captured_at_problem(captured_at: datetime, now: datetime) -> str | None:
    """Why a capture time cannot be right (None: it can)."""
    if captured_at > now + CLOCK_SKEW:
        return "captured_at is in the future"
    if captured_at < now - MAX_CAPTURE_AGE:
        return "captured_at is more than 5 years ago"
    return None


def clarify_window(workspace_id: str) -> timedelta:
    """How long the workspace's clarification question stays open (its settings, cached)."""
    from optout.services.accounts import get_workspace

    return timedelta(hours=get_workspace(workspace_id).settings.clarify_window_hours)


def fold_history(
    history: Sequence[ConsentEvent], topics: Sequence[Topic], now: datetime, window: timedelta = DEFAULT_CLARIFY_WINDOW
) -> dict[str, TopicState]:
    events = [found for event in history for found in topic_events(event)]
    return fold(events, definitions(topics), now, window)


def _disclosure(workspace_id: str, text: str, now: datetime) -> tuple[Disclosure, list[dict[str, object]]]:
    """The stored disclosure of `text`, or a new one with the transaction items that store it."""
    text_hash = disclosure_hash(text)
    found = store.get_disclosures(workspace_id, [text_hash]).get(text_hash)
    if found is not None:
        return found, []
    version = store.disclosure_count(workspace_id) + 1
    new = Disclosure(workspace_id=workspace_id, hash=text_hash, text=text, version=version, first_used_at=now)
    return new, store.new_disclosure_items(new)


def _consent_event(
    principal: Principal, base: Contact, is_new: bool, opt_in: OptIn, disclosure: Disclosure, now: datetime
) -> ConsentEvent:
    evidence = ConsentEvidence(
        source=opt_in.source,
        captured_at=opt_in.captured_at,
        disclosure_hash=disclosure.hash,
        disclosure_version=disclosure.version,
        form_url=opt_in.form_url,
        ip=opt_in.ip,
        user_agent=opt_in.user_agent,
        captured_by=opt_in.captured_by,
    )
    change = TopicChange(
        kind=(TopicEventKind.DOUBLE_OPT_IN_REQUESTED if opt_in.double_opt_in else TopicEventKind.GRANTED).value,
        topics=sorted(set(opt_in.topics)),
        at=opt_in.captured_at,
        sequence=base.version,
        evidence=evidence,
    )
    return ConsentEvent(
        event_id=new_event_id(),
        workspace_id=base.workspace_id,
        phone=base.phone,
        status=base.status,
        previous_status=None if is_new else base.status,
        reason=Reason.API,
        initiator=principal.initiator,
        occurred_at=now,
        topic_change=change,
    )


def record_opt_in(principal: Principal, opt_in: OptIn) -> ConsentView:
    """Record an opt-in to existing topics with its proof (any key; never for a suppressed contact)."""
    workspace_id = principal.workspace_id
    phone = workspace_phone(principal, opt_in.phone)
    problem = captured_at_problem(opt_in.captured_at, utc_now())
    if problem:
        raise Unprocessable(problem, code="invalid_captured_at", details={"field": "captured_at"})
    known = topic_store.list_topics(workspace_id)
    require_topics(known, opt_in.topics)
    inbox = sending_inbox(principal, opt_in.inbox) if opt_in.double_opt_in else None

    def attempt() -> ConsentView:
        now = utc_now()
        current = get_contact(workspace_id, phone)
        if current is not None and current.is_suppressed:
            raise Conflict(
                f"this number is {current.status.value}; recording a consent does not opt it back in "
                "(an admin opt-in with a note does)",
                code="contact_suppressed",
                details={"phone": phone, "status": current.status.value},
            )
        disclosure, disclosure_items = _disclosure(workspace_id, opt_in.disclosure, now)
        history = store.consent_history(workspace_id, phone)
        base = current or new_contact(workspace_id, phone, now)
        if current is not None:
            base = base.model_copy(update={"version": current.version + 1})
        event = _consent_event(principal, base, current is None, opt_in, disclosure, now)
        states = fold_history([*history, event], known, now, clarify_window(workspace_id))
        topics = keep_wildcard(materialised(states), base.topics)  # topics defined later stay revoked
        contact = base.model_copy(update={"topics": topics, "updated_at": now})
        if inbox is not None:  # the YES is awaited for a week; a newer request restarts it
            contact = contact.model_copy(update={"confirmation_requested_until": now + CONFIRM_WINDOW})
        expected = current.version if current is not None else None
        write_contacts([ContactWrite(contact, expected, event)], extra_items=disclosure_items)
        view = _view(
            contact.phone, contact.status, known, states, [*history, event], {disclosure.hash: disclosure}, now
        )
        return ConsentView(view.phone, view.status, view.topics, event, disclosure, bool(disclosure_items))

    recorded = retry_on_conflict(attempt)
    if inbox is not None:  # after the write: a request is never sent for a consent not recorded
        send_request(inbox, phone, [topic for topic in known if topic.id in opt_in.topics], opt_in.language)
    return recorded


def contact_consents(principal: Principal, raw_phone: str) -> ConsentView:
    """Each of the workspace's topics for one contact: its state, whether it is sendable, and the
    event and evidence it rests on (a contact with only a history left is still shown)."""
    workspace_id = principal.workspace_id
    phone = workspace_phone(principal, raw_phone)
    contact = get_contact(workspace_id, phone)
    history = store.consent_history(workspace_id, phone)
    if contact is None and not history:
        raise NotFound("contact not found", code="contact_not_found", details={"phone": phone})
    known = topic_store.list_topics(workspace_id)
    now = utc_now()
    states = fold_history(history, known, now, clarify_window(workspace_id))
    by_id = {event.event_id: event for event in history}
    hashes = [
        evidence.disclosure_hash
        for state in states.values()
        if state.by is not None
        and (event := by_id.get(state.by.event_id)) is not None
        and event.topic_change is not None
        and (evidence := event.topic_change.evidence) is not None
    ]
    disclosures = store.get_disclosures(workspace_id, hashes) if hashes else {}
    return _view(phone, contact.status if contact else None, known, states, history, disclosures, now)


def _view(
    phone: str,
    status: ContactStatus | None,
    known: Sequence[Topic],
    states: Mapping[str, TopicState],
    history: Sequence[ConsentEvent],
    disclosures: Mapping[str, Disclosure],
    now: datetime,
) -> ConsentView:
    by_id = {event.event_id: event for event in history}
    views = []
    for topic, definition in zip(known, definitions(known), strict=True):
        state = states.get(topic.id) or TopicState(topic.id, TopicStatus.NEVER)
        ok, why = sendable(status, states, definition, now)
        event = by_id.get(state.by.event_id) if state.by is not None else None
        evidence = event.topic_change.evidence if event is not None and event.topic_change is not None else None
        disclosure = disclosures.get(evidence.disclosure_hash) if evidence is not None else None
        views.append(TopicView(topic, state, ok, why, event, disclosure))
    return ConsentView(phone, status, views)
