"""Revocation by topic on the contact item: what an opt-out, a block or a topic keyword does to the
`topics` map, and how the map reads back as topic states (docs/consent-topics.md).

The map is the fold of the contact's events (rules/topic_consent.fold), kept on the contact item
so that eligibility reads it with the status, in the same BatchGetItem. An opt-out revokes every
topic, including topics defined after it, so the map keeps a wildcard entry (`ALL_TOPICS`) for
the newest opt-out or block: a topic with no entry of its own reads as that entry. A topic id is a
slug, so the wildcard never names a topic.

Pure: no storage, no clock, no logging.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from optout.models import TopicConsent
from optout.rules.topic_consent import TopicDefinition, TopicEvent, TopicEventKind, TopicState, TopicStatus

ALL_TOPICS = "*"  # the map's entry for "every topic without one of its own"
_KIND_OF_STATUS = {TopicStatus.GRANTED: TopicEventKind.GRANTED, TopicStatus.REVOKED: TopicEventKind.REVOKED}


def revoked(at: datetime, event_id: str) -> TopicConsent:
    return TopicConsent(status=TopicStatus.REVOKED.value, since=at, event_id=event_id)


def revoke_all(topics: Mapping[str, TopicConsent] | None, at: datetime, event_id: str) -> dict[str, TopicConsent]:
    """The map after an opt-out or a block (event `event_id` at `at`): every topic revoked by it,
    those with an entry and, through the wildcard, every other one."""
    entry = revoked(at, event_id)
    return {**{name: entry for name in topics or {}}, ALL_TOPICS: entry}


def revoke_topics(
    topics: Mapping[str, TopicConsent] | None, names: Iterable[str], at: datetime, event_id: str
) -> dict[str, TopicConsent]:
    """The map after a topic keyword: the named topics only are revoked."""
    entry = revoked(at, event_id)
    return {**(topics or {}), **{name: entry for name in names}}


def keep_wildcard(
    materialised: Mapping[str, TopicConsent], previous: Mapping[str, TopicConsent] | None
) -> dict[str, TopicConsent]:
    """A map rebuilt from the fold keeps the wildcard of the opt-out it rests on: topics defined
    later are still revoked by it."""
    wildcard = (previous or {}).get(ALL_TOPICS)
    return {**materialised, ALL_TOPICS: wildcard} if wildcard is not None else dict(materialised)


def entry_for(topics: Mapping[str, TopicConsent] | None, topic: str) -> TopicConsent | None:
    found = topics or {}
    return found.get(topic) or found.get(ALL_TOPICS)


def stored_state(topics: Mapping[str, TopicConsent] | None, topic: str) -> TopicState:
    """One topic's state as the contact item's map records it (no entry: never granted or revoked)."""
    entry = entry_for(topics, topic)
    if entry is None or entry.status == TopicStatus.NEVER.value or entry.since is None or entry.event_id is None:
        return TopicState(topic)
    status = TopicStatus(entry.status)
    kind = _KIND_OF_STATUS[status]
    # The map keeps no topics list for the event: a grant or revocation names the topic itself.
    event = TopicEvent(entry.event_id, kind, entry.since, 0, frozenset({topic}))
    return TopicState(topic, status, event, awaiting_clarification_until=entry.awaiting_until)


def stored_states(topics: Mapping[str, TopicConsent] | None, names: Iterable[str]) -> dict[str, TopicState]:
    return {name: stored_state(topics, name) for name in names}


def keyword_key(text: str) -> str:
    """A message or topic keyword as the engine compares keywords: case, spacing, punctuation and
    repeated letters do not count ("STOP PROMO!", "stop  promo", "Stop-Promo" are one)."""
    # Loaded by the first topic keyword only: every status change imports this module.
    from optout.engine.keywords import squeeze
    from optout.engine.normalization import clauses, plain

    return squeeze(plain(clauses(text)))


def topic_for_keyword(text: str, topics: Sequence[TopicDefinition]) -> TopicDefinition | None:
    """The topic whose keyword the whole message is, or None. No topics: nothing is normalised."""
    if not topics or not any(topic.keywords for topic in topics):
        return None
    key = keyword_key(text)
    if not key:
        return None
    for topic in topics:
        if any(keyword_key(keyword) == key for keyword in topic.keywords):
            return topic
    return None
