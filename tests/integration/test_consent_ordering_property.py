"""Property: whatever order a contact's messages arrive in, and however often, the real
`handle_inbound` (against moto) ends where the contact's newest consent keyword says.

Telnyx stamps each message, so "newest" is by carrier time. Twilio stamps none, so the only order
is arrival: "newest" is the consent keyword whose first delivery came last. Moto starts once per
test; every generated sequence uses a number of its own, so examples share no state.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from optout import repository
from optout.carriers import InboundMessage
from optout.models import ContactStatus, Inbox, WorkspaceSettings
from optout.services.inbound import handle_inbound

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
INBOXES = {"telnyx": "+15005550002", "twilio": "+15005550001"}
OPT_OUT = ("STOP", "Stop", "END")
OPT_IN = ("START", "UNSTOP", "YES")
ORDINARY = ("see you at 5", "thanks")
OTHER = ("HELP", *ORDINARY)
TEXTS = OPT_OUT + OPT_IN + OTHER
_numbers = itertools.count(1)


@st.composite
def deliveries(draw: st.DrawFn) -> tuple[str, list[tuple[str, int]], list[int]]:
    """(provider, messages as (text, carrier milliseconds after T0), delivery order by index)."""
    provider = draw(st.sampled_from(sorted(INBOXES)))
    texts = draw(st.lists(st.sampled_from(TEXTS), min_size=1, max_size=6))
    # Distinct times: two messages stamped alike are ordered by arrival, which no oracle can know.
    stamps = draw(st.lists(st.integers(0, 10_000), min_size=len(texts), max_size=len(texts), unique=True))
    repeats = draw(st.lists(st.integers(0, len(texts) - 1), max_size=4))
    order = draw(st.permutations([*range(len(texts)), *repeats]))
    return provider, list(zip(texts, stamps, strict=True)), order


def expected_status(provider: str, messages: list[tuple[str, int]], order: list[int]) -> ContactStatus:
    consent = [i for i, (text, _) in enumerate(messages) if text not in OTHER]
    if not consent:
        return ContactStatus.ACTIVE
    if provider == "telnyx":
        newest = max(consent, key=lambda i: messages[i][1])
    else:
        first_arrivals = list(dict.fromkeys(order))
        newest = max(consent, key=first_arrivals.index)
    return ContactStatus.OPTED_OUT if messages[newest][0] in OPT_OUT else ContactStatus.ACTIVE


def folded_status(workspace_id: str, phone: str) -> ContactStatus:
    """The status the contact's consent events add up to, checking that they chain."""
    events, _ = repository.query_contact_events(workspace_id, phone, limit=100)
    status = ContactStatus.ACTIVE  # a contact without events is active
    previous: set[ContactStatus | None] = {None, ContactStatus.ACTIVE}  # the first event's
    for event in reversed(events):  # oldest first
        assert event.previous_status in previous and event.status is not event.previous_status
        status = event.status
        previous = {status}
    return status


def event_count(workspace_id: str, phone: str) -> int:
    return len(repository.query_contact_events(workspace_id, phone, limit=100)[0])


@pytest.fixture
def world(aws: None) -> dict[str, Inbox]:
    from optout.services import accounts

    workspace, _, _ = accounts.create_workspace("Ordering")
    return {
        provider: Inbox(number=number, workspace_id=workspace.id, provider=provider, created_at=T0)
        for provider, number in INBOXES.items()
    }


@settings(
    max_examples=500,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=deliveries())
# The hole this guards: STOP (t0), STOP (t2), then a late START (t1) must leave the contact out.
@example(case=("telnyx", [("STOP", 0), ("STOP", 2000), ("START", 1000)], [0, 1, 2]))
def test_final_status_is_the_newest_consent_keywords_whatever_the_arrival(world, case):
    provider, messages, order = case
    inbox = world[provider]
    phone = f"+1555{next(_numbers):07d}"  # a fresh contact: no state from other examples
    seen: set[int] = set()
    for index in order:
        text, stamp = messages[index]
        message = InboundMessage(
            provider=provider,
            message_id=f"{provider}-{phone}-{index}",  # carriers never reuse an id
            from_number=phone,
            to_number=inbox.number,
            text=text,
            sent_at=T0 + timedelta(milliseconds=stamp) if provider == "telnyx" else None,
            carrier_opt_out_type=None,
        )
        before = event_count(inbox.workspace_id, phone) if index in seen else None
        result = handle_inbound(message, inbox, WorkspaceSettings())
        if before is not None:
            assert not result.changed and (result.duplicate or text in ORDINARY)  # ordinary: nothing kept
            assert event_count(inbox.workspace_id, phone) == before, "a duplicate wrote an event"
        seen.add(index)
    contact = repository.get_contact(inbox.workspace_id, phone)
    status = contact.status if contact is not None else ContactStatus.ACTIVE
    assert status is expected_status(provider, messages, order)
    assert status is folded_status(inbox.workspace_id, phone)

