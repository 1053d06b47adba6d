"""Consent by topic: the state of each topic for one contact, as a fold of its consent events.

A workspace may define topics (`marketing`, `reminders`, ...). Each consent change names the topics
it touches, and a topic's state is what the contact's events say once put in order. The rules
(docs/consent-topics.md):

- any opt-out (`revoke_all`) revokes every topic, including ones defined after it;
- a topic keyword (`revoked`, such as STOP PROMO) revokes the topics it names only;
- under the `clarify` policy a contact holding more than one topic may be asked which they meant
  (`clarification_requested`). Until a reply, every topic the opt-out revoked stays revoked and is
  reported as awaiting clarification. A reply inside the window (`clarified`) narrows the
  revocation to the topics it names: the others return to the state they had before it. Without
  a reply in time (or with a reply that names no topic), everything stays revoked;
- a double opt-in request grants nothing; the contact's YES (`confirmed`) grants what was asked.
  An opt-out in between cancels the request;
- events are folded by time, never by arrival, so an older event never undoes a newer one. Two
  events of the same time are ordered by `sequence`, the event's place in the contact's record
  (arrival order), as docs/consent-ordering.md breaks ties, then by event id;
- a workspace with no topics has no topic states: the contact's overall status decides alone.

Pure: no storage, no clock, no logging.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from optout.consent_policy import REVOKE_ALL_EFFECTIVE, RevocationScope
from optout.models import ContactStatus

DEFAULT_CLARIFY_WINDOW = timedelta(hours=24)


class TopicEventKind(StrEnum):
    GRANTED = "granted"  # consent to the named topics (a form, a keyword, an import...)
    REVOKED = "revoked"  # a topic keyword: the named topics only
    REVOKE_ALL = "revoke_all"  # any opt-out: every topic
    CLARIFICATION_REQUESTED = "clarification_requested"  # the one confirmation text asked which topics
    CLARIFIED = "clarified"  # the reply: the revocation covers the named topics only
    DOUBLE_OPT_IN_REQUESTED = "double_opt_in_requested"  # "Reply YES to confirm" went out
    CONFIRMED = "confirmed"  # the YES that answers it


# Kinds that mean nothing without the topics they name.
NAMES_TOPICS = frozenset({TopicEventKind.GRANTED, TopicEventKind.REVOKED, TopicEventKind.DOUBLE_OPT_IN_REQUESTED})


class TopicStatus(StrEnum):
    GRANTED = "granted"
    REVOKED = "revoked"
    NEVER = "never"  # no event has granted or revoked it


class Suppression(StrEnum):
    """Why a number is not sendable (for a topic)."""

    OPTED_OUT = "opted_out"
    BLOCKED = "blocked"
    NO_CONSENT = "no_consent"
    TOPIC_REVOKED = "topic_revoked"
    AWAITING_CLARIFICATION = "awaiting_clarification"


@dataclass(frozen=True, slots=True)
class TopicDefinition:
    """A workspace's topic: `express_consent` topics (marketing) are sendable only once granted."""

    id: str
    name: str
    express_consent: bool = False
    keywords: tuple[str, ...] = ()  # topic keywords: STOP PROMO revokes only this topic


@dataclass(frozen=True, slots=True)
class TopicEvent:
    """A consent event as the rules see it.

    `at` is when the person acted (the carrier's stamp of their message, the form's capture time),
    `sequence` the event's place in the contact's record: it orders events of the same `at`.
    `evidence` references the proof (a message id, a disclosure hash); storage keeps the proof.
    """

    event_id: str
    kind: TopicEventKind
    at: datetime
    sequence: int
    topics: frozenset[str] = frozenset()
    source: str | None = None
    evidence: str | None = None

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError("an event's time must carry a time zone")
        object.__setattr__(self, "topics", frozenset(self.topics))
        if self.kind in NAMES_TOPICS and not self.topics:
            raise ValueError(f"a {self.kind.value} event names at least one topic")

    @property
    def order(self) -> tuple[datetime, int, str]:
        return (self.at, self.sequence, self.event_id)


@dataclass(frozen=True, slots=True)
class TopicState:
    """One topic of one contact: its status since the event `by`, and what is pending on it."""

    topic: str
    status: TopicStatus = TopicStatus.NEVER
    by: TopicEvent | None = None  # the event the status rests on (None: never)
    awaiting_clarification_until: datetime | None = None  # an open question about the opt-out `by`
    confirmation_requested: TopicEvent | None = None  # a double opt-in request not yet answered

    @property
    def since(self) -> datetime | None:
        return self.by.at if self.by is not None else None

    def awaiting(self, now: datetime) -> bool:
        return self.awaiting_clarification_until is not None and now < self.awaiting_clarification_until


@dataclass
class _OpenRevocation:
    """The newest opt-out, while a clarification may still narrow it."""

    event: TopicEvent
    before: dict[str, TopicState]  # every topic's state before it: what a narrowing gives back
    until: datetime | None = None  # the window's end, once the question was asked


