"""Consent by topic as a fold of a contact's events, and what is sendable (docs/consent-topics.md)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optout.models import ContactStatus
from optout.rules.evidence_chain import GENESIS, ChainEntry, build_chain, canonical_json, verify
from optout.rules.topic_consent import (
    RevocationScope,
    Suppression,
    TopicDefinition,
    TopicEvent,
    TopicEventKind,
    TopicState,
    TopicStatus,
    asks_which_topics,
    fold,
    revoke_all_applies,
    sendable,
)

K = TopicEventKind
T0 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
MARKETING = TopicDefinition("marketing", "Marketing", express_consent=True, keywords=("PROMO",))
REMINDERS = TopicDefinition("reminders", "Reminders")
ALERTS = TopicDefinition("alerts", "Account alerts")
TOPICS = (MARKETING, REMINDERS, ALERTS)
ALL = ("marketing", "reminders", "alerts")

# Reproducible runs (the same examples every time), with no time limit on a busy machine.
PROPERTY = settings(derandomize=True, deadline=None, database=None)


def minutes(n: float) -> datetime:
    return T0 + timedelta(minutes=n)


def events(*specs: tuple) -> list[TopicEvent]:
    """(kind, minute, topics...) in arrival order: the sequence is the place in the list."""
    return [
        TopicEvent(f"e{i}", kind, minutes(minute), sequence=i, topics=frozenset(topics))
        for i, (kind, minute, *topics) in enumerate(specs)
    ]


def summary(states: dict[str, TopicState], now: datetime) -> tuple[str, ...]:
    """Each of ALL as "status [by] [awaiting]": "revoked e1 awaiting", "granted e0", "never"."""
    found = []
    for name in ALL:
        state = states[name]
        words = [state.status.value, state.by.event_id if state.by else "", "awaiting" if state.awaiting(now) else ""]
        found.append(" ".join(word for word in words if word))
    return tuple(found)


def every(text: str) -> tuple[str, ...]:
    return (text,) * len(ALL)


GRANT_MR = (K.GRANTED, 0, "marketing", "reminders")
STOP_AT_10 = (K.REVOKE_ALL, 10)
ASK_AT_10 = (K.CLARIFICATION_REQUESTED, 10, "marketing", "reminders")
DAY = 24 * 60
NARROWED = ("revoked e1", "granted e0", "never")  # marketing stays revoked; the others are back

# (name, events in arrival order, now in minutes, expected for (marketing, reminders, alerts))
FOLDS = [
    ("nothing yet", [], 0, every("never")),
    ("a grant", [GRANT_MR], 1, ("granted e0", "granted e0", "never")),
    ("an opt-out revokes every topic", [GRANT_MR, STOP_AT_10], 11, every("revoked e1")),
    ("a topic keyword revokes that topic only", [GRANT_MR, (K.REVOKED, 5, "marketing")], 6, NARROWED),
    ("an older grant arriving late never undoes a newer opt-out", [STOP_AT_10, GRANT_MR], 11, every("revoked e0")),
    (
        "a newer grant after an opt-out stands",
        [STOP_AT_10, (K.GRANTED, 12, "reminders")],
        13,
        ("revoked e0", "granted e1", "revoked e0"),
    ),
    (
        "while the question is open, everything the opt-out revoked awaits",
        [GRANT_MR, STOP_AT_10, ASK_AT_10],
        11,
        every("revoked e1 awaiting"),
    ),
    (
        "the window is half-open: at its end nothing awaits any more",
        [GRANT_MR, STOP_AT_10, ASK_AT_10],
        10 + DAY,
        every("revoked e1"),
    ),
    (
        "a reply in time narrows the opt-out to what it names",
        [GRANT_MR, STOP_AT_10, ASK_AT_10, (K.CLARIFIED, 20, "marketing")],
        21,
        NARROWED,
    ),
    (
        "a reply after the window changes nothing",
        [GRANT_MR, STOP_AT_10, ASK_AT_10, (K.CLARIFIED, 10 + DAY, "marketing")],
        11 + DAY,
        every("revoked e1"),
    ),
    (
        "a reply naming no topic keeps everything revoked and closes the question",
        [GRANT_MR, STOP_AT_10, ASK_AT_10, (K.CLARIFIED, 20)],
        21,
        every("revoked e1"),
    ),
    (
        "a reply with no question asked changes nothing",
        [GRANT_MR, STOP_AT_10, (K.CLARIFIED, 20, "marketing")],
        21,
        every("revoked e1"),
    ),
    (
        "a second opt-out voids the question about the first",
        [GRANT_MR, STOP_AT_10, ASK_AT_10, (K.REVOKE_ALL, 15), (K.CLARIFIED, 20, "marketing")],
        21,
        every("revoked e3"),
    ),
    (
        "a grant during the window is newer than the opt-out: it does not wait",
        [GRANT_MR, STOP_AT_10, ASK_AT_10, (K.GRANTED, 12, "marketing")],
        13,
        ("granted e3", "revoked e1 awaiting", "revoked e1 awaiting"),
    ),
    (
        "... and the narrowing does not undo it",
        [GRANT_MR, STOP_AT_10, ASK_AT_10, (K.GRANTED, 12, "marketing"), (K.CLARIFIED, 20, "marketing")],
        21,
        ("granted e3", "granted e0", "never"),
    ),
    ("a double opt-in request grants nothing", [(K.DOUBLE_OPT_IN_REQUESTED, 0, "marketing")], 1, every("never")),
    (
        "the YES grants what was asked",
        [(K.DOUBLE_OPT_IN_REQUESTED, 0, "marketing"), (K.CONFIRMED, 2)],
        3,
        ("granted e1", "never", "never"),
    ),
    (
        "an opt-out between request and YES cancels the request",
        [(K.DOUBLE_OPT_IN_REQUESTED, 0, "marketing"), (K.REVOKE_ALL, 1), (K.CONFIRMED, 2)],
        3,
        every("revoked e1"),
    ),
    ("a YES with no request grants nothing", [(K.CONFIRMED, 2)], 3, every("never")),
    (
        "same time: the later arrival applies (grant last)",
        [(K.REVOKED, 5, "marketing"), (K.GRANTED, 5, "marketing")],
        6,
        ("granted e1", "never", "never"),
    ),
    (
        "same time: the later arrival applies (revocation last)",
        [(K.GRANTED, 5, "marketing"), (K.REVOKED, 5, "marketing")],
        6,
        ("revoked e1", "never", "never"),
    ),
]


@pytest.mark.parametrize(("name", "specs", "now", "expected"), FOLDS, ids=[case[0] for case in FOLDS])
def test_fold(name, specs, now, expected):
    assert summary(fold(events(*specs), TOPICS, minutes(now)), minutes(now)) == expected


def test_the_window_is_the_workspaces():
    specs = [GRANT_MR, STOP_AT_10, ASK_AT_10, (K.CLARIFIED, 80, "marketing")]
    narrowed = fold(events(*specs), TOPICS, minutes(81), clarify_window=timedelta(hours=2))
    too_late = fold(events(*specs), TOPICS, minutes(81), clarify_window=timedelta(hours=1))
    assert narrowed["reminders"].status is TopicStatus.GRANTED
    assert too_late["reminders"].status is TopicStatus.REVOKED


def test_the_states_say_since_when_by_what_and_what_is_pending():
    grant = TopicEvent("g", K.GRANTED, minutes(0), 0, frozenset({"marketing"}), "web_form", "sha256:ab")
    request = TopicEvent("r", K.DOUBLE_OPT_IN_REQUESTED, minutes(1), 1, frozenset({"reminders"}))
    stop, ask = TopicEvent("s", K.REVOKE_ALL, minutes(2), 2), TopicEvent("q", K.CLARIFICATION_REQUESTED, minutes(2), 3)
    before = fold([grant, request], TOPICS, minutes(1))
    assert before["marketing"].by == grant and before["marketing"].since == minutes(0)
    assert before["marketing"].by.source == "web_form" and before["marketing"].by.evidence == "sha256:ab"
    assert before["reminders"].confirmation_requested == request and before["reminders"].status is TopicStatus.NEVER
    after = fold([grant, request, stop, ask], TOPICS, minutes(3))
    assert after["reminders"].confirmation_requested is None  # cancelled by the opt-out
    assert after["marketing"].since == minutes(2)
    assert after["marketing"].awaiting_clarification_until == minutes(2 + DAY)


def test_topics_no_longer_defined_keep_their_state_and_a_workspace_without_topics_has_none():
    assert fold(events((K.GRANTED, 0, "legacy")), (), T0)["legacy"].status is TopicStatus.GRANTED
    assert (
        fold(events((K.REVOKE_ALL, 0), (K.GRANTED, 1, "legacy"), (K.REVOKE_ALL, 2)), (), T0)["legacy"].by.event_id
        == "e2"
    )
    assert fold(events((K.REVOKE_ALL, 0)), (), T0) == {}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"at": datetime(2026, 12, 1, 12)}, "time zone"),
        ({"kind": K.GRANTED}, "names at least one topic"),
        ({"kind": K.REVOKED}, "names at least one topic"),
        ({"kind": K.DOUBLE_OPT_IN_REQUESTED}, "names at least one topic"),
    ],
)
def test_an_event_refuses_what_means_nothing(change, message):
    with pytest.raises(ValueError, match=message):
        TopicEvent(**{"event_id": "e", "kind": K.REVOKE_ALL, "at": T0, "sequence": 0, **change})


def state(topic: str, status: TopicStatus, awaiting_minutes: float | None = None) -> TopicState:
    until = minutes(awaiting_minutes) if awaiting_minutes is not None else None
    return TopicState(topic, status, awaiting_clarification_until=until)


S = ContactStatus
G, R, N = TopicStatus.GRANTED, TopicStatus.REVOKED, TopicStatus.NEVER

# (contact status, topic states, topic, expected); now is T0
SENDABLE = [
    (S.ACTIVE, {}, None, (True, None)),
    (None, {}, None, (True, None)),  # an unknown number, a workspace without topics: as today
    (S.OPTED_OUT, {}, None, (False, Suppression.OPTED_OUT)),
    (S.BLOCKED, {}, None, (False, Suppression.BLOCKED)),
    (S.ACTIVE, {"marketing": state("marketing", G)}, MARKETING, (True, None)),
    (S.ACTIVE, {"marketing": state("marketing", N)}, MARKETING, (False, Suppression.NO_CONSENT)),
    (S.ACTIVE, {}, MARKETING, (False, Suppression.NO_CONSENT)),  # a topic the fold did not know
    (None, {}, MARKETING, (False, Suppression.NO_CONSENT)),
    (S.ACTIVE, {"reminders": state("reminders", N)}, REMINDERS, (True, None)),
    (S.ACTIVE, {"marketing": state("marketing", R)}, MARKETING, (False, Suppression.TOPIC_REVOKED)),
    (S.ACTIVE, {"reminders": state("reminders", R)}, REMINDERS, (False, Suppression.TOPIC_REVOKED)),
    (S.OPTED_OUT, {"marketing": state("marketing", G)}, MARKETING, (False, Suppression.OPTED_OUT)),
    (S.BLOCKED, {"marketing": state("marketing", R, 60)}, MARKETING, (False, Suppression.BLOCKED)),
    (S.OPTED_OUT, {"marketing": state("marketing", R, 60)}, MARKETING, (False, Suppression.AWAITING_CLARIFICATION)),
    (S.ACTIVE, {"reminders": state("reminders", R, 60)}, REMINDERS, (False, Suppression.AWAITING_CLARIFICATION)),
    (S.OPTED_OUT, {"marketing": state("marketing", R, 0)}, MARKETING, (False, Suppression.OPTED_OUT)),  # window over
]


@pytest.mark.parametrize(("status", "states", "topic", "expected"), SENDABLE)
def test_sendable(status, states, topic, expected):
    assert sendable(status, states, topic, T0) == expected


@pytest.mark.parametrize(
    ("scope", "statuses", "expected"),
    [
        (RevocationScope.CLARIFY, [G, G], True),
        (RevocationScope.CLARIFY, [G, R, N], False),  # one topic held: nothing to ask
        (RevocationScope.CLARIFY, [], False),
        (RevocationScope.ALL, [G, G, G], False),
    ],
)
def test_asks_which_topics(scope, statuses, expected):
    states = {f"t{i}": TopicState(f"t{i}", status) for i, status in enumerate(statuses)}
    assert asks_which_topics(scope, states) is expected


@pytest.mark.parametrize(
    ("at", "effective", "expected"),
    [
        ("2027-01-30T23:59:59+00:00", None, False),
        ("2027-01-31T00:00:00+00:00", None, True),
        ("2027-01-30T20:00:00-05:00", None, True),  # already 31 January in UTC
        ("2026-12-01T12:00:00+00:00", None, False),
        ("2026-12-01T12:00:00+00:00", "2026-06-01", True),  # the date is a switch that can move
    ],
)
def test_revoke_all_applies(at, effective, expected):
    kwargs = {"effective": date.fromisoformat(effective)} if effective else {}
    assert revoke_all_applies(datetime.fromisoformat(at), **kwargs) is expected


def test_revoke_all_applies_refuses_a_naive_time():
    with pytest.raises(ValueError, match="time zone"):
        revoke_all_applies(datetime(2027, 2, 1))


# --- properties ------------------------------------------------------------------------------

CONSENT_KINDS = (K.GRANTED, K.REVOKED, K.REVOKE_ALL)
NAMED = ("marketing", "reminders", "alerts", "legacy")  # `legacy` is no longer defined


@st.composite
def histories(draw: st.DrawFn, kinds: tuple[TopicEventKind, ...] = CONSENT_KINDS) -> list[TopicEvent]:
    """Events with few distinct times (so ties happen), each with its place in the record."""
    count = draw(st.integers(0, 12))
    found = []
    for sequence in range(count):
        kind = draw(st.sampled_from(kinds))
        names = draw(
            st.frozensets(
                st.sampled_from(NAMED), min_size=1 if kind in (K.GRANTED, K.REVOKED, K.DOUBLE_OPT_IN_REQUESTED) else 0
            )
        )
        found.append(TopicEvent(f"e{sequence}", kind, minutes(draw(st.integers(0, 6))), sequence, names))
    return found


def touches(event: TopicEvent, topic: str) -> bool:
    return event.kind is K.REVOKE_ALL or topic in event.topics


def oracle(history: list[TopicEvent], topic: str) -> tuple[TopicStatus, str | None]:
    """A topic's state is its newest event's: granted for a grant, revoked for any revocation."""
    mine = sorted((e for e in history if touches(e, topic)), key=lambda e: (e.at, e.sequence))
    if not mine:
        return TopicStatus.NEVER, None
    newest = mine[-1]
    return (TopicStatus.GRANTED if newest.kind is K.GRANTED else TopicStatus.REVOKED), newest.event_id


@PROPERTY
@given(histories(), st.randoms(use_true_random=False))
def test_each_topic_is_the_fold_of_its_events_in_time_order_whatever_the_arrival_order(history, rng):
    arrived = list(history)
    rng.shuffle(arrived)
    found = fold(arrived, TOPICS, minutes(10))
    names = {t.id for t in TOPICS} | {n for e in history for n in e.topics}
    assert set(found) == names
    for topic in names:
        assert (found[topic].status, found[topic].by.event_id if found[topic].by else None) == oracle(history, topic)


@PROPERTY
@given(histories(), st.sampled_from(NAMED), st.integers(0, 6), st.randoms(use_true_random=False))
def test_an_opt_out_is_never_undone_by_an_older_grant(history, topic, minute, rng):
    revocations = [e for e in history if e.kind is not K.GRANTED and touches(e, topic)]
    if not revocations:
        return
    newest = max(revocations, key=lambda e: (e.at, e.sequence))
    # A grant sent before the newest revocation, arriving last of all (its place is after every event).
    late = TopicEvent(
        "late", K.GRANTED, min(minutes(minute), newest.at - timedelta(seconds=1)), len(history), frozenset({topic})
    )
    arrived = [*history, late]
    rng.shuffle(arrived)
    after = fold(arrived, TOPICS, minutes(10))[topic]
    assert after.by is not None and after.by.event_id != "late"
    if oracle(history, topic)[1] == newest.event_id:  # the newest event on the topic revoked it
        assert after.status is TopicStatus.REVOKED
    before = fold(history, TOPICS, minutes(10))
    if topic in before:  # a topic first named by the late grant was unknown before it
        assert after == before[topic]


@PROPERTY
@given(histories(kinds=tuple(TopicEventKind)), st.randoms(use_true_random=False), st.integers(0, 3 * DAY))
def test_the_fold_of_any_history_does_not_depend_on_arrival_order(history, rng, now):
    arrived = list(history)
    rng.shuffle(arrived)
    assert fold(arrived, TOPICS, minutes(now)) == fold(history, TOPICS, minutes(now))


def content_of(event: TopicEvent) -> dict:
    return {
        "event_id": event.event_id,
        "kind": event.kind,
        "at": event.at,
        "sequence": event.sequence,
        "topics": event.topics,
        "source": event.source,
        "evidence": event.evidence,
    }


def event_from(content: dict) -> TopicEvent:
    return TopicEvent(
        content["event_id"],
        TopicEventKind(content["kind"]),
        datetime.fromisoformat(content["at"]),
        content["sequence"],
        frozenset(content["topics"]),
        content["source"],
        content["evidence"],
    )


@PROPERTY
@given(histories(kinds=tuple(TopicEventKind)), st.randoms(use_true_random=False))
def test_a_history_chained_as_it_arrived_verifies_and_folds_back_to_the_same_states(history, rng):
    arrived = list(history)
    rng.shuffle(arrived)
    chain = build_chain([content_of(event) for event in arrived])
    saved = [ChainEntry(json.loads(canonical_json(e.content)), e.content_hash, e.previous_hash) for e in chain]
    assert verify(saved, head=chain[-1].chain_hash if chain else GENESIS).ok
    read_back = [event_from(dict(entry.content)) for entry in saved]
    assert fold(read_back, TOPICS, minutes(10)) == fold(history, TOPICS, minutes(10))
