"""Property: whatever sequence of consents and revocations reaches the real handlers (against moto),
each contact's topics add up to the fold of the events its evidence export lists, and the record
agrees with itself everywhere it is read (issue #13, docs/consent-topics.md).

A sequence mixes opt-ins with proof (`POST /v1/consents`, some captured before earlier events),
signed Twilio STOP, a topic keyword (STOP PROMO), START, `set_status` opt-outs and blocks, an
admin's opt-in with a note, and clarification replies, under the policy `all` or `clarify`. After
it, for each contact: GET consents equals the fold of the exported events; the contact item's
`topics` map agrees; eligibility by topic agrees with `sendable()`; the export verifies; and no
granted topic rests on an event older than the revocation it would undo. Moto starts once per
test; every example uses numbers of its own, so examples share no state.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from optout import repository
from optout.cli import evidence as cli
from optout.models import ConsentEvent, iso, utc_now
from optout.rules.clarification import topic_events
from optout.rules.topic_consent import (
    TopicDefinition,
    TopicEvent,
    TopicEventKind,
    TopicState,
    TopicStatus,
    fold,
    revoke_all_applies,
    sendable,
)
from optout.rules.topic_revocation import entry_for
from tests.integration.test_inbound_sms import NUMBERS, carrier_signing, inboxes, published, send

SHARED_FIXTURES = (inboxes, published)  # the inbound tests' signed inboxes and captured replies

TOPICS = (
    TopicDefinition("marketing", "Marketing", express_consent=True, keywords=("STOP PROMO",)),
    TopicDefinition("reminders", "Reminders"),
    TopicDefinition("alerts", "Account alerts", express_consent=True),
)
BY_ID = {topic.id: topic for topic in TOPICS}
DISCLOSURE = "Yes, text me from Acme Dental about the topics I ticked. Reply STOP to cancel."
TEXTS = ("STOP", "STOP PROMO", "START", "marketing", "Reminders please", "alerts and marketing", "ALL")
_numbers = itertools.count(1000)

contacts = st.integers(0, 1)
operations = st.one_of(
    # An opt-in with proof, captured some minutes ago: possibly before events already recorded.
    st.tuples(st.just("consent"), contacts, st.sets(st.sampled_from(sorted(BY_ID)), min_size=1),
              st.sampled_from((0, 1, 30, 600))),
    st.tuples(st.just("sms"), contacts, st.sampled_from(TEXTS)),
    st.tuples(st.just("set_status"), contacts, st.sampled_from(("unsubscribed", "blocked", "subscribed"))),
)
stories = st.tuples(st.sampled_from(("all", "clarify")), st.lists(operations, min_size=1, max_size=8))


@pytest.fixture
def world(api, workspace, inboxes, published):
    for topic in TOPICS:
        body = {"name": topic.name, "express_consent": topic.express_consent, "keywords": list(topic.keywords)}
        status, answer = api.request("PUT", f"/v1/topics/{topic.id}", key=workspace["admin"], json_body=body)
        assert status in (200, 201), answer
    return api, workspace


def run(api, workspace, phone, operation):
    kind, _, arg, *rest = operation
    if kind == "consent":
        captured = iso(datetime.now(UTC) - timedelta(minutes=rest[0]))
        body = {"phone": phone, "topics": sorted(arg), "source": "paper", "captured_at": captured,
                "disclosure": DISCLOSURE}
        before = repository.get_contact(workspace["id"], phone)
        status, answer = api.request("POST", "/v1/consents", key=workspace["member"], json_body=body)
        if before is not None and before.is_suppressed:  # recording a form never undoes a revocation
            assert status == 409 and answer["error"]["code"] == "contact_suppressed", answer
        else:
            assert status == 201, answer
    elif kind == "sms":
        body = carrier_signing.inbound_body("twilio", phone, NUMBERS["twilio"], arg, uuid.uuid4().hex)
        status, answer = send(api, "twilio", arg, body=body)
        assert status == 200, answer
    else:  # an admin (only an admin may unblock or opt back in) opts out, blocks, or opts in with a note
        key = workspace["admin"]
        body = {"phone": phone, "status": arg, "note": "asked us by phone"}
        known = repository.get_contact(workspace["id"], phone) is not None
        status, answer = api.request("POST", "/v1/contact/set_status", key=key, json_body=body)
        # An opt-in needs a contact on record: there is nothing to opt back in otherwise.
        assert status == (200 if known or arg != "subscribed" else 404), answer


def exported(api, workspace, phone):
    """The contact's evidence export, checked offline, and its events as the fold sees them."""
    status, export = api.request("GET", f"/v1/contacts/{phone}/evidence", key=workspace["member"])
    assert status == 200, export
    assert cli.verify_export(export)[0] is True, export["chain"]
    stored = [ConsentEvent.model_validate(event["content"]) for event in export["events"]]
    return export, stored, [found for event in stored for found in topic_events(event)]


def when(event: TopicEvent) -> tuple[datetime, int, str]:
    """When the person acted, as the docs order events (kept apart from the fold's own order)."""
    return (event.at, event.sequence, event.event_id)


def assert_no_older_event_undoes_a_revocation(states, events):
    """A granted topic rests on an event newer than every revocation of it, unless the contact's
    own clarification reply, after the newest opt-out, left that topic out (docs/consent-topics.md)."""
    for name, state in states.items():
        if state.status is not TopicStatus.GRANTED:
            continue
        revocations = [e for e in events if e.kind is TopicEventKind.REVOKE_ALL
                       or (e.kind is TopicEventKind.REVOKED and name in e.topics)]
        if not revocations:
            continue
        newest = max(revocations, key=when)
        if state.by is not None and when(state.by) > when(newest):
            continue
        narrowed = [e for e in events if e.kind is TopicEventKind.CLARIFIED and when(e) > when(newest)
                    and e.topics and name not in e.topics]
        assert newest.kind is TopicEventKind.REVOKE_ALL and narrowed, (name, state, newest)