@dataclass
class _Fold:
    states: dict[str, TopicState]
    window: timedelta
    open: _OpenRevocation | None = None

    def put(self, topic: str, status: TopicStatus, event: TopicEvent) -> None:
        self.states[topic] = TopicState(topic, status, event)  # a new status drops what was pending

    def apply(self, event: TopicEvent) -> None:
        {
            TopicEventKind.GRANTED: self.grant,
            TopicEventKind.REVOKED: self.revoke,
            TopicEventKind.REVOKE_ALL: self.revoke_all,
            TopicEventKind.CLARIFICATION_REQUESTED: self.ask,
            TopicEventKind.CLARIFIED: self.narrow,
            TopicEventKind.DOUBLE_OPT_IN_REQUESTED: self.request_confirmation,
            TopicEventKind.CONFIRMED: self.confirm,
        }[event.kind](event)

    def grant(self, event: TopicEvent) -> None:
        for topic in event.topics:
            self.put(topic, TopicStatus.GRANTED, event)

    def revoke(self, event: TopicEvent) -> None:
        for topic in event.topics:
            self.put(topic, TopicStatus.REVOKED, event)

    def revoke_all(self, event: TopicEvent) -> None:
        before = dict(self.states)
        for topic in self.states:
            self.put(topic, TopicStatus.REVOKED, event)
        self.open = _OpenRevocation(event, before)  # a newer opt-out voids any earlier question

    def ask(self, event: TopicEvent) -> None:
        if self.open is not None and self.open.until is None:  # one question per opt-out
            self.open.until = event.at + self.window

    def narrow(self, reply: TopicEvent) -> None:
        """A reply in time narrows the open opt-out to the topics it names (none named: all)."""
        revocation = self.open
        if revocation is None or revocation.until is None or reply.at >= revocation.until:
            return  # no question asked, or answered too late: everything stays revoked
        self.open = None
        if not reply.topics:
            return
        for topic, before in revocation.before.items():
            # The topics not named return to what they were; a newer event on one stands.
            if topic not in reply.topics and self.states[topic].by is revocation.event:
                self.states[topic] = before

    def request_confirmation(self, event: TopicEvent) -> None:
        for topic in event.topics:
            self.states[topic] = replace(self.states[topic], confirmation_requested=event)

    def confirm(self, event: TopicEvent) -> None:
        """The YES grants what the open requests asked (only the topics it names, if it names any)."""
        for topic, state in self.states.items():
            if state.confirmation_requested is not None and (not event.topics or topic in event.topics):
                self.put(topic, TopicStatus.GRANTED, event)


def fold(
    events: Iterable[TopicEvent],
    topics: Iterable[TopicDefinition],
    now: datetime,
    clarify_window: timedelta = DEFAULT_CLARIFY_WINDOW,
) -> dict[str, TopicState]:
    """Each topic's state for one contact: the workspace's topics and any topic its events name.

    The events may come in any order; they are applied by (`at`, `sequence`, `event_id`).
    """
    ordered = sorted(events, key=lambda event: event.order)
    names = {topic.id for topic in topics} | {name for event in ordered for name in event.topics}
    state = _Fold({name: TopicState(name) for name in sorted(names)}, clarify_window)
    for event in ordered:
        state.apply(event)
    revocation = state.open
    if revocation is not None and revocation.until is not None and now < revocation.until:
        for name, topic_state in state.states.items():
            if topic_state.by is revocation.event:
                state.states[name] = replace(topic_state, awaiting_clarification_until=revocation.until)
    return state.states


def sendable(
    contact_status: ContactStatus | None,
    topic_states: Mapping[str, TopicState],
    topic: TopicDefinition | None,
    now: datetime,
) -> tuple[bool, Suppression | None]:
    """Whether a message (of `topic`, or of no topic) may go to the contact, and if not, why.

    A blocked or opted-out contact has no sendable topic. An open clarification is named before
    the overall opt-out, since its answer may narrow it. A topic that needs express consent is
    sendable only once granted; any other only while not revoked. No topic: the status decides.
    """
    if contact_status is ContactStatus.BLOCKED:
        return False, Suppression.BLOCKED
    if topic is None:
        return (False, Suppression.OPTED_OUT) if contact_status is ContactStatus.OPTED_OUT else (True, None)
    state = topic_states.get(topic.id) or TopicState(topic.id)
    if state.awaiting(now):
        return False, Suppression.AWAITING_CLARIFICATION
    if contact_status is ContactStatus.OPTED_OUT:
        return False, Suppression.OPTED_OUT
    if state.status is TopicStatus.REVOKED:
        return False, Suppression.TOPIC_REVOKED
    if state.status is TopicStatus.NEVER and topic.express_consent:
        return False, Suppression.NO_CONSENT
    return True, None


def asks_which_topics(scope: RevocationScope, topic_states: Mapping[str, TopicState]) -> bool:
    """Whether an opt-out's confirmation asks which topics were meant: only under `clarify`, and
    only when the contact holds more than one topic (states as they were before the opt-out)."""
    held = sum(1 for state in topic_states.values() if state.status is TopicStatus.GRANTED)
    return scope is RevocationScope.CLARIFY and held > 1


def revoke_all_applies(at: datetime, effective: date = REVOKE_ALL_EFFECTIVE) -> bool:
    """Whether, for an opt-out at `at`, the FCC rule itself extends it to unrelated matters.

    The service revokes every topic either way; this records whether doing so was the rule's
    requirement (on or after `effective`, a UTC date) or the workspace's stricter choice (before).
    """
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("at must carry a time zone")
    return at.astimezone(UTC).date() >= effective