def assert_contact_agrees(api, workspace, phone, window):
    contact = repository.get_contact(workspace["id"], phone)
    if contact is None:
        return
    export, stored, events = exported(api, workspace, phone)
    now = utc_now()
    states = fold(events, TOPICS, now, window)  # (a) the oracle: the fold of the exported events
    status, shown = api.request("GET", f"/v1/contacts/{phone}/consents", key=workspace["member"])
    assert status == 200, shown
    shown = {topic["topic"]: topic for topic in shown["topics"]}
    for topic in TOPICS:
        state = states.get(topic.id) or TopicState(topic.id)
        view = shown[topic.id]
        assert view["status"] == state.status.value, (topic.id, view, state)
        assert (view["by"] or {}).get("event_id") == (state.by.event_id if state.by else None), topic.id
        ok, why = sendable(contact.status, states, topic, now)
        assert (view["sendable"], view["suppression"]) == (ok, why.value if why else None), (topic.id, view)
        entry = entry_for(contact.topics, topic.id)  # (b) the item's map says the same
        if state.by is None:
            assert entry is None or entry.status == "never", (topic.id, entry)
        else:
            assert (entry.status, entry.event_id, entry.since) == (state.status.value, state.by.event_id, state.since)
        # (c) eligibility by topic answers as sendable() does
        body = {"phones": [phone], "topic": topic.id}
        status, answer = api.request("POST", "/v1/eligibility", key=workspace["member"], json_body=body)
        assert status == 200, answer
        found = {entry["phone"]: entry["suppression"] for entry in answer.get("suppressed", [])}.get(phone)
        assert found == (why.value if why else None), (topic.id, answer, states)
    # (d) verified above; the head on the item is the export's
    assert (contact.chain_head, contact.chain_length) == (export["chain"]["head"], len(stored))
    assert_no_older_event_undoes_a_revocation(states, events)  # (e)
    for event, listed in zip(stored, export["events"], strict=True):
        # An opt-out that revoked held topics says whether the rule required it, by the date it names.
        if event.revoke_all_effective is not None:
            effective = date.fromisoformat(event.revoke_all_effective)
            assert event.revoke_all_required is revoke_all_applies(event.occurred_at, effective), event
        else:
            assert event.revoke_all_required is None, event
        assert listed["summary"]["revoke_all_required"] == event.revoke_all_required
    by_id = {event.event_id: event for event in stored}
    for view in shown.values():  # and GET consents shows it on the event a topic rests on
        if view["by"] is not None:
            assert view["by"]["revoke_all_required"] == by_id[view["by"]["event_id"]].revoke_all_required


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(story=stories)
# The clarification path: two topics held, STOP asks which, the reply narrows it to marketing.
@example(story=("clarify", [("consent", 0, frozenset({"marketing", "reminders"}), 1), ("sms", 0, "STOP"),
                            ("sms", 0, "marketing"), ("consent", 0, frozenset({"alerts"}), 600)]))
# An old form after a STOP and an admin's opt-in grants nothing: it is older than the STOP.
@example(story=("all", [("consent", 1, frozenset({"alerts"}), 0), ("sms", 1, "STOP"),
                        ("set_status", 1, "subscribed"), ("consent", 1, frozenset({"alerts", "reminders"}), 600),
                        ("sms", 1, "STOP PROMO")]))
def test_each_topic_is_the_fold_of_its_events_and_the_chain_verifies(world, story):
    api, workspace = world
    scope, steps = story
    status, answer = api.request("PUT", "/v1/settings", key=workspace["admin"], json_body={"revocation_scope": scope})
    assert status == 200, answer
    phones = [f"+1415555{next(_numbers):04d}" for _ in range(2)]  # fresh contacts: nothing from other examples
    for operation in steps:
        run(api, workspace, phones[operation[1]], operation)
    for phone in phones:
        assert_contact_agrees(api, workspace, phone, timedelta(hours=24))


def test_an_opt_out_records_whether_the_revoke_all_rule_required_it(world):
    """The workspace's date decides the record (here already past, so the rule required it); the
    export and GET consents show it."""
    api, workspace = world
    body = {"revocation_scope": "clarify", "revoke_all_effective": "2026-01-01"}
    assert api.request("PUT", "/v1/settings", key=workspace["admin"], json_body=body)[0] == 200
    phone = f"+1415555{next(_numbers):04d}"
    run(api, workspace, phone, ("consent", 0, frozenset({"marketing", "reminders"}), 1))
    run(api, workspace, phone, ("sms", 0, "STOP"))  # asks which topics: the workspace's date applies
    export, stored, _ = exported(api, workspace, phone)
    assert (stored[-1].revoke_all_required, stored[-1].revoke_all_effective) == (True, "2026-01-01")
    assert export["events"][-1]["summary"]["revoke_all_required"] is True
    assert stored[0].revoke_all_required is None  # the opt-in with proof is no revocation
    status, shown = api.request("GET", f"/v1/contacts/{phone}/consents", key=workspace["member"])
    assert status == 200 and {t["by"]["revoke_all_required"] for t in shown["topics"]} == {True}, shown
    assert_contact_agrees(api, workspace, phone, timedelta(hours=24))
